/**
 * Routing algorithms: how one load-balancer node picks a target among its eligible ones.
 *
 * AWS documents round_robin (the default), least_outstanding_requests and weighted_random for
 * ALB target groups, flow_hash for NLB (ALB-TG, ELB-HOW). `random` and `power_of_two_choices`
 * are not AWS algorithms; they exist for what-if studies (the supermarket model). Each node keeps
 * its own state (round-robin position, outstanding counts), as AWS nodes do [inferred].
 *
 * Slow start (ALB-TG): a target in slow start is picked with probability proportional to its ramp
 * weight (t − start) / duration, settled targets having weight 1, which makes its expected share
 * grow linearly to its fair share. Round robin keeps its order over the settled targets and gives
 * the ramping ones their weighted share in between; random and weighted random sample the
 * weights exactly. Least outstanding requests, power of two choices and flow hash do not weigh.
 *
 * Cost per request, at any fleet size: no algorithm scans the eligible list or retries a pick.
 * Round robin, random, weighted random, flow hash and power of two choices index it directly;
 * least outstanding requests reads the node's buckets (`RoutingNode`). Under slow start one draw
 * splits the total weight, which the node keeps in closed form (`RoutingNode.setSlowStart`):
 * below the settled targets' share it indexes them directly, above it a binary search over the
 * ramping targets' prefix sums finds the pick: O(log k) for k targets in slow start.
 */
import type { Algorithm } from '../../scenario/types.ts';
import type { RandomStream } from '../../engine/random.ts';

export interface RoutingView {
  /** Eligible targets of the node and how many there are. */
  readonly eligible: Int32Array;
  readonly length: number;
  /** The node's outstanding requests per target index. */
  readonly outstanding: Int32Array;
  /** The node's round-robin position. */
  rr: number;
  /**
   * Least outstanding requests only: the eligible targets ordered by outstanding count
   * (nondecreasing), and `end[c]`, how many eligible targets have at most c outstanding (valid
   * for every c up to the largest count; see `RoutingNode`).
   */
  readonly sorted: Int32Array;
  readonly end: Int32Array;
  /**
   * Slow start (round robin, random, weighted random): how many eligible targets are ramping at
   * this node, 0 when none is (the algorithms then read only `eligible`). While some are:
   * `settled[0 .. settledLen)` are the others in eligible order, `ramp[0 .. rampLen)` the ramping
   * ones by start of their ramp (ties by member row), `rampBase` the earliest start, and
   * `rampSum[k]` = Σ_{j<k} (start_j − rampBase), so the first k ramping targets weigh
   * (k·(now − rampBase) − rampSum[k]) / slowStartS together.
   */
  readonly rampLen: number;
  readonly ramp: Int32Array;
  readonly rampSum: Float64Array;
  readonly rampBase: number;
  readonly settled: Int32Array;
  readonly settledLen: number;
  readonly slowStartS: number;
}

/**
 * One load-balancer node's routing state over a target group: its eligible members (rebuilt by
 * `setEligible` when registrations or health change) and, for least outstanding requests, the
 * same members bucketed by their outstanding count at this node, kept in step by `up` and `down`
 * as requests are counted and released, so no request scans the eligible list.
 *
 * The buckets: `sorted` holds the eligible members ordered by count, `rank[m]` is m's index in it
 * (-1 for a member not eligible at this node), and `end[c]` is the number of eligible members
 * with count ≤ c, so bucket c is `sorted[end[c − 1] .. end[c])`. A count going from c to c + 1
 * swaps the member with the last of bucket c and moves that boundary down by one; c to c − 1
 * swaps it with the first of bucket c and moves the boundary below up by one: O(1) each, no
 * allocation (`end` grows, doubling, only when a count exceeds every count before it). The least
 * loaded members are then `sorted[0 .. end[c0])` with c0 the count of `sorted[0]`. Order within a
 * bucket is whatever the swaps left, which is deterministic; the tie-break draws uniformly over
 * the whole bucket, so that order does not matter to the distribution.
 */
export class RoutingNode implements RoutingView {
  eligible = new Int32Array(16);
  length = 0;
  rr = 0;
  sorted = new Int32Array(16);
  end = new Int32Array(16);
  rampLen = 0;
  ramp = new Int32Array(0);
  rampSum = new Float64Array(1);
  rampBase = 0;
  settled = new Int32Array(0);
  settledLen = 0;
  /** Whether this node keeps buckets (least outstanding requests does; no other algorithm reads them). */
  readonly tracks: boolean;
  /** Whether its algorithm weighs targets in slow start (round robin, random, weighted random). */
  readonly weighs: boolean;

  constructor(
    /** The node's outstanding counts and ranks, by member row (the members table's columns). */
    public outstanding: Int32Array,
    public rank: Int32Array,
    algorithm: Algorithm,
    /** The target group's slow-start duration in seconds (0: off). */
    readonly slowStartS = 0,
  ) {
    this.tracks = algorithm === 'least_outstanding_requests';
    this.weighs = slowStartS > 0 && (algorithm === 'round_robin' || algorithm === 'random' || algorithm === 'weighted_random');
  }

  /**
   * The eligible members ramping at `now` are those with `slowStartEndS[m] > now`: splits the
   * eligible list into settled and ramping members and sums the ramps' starts (module comment).
   * O(n + k log k), at registration, health and slow-start events only (never per request); after
   * `setEligible`, and again whenever a ramp ends.
   */
  setSlowStart(slowStartEndS: Float64Array, now: number): void {
    this.rampLen = 0;
    if (!this.weighs) return;
    const len = this.length;
    if (this.settled.length < len) {
      this.settled = new Int32Array(this.eligible.length);
      this.ramp = new Int32Array(this.eligible.length);
      this.rampSum = new Float64Array(this.eligible.length + 1);
    }
    let settled = 0;
    let ramping = 0;
    for (let k = 0; k < len; k++) {
      const m = this.eligible[k]!;
      if (slowStartEndS[m]! > now) this.ramp[ramping++] = m;
      else this.settled[settled++] = m;
    }
    this.settledLen = settled;
    if (ramping === 0) return;
    const ramp = this.ramp.subarray(0, ramping);
    // Every ramp lasts slowStartS, so ordering by end orders by start.
    ramp.sort((a, b) => slowStartEndS[a]! - slowStartEndS[b]! || a - b);
    const base = slowStartEndS[ramp[0]!]! - this.slowStartS;
    this.rampBase = base;
    this.rampSum[0] = 0;
    for (let k = 0; k < ramping; k++) this.rampSum[k + 1] = this.rampSum[k]! + (slowStartEndS[ramp[k]!]! - this.slowStartS - base);
    this.rampLen = ramping;
  }

  /** The members table grew: its columns are new arrays. */
  rebind(outstanding: Int32Array, rank: Int32Array): void {
    this.outstanding = outstanding;
    this.rank = rank;
  }

  /**
   * The node's eligible members are now `list[0 .. len)` (in server order). Buckets are rebuilt by
   * a counting sort, stable in that order: O(len + largest count), at registration, health and
   * drain events only.
   */
  setEligible(list: Int32Array, len: number): void {
    if (this.eligible.length < len) this.eligible = new Int32Array(Math.max(16, list.length));
    if (this.eligible !== list) this.eligible.set(list.subarray(0, len));
    const old = this.length;
    this.length = len;
    if (len > 0) this.rr %= len;
    if (!this.tracks) return;
    const { rank, outstanding } = this;
    for (let k = 0; k < old; k++) rank[this.sorted[k]!] = -1;
    if (this.sorted.length < len) this.sorted = new Int32Array(Math.max(16, list.length));
    let max = 0;
    for (let k = 0; k < len; k++) max = Math.max(max, outstanding[list[k]!]!);
    if (this.end.length < max + 2) this.end = new Int32Array(Math.max(2 * this.end.length, max + 2));
    const end = this.end;
    // end[c] first counts the members with count c − 1 ... then becomes the start of bucket c.
    end.fill(0, 0, max + 2);
    for (let k = 0; k < len; k++) end[outstanding[list[k]!]! + 1]!++;
    for (let c = 1; c <= max + 1; c++) end[c]! += end[c - 1]!;
    const sorted = this.sorted;
    for (let k = 0; k < len; k++) {
      const m = list[k]!;
      const at = end[outstanding[m]!]!++;
      sorted[at] = m;
      rank[m] = at;
    }
    // Bucket c's start, advanced past its members, is now its end; every count above max: all.
    end.fill(len, max + 1);
  }

  /** Member m's count at this node went from c to c + 1 (called only while m is ranked). */
  up(m: number, c: number): void {
    const { sorted, rank } = this;
    const i = rank[m]!;
    const j = this.end[c]! - 1;
    const other = sorted[j]!;
    sorted[i] = other;
    rank[other] = i;
    sorted[j] = m;
    rank[m] = j;
    this.end[c] = j;
    if (c + 2 >= this.end.length) this.growEnd();
  }

  /** Member m's count at this node went from c to c − 1 (c ≥ 1; called only while m is ranked). */
  down(m: number, c: number): void {
    const { sorted, rank, end } = this;
    const i = rank[m]!;
    const j = end[c - 1]!;
    const other = sorted[j]!;
    sorted[i] = other;
    rank[other] = i;
    sorted[j] = m;
    rank[m] = j;
    end[c - 1] = j + 1;
  }

  private growEnd(): void {
    const end = new Int32Array(this.end.length * 2);
    end.set(this.end);
    end.fill(this.length, this.end.length);
    this.end = end;
  }

  /** The first way the buckets disagree with the counts and the eligible list, as a sentence; null when they agree (tests, invariants). */
  problem(): string | null {
    if (!this.tracks) return null;
    const { sorted, rank, outstanding, end, length } = this;
    const seen = new Set<number>();
    for (let k = 0; k < length; k++) {
      const m = sorted[k]!;
      if (rank[m] !== k) return `member ${m} sits at ${k} of the buckets but is ranked ${rank[m]}`;
      const c = outstanding[m]!;
      if (c >= end.length - 1) return `member ${m} has ${c} outstanding, beyond the bucket bounds (${end.length})`;
      if (!(k < end[c]! && (c === 0 || k >= end[c - 1]!))) return `member ${m} with ${c} outstanding sits at ${k}, outside bucket ${c} [${c === 0 ? 0 : end[c - 1]}, ${end[c]})`;
      seen.add(m);
    }
    for (let k = 0; k < length; k++) if (!seen.has(this.eligible[k]!)) return `eligible member ${this.eligible[k]} is not in the buckets`;
    if (end[end.length - 1] !== length) return `the last bucket bound is ${end[end.length - 1]}, not the ${length} eligible members`;
    return null;
  }
}

/** Picks a target for a request from `client` at simulated time `now` (slow-start weights read it). */
export type Router = (view: RoutingView, client: number, now: number) => number;

export function makeRouter(algorithm: Algorithm, stream: RandomStream): Router {
  switch (algorithm) {
    case 'round_robin':
      return (v, _client, now) => {
        if (v.rampLen > 0) return slowStartPick(v, stream, now, true);
        const len = v.length;
        const t = v.eligible[v.rr % len]!;
        v.rr = (v.rr + 1) % len;
        return t;
      };
    case 'random':
    case 'weighted_random':
      return (v, _client, now) => {
        if (v.rampLen > 0) return slowStartPick(v, stream, now, false);
        return v.eligible[Math.floor(stream.next() * v.length)]!;
      };
    case 'least_outstanding_requests':
      // O(1) over RoutingNode: the least loaded are sorted[0 .. end[c0]). A draw is made
      // only when they tie, and then uniformly over all of them, as join-the-shortest-queue
      // assumes; the same number of draws from the same stream as a scan would make.
      return (v) => {
        const first = v.sorted[0]!;
        const ties = v.end[v.outstanding[first]!]!;
        return ties === 1 ? first : v.sorted[Math.floor(stream.next() * ties)]!;
      };
    case 'power_of_two_choices':
      return (v) => {
        const len = v.length;
        const i = Math.floor(stream.next() * len);
        const a = v.eligible[i]!;
        if (len === 1) return a;
        // The second choice is uniform over the other len − 1 targets.
        let j = Math.floor(stream.next() * (len - 1));
        if (j >= i) j++;
        const b = v.eligible[j]!;
        return v.outstanding[b]! < v.outstanding[a]! ? b : a;
      };
    case 'flow_hash':
      return (v, client) => v.eligible[hashClient(client) % v.length]!;
  }
}

/**
 * A pick under slow start, with one draw over the node's total weight counted in units of
 * slowStartS (a settled target weighs slowStartS, a ramping one now − its start): a draw in the
 * settled targets' part takes the next of them in round-robin order (`roundRobin`) or the one it
 * falls on; in the ramping part, a binary search over the prefix sums finds the target it falls
 * on. With no weight at all (no settled target, every ramp starting now) they share uniformly.
 */
function slowStartPick(v: RoutingView, stream: RandomStream, now: number, roundRobin: boolean): number {
  const k = v.rampLen;
  const settled = v.settledLen;
  const settledWeight = settled * v.slowStartS;
  const elapsed = now - v.rampBase;
  const total = settledWeight + (k * elapsed - v.rampSum[k]!);
  const u = stream.next();
  if (!(total > 0)) return v.ramp[Math.min(k - 1, Math.floor(u * k))]!;
  const x = u * total;
  if (x < settledWeight) {
    if (!roundRobin) return v.settled[Math.min(settled - 1, Math.floor(x / v.slowStartS))]!;
    const t = v.settled[v.rr % settled]!;
    v.rr = (v.rr + 1) % settled;
    return t;
  }
  // The first j whose ramps up to and including j weigh more than y.
  const y = x - settledWeight;
  let lo = 0;
  let hi = k - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((mid + 1) * elapsed - v.rampSum[mid + 1]! > y) hi = mid;
    else lo = mid + 1;
  }
  return v.ramp[lo]!;
}

/** A 32-bit mix of the client address, standing in for NLB's flow-tuple hash. */
export function hashClient(client: number): number {
  let h = Math.imul(client ^ 0x9e3779b9, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

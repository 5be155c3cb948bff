/**
 * Routing algorithms: how one load-balancer node picks a target among its eligible ones.
 *
 * AWS documents round_robin (the default), least_outstanding_requests and weighted_random for
 * ALB target groups, flow_hash for NLB (ALB-TG, ELB-HOW). `random` and `power_of_two_choices`
 * are not AWS algorithms; they exist for what-if studies (the supermarket model). Each node keeps
 * its own state (round-robin position, outstanding counts), as AWS nodes do [inferred].
 *
 * Slow start (ALB-TG): a target in slow start is accepted with probability equal to its ramp
 * weight t / duration, which makes its expected share grow linearly to its fair share.
 *
 * Cost per request, at any fleet size: no algorithm scans the eligible list. Round robin, random,
 * weighted random, flow hash and power of two choices index it directly; least outstanding
 * requests reads the node's buckets (`RoutingNode`). Under slow start a pick is retried while a
 * ramping target declines it: the expected number of tries is the inverse of the mean weight of
 * the targets tried, not a function of the fleet's size (bounded by the list's length for round
 * robin, by 64 for random).
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
  /** Whether this node keeps buckets (least outstanding requests does; no other algorithm reads them). */
  readonly tracks: boolean;

  constructor(
    /** The node's outstanding counts and ranks, by member row (the members table's columns). */
    public outstanding: Int32Array,
    public rank: Int32Array,
    algorithm: Algorithm,
  ) {
    this.tracks = algorithm === 'least_outstanding_requests';
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

/** Weight in (0, 1] of a target, below 1 only while in slow start. */
export type WeightOf = (target: number) => number;

export type Router = (view: RoutingView, client: number, weightOf: WeightOf | null) => number;

export function makeRouter(algorithm: Algorithm, stream: RandomStream): Router {
  switch (algorithm) {
    case 'round_robin':
      return (v, _client, weightOf) => {
        const len = v.length;
        for (let tries = 0; tries < len; tries++) {
          const t = v.eligible[v.rr % len]!;
          v.rr = (v.rr + 1) % len;
          if (weightOf === null || accept(weightOf(t), stream)) return t;
        }
        return v.eligible[v.rr % len]!;
      };
    case 'random':
    case 'weighted_random':
      return (v, _client, weightOf) => {
        const len = v.length;
        for (let tries = 0; tries < 64; tries++) {
          const t = v.eligible[Math.floor(stream.next() * len)]!;
          if (weightOf === null || accept(weightOf(t), stream)) return t;
        }
        return v.eligible[0]!;
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

function accept(weight: number, stream: RandomStream): boolean {
  return weight >= 1 || stream.next() < weight;
}

/** A 32-bit mix of the client address, standing in for NLB's flow-tuple hash. */
export function hashClient(client: number): number {
  let h = Math.imul(client ^ 0x9e3779b9, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * Target-group members: one row per (target group, server) registration, as AWS lists a target
 * group's targets (ALB-TG). A member has a registration state (registered, draining, or not),
 * a health state as the target group's health checks see it (initial, healthy, unhealthy) with
 * its run of passing and failing checks, its slow-start end, the requests its target group sent
 * it, and the per-load-balancer-node count of its outstanding requests (least outstanding
 * requests and power of two choices read it). A server that leaves and comes back (a warm-pool
 * instance reused) keeps its row. Rows are never removed.
 */
import { grown, nextCapacity } from '../table.ts';
import type { RoutingNode } from './routing.ts';

export const enum Health {
  /** Registered, no health check passed yet (AWS: `initial`). */
  Initial = 0,
  Healthy = 1,
  Unhealthy = 2,
}

export const enum Registration {
  None = 0,
  Registered = 1,
  Draining = 2,
}

export class Members {
  count = 0;
  capacity: number;
  /** Target group, server, and the instance behind the server (-1 for a target that is no instance). */
  tg: Int32Array;
  server: Int32Array;
  instance: Int32Array;
  zone: Int32Array;
  registration: Uint8Array;
  health: Uint8Array;
  /** Consecutive passing / failing health checks. */
  passes: Int32Array;
  fails: Int32Array;
  /** Until when the member is in slow start (0: not). */
  slowStartEndS: Float64Array;
  /** Requests the target group sent to the member. */
  requests: Float64Array;
  /** 1 while the member is on its target group's list of registered or draining members. */
  listed: Uint8Array;
  /** Outstanding requests per load-balancer node (one array per node, by member row): change them through `acquire` and `release`. */
  outstanding: Int32Array[];
  /**
   * Per node, the member's index in its target group's least-outstanding-requests buckets at
   * that node (`RoutingNode`), or -1 when it is not eligible there or its group does not
   * keep buckets.
   */
  rank: Int32Array[];
  /** Health checks: bumped when the member's checks stop (pending check events are then stale). */
  checkGeneration: Int32Array;
  /** The sequence number of the member's latest check, and whether its result is in. */
  checkSequence: Int32Array;
  checkResolved: Uint8Array;

  /** Every target group's routing state per node, at tg × nodeCount + node (told when the columns grow). */
  private readonly views: RoutingNode[] = [];
  /**
   * Whether any of them keeps buckets (least outstanding requests). Until one does no member is
   * ranked, so `acquire` and `release` skip reading `rank`: one cache line less per request each
   * on a large fleet, where the rows of a request's member are far apart.
   */
  private bucketed = false;

  constructor(
    private readonly nodeCount: number,
    initialCapacity = 64,
  ) {
    const n = (this.capacity = initialCapacity);
    this.tg = new Int32Array(n);
    this.server = new Int32Array(n);
    this.instance = new Int32Array(n);
    this.zone = new Int32Array(n);
    this.registration = new Uint8Array(n);
    this.health = new Uint8Array(n);
    this.passes = new Int32Array(n);
    this.fails = new Int32Array(n);
    this.slowStartEndS = new Float64Array(n);
    this.requests = new Float64Array(n);
    this.listed = new Uint8Array(n);
    this.outstanding = Array.from({ length: nodeCount }, () => new Int32Array(n));
    this.rank = Array.from({ length: nodeCount }, () => new Int32Array(n).fill(-1));
    this.checkGeneration = new Int32Array(n);
    this.checkSequence = new Int32Array(n);
    this.checkResolved = new Uint8Array(n);
  }

  /** Appends an unregistered member of target group `tg` for `server`; returns its row. */
  add(tg: number, server: number, instance: number, zone: number): number {
    if (this.count === this.capacity) this.grow();
    const m = this.count++;
    this.tg[m] = tg;
    this.server[m] = server;
    this.instance[m] = instance;
    this.zone[m] = zone;
    return m;
  }

  /** Target group tg's routing state at `node`, kept pointing at this table's columns. */
  track(tg: number, node: number, view: RoutingNode): void {
    this.views[tg * this.nodeCount + node] = view;
    if (view.tracks) this.bucketed = true;
  }

  /** A request at `node` routed to member m is now counted outstanding. */
  acquire(node: number, m: number): void {
    const c = this.outstanding[node]![m]!++;
    if (this.bucketed && this.rank[node]![m]! >= 0) this.views[this.tg[m]! * this.nodeCount + node]!.up(m, c);
  }

  /** A request at `node` routed to member m is no longer outstanding. */
  release(node: number, m: number): void {
    const c = this.outstanding[node]![m]!--;
    if (this.bucketed && this.rank[node]![m]! >= 0) this.views[this.tg[m]! * this.nodeCount + node]!.down(m, c);
  }

  /** The first routing state whose buckets disagree with the counts, as a sentence; null when all agree. */
  bucketProblem(): string | null {
    for (let k = 0; k < this.views.length; k++) {
      const problem = this.views[k]?.problem();
      if (problem) return `target group ${Math.floor(k / this.nodeCount)}, node ${k % this.nodeCount}: ${problem}`;
    }
    return null;
  }

  private grow(): void {
    const n = (this.capacity = nextCapacity(this.capacity));
    this.tg = grown(this.tg, n);
    this.server = grown(this.server, n);
    this.instance = grown(this.instance, n);
    this.zone = grown(this.zone, n);
    this.registration = grown(this.registration, n);
    this.health = grown(this.health, n);
    this.passes = grown(this.passes, n);
    this.fails = grown(this.fails, n);
    this.slowStartEndS = grown(this.slowStartEndS, n);
    this.requests = grown(this.requests, n);
    this.listed = grown(this.listed, n);
    this.outstanding = this.outstanding.map((o) => grown(o, n));
    this.rank = this.rank.map((o) => {
      const next = grown(o, n);
      next.fill(-1, o.length);
      return next;
    });
    this.views.forEach((v, k) => v.rebind(this.outstanding[k % this.nodeCount]!, this.rank[k % this.nodeCount]!));
    this.checkGeneration = grown(this.checkGeneration, n);
    this.checkSequence = grown(this.checkSequence, n);
    this.checkResolved = grown(this.checkResolved, n);
  }
}

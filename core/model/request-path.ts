/**
 * The request path, the simulator's hot loop: a client request arrives at a load-balancer node,
 * is routed to a target, waits for a worker slot, is served, and the response goes back.
 *
 * What a client can get instead of a 2xx (ALB-TS):
 * - 503 when the node has no registered target in scope;
 * - 502 when the target refuses the connection because its queue is full, when the target is
 *   terminated with the request in flight, or when the deregistration delay ends first;
 * - 504 when the target cannot be reached within the 10 s connect timeout (a failed target), or
 *   when no response came within the load balancer's idle timeout. A request the load balancer
 *   gave up on still occupies its worker slot if it was being served (the server does not know);
 *   one still waiting in the queue is dropped when it reaches the front (the server sees the
 *   closed connection).
 */
import type { Engine } from '../engine/engine.ts';
import type { Sampler } from '../engine/distributions.ts';
import type { RandomStream } from '../engine/random.ts';
import type { Scenario } from '../scenario/types.ts';
import type { ArrivalProcess } from './traffic.ts';
import type { LoadBalancer } from './load-balancer.ts';
import type { Metrics } from './metrics.ts';
import { DeadlineList, RequestFlag, RequestPool } from './requests.ts';
import { Registration, type TargetTable } from './targets.ts';

/** ALB's connect timeout to a target (ALB-TS). */
export const CONNECT_TIMEOUT_S = 10;

/** Worker time a health check takes once it has a slot [elbsim: a cheap health endpoint]. */
export const HEALTH_CHECK_SERVICE_S = 0.001;

export class RequestPath {
  readonly pool = new RequestPool();
  /** Requests the client is still waiting for. */
  unanswered = 0;
  zoneRequests: Float64Array;
  private readonly idle: DeadlineList;
  private readonly connect: DeadlineList;
  private idleTimerPending = false;
  private connectTimerPending = false;
  private readonly kArrive: number;
  private readonly kComplete: number;
  private readonly kIdle: number;
  private readonly kConnect: number;
  private readonly idleTimeoutS: number;
  private readonly connectTimeoutS: number;
  private readonly concurrency: number;
  private readonly queueLimit: number;
  private readonly clients: number;
  /** Called when a draining target has finished its last request. */
  onTargetIdle: (t: number) => void = () => {};
  /** Called when a target answers a health check (see `enqueueHealthCheck`). */
  onCheckResponse: (t: number, seq: number) => void = () => {};

  constructor(
    private readonly engine: Engine,
    scenario: Scenario,
    private readonly arrivals: ArrivalProcess,
    private readonly clientStream: RandomStream,
    private readonly service: Sampler,
    private readonly lb: LoadBalancer,
    private readonly targets: TargetTable,
    private readonly metrics: Metrics,
    private readonly endS: number,
  ) {
    this.idle = new DeadlineList(this.pool, 0);
    this.connect = new DeadlineList(this.pool, 1);
    this.idleTimeoutS = scenario.loadBalancer.idleTimeoutS;
    this.connectTimeoutS = Math.min(CONNECT_TIMEOUT_S, this.idleTimeoutS);
    this.concurrency = scenario.instance.concurrency;
    this.queueLimit = scenario.instance.queueLimit;
    this.clients = scenario.traffic.clients;
    this.zoneRequests = new Float64Array(scenario.zones.length);
    this.kArrive = engine.register(() => this.arrive());
    this.kComplete = engine.register((r, token) => this.complete(r, token));
    this.kIdle = engine.register(() => this.expire(this.idle, 504));
    this.kConnect = engine.register(() => this.expire(this.connect, 504));
  }

  start(): void {
    this.scheduleNextArrival();
  }

  private scheduleNextArrival(): void {
    const t = this.arrivals.next();
    if (t <= this.endS) this.engine.schedule(t, this.kArrive);
  }

  private arrive(): void {
    const now = this.engine.now;
    const m = this.metrics;
    m.requests++;
    this.scheduleNextArrival();
    const client = Math.floor(this.clientStream.next() * this.clients);
    const node = this.lb.nodeFor(client, now);
    const t = this.lb.route(node, client, now);
    if (t < 0) {
      m.recordElb(503, 0);
      return;
    }
    const targets = this.targets;
    targets.requests[t]!++;
    this.zoneRequests[targets.zone[t]!]!++;
    if (targets.failDepth[t]! > 0) {
      // No connection can be made: the load balancer gives up after the connect timeout.
      const r = this.pool.alloc(now, node);
      this.unanswered++;
      this.pool.target[r] = t;
      this.pool.flags[r] = RequestFlag.Outstanding;
      this.lb.nodes[node]!.outstanding[t]!++;
      this.connect.append(r, now + this.connectTimeoutS);
      if (!this.connectTimerPending) this.armTimer(this.connect);
      return;
    }
    const busy = targets.busy[t]!;
    if (busy >= this.concurrency && targets.queueLen[t]! >= this.queueLimit) {
      m.recordElb(502, 0);
      return;
    }
    const pool = this.pool;
    const r = pool.alloc(now, node);
    this.unanswered++;
    pool.target[r] = t;
    pool.flags[r] = RequestFlag.AtTarget | RequestFlag.Outstanding;
    this.lb.nodes[node]!.outstanding[t]!++;
    this.idle.append(r, now + this.idleTimeoutS);
    if (!this.idleTimerPending) this.armTimer(this.idle);
    if (busy < this.concurrency) this.startService(r, t, now);
    else this.enqueue(r, t);
  }

  /**
   * A health check arrives at target t: it waits for a worker slot like any request and takes
   * HEALTH_CHECK_SERVICE_S once served. Returns false if the target refuses the connection.
   */
  enqueueHealthCheck(t: number, seq: number): boolean {
    const targets = this.targets;
    const now = this.engine.now;
    const busy = targets.busy[t]!;
    if (busy >= this.concurrency && targets.queueLen[t]! >= this.queueLimit) return false;
    const pool = this.pool;
    const r = pool.alloc(now, -1);
    pool.target[r] = t;
    pool.tag[r] = seq;
    pool.flags[r] = RequestFlag.AtTarget | RequestFlag.HealthCheck;
    if (busy < this.concurrency) this.startService(r, t, now);
    else this.enqueue(r, t);
    return true;
  }

  private enqueue(r: number, t: number): void {
    const targets = this.targets;
    const tail = targets.queueTail[t]!;
    if (tail >= 0) this.pool.next[tail] = r;
    else targets.queueHead[t] = r;
    targets.queueTail[t] = r;
    targets.queueLen[t]!++;
  }

  private startService(r: number, t: number, now: number): void {
    const targets = this.targets;
    targets.flushBusy(t, now);
    targets.busy[t]!++;
    const flags = (this.pool.flags[r]! |= RequestFlag.InService);
    const s = flags & RequestFlag.HealthCheck ? HEALTH_CHECK_SERVICE_S : this.service() * targets.slowFactor[t]!;
    this.engine.schedule(now + s, this.kComplete, r, this.pool.token[r]!);
  }

  private complete(r: number, token: number): void {
    const pool = this.pool;
    if (pool.token[r] !== token || (pool.flags[r]! & RequestFlag.InService) === 0) return; // dropped by its target
    const now = this.engine.now;
    const t = pool.target[r]!;
    const targets = this.targets;
    targets.flushBusy(t, now);
    targets.busy[t]!--;
    const flags = pool.flags[r]!;
    if (flags & RequestFlag.HealthCheck) this.onCheckResponse(t, pool.tag[r]!);
    else if ((flags & RequestFlag.Answered) === 0) {
      this.metrics.recordOk(now - pool.arrivalS[r]!);
      this.unanswered--;
      this.idle.remove(r);
      this.releaseOutstanding(r);
    }
    pool.free(r);
    // Take the next live request from the queue.
    let q = targets.queueHead[t]!;
    while (q >= 0) {
      const next = pool.next[q]!;
      targets.queueHead[t] = next;
      if (next < 0) targets.queueTail[t] = -1;
      targets.queueLen[t]!--;
      if ((pool.flags[q]! & RequestFlag.Answered) === 0) {
        this.startService(q, t, now);
        break;
      }
      pool.free(q); // the load balancer already timed it out
      q = next;
    }
    if (targets.registration[t] === Registration.Draining && targets.busy[t] === 0 && targets.queueLen[t] === 0) {
      this.onTargetIdle(t);
    }
  }

  private releaseOutstanding(r: number): void {
    const pool = this.pool;
    if (pool.flags[r]! & RequestFlag.Outstanding) {
      pool.flags[r]! &= ~RequestFlag.Outstanding;
      this.lb.nodes[pool.node[r]!]!.outstanding[pool.target[r]!]!--;
    }
  }

  private armTimer(list: DeadlineList): void {
    const pending = list === this.idle ? 'idleTimerPending' : 'connectTimerPending';
    if (list.head < 0) {
      this[pending] = false;
      return;
    }
    this[pending] = true;
    this.engine.schedule(this.pool.deadlineS[list.head]!, list === this.idle ? this.kIdle : this.kConnect);
  }

  /** Answers with `code` every request on `list` whose deadline has come, then re-arms. */
  private expire(list: DeadlineList, code: 504): void {
    const now = this.engine.now;
    const pool = this.pool;
    while (list.head >= 0 && pool.deadlineS[list.head]! <= now) {
      const r = list.head;
      list.remove(r);
      this.answer(r, code);
    }
    this.armTimer(list);
  }

  /** The load balancer answers r with an error; the record is freed unless a target still holds it. */
  private answer(r: number, code: 502 | 504): void {
    const pool = this.pool;
    pool.flags[r]! |= RequestFlag.Answered;
    this.unanswered--;
    this.metrics.recordElb(code, this.engine.now - pool.arrivalS[r]!);
    this.releaseOutstanding(r);
    if (pool.list[r]! >= 0) (pool.list[r] === 0 ? this.idle : this.connect).remove(r);
    if ((pool.flags[r]! & RequestFlag.AtTarget) === 0) pool.free(r);
  }

  /**
   * Target t drops everything it holds (it failed, was terminated, or its deregistration delay
   * ran out). With `code`, the load balancer answers those requests now (502); without, they
   * wait for their idle timeout (504), as with a target that stopped answering.
   */
  dropTargetWork(t: number, code: 502 | null): void {
    const pool = this.pool;
    const now = this.engine.now;
    const targets = this.targets;
    targets.flushBusy(t, now);
    targets.busy[t] = 0;
    targets.queueHead[t] = -1;
    targets.queueTail[t] = -1;
    targets.queueLen[t] = 0;
    targets.epoch[t]!++;
    const n = pool.highWater;
    for (let r = 0; r < n; r++) {
      if (pool.target[r] !== t || (pool.flags[r]! & RequestFlag.AtTarget) === 0 || pool.token[r] === 0) continue;
      pool.flags[r]! &= ~(RequestFlag.AtTarget | RequestFlag.InService);
      if (pool.flags[r]! & (RequestFlag.Answered | RequestFlag.HealthCheck)) pool.free(r); // a lost check fails by its timeout
      else if (code !== null) this.answer(r, code);
    }
    // Connection attempts to a failed target that is now gone fail at once as well.
    if (code !== null) {
      for (let r = 0; r < n; r++) {
        if (pool.target[r] === t && pool.list[r] === 1 && pool.token[r] !== 0) this.answer(r, code);
      }
    }
  }

  /** Requests at target t (queued or in service), for draining. */
  holds(t: number): boolean {
    return this.targets.busy[t]! > 0 || this.targets.queueLen[t]! > 0;
  }
}

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
import type { Metrics } from './metrics.ts';
import type { Servers } from './compute/servers.ts';
import type { Members } from './target-group/members.ts';
import type { CheckTransport } from './target-group/health-checks.ts';
import type { WorkDropper } from './target-group/target-group.ts';
import { DeadlineList, Rec, RecF64, RequestFlag, RequestPool } from './requests.ts';
import type { TopologyMetrics } from './topology-metrics.ts';
import type { AliasTable } from '../plan/alias.ts';
import { grown } from './table.ts';

/** What `route` returns instead of a member: no target in scope (503), or an action the node answers itself. */
export const NO_TARGET = -1;
export const REDIRECTED = -2;
export const FIXED_RESPONSE = -3;

/**
 * How a request finds its target: the node its client reaches, then the member that node picks
 * for the request's class (NO_TARGET: 503; REDIRECTED, FIXED_RESPONSE: the node answers), and
 * the target group it went to.
 */
export interface RequestRouter {
  nodeFor(client: number, now: number): number;
  route(node: number, client: number, cls: number, now: number): number;
  readonly lastTargetGroup: number;
}

/** What the request path reports about servers: a draining server emptied; a health check was answered. */
export interface ServerEvents {
  serverIdle(server: number): void;
  checkResponse(member: number, seq: number): void;
}

/** ALB's connect timeout to a target (ALB-TS). */
export const CONNECT_TIMEOUT_S = 10;

/** Worker time a health check takes once it has a slot [elbsim: a cheap health endpoint]. */
export const HEALTH_CHECK_SERVICE_S = 0.001;

export class RequestPath implements CheckTransport, WorkDropper {
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
  private readonly clients: number;
  /** dropServerWork's list of the server's requests (grows, never per request). */
  private dropping = new Int32Array(64);
  /** Told when a draining server empties and when a health check is answered (wired once, by the world). */
  events: ServerEvents | null = null;

  constructor(
    private readonly engine: Engine,
    scenario: Scenario,
    private readonly arrivals: ArrivalProcess,
    private readonly clientStream: RandomStream,
    /** Service-time samplers by server kind (Servers.kind). */
    private readonly service: readonly Sampler[],
    private readonly lb: RequestRouter,
    private readonly servers: Servers,
    private readonly members: Members,
    private readonly metrics: Metrics,
    private readonly topology: TopologyMetrics,
    /** The request mix (null: one class, no draw) and the stream it draws from. */
    private readonly mix: { table: AliasTable; stream: RandomStream } | null,
    private readonly endS: number,
  ) {
    this.idle = new DeadlineList(this.pool, 0);
    this.connect = new DeadlineList(this.pool, 1);
    this.idleTimeoutS = scenario.loadBalancers[0]!.idleTimeoutS;
    this.connectTimeoutS = Math.min(CONNECT_TIMEOUT_S, this.idleTimeoutS);
    this.clients = scenario.traffic.clients;
    // One more slot for targets outside the zones (on premises).
    this.zoneRequests = new Float64Array(scenario.zones.length + 1);
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
    if (t < this.endS) this.engine.scheduleLane(t, this.kArrive); // the run is [0, duration): an arrival at its end would fall after the last period closed
  }

  private arrive(): void {
    const now = this.engine.now;
    const m = this.metrics;
    m.requests++;
    this.scheduleNextArrival();
    const client = Math.floor(this.clientStream.next() * this.clients);
    const node = this.lb.nodeFor(client, now);
    const cls = this.mix === null ? 0 : this.mix.table.pick(this.mix.stream.next());
    const member = this.lb.route(node, client, cls, now);
    if (member < 0) {
      if (member === REDIRECTED) this.topology.redirects++;
      else if (member === FIXED_RESPONSE) this.topology.fixedResponses++;
      else {
        this.topology.requests[this.lb.lastTargetGroup]!++;
        this.topology.elb5xx[this.lb.lastTargetGroup]!++;
        m.recordElb(503, 0);
        return;
      }
      m.recordAnswered(0);
      return;
    }
    this.topology.requests[this.members.tg[member]!]!++;
    const servers = this.servers;
    const s = this.members.server[member]!;
    servers.requests[s]!++;
    this.members.requests[member]!++;
    this.zoneRequests[servers.zone[s]!]!++;
    if (servers.failDepth[s]! > 0) {
      // No connection can be made: the load balancer gives up after the connect timeout.
      const r = this.pool.allocAt(now, node, s, member, RequestFlag.Outstanding);
      this.unanswered++;
      this.members.acquire(node, member);
      this.connect.append(r, now + this.connectTimeoutS);
      if (!this.connectTimerPending) this.armTimer(this.connect);
      return;
    }
    const busy = servers.busy[s]!;
    const concurrency = servers.concurrency[s]!;
    if (busy >= concurrency && servers.queueLen[s]! >= servers.queueLimit[s]!) {
      this.topology.elb5xx[this.members.tg[member]!]!++;
      m.recordElb(502, 0);
      return;
    }
    const pool = this.pool;
    const r = pool.allocAt(now, node, s, member, RequestFlag.AtTarget | RequestFlag.Outstanding);
    this.unanswered++;
    this.members.acquire(node, member);
    this.idle.append(r, now + this.idleTimeoutS);
    if (!this.idleTimerPending) this.armTimer(this.idle);
    if (busy < concurrency) this.startService(r, s);
    else this.enqueue(r, s);
  }

  /**
   * A health check of member m arrives at its server s: it waits for a worker slot like any
   * request and takes HEALTH_CHECK_SERVICE_S once served. Returns false if the server refuses the
   * connection.
   */
  enqueueHealthCheck(m: number, s: number, seq: number): boolean {
    const servers = this.servers;
    const now = this.engine.now;
    if (servers.full(s)) return false;
    const pool = this.pool;
    const r = pool.alloc(now, -1);
    pool.placeAt(r, s);
    const i = pool.i32;
    const b = r << 4;
    i[b + Rec.Member] = m;
    i[b + Rec.Tag] = seq;
    i[b + Rec.Flags] = RequestFlag.AtTarget | RequestFlag.HealthCheck;
    if (servers.busy[s]! < servers.concurrency[s]!) this.startService(r, s);
    else this.enqueue(r, s);
    return true;
  }

  private enqueue(r: number, s: number): void {
    const servers = this.servers;
    const tail = servers.queueTail[s]!;
    if (tail >= 0) this.pool.i32[(tail << 4) + Rec.Next] = r;
    else servers.queueHead[s] = r;
    servers.queueTail[s] = r;
    servers.queueLen[s]!++;
  }

  private startService(r: number, s: number): void {
    const servers = this.servers;
    servers.flushBusy(s, this.engine.now);
    servers.busy[s]!++;
    this.serve(r, s);
  }

  /** Request r takes a worker slot of server s (busy already counts it): its completion is scheduled. */
  private serve(r: number, s: number): void {
    const now = this.engine.now;
    const i = this.pool.i32;
    const b = r << 4;
    const servers = this.servers;
    const flags = (i[b + Rec.Flags]! |= RequestFlag.InService);
    const took = flags & RequestFlag.HealthCheck ? HEALTH_CHECK_SERVICE_S : this.service[servers.kind[s]!]!.draw() * servers.slowFactor[s]!;
    this.engine.schedule(now + took, this.kComplete, r, i[b + Rec.Token]!);
  }

  private complete(r: number, token: number): void {
    const pool = this.pool;
    const i = pool.i32;
    const b = r << 4;
    const flags = i[b + Rec.Flags]!;
    if (i[b + Rec.Token] !== token || (flags & RequestFlag.InService) === 0) return; // dropped by its target
    const now = this.engine.now;
    const s = i[b + Rec.Server]!;
    const servers = this.servers;
    servers.flushBusy(s, now);
    servers.busy[s]!--;
    if (flags & RequestFlag.HealthCheck) this.events!.checkResponse(i[b + Rec.Member]!, i[b + Rec.Tag]!);
    else if ((flags & RequestFlag.Answered) === 0) {
      // A target across a network link (on premises) adds its round trip to the response.
      const latencyS = now - pool.f64[(r << 3) + RecF64.ArrivalS]! + servers.rttS[s]!;
      this.metrics.recordOk(latencyS);
      const tg = this.members.tg[i[b + Rec.Member]!]!;
      const topology = this.topology;
      topology.ok[tg]!++;
      topology.latSumMs[tg]! += latencyS * 1000;
      this.unanswered--;
      this.idle.remove(r);
      this.releaseOutstanding(r);
    }
    pool.free(r);
    // Take the next live request from the queue: it takes the freed slot at this same instant,
    // so the busy integral, brought up to now above, needs no second flush.
    let q = servers.queueHead[s]!;
    const iq = pool.i32; // read again, in case what a health check's answer reaches above ever allocates a record
    while (q >= 0) {
      const next = iq[(q << 4) + Rec.Next]!;
      servers.queueHead[s] = next;
      if (next < 0) servers.queueTail[s] = -1;
      servers.queueLen[s]!--;
      if ((iq[(q << 4) + Rec.Flags]! & RequestFlag.Answered) === 0) {
        servers.busy[s]!++;
        this.serve(q, s);
        return;
      }
      pool.free(q); // the load balancer already timed it out
      q = next;
    }
    if (servers.draining[s]! > 0 && servers.busy[s] === 0 && servers.queueLen[s] === 0) this.events!.serverIdle(s);
  }

  private releaseOutstanding(r: number): void {
    const i = this.pool.i32;
    const b = r << 4;
    if (i[b + Rec.Flags]! & RequestFlag.Outstanding) {
      i[b + Rec.Flags]! &= ~RequestFlag.Outstanding;
      this.members.release(i[b + Rec.Node]!, i[b + Rec.Member]!);
    }
  }

  private armTimer(list: DeadlineList): void {
    const pending = list === this.idle ? 'idleTimerPending' : 'connectTimerPending';
    if (list.head < 0) {
      this[pending] = false;
      return;
    }
    this[pending] = true;
    this.engine.schedule(list.headDeadline(), list === this.idle ? this.kIdle : this.kConnect);
  }

  /** Answers with `code` every request on `list` whose deadline has come, then re-arms. */
  private expire(list: DeadlineList, code: 504): void {
    const now = this.engine.now;
    while (list.head >= 0 && list.headDeadline() <= now) {
      const r = list.head;
      list.remove(r);
      this.answer(r, code);
    }
    this.armTimer(list);
  }

  /** The load balancer answers r with an error; the record is freed unless a target still holds it. */
  private answer(r: number, code: 502 | 504): void {
    const pool = this.pool;
    const i = pool.i32;
    const b = r << 4;
    i[b + Rec.Flags]! |= RequestFlag.Answered;
    this.unanswered--;
    this.metrics.recordElb(code, this.engine.now - pool.f64[(r << 3) + RecF64.ArrivalS]!);
    this.topology.elb5xx[this.members.tg[i[b + Rec.Member]!]!]!++;
    this.releaseOutstanding(r);
    const list = i[b + Rec.List]!;
    if (list >= 0) (list === 0 ? this.idle : this.connect).remove(r);
    if ((i[b + Rec.Flags]! & RequestFlag.AtTarget) === 0) pool.free(r);
  }

  /**
   * Server s drops everything it holds (it failed, was terminated, or a deregistration delay ran
   * out). With `code`, the load balancer answers those requests now (502); without, they wait for
   * their idle timeout (504), as with a target that stopped answering.
   */
  dropServerWork(s: number, code: 502 | null): void {
    const pool = this.pool;
    const now = this.engine.now;
    const servers = this.servers;
    servers.flushBusy(s, now);
    servers.busy[s] = 0;
    servers.queueHead[s] = -1;
    servers.queueTail[s] = -1;
    servers.queueLen[s] = 0;
    servers.epoch[s]!++;
    // The server's own requests, in record order: the order the answers (and so the latency
    // sums) and the freed records take is the order a scan of the whole pool would give.
    let n = 0;
    const i = pool.i32;
    for (let r = pool.serverHead[s]!; r >= 0; r = i[(r << 4) + Rec.AtNext]!) {
      if (n === this.dropping.length) this.dropping = grown(this.dropping, 2 * n);
      this.dropping[n++] = r;
    }
    if (n > 1) this.dropping.subarray(0, n).sort();
    const held = this.dropping;
    for (let k = 0; k < n; k++) {
      const r = held[k]!;
      const f = (r << 4) + Rec.Flags;
      if ((i[f]! & RequestFlag.AtTarget) === 0) continue;
      i[f]! &= ~(RequestFlag.AtTarget | RequestFlag.InService);
      if (i[f]! & (RequestFlag.Answered | RequestFlag.HealthCheck)) pool.free(r); // a lost check fails by its timeout
      else if (code !== null) this.answer(r, code);
      else pool.leaveServer(r); // it waits for its idle timeout, held by no server
    }
    // Connection attempts to a failed server that is now gone fail at once as well.
    if (code !== null) {
      for (let k = 0; k < n; k++) {
        const r = held[k]!;
        if (i[(r << 4) + Rec.Token] !== 0 && i[(r << 4) + Rec.List] === 1) this.answer(r, code);
      }
    }
  }
}

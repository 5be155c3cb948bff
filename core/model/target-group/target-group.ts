/**
 * A target group (ALB-TG): the targets one listener action forwards to, with their
 * registrations, health checks, slow start, deregistration delay and the routing algorithm each
 * load-balancer node uses over them.
 *
 * Registration and draining: a registered target receives requests once its first health check
 * passes (the initial fleet starts healthy). Deregistering drains it: it gets no new requests,
 * and requests in flight finish, or get 502 when the deregistration delay runs out; then the
 * target's source (its Auto Scaling group) is told it is drained. Scope and fail-open: a node
 * routes over the registered targets in its scope (every zone with cross-zone load balancing on,
 * its own with it off), the healthy ones, or all of them when none is healthy (fail-open; not on
 * a Classic Load Balancer, which answers 503). Slow start ramps a newly healthy target's share
 * linearly over `slowStart`, unless no other healthy target is settled (ALB-TG).
 *
 * Ports: the target group talks to its sources through `TargetSource` (drained, health), to the
 * load balancer through `TargetGroupListener` (scopes changed), and reaches servers through the
 * request path (`WorkDropper`, `CheckTransport`). It owns its members' rows in `Members`.
 */
import type { Engine } from '../../engine/engine.ts';
import type { RandomStream } from '../../engine/random.ts';
import type { TargetGroup as TargetGroupSpec } from '../../scenario/types.ts';
import type { Servers } from '../compute/servers.ts';
import type { EventLog } from '../event-log.ts';
import { HealthChecker, type CheckTransport } from './health-checks.ts';
import { Health, Registration, type Members } from './members.ts';
import { makeRouter, RoutingNode, type Router } from './routing.ts';

/** What registers targets with a target group and is told what becomes of them (an Auto Scaling group, fixed IPs). */
export interface TargetSource {
  /** Member m has finished draining (deregistered). */
  drained(m: number): void;
}

/** The load balancer the target group is attached to: told when scopes or health change. */
export interface TargetGroupListener {
  targetsChanged(): void;
}

/** The request path's side of draining: drop a server's work, answering `code` (or nothing). */
export interface WorkDropper {
  dropServerWork(server: number, code: 502 | null): void;
}

export interface TargetGroupWiring {
  engine: Engine;
  members: Members;
  servers: Servers;
  log: EventLog;
  /** This target group's row number among the run's target groups. */
  index: number;
  zoneCount: number;
  crossZone: boolean;
  /** false on a Classic Load Balancer: no healthy target answers 503. */
  failOpen: boolean;
  routing: RandomStream;
  health: RandomStream;
  transport: CheckTransport;
  dropper: WorkDropper;
  /** The instance id behind a member, for its events. */
  instanceOf: (m: number) => string;
}

export class TargetGroup {
  readonly name: string;
  readonly checks: HealthChecker;
  /** Per load-balancer node: eligible members and routing state. */
  readonly nodes: RoutingNode[];
  /** Per zone after the last refresh: registered members, and healthy ones. */
  readonly registeredInZone: Int32Array;
  readonly healthyInZone: Int32Array;
  listener: TargetGroupListener | null = null;
  private readonly sources: TargetSource[] = [];
  private readonly sourceOf: number[] = [];
  /**
   * This group's registered and draining members, ordered by server row (the order nodes list
   * them in), plus members deregistered since the last refresh, which it drops; so nothing here
   * visits the targets a long run has long since let go.
   */
  private readonly order: number[] = [];
  private readonly memberOfServer = new Map<number, number>();
  private readonly router: Router;
  private slowStartActive = false;
  private dirty = true;
  /** The nodes' slow-start tables (`RoutingNode.setSlowStart`) need rebuilding before the next pick. */
  private rampsDirty = false;
  private readonly kDrainEnd: number;
  private readonly kSlowStartEnd: number;
  private readonly engine: Engine;
  private readonly members: Members;
  private readonly servers: Servers;
  private readonly log: EventLog;
  private readonly wiring: TargetGroupWiring;

  constructor(
    readonly spec: TargetGroupSpec,
    wiring: TargetGroupWiring,
  ) {
    this.wiring = wiring;
    const { engine, members, servers, log } = wiring;
    this.engine = engine;
    this.members = members;
    this.servers = servers;
    this.log = log;
    this.name = spec.name;
    this.nodes = Array.from({ length: wiring.zoneCount }, (_, z) => new RoutingNode(members.outstanding[z]!, members.rank[z]!, spec.algorithm, spec.slowStartS));
    this.nodes.forEach((view, z) => members.track(wiring.index, z, view));
    this.registeredInZone = new Int32Array(wiring.zoneCount);
    this.healthyInZone = new Int32Array(wiring.zoneCount);
    this.router = makeRouter(spec.algorithm, wiring.routing);
    this.checks = new HealthChecker(engine, spec.healthCheck, members, servers, wiring.health, wiring.transport, (m, h) => this.healthChanged(m, h));
    this.kSlowStartEnd = engine.register(() => this.refreshSlowStart(engine.now));
    this.kDrainEnd = engine.register((m, epoch) => {
      const s = members.server[m]!;
      if (servers.epoch[s] === epoch && members.registration[m] === Registration.Draining) {
        const inFlight = servers.busy[s]! + servers.queueLen[s]!;
        wiring.dropper.dropServerWork(s, 502);
        this.deregistered(m, inFlight);
      }
    });
  }

  /** Adds a source of targets; returns its number for `register`. */
  attach(source: TargetSource): number {
    this.sources.push(source);
    return this.sources.length - 1;
  }

  /** The member row of `server` in this group, or -1 if it never joined. */
  memberOf(server: number): number {
    return this.memberOfServer.get(server) ?? -1;
  }

  /** The member row of `server` in this group, created (unregistered) on first use. */
  memberFor(server: number, instance: number, source: number): number {
    const known = this.memberOfServer.get(server);
    if (known !== undefined) return known;
    // A server outside the zones (on premises, zone index = zone count) is in every node's scope: zone -1.
    const zone = this.servers.zone[server]!;
    const m = this.members.add(this.wiring.index, server, instance, zone >= this.wiring.zoneCount ? -1 : zone);
    this.memberOfServer.set(server, m);
    this.sourceOf[m] = source;
    return m;
  }

  /** Puts member m on the list in server order (new servers have the highest rows: usually an append). */
  private list(m: number): void {
    const members = this.members;
    if (members.listed[m]) return;
    members.listed[m] = 1;
    const server = members.server[m]!;
    let at = this.order.length;
    while (at > 0 && members.server[this.order[at - 1]!]! > server) at--;
    this.order.splice(at, 0, m);
  }

  /**
   * Registers member m. The fleet a run starts with is registered healthy; a target registered
   * later is `initial` until its first check passes.
   */
  register(m: number, healthyAtOnce: boolean): void {
    const members = this.members;
    members.registration[m] = Registration.Registered;
    members.health[m] = healthyAtOnce ? Health.Healthy : Health.Initial;
    this.list(m);
    const now = this.engine.now;
    const instance = this.wiring.instanceOf(m);
    this.log.add(now, 'register', { instance, targetGroup: this.name });
    if (healthyAtOnce) this.log.add(now, 'health', { instance, targetGroup: this.name, state: 'healthy' });
    this.checks.start(m);
    this.invalidate();
  }

  /** Starts draining member m: no new requests; deregistered when idle or when the delay runs out. */
  deregister(m: number): void {
    const members = this.members;
    const s = members.server[m]!;
    members.registration[m] = Registration.Draining;
    this.servers.draining[s]!++;
    this.checks.stop(m);
    this.invalidate();
    const delay = this.spec.deregistrationDelayS;
    const now = this.engine.now;
    this.log.add(now, 'drain', { instance: this.wiring.instanceOf(m), targetGroup: this.name, value: delay });
    if (!this.servers.holds(s)) this.deregistered(m, null);
    else this.engine.schedule(now + delay, this.kDrainEnd, m, this.servers.epoch[s]!);
  }

  /** The server behind member m has no requests left: a draining member is done. */
  serverIdle(m: number): void {
    if (this.members.registration[m] === Registration.Draining) this.deregistered(m, null);
  }

  /** The target is gone at once (its instance died): out of the group without draining. */
  remove(m: number): void {
    const members = this.members;
    if (members.registration[m] === Registration.None) return;
    if (members.registration[m] === Registration.Draining) this.servers.draining[members.server[m]!]!--;
    members.registration[m] = Registration.None;
    this.checks.stop(m);
    this.invalidate();
  }

  /** Member m leaves: drained (`inFlight` null), or its delay ran out with `inFlight` requests answered 502. */
  private deregistered(m: number, inFlight: number | null): void {
    const members = this.members;
    const s = members.server[m]!;
    members.registration[m] = Registration.None;
    this.servers.draining[s]!--;
    this.servers.epoch[s]!++;
    this.invalidate();
    this.log.add(this.engine.now, 'deregister', { instance: this.wiring.instanceOf(m), targetGroup: this.name, state: inFlight === null ? 'drained' : 'delay-expired', value: inFlight });
    this.sources[this.sourceOf[m]!]!.drained(m);
  }

  private healthChanged(m: number, health: Health): void {
    const members = this.members;
    const now = this.engine.now;
    members.health[m] = health;
    this.log.add(now, 'health', { instance: this.wiring.instanceOf(m), targetGroup: this.name, state: health === Health.Healthy ? 'healthy' : 'unhealthy' });
    members.slowStartEndS[m] = 0;
    const slowStartS = this.spec.slowStartS;
    if (health === Health.Healthy && slowStartS > 0 && this.hasSettledHealthyMember(m, now)) {
      members.slowStartEndS[m] = now + slowStartS;
      this.engine.schedule(now + slowStartS, this.kSlowStartEnd);
    }
    this.refreshSlowStart(now);
    this.invalidate();
  }

  /** Slow start applies only if another healthy target is not itself in slow start (ALB-TG). */
  private hasSettledHealthyMember(except: number, now: number): boolean {
    const members = this.members;
    for (const m of this.order) {
      if (m !== except && members.registration[m] === Registration.Registered && members.health[m] === Health.Healthy && members.slowStartEndS[m]! <= now) return true;
    }
    return false;
  }

  /** Whether any member is in slow start at `now` (routing then weighs members). */
  private refreshSlowStart(now: number): void {
    const members = this.members;
    let any = false;
    for (const m of this.order) if (members.slowStartEndS[m]! > now) any = true;
    // A ramp that began or ended changes the weights' tables; so does leaving slow start.
    if (any || this.slowStartActive) this.rampsDirty = true;
    this.slowStartActive = any;
  }

  /** Members of this group registered and healthy, and registered and unhealthy. */
  hostCounts(): { healthy: number; unhealthy: number } {
    const members = this.members;
    let healthy = 0;
    let unhealthy = 0;
    for (const m of this.order) {
      if (members.registration[m] !== Registration.Registered) continue;
      if (members.health[m] === Health.Healthy) healthy++;
      else if (members.health[m] === Health.Unhealthy) unhealthy++;
    }
    return { healthy, unhealthy };
  }

  /** The member for a request at `node`, or -1 when no target is registered in the node's scope (503). */
  pick(node: number, client: number, now: number): number {
    if (this.dirty) this.refresh();
    if (this.rampsDirty) this.refreshRamps(now);
    const view = this.nodes[node]!;
    return view.length === 0 ? -1 : this.router(view, client, now);
  }

  /** Whether a registered member in `node`'s scope is healthy (route observation only). */
  healthyInScope(node: number): boolean {
    const members = this.members;
    for (const m of this.order) {
      const inScope = members.registration[m] === Registration.Registered && (this.wiring.crossZone || members.zone[m] === node || members.zone[m] === -1);
      if (inScope && members.health[m] === Health.Healthy) return true;
    }
    return false;
  }

  /** Splits each node's eligible members into settled and ramping ones (only while some member is in slow start). */
  private refreshRamps(now: number): void {
    this.rampsDirty = false;
    for (const node of this.nodes) {
      if (this.slowStartActive) node.setSlowStart(this.members.slowStartEndS, now);
      else node.rampLen = 0;
    }
  }

  /** Registration or health changed: recompute the nodes' scopes before the next routing. */
  private invalidate(): void {
    this.dirty = true;
    this.listener?.targetsChanged();
  }

  /** Recomputes each node's eligible members and the per-zone counts, if anything changed. */
  refresh(): void {
    if (!this.dirty) return;
    this.dirty = false;
    const members = this.members;
    const { crossZone, failOpen } = this.wiring;
    const order = this.order;
    let kept = 0;
    for (const m of order) {
      if (members.registration[m] === Registration.None) members.listed[m] = 0;
      else order[kept++] = m;
    }
    order.length = kept;
    this.registeredInZone.fill(0);
    this.healthyInZone.fill(0);
    for (const m of order) {
      if (members.registration[m] !== Registration.Registered) continue;
      const zone = members.zone[m]!;
      const healthy = members.health[m] === Health.Healthy ? 1 : 0;
      if (zone >= 0) {
        this.registeredInZone[zone]!++;
        this.healthyInZone[zone]! += healthy;
      } else {
        for (let z = 0; z < this.registeredInZone.length; z++) {
          this.registeredInZone[z]!++;
          this.healthyInZone[z]! += healthy;
        }
      }
    }
    for (let z = 0; z < this.nodes.length; z++) {
      const node = this.nodes[z]!;
      if (node.eligible.length < order.length) node.eligible = new Int32Array(Math.max(16, members.capacity));
      const inScope = (m: number) => members.registration[m] === Registration.Registered && (crossZone || members.zone[m] === z || members.zone[m] === -1);
      let len = 0;
      for (const m of order) if (inScope(m) && members.health[m] === Health.Healthy) node.eligible[len++] = m;
      if (len === 0 && failOpen) for (const m of order) if (inScope(m)) node.eligible[len++] = m;
      node.setEligible(node.eligible, len);
    }
    if (this.slowStartActive) this.rampsDirty = true;
  }
}

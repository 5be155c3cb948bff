/**
 * The world of one run: builds the tables (servers, instances, target-group members, request
 * records) and the components that act on them, and wires their ports, in one place.
 *
 * Components never reach for each other: each gets, at construction, the tables it owns or
 * reads and the ports it calls (a target group's `TargetSource`, the request path's
 * `ServerEvents`, …). The order in which this file starts things is part of the run's
 * definition: events scheduled at the same time run in the order they were scheduled.
 */
import { Engine } from './engine/engine.ts';
import { makeSampler } from './engine/distributions.ts';
import { RandomStreams } from './engine/random.ts';
import type { GroupScenario, MetricDimension, Scenario } from './scenario/types.ts';
import { AliasTable } from './plan/alias.ts';
import { TopologyMetrics } from './model/topology-metrics.ts';
import type { Counts } from './model/metrics.ts';
import { ArrivalProcess } from './model/traffic.ts';
import { LoadBalancer, type RouteObserver } from './model/elb/load-balancer.ts';
import { DnsRouter } from './model/elb/dns.ts';
import { Metrics } from './model/metrics.ts';
import { EventLog } from './model/event-log.ts';
import { RequestPath, type ServerEvents } from './model/request-path.ts';
import { AutoScalingGroup } from './model/autoscaling/group.ts';
import { Instances } from './model/autoscaling/instances.ts';
import { Servers } from './model/compute/servers.ts';
import { Members } from './model/target-group/members.ts';
import { TargetGroup, type TargetSource } from './model/target-group/target-group.ts';
import { Faults } from './model/faults.ts';
import { CloudWatchPublisher, dimensionsRead, type ElbSource } from './model/cloudwatch/publisher.ts';
import { ScalingController } from './model/scaling-controller.ts';
import { AlarmBoard } from './model/alarm-board.ts';
import { GroupActions } from './model/autoscaling/actions.ts';
import { InstanceRefresh } from './model/autoscaling/refresh.ts';
import { MaxInstanceLifetime } from './model/autoscaling/lifetime.ts';
import { brokenInvariant } from './model/invariants.ts';

export interface WorldOptions {
  seed: number;
  /** Periods of the time series (the metrics table is sized for them). */
  periods: number;
  onRoute: RouteObserver | null;
}

/** The first of a kind keeps the shorthand's stream name, so a one-group scenario draws as before. */
function streamName<N extends string>(base: N, index: number, name: string): N | `${N}:${string}` {
  return index === 0 ? base : `${base}:${name}`;
}

/** Whether the run reports per target group and per group (summary sections, extra columns). */
export function showsTopology(scenario: Scenario): boolean {
  const listeners = scenario.loadBalancers.flatMap((lb) => lb.listeners);
  return scenario.loadBalancers.length > 1 || scenario.targetGroups.length > 1 || scenario.autoScalingGroups.length > 1 || listeners.length > 1 || listeners.some((l) => l.rules.length > 0 || l.defaultAction.type !== 'forward') ||
    scenario.targetGroups.some((tg) => tg.ipTargets.length > 0);
}

/** A fixed set of servers registered by address: never drained away by anyone but their target group. */
class FixedTargets implements TargetSource {
  drained(): void {}
}

export class World implements ServerEvents {
  readonly engine = new Engine();
  readonly servers = new Servers();
  readonly members: Members;
  readonly metrics: Metrics;
  readonly topology: TopologyMetrics;
  readonly log = new EventLog();
  readonly targetGroups: TargetGroup[];
  /** The load balancers, and what requests enter through: the one load balancer, or Route 53 over several. */
  readonly lbs: LoadBalancer[];
  readonly dns: DnsRouter | null;
  readonly requests: RequestPath;
  /** Per Auto Scaling group, in the scenario's order. */
  readonly groups: AutoScalingGroup[] = [];
  readonly instanceTables: Instances[] = [];
  readonly faults: Faults[] = [];
  readonly cloudWatch: CloudWatchPublisher[] = [];
  readonly scaling: ScalingController[] = [];
  /** The scenario's standalone and composite alarms (state only, no actions). */
  readonly alarms: AlarmBoard;
  /** IP targets' server rows, per target group. */
  readonly ipServers: number[][];
  readonly detailed: boolean;
  readonly actions: GroupActions[] = [];
  readonly refresh: InstanceRefresh[] = [];
  readonly lifetime: MaxInstanceLifetime[] = [];

  constructor(
    readonly scenario: Scenario,
    options: WorldOptions,
  ) {
    const streams = new RandomStreams(options.seed);
    const zoneCount = scenario.zones.length;
    const { engine, servers, log } = this;
    this.members = new Members(zoneCount);
    this.metrics = new Metrics(options.periods);
    this.detailed = showsTopology(scenario);
    this.topology = new TopologyMetrics(scenario.targetGroups.map((t) => t.name), scenario.autoScalingGroups.map((g) => g.name), options.periods, this.detailed);
    const members = this.members;
    const ids = { next: 0 };
    scenario.autoScalingGroups.forEach(() => this.instanceTables.push(new Instances(zoneCount, 64, ids)));
    // The request path is both ports a target group needs towards servers; it is built after
    // the target groups, so they reach it through this world.
    const transport = {
      enqueueHealthCheck: (m: number, s: number, seq: number) => this.requests.enqueueHealthCheck(m, s, seq),
      dropServerWork: (s: number, code: 502 | null) => this.requests.dropServerWork(s, code),
    };
    const ipLabel = new Map<number, string>();
    this.targetGroups = scenario.targetGroups.map((tgSpec, i) => {
      const spec = scenario.loadBalancers[tgSpec.loadBalancer]!;
      const g = tgSpec.autoScalingGroup;
      const table = g >= 0 ? this.instanceTables[g]! : null;
      return new TargetGroup(tgSpec, {
        engine,
        members,
        servers,
        log,
        index: i,
        zoneCount,
        crossZone: spec.crossZone,
        failOpen: spec.type !== 'classic',
        routing: streams.get(streamName('routing', i, tgSpec.name)),
        health: streams.get(streamName('health', i, tgSpec.name)),
        transport,
        dropper: transport,
        instanceOf: (m) => {
          const t = members.instance[m]!;
          return t >= 0 && table ? table.id(t) : ipLabel.get(members.server[m]!)!;
        },
      });
    });
    const several = scenario.loadBalancers.length > 1;
    this.lbs = scenario.loadBalancers.map((spec, i) => {
      const lb = new LoadBalancer(spec, zoneCount, scenario.traffic, this.targetGroups, i, members, streams.get(streamName('dns', i, spec.name)), streams.get(streamName('forward', i, spec.name)));
      lb.observer = options.onRoute;
      this.topology.trackActions(lb.actionCounts, lb.actions.map((a) => {
        const l = spec.listeners[a.listener]!;
        return `${several ? `${spec.name}__` : ''}${l.protocol}:${l.port}__${a.priority ?? 'default'}`;
      }));
      return lb;
    });
    this.dns = several ? new DnsRouter(this.lbs, scenario.dns, scenario.traffic.clients, streams.get('dns:route53')) : null;
    const arrivals = new ArrivalProcess(scenario.traffic.rate, scenario.traffic.arrivals, streams.get('arrivals'));
    // Service samplers: one per group (kind g), then one per IP target.
    const samplers = scenario.autoScalingGroups.map((g, i) => makeSampler(g.instance.serviceTime, streams.get(streamName('service', i, g.name))));
    this.ipServers = scenario.targetGroups.map((tgSpec) => tgSpec.ipTargets.map((target) => {
      const kind = samplers.length;
      samplers.push(makeSampler(target.serviceTime, streams.get(`service:${target.ip}`)));
      const s = servers.add(target.zone < 0 ? zoneCount : target.zone, target.concurrency, target.queueLimit, 0, kind, target.networkLatencyS);
      ipLabel.set(s, target.ip);
      return s;
    }));
    const requests = scenario.traffic.requests;
    const mix = requests.length > 1 ? { table: new AliasTable(requests.map((r) => r.weight)), stream: streams.get('requests') } : null;
    this.requests = new RequestPath(engine, scenario, arrivals, streams.get('clients'), samplers, this.dns ?? this.lbs[0]!, servers, members, this.metrics, this.topology, mix, scenario.durationS);
    this.requests.events = this;
    const single = scenario.targetGroups.length === 1;
    scenario.autoScalingGroups.forEach((gSpec, g) => {
      const instances = this.instanceTables[g]!;
      const mine = this.targetGroups.filter((_, i) => scenario.targetGroups[i]!.autoScalingGroup === g);
      const lbOfGroup = scenario.loadBalancers[mine[0]?.spec.loadBalancer ?? 0]!;
      const view: GroupScenario = { zones: scenario.zones, durationS: scenario.durationS, cloudWatch: scenario.cloudWatch, autoScaling: gSpec, instance: gSpec.instance, loadBalancerType: lbOfGroup.type };
      const alarmsHere = scenario.alarms?.filter((a) => a.group === g).map((a) => a.spec);
      if (alarmsHere && alarmsHere.length > 0) view.alarms = alarmsHere;
      // Without a warm pool there are no warm starts; the sampler is then never drawn from.
      const pool = gSpec.warmPool;
      const group = new AutoScalingGroup({
        engine,
        scenario: view,
        instances,
        servers,
        members,
        targetGroups: mine,
        dropper: this.requests,
        log,
        bootTime: makeSampler(gSpec.instance.bootTime, streams.get(streamName('boot', g, gSpec.name))),
        warmStartTime: makeSampler(pool ? pool.warmStartTime : { distribution: 'constant', value: 30 }, streams.get(g === 0 ? 'boot:warm' : `boot:warm:${gSpec.name}`)),
        random: streams.get(streamName('scaling', g, gSpec.name)),
        serviceKind: g,
        samplerFor: (d) => makeSampler(d, streams.get(g === 0 ? 'boot:version' : `boot:version:${gSpec.name}`)),
        ...(gSpec.mixedInstancesPolicy ? { spotRandom: streams.get(streamName('spot', g, gSpec.name)) } : {}),
      });
      this.groups.push(group);
      const faults = { zones: scenario.zones, faults: scenario.faults.filter((f) => f.action === 'fail-zone' || ('group' in f && f.group === g)) };
      this.faults.push(new Faults(engine, faults, instances, servers, group, this.requests, streams.get(streamName('faults', g, gSpec.name)), log));
      const first = mine[0] ?? null;
      const tgIndex = first ? this.targetGroups.indexOf(first) : -1;
      const sources: ElbSource[] = [{
        dimension: null,
        counts: single || tgIndex < 0 ? () => this.metrics.cumulative() : () => this.targetGroupCounts(tgIndex),
        hosts: first ? () => first.hostCounts() : () => ({ healthy: 0, unhealthy: 0 }),
        answered: single ? () => this.answered() : null,
      }];
      for (const dimension of dimensionsRead(view)) sources.push(this.elbSource(dimension));
      const cloudWatch = new CloudWatchPublisher(view, instances, servers, sources, this.metrics, this.requests, group, scenario.cloudWatch.publicationDelayS);
      this.cloudWatch.push(cloudWatch);
      const scaling = new ScalingController(engine, view, group, cloudWatch, instances, log);
      this.scaling.push(scaling);
      const refresh = new InstanceRefresh(engine, view, group, instances, log);
      this.refresh.push(refresh);
      this.actions.push(new GroupActions(engine, view, group, instances, log, scaling, refresh));
      const maintenance = gSpec.instanceMaintenancePolicy;
      this.lifetime.push(new MaxInstanceLifetime(engine, group, instances, gSpec.maxInstanceLifetimeS, scenario.durationS, log, maintenance ? maintenance.maxHealthyPercentage : 100));
    });
    this.alarms = new AlarmBoard(engine, scenario, this.cloudWatch, log);
  }

  /** The figures of a metric read by a dimension: a target group's own, or its load balancer's. */
  private elbSource(dimension: MetricDimension): ElbSource {
    if (dimension.name === 'TargetGroup') {
      const i = this.scenario.targetGroups.findIndex((t) => t.name === dimension.value);
      const tg = this.targetGroups[i]!;
      return { dimension, counts: this.targetGroups.length === 1 ? () => this.metrics.cumulative() : () => this.targetGroupCounts(i), hosts: () => tg.hostCounts(), answered: null };
    }
    const lb = this.scenario.loadBalancers.findIndex((l) => l.name === dimension.value);
    const own = this.targetGroups.filter((t) => t.spec.loadBalancer === lb);
    const several = this.lbs.length > 1;
    const ownIndexes = own.map((t) => this.targetGroups.indexOf(t));
    const model = this.lbs[lb]!;
    return {
      dimension,
      // With several load balancers, one's figures are its target groups' (their 5xx as one
      // total) and the requests it answered itself.
      counts: several ? () => this.loadBalancerCounts(ownIndexes, model) : () => this.metrics.cumulative(),
      answered: several ? () => model.answeredSoFar() : () => this.answered(),
      hosts: () => own.reduce((sum, t) => {
        const h = t.hostCounts();
        return { healthy: sum.healthy + h.healthy, unhealthy: sum.unhealthy + h.unhealthy };
      }, { healthy: 0, unhealthy: 0 }),
    };
  }

  /** The one load balancer's own answers so far. */
  private answered(): { redirects: number; fixed: number } {
    const t = this.topology;
    return { redirects: t.totalRedirects + t.redirects, fixed: t.totalFixedResponses + t.fixedResponses };
  }

  /** One of several load balancers' running counts: its target groups' and the requests it answered itself. */
  private loadBalancerCounts(targetGroups: readonly number[], lb: LoadBalancer): Counts {
    const sum: Counts = { requests: 0, ok: 0, e502: 0, e503: 0, e504: 0, target5xx: 0, latSumMs: 0 };
    for (const i of targetGroups) {
      const c = this.targetGroupCounts(i);
      sum.requests += c.requests;
      sum.ok += c.ok;
      sum.e502 += c.e502;
      sum.latSumMs += c.latSumMs;
    }
    const answered = lb.answeredSoFar();
    sum.requests += answered.redirects + answered.fixed;
    return sum;
  }

  /** A target group's running counts, in the shape the CloudWatch publisher reads (its 5xx all as 502s). */
  private targetGroupCounts(i: number): Counts {
    const t = this.topology;
    return { requests: t.totalRequests[i]! + t.requests[i]!, ok: t.totalOk[i]! + t.ok[i]!, e502: t.totalElb5xx[i]! + t.elb5xx[i]!, e503: 0, e504: 0, target5xx: 0, latSumMs: t.totalLatSumMs[i]! + t.latSumMs[i]! };
  }

  /** Starts the running system at time 0: the fleet, the policies, the minute tick, faults, traffic. */
  start(): void {
    const { engine } = this;
    this.targetGroups.forEach((tg, i) => {
      const servers = this.ipServers[i]!;
      if (servers.length === 0) return;
      const source = tg.attach(new FixedTargets());
      for (const s of servers) tg.register(tg.memberFor(s, -1, source), true);
    });
    for (const group of this.groups) group.start();
    for (const scaling of this.scaling) scaling.start();
    for (const actions of this.actions) actions.start();
    for (const lifetime of this.lifetime) lifetime.start();
    this.alarms.start();
    // Every minute: CloudWatch datapoints, then alarms and policies, then the group's AZ balance.
    const kMinute = engine.register(() => {
      this.groups.forEach((group, g) => {
        const scaling = this.scaling[g]!;
        // CloudWatch is not an output: its datapoints are only worth making when a policy reads them.
        if (scaling.hasPolicies || this.alarms.readsGroup(g)) {
          this.cloudWatch[g]!.publishMinute(engine.now);
          scaling.minute(engine.now);
        }
        group.rebalance.tick();
      });
      this.alarms.minute(engine.now);
      this.metrics.resetMinute();
      if (engine.now + 60 <= this.scenario.durationS) engine.schedule(engine.now + 60, kMinute);
    });
    engine.schedule(60, kMinute);
    for (const faults of this.faults) faults.scheduleAll();
    this.scheduleWeightChanges();
    this.requests.start();
  }

  /** Timed `set-weights` actions: the forward's alias table is rebuilt at their time. */
  private scheduleWeightChanges(): void {
    const changes = this.scenario.faults.flatMap((f) => (f.action === 'set-weights' ? [f] : []));
    if (changes.length === 0) return;
    const kChange = this.engine.register((i) => {
      const f = changes[i]!;
      const lb = this.lbs[f.loadBalancer]!;
      const spec = this.scenario.loadBalancers[f.loadBalancer]!;
      const a = lb.actions.findIndex((x) => x.listener === f.listener && x.priority === f.priority);
      lb.setWeights(a, f.weights);
      const action = lb.actions[a]!.action;
      const names = action.type === 'forward' ? action.to.map((t, k) => `${this.scenario.targetGroups[t.targetGroup]!.name} ${f.weights[k]}`) : [];
      const listener = spec.listeners[f.listener]!;
      this.log.add(this.engine.now, 'fault', { name: `${this.lbs.length > 1 ? `${spec.name} ` : ''}${listener.protocol}:${listener.port} ${f.priority === null ? 'default' : `rule ${f.priority}`}`, state: 'set-weights', cause: names.join(', ') });
    });
    changes.forEach((f, i) => this.engine.schedule(f.atS, kChange, i));
  }

  /** Throws if an invariant of the tables is broken (see invariants.ts). */
  assertInvariants(): void {
    this.groups.forEach((group, g) => {
      const broken = brokenInvariant({ servers: this.servers, instances: this.instanceTables[g]!, members: this.members, pool: this.requests.pool, unanswered: this.requests.unanswered, group }, this.engine.now);
      if (broken !== null) throw new Error(`elbsim invariant broken ${broken}`);
    });
  }

  serverIdle(server: number): void {
    for (const tg of this.targetGroups) {
      const m = tg.memberOf(server);
      if (m >= 0) tg.serverIdle(m);
    }
  }

  checkResponse(member: number, seq: number): void {
    this.targetGroups[this.members.tg[member]!]!.checks.response(member, seq);
  }
}

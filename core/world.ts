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
import type { Scenario } from './scenario/types.ts';
import { ArrivalProcess } from './model/traffic.ts';
import { LoadBalancer, type RouteObserver } from './model/elb/load-balancer.ts';
import { Metrics } from './model/metrics.ts';
import { EventLog } from './model/event-log.ts';
import { RequestPath, type ServerEvents } from './model/request-path.ts';
import { AutoScalingGroup } from './model/autoscaling/group.ts';
import { Instances } from './model/autoscaling/instances.ts';
import { Servers } from './model/compute/servers.ts';
import { Members } from './model/target-group/members.ts';
import { TargetGroup } from './model/target-group/target-group.ts';
import { Faults } from './model/faults.ts';
import { CloudWatchPublisher } from './model/cloudwatch/publisher.ts';
import { ScalingController } from './model/scaling-controller.ts';
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

export class World implements ServerEvents {
  readonly engine = new Engine();
  readonly servers = new Servers();
  readonly instances: Instances;
  readonly members: Members;
  readonly metrics: Metrics;
  readonly log = new EventLog();
  readonly targetGroups: TargetGroup[];
  readonly lb: LoadBalancer;
  readonly requests: RequestPath;
  readonly group: AutoScalingGroup;
  readonly faults: Faults;
  readonly cloudWatch: CloudWatchPublisher;
  readonly scaling: ScalingController;
  readonly actions: GroupActions;
  readonly refresh: InstanceRefresh;
  readonly lifetime: MaxInstanceLifetime;

  constructor(
    readonly scenario: Scenario,
    options: WorldOptions,
  ) {
    const streams = new RandomStreams(options.seed);
    const zoneCount = scenario.zones.length;
    this.instances = new Instances(zoneCount);
    const { engine, servers, instances, log } = this;
    this.members = new Members(zoneCount);
    this.metrics = new Metrics(options.periods);
    const members = this.members;
    const spec = scenario.loadBalancer;
    // The request path is both ports a target group needs towards servers; it is built after
    // the target groups, so they reach it through this world.
    const transport = {
      enqueueHealthCheck: (m: number, s: number, seq: number) => this.requests.enqueueHealthCheck(m, s, seq),
      dropServerWork: (s: number, code: 502 | null) => this.requests.dropServerWork(s, code),
    };
    const tg = new TargetGroup(spec.targetGroup, {
      engine,
      members,
      servers,
      log,
      index: 0,
      zoneCount,
      crossZone: spec.crossZone,
      failOpen: spec.type !== 'classic',
      routing: streams.get('routing'),
      health: streams.get('health'),
      transport,
      dropper: transport,
      instanceOf: (m) => instances.id(members.instance[m]!),
    });
    this.targetGroups = [tg];
    this.lb = new LoadBalancer(spec, zoneCount, scenario.traffic.clients, tg, members, streams.get('dns'));
    this.lb.observer = options.onRoute;
    const arrivals = new ArrivalProcess(scenario.traffic.rate, scenario.traffic.arrivals, streams.get('arrivals'));
    const service = makeSampler(scenario.instance.serviceTime, streams.get('service'));
    this.requests = new RequestPath(engine, scenario, arrivals, streams.get('clients'), service, this.lb, servers, members, this.metrics, scenario.durationS);
    this.requests.events = this;
    // Without a warm pool there are no warm starts; the sampler is then never drawn from.
    const pool = scenario.autoScaling.warmPool;
    this.group = new AutoScalingGroup({
      engine,
      scenario,
      instances,
      servers,
      members,
      targetGroups: this.targetGroups,
      dropper: this.requests,
      log,
      bootTime: makeSampler(scenario.instance.bootTime, streams.get('boot')),
      warmStartTime: makeSampler(pool ? pool.warmStartTime : { distribution: 'constant', value: 30 }, streams.get('boot:warm')),
      random: streams.get('scaling'),
      samplerFor: (d) => makeSampler(d, streams.get('boot:version')),
    });
    this.faults = new Faults(engine, scenario, instances, servers, this.group, this.requests, streams.get('faults'), log);
    this.cloudWatch = new CloudWatchPublisher(scenario, instances, servers, tg, this.metrics, this.requests, this.group, scenario.cloudWatch.publicationDelayS);
    this.scaling = new ScalingController(engine, scenario, this.group, this.cloudWatch, instances, log);
    this.refresh = new InstanceRefresh(engine, scenario, this.group, instances, log);
    this.actions = new GroupActions(engine, scenario, this.group, instances, log, this.scaling, this.refresh);
    const maintenance = scenario.autoScaling.instanceMaintenancePolicy;
    this.lifetime = new MaxInstanceLifetime(engine, this.group, instances, scenario.autoScaling.maxInstanceLifetimeS, scenario.durationS, log, maintenance ? maintenance.maxHealthyPercentage : 100);
  }

  /** Starts the running system at time 0: the fleet, the policies, the minute tick, faults, traffic. */
  start(): void {
    const { engine, scaling, group } = this;
    group.start();
    scaling.start();
    this.actions.start();
    this.lifetime.start();
    // Every minute: CloudWatch datapoints, then alarms and policies, then the group's AZ balance.
    const kMinute = engine.register(() => {
      // CloudWatch is not an output: its datapoints are only worth making when a policy reads them.
      if (scaling.hasPolicies) {
        this.cloudWatch.publishMinute(engine.now);
        scaling.minute(engine.now);
      }
      group.rebalance.tick();
      if (engine.now + 60 <= this.scenario.durationS) engine.schedule(engine.now + 60, kMinute);
    });
    engine.schedule(60, kMinute);
    this.faults.scheduleAll();
    this.requests.start();
  }

  /** Throws if an invariant of the tables is broken (see invariants.ts). */
  assertInvariants(): void {
    const broken = brokenInvariant({ servers: this.servers, instances: this.instances, members: this.members, pool: this.requests.pool, unanswered: this.requests.unanswered, group: this.group }, this.engine.now);
    if (broken !== null) throw new Error(`elbsim invariant broken ${broken}`);
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

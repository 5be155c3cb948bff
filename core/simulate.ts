/**
 * One run of a scenario: builds the world from the scenario and a seed, and advances it.
 *
 * The pieces talk through the engine's event queue: traffic and the request path
 * (request-path.ts), the load balancer (load-balancer.ts), health checks, the Auto Scaling
 * group's instances (fleet.ts) and faults. A period event closes each CloudWatch period and
 * writes one row of the time series.
 */
import { Engine } from './engine/engine.ts';
import { makeSampler } from './engine/distributions.ts';
import { RandomStreams } from './engine/random.ts';
import type { Scenario } from './scenario/types.ts';
import type { RunResult, Simulation } from './report/types.ts';
import { ArrivalProcess } from './model/traffic.ts';
import { LoadBalancer, type RouteObserver } from './model/load-balancer.ts';
import { Metrics } from './model/metrics.ts';
import { EventLog } from './model/event-log.ts';
import { RequestPath } from './model/request-path.ts';
import { HealthChecker } from './model/health-checks.ts';
import { AutoScalingGroup } from './model/auto-scaling-group.ts';
import { Faults } from './model/faults.ts';
import { Health, Lifecycle, Registration, TargetTable } from './model/targets.ts';
import { buildSummary } from './report/summary.ts';
import { CloudWatchPublisher } from './model/cloudwatch/publisher.ts';
import { ScalingController } from './model/scaling-controller.ts';

/** CloudWatch defaults elbsim chooses where AWS documents none (see CloudWatchSettings). */
export const DEFAULT_PUBLICATION_DELAY_S = 60;

export interface SimulateOptions {
  /** Overrides the scenario's seed. */
  seed?: number;
  /** Sees every routing decision (tests, tracing); slows the run. */
  onRoute?: RouteObserver;
}

class Run implements Simulation {
  readonly durationS: number;
  readonly seed: number;
  private readonly engine = new Engine();
  private readonly targets = new TargetTable();
  private readonly metrics: Metrics;
  private readonly log = new EventLog();
  private readonly lb: LoadBalancer;
  private readonly requests: RequestPath;
  private readonly fleet: AutoScalingGroup;
  /** Busy-slot integral of each target at the start of the current period. */
  private periodBusyMark = new Float64Array(0);
  private readonly instanceLoad: Float32Array[] = [];
  private periodStartS = 0;
  private finished: RunResult | null = null;

  constructor(private readonly scenario: Scenario, options: SimulateOptions) {
    this.seed = options.seed ?? scenario.seed;
    this.durationS = scenario.durationS;
    const streams = new RandomStreams(this.seed);
    // Whole periods, then a last partial one if the duration is not a multiple of the period.
    const period = scenario.periodS;
    const periods = Math.floor(this.durationS / period + 1e-9);
    this.metrics = new Metrics(periods + (periods * period < this.durationS - 1e-9 ? 1 : 0));
    const { engine, targets, metrics, log } = this;
    const tg = scenario.loadBalancer.targetGroup;
    this.lb = new LoadBalancer(scenario.loadBalancer, scenario.zones.length, scenario.traffic.clients, targets, streams.get('routing'), streams.get('dns'));
    this.lb.observer = options.onRoute ?? null;
    const arrivals = new ArrivalProcess(scenario.traffic.rate, scenario.traffic.arrivals, streams.get('arrivals'));
    const service = makeSampler(scenario.instance.serviceTime, streams.get('service'));
    this.requests = new RequestPath(engine, scenario, arrivals, streams.get('clients'), service, this.lb, targets, metrics, this.durationS);
    const health = new HealthChecker(engine, tg.healthCheck, targets, streams.get('health'), log, this.requests);
    const pool = scenario.autoScaling.warmPool;
    this.fleet = new AutoScalingGroup(
      engine,
      scenario,
      targets,
      this.lb,
      health,
      this.requests,
      log,
      makeSampler(scenario.instance.bootTime, streams.get('boot')),
      makeSampler(pool ? pool.warmStartTime : { distribution: 'constant', value: 30 }, streams.get('boot:warm')),
      streams.get('scaling'),
    );
    const faults = new Faults(engine, scenario, targets, this.fleet, this.requests, streams.get('faults'), log);

    const kSlowStartEnd = engine.register(() => this.lb.refreshSlowStart(engine.now));
    health.onChange = (t, h) => {
      const now = engine.now;
      targets.slowStartEndS[t] = 0;
      if (h === Health.Healthy && tg.slowStartS > 0 && this.hasSettledHealthyTarget(t, now)) {
        targets.slowStartEndS[t] = now + tg.slowStartS;
        engine.schedule(now + tg.slowStartS, kSlowStartEnd);
      }
      this.lb.refreshSlowStart(now);
      this.lb.invalidate();
    };

    const kPeriod = engine.register(() => this.closePeriod());
    for (let k = 1; k <= periods; k++) engine.schedule(k * period, kPeriod);
    if (periods * period < this.durationS - 1e-9) engine.schedule(this.durationS, kPeriod);

    const cloudWatch = new CloudWatchPublisher(scenario, targets, metrics, this.requests, this.fleet, scenario.cloudWatch?.publicationDelayS ?? DEFAULT_PUBLICATION_DELAY_S);
    const scaling = new ScalingController(engine, scenario, this.fleet, cloudWatch, targets, log);
    this.fleet.start();
    scaling.start();
    // Every minute: CloudWatch datapoints, then alarms and policies, then the group's AZ balance.
    const kMinute = engine.register(() => {
      // CloudWatch is not an output: its datapoints are only worth making when a policy reads them.
      if (scaling.hasPolicies) {
        cloudWatch.publishMinute(engine.now);
        scaling.minute(engine.now);
      }
      this.fleet.rebalanceTick();
      if (engine.now + 60 <= this.durationS) engine.schedule(engine.now + 60, kMinute);
    });
    engine.schedule(60, kMinute);
    faults.scheduleAll();
    this.requests.start();
  }

  /** Slow start applies only if another healthy target is not itself in slow start (ALB-TG). */
  private hasSettledHealthyTarget(except: number, now: number): boolean {
    const t = this.targets;
    for (let i = 0; i < t.count; i++) {
      if (i !== except && t.registration[i] === Registration.Registered && t.health[i] === Health.Healthy && t.slowStartEndS[i]! <= now) return true;
    }
    return false;
  }

  get nowS(): number {
    return this.engine.now;
  }

  get done(): boolean {
    return this.finished !== null;
  }

  get eventsRun(): number {
    return this.engine.eventsRun;
  }

  step(): boolean {
    if (this.finished) return false;
    if (this.engine.step(this.durationS)) return true;
    this.runUntil(this.durationS);
    return false;
  }

  runUntil(timeS: number): void {
    if (this.finished) return;
    this.engine.runUntil(Math.min(timeS, this.durationS));
    if (timeS >= this.durationS) this.finish();
  }

  run(): RunResult {
    this.runUntil(this.durationS);
    return this.result();
  }

  result(): RunResult {
    if (!this.finished) throw new Error('the run has not finished: call run() or runUntil(durationS) first');
    return this.finished;
  }

  private closePeriod(): void {
    const now = this.engine.now;
    const start = this.periodStartS;
    const targets = this.targets;
    const { concurrency, idleCpu } = this.scenario.instance;
    let healthy = 0;
    let unhealthy = 0;
    let cpuSeconds = 0;
    let serviceSeconds = 0;
    for (let t = 0; t < targets.count; t++) {
      if (targets.registration[t] === Registration.Registered) {
        if (targets.health[t] === Health.Healthy) healthy++;
        else if (targets.health[t] === Health.Unhealthy) unhealthy++;
      }
      let load = NaN;
      const gone = targets.terminateS[t]!;
      if (!(gone < start) && targets.launchS[t]! <= now) {
        if (targets.lifecycle[t] !== Lifecycle.Terminated) targets.flushBusy(t, now);
        const busySeconds = targets.busyIntegral[t]! - (this.periodBusyMark[t] ?? 0);
        const end = Number.isNaN(gone) ? now : Math.min(gone, now);
        const alive = end - Math.max(start, targets.launchS[t]!);
        load = alive > 0 ? busySeconds / (concurrency * alive) : 0;
        const inServiceFrom = targets.inServiceS[t]!;
        if (!Number.isNaN(inServiceFrom)) {
          const inService = end - Math.max(start, inServiceFrom);
          if (inService > 0) {
            serviceSeconds += inService;
            cpuSeconds += idleCpu * inService + ((100 - idleCpu) * busySeconds) / concurrency;
          }
        }
      }
      const series = (this.instanceLoad[t] ??= new Float32Array(this.metrics.periodCount).fill(NaN));
      series[this.metrics.periods] = load;
    }
    if (this.periodBusyMark.length < targets.capacity) {
      const m = new Float64Array(targets.capacity);
      m.set(this.periodBusyMark);
      this.periodBusyMark = m;
    }
    this.periodBusyMark.set(targets.busyIntegral.subarray(0, targets.count));
    this.metrics.closePeriod({
      timeS: now,
      healthyHosts: healthy,
      unhealthyHosts: unhealthy,
      inService: this.fleet.inService,
      pending: this.fleet.pending,
      desiredCapacity: this.fleet.desired,
      cpuAvgPct: serviceSeconds > 0 ? cpuSeconds / serviceSeconds : NaN,
    });
    this.periodStartS = now;
  }

  private finish(): void {
    const instanceLoad: Record<string, Float32Array> = {};
    this.instanceLoad.forEach((series, t) => (instanceLoad[this.targets.id(t)] = series.subarray(0, this.metrics.periods)));
    this.finished = {
      scenario: this.scenario,
      seed: this.seed,
      timeseries: this.metrics.timeseries(),
      events: this.log.events,
      summary: buildSummary({
        scenario: this.scenario,
        seed: this.seed,
        metrics: this.metrics,
        targets: this.targets,
        fleet: this.fleet,
        zoneRequests: this.requests.zoneRequests,
        inFlightAtEnd: this.requests.unanswered,
      }),
      instanceLoad,
    };
  }
}

/** A run that can be stepped; see `Simulation`. */
export function createSimulation(scenario: Scenario, options: SimulateOptions = {}): Simulation & { readonly eventsRun: number } {
  return new Run(scenario, options);
}

/** Runs a scenario to the end. */
export function simulate(scenario: Scenario, options: SimulateOptions = {}): RunResult {
  return new Run(scenario, options).run();
}

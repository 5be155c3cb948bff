/**
 * One run of a scenario: builds the world from the scenario and a seed, and advances it.
 *
 * world.ts builds the tables and components and wires them; this file adds the period events
 * (each closes a CloudWatch period and writes one row of the time series), steps the engine and
 * gathers the results.
 */
import type { Scenario } from './scenario/types.ts';
import type { InstanceLoad, RunResult, Simulation } from './report/types.ts';
import type { RouteObserver } from './model/elb/load-balancer.ts';
import { PeriodCloser } from './model/periods.ts';
import { buildSummary } from './report/summary.ts';
import { World } from './world.ts';

export interface SimulateOptions {
  /** Overrides the scenario's seed. */
  seed?: number;
  /** Sees every routing decision (tests, tracing); slows the run. */
  onRoute?: RouteObserver;
  /** Checks the tables' invariants at every period's end and throws on the first broken one (tests). */
  checkInvariants?: boolean;
}

class Run implements Simulation {
  readonly durationS: number;
  readonly seed: number;
  private readonly world: World;
  private readonly periods: PeriodCloser;
  private finished: RunResult | null = null;

  constructor(private readonly scenario: Scenario, options: SimulateOptions) {
    this.seed = options.seed ?? scenario.seed;
    this.durationS = scenario.durationS;
    // Whole periods, then a last partial one if the duration is not a multiple of the period.
    const period = scenario.periodS;
    const periods = Math.floor(this.durationS / period + 1e-9);
    const partial = periods * period < this.durationS - 1e-9;
    const world = (this.world = new World(scenario, { seed: this.seed, periods: periods + (partial ? 1 : 0), onRoute: options.onRoute ?? null }));
    const { engine } = world;
    const fleets = world.groups.map((group, g) => ({ instances: world.instanceTables[g]!, group, idleCpu: scenario.autoScalingGroups[g]!.instance.idleCpu }));
    this.periods = new PeriodCloser(fleets, world.servers, world.targetGroups, world.metrics, world.topology);
    const check = options.checkInvariants === true;
    // The period closes are known now but pushed one at a time, each by the one before, with the
    // sequence numbers they would have had if pushed now: the same order, one event in the heap.
    const total = periods + (partial ? 1 : 0);
    const first = engine.reserveSequence(total);
    const closeAt = (k: number) => (k < periods ? (k + 1) * period : this.durationS); // the k-th close, from 0
    let closed = 0;
    const kPeriod = engine.register(() => {
      this.periods.close(engine.now);
      if (check) world.assertInvariants();
      if (++closed < total) engine.schedule(closeAt(closed), kPeriod, 0, 0, first + closed);
    });
    engine.schedule(closeAt(0), kPeriod, 0, 0, first);
    world.start();
  }

  get nowS(): number {
    return this.world.engine.now;
  }

  get done(): boolean {
    return this.finished !== null;
  }

  get eventsRun(): number {
    return this.world.engine.eventsRun;
  }

  step(): boolean {
    if (this.finished) return false;
    if (this.world.engine.step(this.durationS)) return true;
    this.runUntil(this.durationS);
    return false;
  }

  runUntil(timeS: number): void {
    if (this.finished) return;
    this.world.engine.runUntil(Math.min(timeS, this.durationS));
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

  private finish(): void {
    const world = this.world;
    const instanceLoad: InstanceLoad = {};
    world.instanceTables.forEach((instances, g) => {
      for (let t = 0; t < instances.count; t++) {
        const series = this.periods.instanceLoad(g, t);
        if (series) instanceLoad[instances.id(t)] = series;
      }
    });
    this.finished = {
      scenario: this.scenario,
      seed: this.seed,
      timeseries: world.metrics.timeseries(),
      extraSeries: world.topology.closedSeries(world.metrics.periods),
      events: world.log.events,
      summary: buildSummary({
        scenario: this.scenario,
        seed: this.seed,
        metrics: world.metrics,
        fleets: world.groups.map((group, g) => ({ instances: world.instanceTables[g]!, group })),
        servers: world.servers,
        ipServers: world.ipServers,
        zoneRequests: world.requests.zoneRequests,
        inFlightAtEnd: world.requests.unanswered,
        topology: world.topology,
        detailed: world.detailed,
        lbs: world.lbs,
        lbRequests: world.dns?.requests ?? null,
        targetGroups: world.targetGroups,
        alarms: world.alarms.summary(this.scenario.durationS),
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

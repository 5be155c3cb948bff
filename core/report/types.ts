/**
 * What a run produces: a time series (one row per CloudWatch period, stored by column), the
 * event log, and the summary. Contract section 3 names every field; the formatters in this
 * folder turn these into timeseries.csv, events.csv and summary.json.
 */
import type { Scenario } from '../scenario/types.ts';

/** The contract's timeseries.csv columns, in order. */
export const TIMESERIES_COLUMNS = [
  'time_s',
  'requests',
  'responses_2xx',
  'elb_5xx',
  'target_5xx',
  'latency_mean_ms',
  'latency_p50_ms',
  'latency_p99_ms',
  'healthy_hosts',
  'unhealthy_hosts',
  'in_service',
  'pending',
  'desired_capacity',
  'cpu_avg_pct',
  // Latency as a client sees it: every answered request (2xx, target 5xx, and the load
  // balancer's own 502/503/504), from its arrival to its answer. Not AWS's TargetResponseTime,
  // which the latency_* columns above mirror (successful responses only).
  'client_latency_mean_ms',
  'client_latency_p50_ms',
  'client_latency_p99_ms',
  'client_latency_max_ms',
] as const;

export type TimeseriesColumn = (typeof TIMESERIES_COLUMNS)[number];

/**
 * One array per column, one entry per period. NaN means "no value" (an empty CSV cell). Typed
 * arrays keep a long run's series compact (8 bytes a cell, outside the garbage-collected heap).
 */
export type Timeseries = Record<TimeseriesColumn, Float64Array>;

/**
 * A column after the contract's: per target group and per Auto Scaling group figures, named
 * `<metric>__<name>` (and `redirects`, `fixed_responses`), present when a scenario has more than
 * one target group or group, or listener rules. NaN is an empty cell.
 */
export interface NamedSeries {
  column: string;
  decimals: number;
  values: Float64Array;
}

export type EventKind =
  | 'launch'
  | 'in_service'
  | 'register'
  | 'health'
  | 'drain'
  | 'deregister'
  | 'terminate'
  | 'alarm'
  | 'scaling'
  | 'fault'
  | 'warm_pool'
  | 'lifecycle_hook'
  /** EC2's Spot signals: `rebalance-recommendation`, `interruption-notice` (value: the interruption time). */
  | 'spot';

/**
 * One event of the run, as structure: what happened (kind) to which instance, zone, target group,
 * group or alarm, with its state and value. events.csv's `subject` and `detail` columns are worded
 * from these facts by one formatter (core/report/event-text.ts), in AWS's wording where AWS has
 * one; programs (the web app) read the facts, never the words.
 */
export interface SimEvent extends EventFacts {
  timeS: number;
  kind: EventKind;
  /** events.csv's subject: an instance id (`i-0001`), a zone, an alarm, policy or group name. */
  subject: string;
  /** events.csv's detail, worded from the facts. */
  detail: string;
}

/** The facts of an event; a field that does not apply is null. */
export interface EventFacts {
  /** The instance the event is about (`i-0001`). */
  instance: string | null;
  /** The zone an instance launched into, or the zone a fault took out. */
  zone: string | null;
  targetGroup: string | null;
  /** The Auto Scaling group. */
  group: string | null;
  /** An alarm, lifecycle hook, scaling policy or scheduled action by name. */
  name: string | null;
  /**
   * The new state: `healthy` / `unhealthy` (health), `OK` / `ALARM` / `INSUFFICIENT_DATA`
   * (alarm), the fault action (`fail-target`, `slow-target`, `recover-target`, `fail-zone`, …),
   * `drained` / `delay-expired` (deregister), `waiting` / `CONTINUE` / `ABANDON` (lifecycle hook),
   * `leaves` / `returned` / `launched` (warm pool), `refused` (a manual operation the group
   * refused), an instance refresh's status (`InProgress`, `Checkpoint`, `Successful`, `Failed`,
   * `RollbackInProgress`, `RollbackSuccessful`).
   */
  state: string | null;
  /** A slow-target fault's factor, a drain's delay in s, the requests in flight when a drain ran out, a hook's wait in s. */
  value: number | null;
  /** A scaling activity's or termination's cause, in AWS's activity-history wording. */
  cause: string | null;
  /** A scaling activity's desired capacity before and after (null when it changed none). */
  from: number | null;
  to: number | null;
}

export interface TargetSummary {
  id: string;
  zone: string;
  requests: number;
  launchS: number;
  terminateS: number | null;
}

export interface Summary {
  scenario: string;
  seed: number;
  durationS: number;
  requests: number;
  responses2xx: number;
  target5xx: number;
  elb5xx: { '502': number; '503': number; '504': number };
  inFlightAtEnd: number;
  latencyMs: { mean: number; p50: number; p90: number; p99: number; max: number };
  zones: Record<string, { requests: number }>;
  targets: TargetSummary[];
  capacity: { min: number; max: number };
  instanceHours: number;
  cost: number;
  /**
   * With a mixed instances policy on some group: `cost` split by market (each instance at its
   * type's On-Demand or Spot price; groups without a policy count as On-Demand at their
   * `pricePerHour`), and the Spot interruptions EC2 carried out. Absent otherwise.
   */
  costOnDemand?: number;
  costSpot?: number;
  spotInterruptions?: number;
  /**
   * Latency as a client sees it: every answered request, failures included (502 after a reset,
   * 503 at once, 504 after the idle or connect timeout), from arrival to answer. `latencyMs`
   * (like AWS's TargetResponseTime) counts successful responses only. 0s when nothing was answered.
   */
  clientLatencyMs: { mean: number; p50: number; p90: number; p99: number; max: number };
  /**
   * The topology's figures, present when a scenario has more than one target group or Auto
   * Scaling group, or listener rules (the same scenarios that get `<metric>__<name>` columns).
   * With them, conservation reads requests = responses2xx + target5xx + sum(elb5xx) +
   * redirects + fixedResponses + inFlightAtEnd.
   */
  redirects?: number;
  fixedResponses?: number;
  loadBalancers?: Record<string, LoadBalancerSummary>;
  targetGroups?: Record<string, TargetGroupSummary>;
  autoScalingGroups?: Record<string, GroupSummary>;
  /** The standalone and composite alarms of `cloudWatch`, by name; present only when the scenario has some. */
  alarms?: Record<string, AlarmSummary>;
}

/** One alarm of `cloudWatch.alarms` or `cloudWatch.compositeAlarms` over the run. */
export interface AlarmSummary {
  type: 'metric' | 'composite';
  stateAtEnd: 'OK' | 'ALARM' | 'INSUFFICIENT_DATA';
  /** Seconds spent in ALARM, up to the end of the run. */
  timeInAlarmS: number;
  /** Changes into ALARM. */
  transitionsToAlarm: number;
  /** When it first went to ALARM; null if it never did. */
  firstAlarmS: number | null;
}

export interface LoadBalancerSummary {
  type: string;
  requests: number;
  /** Every listener rule and default action with the requests it matched (AWS has no per-rule metric; this is elbsim's count). */
  rules: { listener: string; priority: number | 'default'; action: string; matched: number }[];
}

export interface TargetGroupSummary {
  /** Requests forwarded to the group (RequestCount with the TargetGroup dimension). */
  requests: number;
  responses2xx: number;
  elb5xx: number;
  latencyMsMean: number;
  /** Healthy and unhealthy registered targets at the end. */
  healthyHostsAtEnd: number;
  unhealthyHostsAtEnd: number;
}

export interface GroupSummary {
  capacity: { min: number; max: number };
  desiredCapacityAtEnd: number;
  instanceHours: number;
  cost: number;
  /** With a mixed instances policy: the group's cost by market and its Spot interruptions. */
  costOnDemand?: number;
  costSpot?: number;
  spotInterruptions?: number;
}

/**
 * Per-instance utilisation by period, for the web app's fleet view: for each instance id, the
 * time-average fraction of its worker slots that were busy (0..1) in each period of its life,
 * from period `firstPeriod` on (so the memory follows instance lifetimes, not instances ever
 * launched times the run's periods). `loadInPeriod` reads it.
 */
export type InstanceLoad = Record<string, InstanceLoadSeries>;

export interface InstanceLoadSeries {
  /** The period (row of the time series) of the first entry. */
  firstPeriod: number;
  load: Float32Array;
}

/** An instance's load in period `period`; NaN outside its life. */
export function loadInPeriod(series: InstanceLoadSeries, period: number): number {
  const k = period - series.firstPeriod;
  return k >= 0 && k < series.load.length ? series.load[k]! : Number.NaN;
}

export interface RunResult {
  scenario: Scenario;
  seed: number;
  timeseries: Timeseries;
  /** timeseries.csv's columns after the contract's (see NamedSeries); empty for the one-group shorthand. */
  extraSeries: NamedSeries[];
  events: SimEvent[];
  summary: Summary;
  instanceLoad: InstanceLoad;
}

/** A run that can be advanced step by step (the web worker and the CLI's progress use it). */
export interface Simulation {
  readonly nowS: number;
  readonly durationS: number;
  readonly done: boolean;
  /** Runs one event; returns false when the run is over. */
  step(): boolean;
  /** Runs every event up to and including simulated time `timeS` (clamped to the duration). */
  runUntil(timeS: number): void;
  /** Runs to the end and returns the result. */
  run(): RunResult;
  /** The result of a finished run. */
  result(): RunResult;
}

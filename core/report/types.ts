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
  | 'lifecycle_hook';

export interface SimEvent {
  timeS: number;
  kind: EventKind;
  /** An instance id (`i-0001`), a zone, an alarm or policy name. */
  subject: string;
  detail: string;
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
   * Latency as a client sees it: every answered request, failures included (502 after a reset,
   * 503 at once, 504 after the idle or connect timeout), from arrival to answer. `latencyMs`
   * (like AWS's TargetResponseTime) counts successful responses only. 0s when nothing was answered.
   */
  clientLatencyMs: { mean: number; p50: number; p90: number; p99: number; max: number };
}

/**
 * Per-instance utilisation by period, for the web app's fleet view: for each instance id, one
 * entry per period with the time-average fraction of its worker slots that were busy (0..1),
 * NaN while the instance did not exist.
 */
export type InstanceLoad = Record<string, Float32Array>;

export interface RunResult {
  scenario: Scenario;
  seed: number;
  timeseries: Timeseries;
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

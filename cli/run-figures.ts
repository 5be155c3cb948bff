/**
 * The figures a batch keeps from each run: the columns of a sweep's runs.csv and the quantities
 * a scenario's `expect:` block may bound (`elbsim check`).
 *
 * Each figure is rounded as summary.json writes it (latencies to 3 decimals, instance-hours and
 * cost to 4), so a sweep row, a check line and `elbsim run`'s summary.json with the same seed and
 * `--set` values show the same numbers. A worker sends these few numbers back instead of the
 * whole run, which keeps a sweep's memory independent of how long each run is.
 */
import type { RunResult } from '../core/index.ts';

export interface RunFigures {
  requests: number;
  responses2xx: number;
  /** 502 + 503 + 504 answered by the load balancer. */
  elb5xx: number;
  latencyMsMean: number;
  latencyMsP50: number;
  latencyMsP99: number;
  instanceHours: number;
  cost: number;
  capacityMax: number;
  /** The fewest healthy targets at the end of any period (timeseries.csv `healthy_hosts`). */
  healthyHostsMin: number;
  /** elb5xx / requests; 0 without requests. */
  elb5xxRate: number;
  /** What clients waited for every answered request, failures included (summary clientLatencyMs). */
  clientLatencyMsMean: number;
  clientLatencyMsP50: number;
  clientLatencyMsP99: number;
}

export type FigureName = keyof RunFigures;

/** runs.csv figure columns, in the contract's order, with their decimals. */
export const RUN_COLUMNS: readonly { column: string; figure: FigureName; decimals: number }[] = [
  { column: 'requests', figure: 'requests', decimals: 0 },
  { column: 'responses_2xx', figure: 'responses2xx', decimals: 0 },
  { column: 'elb_5xx', figure: 'elb5xx', decimals: 0 },
  { column: 'latency_mean_ms', figure: 'latencyMsMean', decimals: 3 },
  { column: 'latency_p50_ms', figure: 'latencyMsP50', decimals: 3 },
  { column: 'latency_p99_ms', figure: 'latencyMsP99', decimals: 3 },
  { column: 'instance_hours', figure: 'instanceHours', decimals: 4 },
  { column: 'cost', figure: 'cost', decimals: 4 },
  { column: 'capacity_max', figure: 'capacityMax', decimals: 0 },
];

const round = (value: number, decimals: number): number => Number(value.toFixed(decimals));

export function runFigures({ summary, timeseries }: RunResult): RunFigures {
  const elb5xx = summary.elb5xx['502'] + summary.elb5xx['503'] + summary.elb5xx['504'];
  let healthyHostsMin = Infinity;
  for (const hosts of timeseries.healthy_hosts) if (!Number.isNaN(hosts)) healthyHostsMin = Math.min(healthyHostsMin, hosts);
  return {
    requests: summary.requests,
    responses2xx: summary.responses2xx,
    elb5xx,
    latencyMsMean: round(summary.latencyMs.mean, 3),
    latencyMsP50: round(summary.latencyMs.p50, 3),
    latencyMsP99: round(summary.latencyMs.p99, 3),
    instanceHours: round(summary.instanceHours, 4),
    cost: round(summary.cost, 4),
    capacityMax: summary.capacity.max,
    healthyHostsMin: healthyHostsMin === Infinity ? 0 : healthyHostsMin,
    elb5xxRate: summary.requests === 0 ? 0 : elb5xx / summary.requests,
    clientLatencyMsMean: round(summary.clientLatencyMs.mean, 3),
    clientLatencyMsP50: round(summary.clientLatencyMs.p50, 3),
    clientLatencyMsP99: round(summary.clientLatencyMs.p99, 3),
  };
}

/** A number with fixed decimals, as in the core's CSV files: never `-0`, NaN as an empty cell. */
export function decimal(value: number, decimals: number): string {
  if (Number.isNaN(value)) return '';
  const text = value.toFixed(decimals);
  return /^-0(\.0*)?$/.test(text) ? text.slice(1) : text;
}

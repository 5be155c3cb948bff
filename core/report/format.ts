/**
 * The output files as text: timeseries.csv, events.csv, summary.json. Every number is written
 * with a fixed number of decimals so the same run gives the same bytes everywhere.
 */
import { TIMESERIES_COLUMNS, type NamedSeries, type SimEvent, type Summary, type Timeseries, type TimeseriesColumn } from './types.ts';

/** Decimals per timeseries column; counts are integers. */
const DECIMALS: Record<TimeseriesColumn, number> = {
  time_s: 3,
  requests: 0,
  responses_2xx: 0,
  elb_5xx: 0,
  target_5xx: 0,
  latency_mean_ms: 3,
  latency_p50_ms: 3,
  latency_p99_ms: 3,
  healthy_hosts: 0,
  unhealthy_hosts: 0,
  in_service: 0,
  pending: 0,
  desired_capacity: 0,
  cpu_avg_pct: 2,
  client_latency_mean_ms: 3,
  client_latency_p50_ms: 3,
  client_latency_p99_ms: 3,
  client_latency_max_ms: 3,
};

/** A number with fixed decimals; NaN is an empty cell. Negative zero prints as 0. */
export function fixed(value: number, decimals: number): string {
  if (Number.isNaN(value)) return '';
  const s = value.toFixed(decimals);
  return /^-0(\.0*)?$/.test(s) ? s.slice(1) : s;
}

/** Whole seconds print without decimals; otherwise milliseconds. The same rule for every row. */
function timeDecimals(times: ArrayLike<number>): number {
  return Array.from(times).every((t) => Math.abs(t - Math.round(t)) < 1e-9) ? 0 : DECIMALS.time_s;
}

export function formatTimeseriesCsv(ts: Timeseries, extra: readonly NamedSeries[] = []): string {
  const cols = [...TIMESERIES_COLUMNS];
  const lines = [[...cols, ...extra.map((e) => e.column)].join(',')];
  const n = ts.time_s.length;
  const timeDec = timeDecimals(ts.time_s);
  for (let i = 0; i < n; i++) {
    const cells = cols.map((c) => fixed(ts[c][i]!, c === 'time_s' ? timeDec : DECIMALS[c]));
    for (const e of extra) cells.push(fixed(e.values[i]!, e.decimals));
    lines.push(cells.join(','));
  }
  return lines.join('\n') + '\n';
}

function csvCell(s: string): string {
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function formatEventsCsv(events: readonly SimEvent[]): string {
  const lines = ['time_s,kind,subject,detail'];
  for (const e of events) lines.push([fixed(e.timeS, 3), e.kind, csvCell(e.subject), csvCell(e.detail)].join(','));
  return lines.join('\n') + '\n';
}

/** Rounds every number in the summary to a fixed number of decimals for its kind. */
export function formatSummaryJson(summary: Summary): string {
  const round = (v: number, d: number) => Number(v.toFixed(d));
  const s: Summary = {
    ...summary,
    latencyMs: {
      mean: round(summary.latencyMs.mean, 3),
      p50: round(summary.latencyMs.p50, 3),
      p90: round(summary.latencyMs.p90, 3),
      p99: round(summary.latencyMs.p99, 3),
      max: round(summary.latencyMs.max, 3),
    },
    targets: summary.targets.map((t) => ({
      ...t,
      launchS: round(t.launchS, 3),
      terminateS: t.terminateS === null ? null : round(t.terminateS, 3),
    })),
    durationS: round(summary.durationS, 3),
    instanceHours: round(summary.instanceHours, 4),
    cost: round(summary.cost, 4),
    clientLatencyMs: {
      mean: round(summary.clientLatencyMs.mean, 3),
      p50: round(summary.clientLatencyMs.p50, 3),
      p90: round(summary.clientLatencyMs.p90, 3),
      p99: round(summary.clientLatencyMs.p99, 3),
      max: round(summary.clientLatencyMs.max, 3),
    },
  };
  if (summary.costOnDemand !== undefined) s.costOnDemand = round(summary.costOnDemand, 4);
  if (summary.costSpot !== undefined) s.costSpot = round(summary.costSpot, 4);
  const map = <T,>(o: Record<string, T> | undefined, f: (v: T) => T) => (o ? Object.fromEntries(Object.entries(o).map(([k, v]) => [k, f(v)])) : undefined);
  if (summary.targetGroups) s.targetGroups = map(summary.targetGroups, (t) => ({ ...t, latencyMsMean: round(t.latencyMsMean, 3) }));
  if (summary.autoScalingGroups) s.autoScalingGroups = map(summary.autoScalingGroups, (g) => ({
    ...g,
    instanceHours: round(g.instanceHours, 4),
    cost: round(g.cost, 4),
    ...(g.costOnDemand !== undefined ? { costOnDemand: round(g.costOnDemand, 4) } : {}),
    ...(g.costSpot !== undefined ? { costSpot: round(g.costSpot, 4) } : {}),
  }));
  return JSON.stringify(s, null, 2) + '\n';
}

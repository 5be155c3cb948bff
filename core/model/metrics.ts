/**
 * Per-period measurements: what CloudWatch would see, one row of timeseries.csv per period,
 * plus the run's totals for summary.json.
 *
 * Latency percentiles come from a fixed-bucket histogram (relative accuracy 1 %, mergeable,
 * constant memory; histogram.ts): one per period, merged into the run's histogram when the
 * period closes. Means are exact (sum / count).
 *
 * Two latencies are kept. `latency_*` is what AWS's TargetResponseTime would show: successful
 * responses only. `client_latency_*` is what a client sees: every answered request, from its
 * arrival to its answer, the load balancer's 502/503/504 included (a 504 waits out the idle or
 * connect timeout). It has its own histogram, recorded when the answer is given: no allocation.
 */
import { Histogram, slotOf } from '../report/histogram.ts';
import { TIMESERIES_COLUMNS, type Timeseries, type TimeseriesColumn } from '../report/types.ts';

export interface PeriodSnapshot {
  timeS: number;
  healthyHosts: number;
  unhealthyHosts: number;
  inService: number;
  pending: number;
  desiredCapacity: number;
  cpuAvgPct: number;
}

/** Request outcomes counted over a span of time. */
export interface Counts {
  requests: number;
  ok: number;
  e502: number;
  e503: number;
  e504: number;
  target5xx: number;
  latSumMs: number;
}

const COUNT_KEYS = ['requests', 'ok', 'e502', 'e503', 'e504', 'target5xx', 'latSumMs'] as const;

/** Adds `from`'s counts to `to`'s. */
export function addCounts(to: Counts, from: Counts): void {
  for (const key of COUNT_KEYS) to[key] += from[key];
}

/** Copies `from`'s counts into `to` (an object kept from one minute to the next is reused, not replaced). */
export function copyCounts(to: Counts, from: Counts): void {
  for (const key of COUNT_KEYS) to[key] = from[key];
}

export class Metrics {
  // The current period.
  requests = 0;
  ok = 0;
  elb502 = 0;
  elb503 = 0;
  elb504 = 0;
  target5xx = 0;
  private latSumMs = 0;
  private readonly histogram = new Histogram();
  // The whole run: the closed periods' counts (the open period's are added by `cumulative`).
  readonly total: Counts = { requests: 0, ok: 0, e502: 0, e503: 0, e504: 0, target5xx: 0, latSumMs: 0 };
  latencyMaxMs = 0;
  readonly totalHistogram = new Histogram();
  // Client-side latency (every answered request): the period's and the run's.
  private clientCount = 0;
  private clientSumMs = 0;
  private clientMaxMs = 0;
  private readonly clientHistogram = new Histogram();
  clientTotalCount = 0;
  clientTotalSumMs = 0;
  clientLatencyMaxMs = 0;
  readonly clientTotalHistogram = new Histogram();
  /** The series, allocated once for every period of the run: nothing grows while it runs. */
  private readonly columns: Record<TimeseriesColumn, Float64Array>;
  /** Periods closed so far. */
  periods = 0;

  constructor(readonly periodCount: number) {
    this.columns = Object.fromEntries(TIMESERIES_COLUMNS.map((c) => [c, new Float64Array(periodCount).fill(NaN)])) as Record<TimeseriesColumn, Float64Array>;
  }

  /** The time series of the closed periods (views, not copies). */
  timeseries(): Timeseries {
    return Object.fromEntries(TIMESERIES_COLUMNS.map((c) => [c, this.columns[c].subarray(0, this.periods)])) as Timeseries;
  }

  // The current CloudWatch minute's response times (TargetResponseTime), reset by the publisher.
  minuteLatMinMs = Infinity;
  minuteLatMaxMs = 0;
  /** Starts the next CloudWatch minute's response-time extremes (after every group's publisher has read them). */
  resetMinute(): void {
    this.minuteHistogram?.clear();
    this.minuteLatMinMs = Infinity;
    this.minuteLatMaxMs = 0;
  }

  /** Only kept when an alarm reads a percentile of response time (one more bucket count per response). */
  minuteHistogram: Histogram | null = null;

  /** A successful response after `latencyS` seconds. */
  recordOk(latencyS: number): void {
    const ms = latencyS * 1000;
    this.ok++;
    this.latSumMs += ms;
    // The same value goes into two or three histograms: its bucket is found once.
    const slot = slotOf(ms);
    this.histogram.recordSlot(slot);
    if (this.minuteHistogram !== null) this.minuteHistogram.recordSlot(slot);
    if (ms > this.latencyMaxMs) this.latencyMaxMs = ms;
    if (ms < this.minuteLatMinMs) this.minuteLatMinMs = ms;
    if (ms > this.minuteLatMaxMs) this.minuteLatMaxMs = ms;
    this.recordClientAt(ms, slot);
  }

  /** An answer the load balancer gives itself by a rule (a redirect or a fixed response), `latencyS` after arrival. */
  recordAnswered(latencyS: number): void {
    this.recordClient(latencyS * 1000);
  }

  /** Any answer to a client, `ms` after the request arrived. */
  private recordClient(ms: number): void {
    this.recordClientAt(ms, slotOf(ms));
  }

  private recordClientAt(ms: number, slot: number): void {
    this.clientCount++;
    this.clientSumMs += ms;
    this.clientHistogram.recordSlot(slot);
    if (ms > this.clientMaxMs) this.clientMaxMs = ms;
  }

  /** The open period's counts. */
  private current(): Counts {
    return { requests: this.requests, ok: this.ok, e502: this.elb502, e503: this.elb503, e504: this.elb504, target5xx: this.target5xx, latSumMs: this.latSumMs };
  }

  /** Running totals including the open period, for per-minute deltas. */
  cumulative(): Counts {
    const now = this.current();
    addCounts(now, this.total);
    return now;
  }

  /** The load balancer's own error answer, `latencyS` after the request arrived. */
  recordElb(code: 502 | 503 | 504, latencyS: number): void {
    if (code === 502) this.elb502++;
    else if (code === 503) this.elb503++;
    else this.elb504++;
    this.recordClient(latencyS * 1000);
  }

  get totalLatencyMeanMs(): number {
    return this.total.ok > 0 ? this.total.latSumMs / this.total.ok : NaN;
  }

  /** Closes the period: appends its row and folds its counts into the totals. */
  closePeriod(s: PeriodSnapshot): void {
    const ts = this.columns;
    const k = this.periods++;
    ts.time_s[k] = s.timeS;
    ts.requests[k] = this.requests;
    ts.responses_2xx[k] = this.ok;
    ts.elb_5xx[k] = this.elb502 + this.elb503 + this.elb504;
    ts.target_5xx[k] = this.target5xx;
    const any = this.ok > 0;
    ts.latency_mean_ms[k] = any ? this.latSumMs / this.ok : NaN;
    ts.latency_p50_ms[k] = any ? this.histogram.quantile(0.5) : NaN;
    ts.latency_p99_ms[k] = any ? this.histogram.quantile(0.99) : NaN;
    ts.healthy_hosts[k] = s.healthyHosts;
    ts.unhealthy_hosts[k] = s.unhealthyHosts;
    ts.in_service[k] = s.inService;
    ts.pending[k] = s.pending;
    ts.desired_capacity[k] = s.desiredCapacity;
    ts.cpu_avg_pct[k] = s.cpuAvgPct;
    const answered = this.clientCount > 0;
    ts.client_latency_mean_ms[k] = answered ? this.clientSumMs / this.clientCount : NaN;
    ts.client_latency_p50_ms[k] = answered ? this.clientHistogram.quantile(0.5) : NaN;
    ts.client_latency_p99_ms[k] = answered ? this.clientHistogram.quantile(0.99) : NaN;
    ts.client_latency_max_ms[k] = answered ? this.clientMaxMs : NaN;

    addCounts(this.total, this.current());
    if (any) this.totalHistogram.merge(this.histogram);
    this.requests = this.ok = this.elb502 = this.elb503 = this.elb504 = this.target5xx = 0;
    this.latSumMs = 0;
    this.histogram.clear();
    if (answered) {
      this.clientTotalCount += this.clientCount;
      this.clientTotalSumMs += this.clientSumMs;
      if (this.clientMaxMs > this.clientLatencyMaxMs) this.clientLatencyMaxMs = this.clientMaxMs;
      this.clientTotalHistogram.merge(this.clientHistogram);
      this.clientHistogram.clear();
    }
    this.clientCount = this.clientSumMs = this.clientMaxMs = 0;
  }
}

/**
 * Per-period measurements: what CloudWatch would see, one row of timeseries.csv per period,
 * plus the run's totals for summary.json.
 *
 * Latency percentiles come from DDSketch (relative accuracy 1 %, mergeable, memory bounded by
 * the range of values, not their number): one sketch per period, merged into the run's sketch
 * when the period closes. Means are exact (sum / count).
 */
import { DDSketch } from '@datadog/sketches-js';
import { TIMESERIES_COLUMNS, type Timeseries } from '../report/types.ts';

export const LATENCY_RELATIVE_ACCURACY = 0.01;

export interface PeriodSnapshot {
  timeS: number;
  healthyHosts: number;
  unhealthyHosts: number;
  inService: number;
  pending: number;
  desiredCapacity: number;
  cpuAvgPct: number;
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
  private sketch = new DDSketch({ relativeAccuracy: LATENCY_RELATIVE_ACCURACY });
  // The whole run.
  totalRequests = 0;
  totalOk = 0;
  total502 = 0;
  total503 = 0;
  total504 = 0;
  totalTarget5xx = 0;
  private totalLatSumMs = 0;
  latencyMaxMs = 0;
  readonly totalSketch = new DDSketch({ relativeAccuracy: LATENCY_RELATIVE_ACCURACY });
  readonly timeseries: Timeseries;

  constructor() {
    this.timeseries = Object.fromEntries(TIMESERIES_COLUMNS.map((c) => [c, [] as number[]])) as unknown as Timeseries;
  }

  /** A successful response after `latencyS` seconds. */
  recordOk(latencyS: number): void {
    const ms = latencyS * 1000;
    this.ok++;
    this.latSumMs += ms;
    this.sketch.accept(ms);
    if (ms > this.latencyMaxMs) this.latencyMaxMs = ms;
  }

  recordElb(code: 502 | 503 | 504): void {
    if (code === 502) this.elb502++;
    else if (code === 503) this.elb503++;
    else this.elb504++;
  }

  get totalLatencyMeanMs(): number {
    return this.totalOk > 0 ? this.totalLatSumMs / this.totalOk : NaN;
  }

  /** Closes the period: appends its row and folds its counts into the totals. */
  closePeriod(s: PeriodSnapshot): void {
    const ts = this.timeseries;
    ts.time_s.push(s.timeS);
    ts.requests.push(this.requests);
    ts.responses_2xx.push(this.ok);
    ts.elb_5xx.push(this.elb502 + this.elb503 + this.elb504);
    ts.target_5xx.push(this.target5xx);
    const any = this.ok > 0;
    ts.latency_mean_ms.push(any ? this.latSumMs / this.ok : NaN);
    ts.latency_p50_ms.push(any ? this.sketch.getValueAtQuantile(0.5) : NaN);
    ts.latency_p99_ms.push(any ? this.sketch.getValueAtQuantile(0.99) : NaN);
    ts.healthy_hosts.push(s.healthyHosts);
    ts.unhealthy_hosts.push(s.unhealthyHosts);
    ts.in_service.push(s.inService);
    ts.pending.push(s.pending);
    ts.desired_capacity.push(s.desiredCapacity);
    ts.cpu_avg_pct.push(s.cpuAvgPct);

    this.totalRequests += this.requests;
    this.totalOk += this.ok;
    this.total502 += this.elb502;
    this.total503 += this.elb503;
    this.total504 += this.elb504;
    this.totalTarget5xx += this.target5xx;
    this.totalLatSumMs += this.latSumMs;
    if (any) this.totalSketch.merge(this.sketch);
    this.requests = this.ok = this.elb502 = this.elb503 = this.elb504 = this.target5xx = 0;
    this.latSumMs = 0;
    this.sketch = new DDSketch({ relativeAccuracy: LATENCY_RELATIVE_ACCURACY });
  }
}

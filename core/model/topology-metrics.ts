/**
 * Figures per target group, per Auto Scaling group and per action of the load balancer: what
 * summary.json's `targetGroups` / `autoScalingGroups` / `rules` and timeseries.csv's
 * `<metric>__<name>` columns show for a scenario with more than one of them.
 *
 * The per-request counters are typed arrays indexed by target group, bumped on the hot path
 * (no allocation); a period's values are written into columns allocated once for the whole run.
 */
import type { NamedSeries } from '../report/types.ts';

/** Per target group, per Auto Scaling group: what a period close reports. */
export interface TopologySnapshot {
  /** Per target group: registered healthy and unhealthy targets. */
  healthy: ArrayLike<number>;
  unhealthy: ArrayLike<number>;
  /** Per Auto Scaling group. */
  inService: ArrayLike<number>;
  desired: ArrayLike<number>;
  cpuAvgPct: ArrayLike<number>;
}

export class TopologyMetrics {
  /** The open period's counts per target group. */
  readonly requests: Float64Array;
  readonly ok: Float64Array;
  readonly latSumMs: Float64Array;
  readonly elb5xx: Float64Array;
  /** The run's counts per target group (closed periods). */
  readonly totalRequests: Float64Array;
  readonly totalOk: Float64Array;
  readonly totalLatSumMs: Float64Array;
  readonly totalElb5xx: Float64Array;
  /** Redirects and fixed responses (HTTP_Redirect_Count, HTTP_Fixed_Response_Count): the open period's, the run's. */
  redirects = 0;
  fixedResponses = 0;
  totalRedirects = 0;
  totalFixedResponses = 0;
  /** The extra columns, in order (empty when the scenario has one target group and one Auto Scaling group and no rules). */
  readonly series: NamedSeries[] = [];
  private readonly byName = new Map<string, Float64Array>();

  /** Per load balancer: the running match counts of its actions (its array), their values at the last period close, their columns. */
  private readonly tracked: { counts: Float64Array; marks: Float64Array; columns: string[] }[] = [];

  constructor(
    private readonly targetGroups: readonly string[],
    private readonly groups: readonly string[],
    private readonly periods: number,
    columns: boolean,
  ) {
    const n = targetGroups.length;
    this.requests = new Float64Array(n);
    this.ok = new Float64Array(n);
    this.latSumMs = new Float64Array(n);
    this.elb5xx = new Float64Array(n);
    this.totalRequests = new Float64Array(n);
    this.totalOk = new Float64Array(n);
    this.totalLatSumMs = new Float64Array(n);
    this.totalElb5xx = new Float64Array(n);
    if (!columns) return;
    const add = (column: string, decimals: number) => {
      const values = new Float64Array(periods).fill(NaN);
      this.series.push({ column, decimals, values });
      this.byName.set(column, values);
    };
    add('redirects', 0);
    add('fixed_responses', 0);
    for (const tg of targetGroups) {
      add(`requests__${tg}`, 0);
      add(`responses_2xx__${tg}`, 0);
      add(`elb_5xx__${tg}`, 0);
      add(`latency_mean_ms__${tg}`, 3);
      add(`healthy_hosts__${tg}`, 0);
    }
    for (const g of groups) {
      add(`in_service__${g}`, 0);
      add(`desired_capacity__${g}`, 0);
      add(`cpu_avg_pct__${g}`, 2);
    }
  }

  /**
   * Adds a `matched__<listener>__<rule>` column per action (rule priority or `default`), fed
   * from the load balancer's running counts: each rule's matches per period, which the web
   * app's topology view shows as the share on each edge.
   */
  trackActions(counts: Float64Array, labels: readonly string[]): void {
    if (this.series.length === 0) return;
    const columns = labels.map((l) => `matched__${l}`);
    this.tracked.push({ counts, marks: new Float64Array(counts.length), columns });
    for (const column of columns) {
      const values = new Float64Array(this.periods).fill(NaN);
      this.series.push({ column, decimals: 0, values });
      this.byName.set(column, values);
    }
  }

  private set(column: string, k: number, value: number): void {
    this.byName.get(column)![k] = value;
  }

  /** Closes period k: writes its row of the extra columns and folds the counts into the totals. */
  closePeriod(k: number, s: TopologySnapshot): void {
    if (this.series.length > 0) {
      this.set('redirects', k, this.redirects);
      this.set('fixed_responses', k, this.fixedResponses);
      this.targetGroups.forEach((tg, i) => {
        this.set(`requests__${tg}`, k, this.requests[i]!);
        this.set(`responses_2xx__${tg}`, k, this.ok[i]!);
        this.set(`elb_5xx__${tg}`, k, this.elb5xx[i]!);
        this.set(`latency_mean_ms__${tg}`, k, this.ok[i]! > 0 ? this.latSumMs[i]! / this.ok[i]! : NaN);
        this.set(`healthy_hosts__${tg}`, k, s.healthy[i]!);
      });
      this.groups.forEach((g, i) => {
        this.set(`in_service__${g}`, k, s.inService[i]!);
        this.set(`desired_capacity__${g}`, k, s.desired[i]!);
        this.set(`cpu_avg_pct__${g}`, k, s.cpuAvgPct[i]!);
      });
      for (const { counts, marks, columns } of this.tracked) {
        columns.forEach((column, a) => {
          this.set(column, k, counts[a]! - marks[a]!);
          marks[a] = counts[a]!;
        });
      }
    }
    for (let i = 0; i < this.targetGroups.length; i++) {
      this.totalRequests[i]! += this.requests[i]!;
      this.totalOk[i]! += this.ok[i]!;
      this.totalLatSumMs[i]! += this.latSumMs[i]!;
      this.totalElb5xx[i]! += this.elb5xx[i]!;
    }
    this.requests.fill(0);
    this.ok.fill(0);
    this.latSumMs.fill(0);
    this.elb5xx.fill(0);
    this.totalRedirects += this.redirects;
    this.totalFixedResponses += this.fixedResponses;
    this.redirects = this.fixedResponses = 0;
  }

  /** The extra columns of the closed periods (views). */
  closedSeries(periods: number): NamedSeries[] {
    return this.series.map((s) => ({ ...s, values: s.values.subarray(0, periods) }));
  }
}

/**
 * The CloudWatch metric store: datapoints per metric, as services publish them and as alarms
 * and graphs read them back (CW-CONC; ALB-CW for ELB, EC2-MON for EC2, AS-MET for Auto Scaling).
 *
 * A metric is a namespace, a name and a set of dimensions; here it is a string key built by
 * `metricKey`. A datapoint is stamped with the *start* of the interval it covers: a 5-minute
 * basic-monitoring CPUUtilization datapoint for 12:00–12:05 carries 12:00 (EC2-MON). Several
 * datapoints may share a timestamp (each ELB node reports its own; ALB-CW) and are combined
 * when queried. A datapoint becomes visible to queries at `visibleAtS`, which models the
 * publication lag §5.6 of aws-behaviour.md asks for.
 *
 * Memory stays bounded: each metric keeps only datapoints no older than `retentionS` behind its
 * newest one (pruned on put). The simulator sets the retention from its longest alarm window
 * (`ensureRetention`; each `Alarm` raises it to what it needs). Real CloudWatch keeps 60-s data
 * for 15 days (CW-CONC); nothing in a run looks back that far.
 */
import { Histogram } from '../../report/histogram.ts';
import type { CloudWatchNamespace, Statistic } from '../../scenario/types.ts';
import { aggregate, assertStatistic, type StoredDatapoint } from './statistic.ts';

/** A datapoint given as a statistic set (PutMetricData's StatisticValues), optionally with samples. */
export interface DatapointStats {
  sum: number;
  sampleCount: number;
  min: number;
  max: number;
  /** The samples, for percentiles. Copied on put, so the caller may clear and reuse it. */
  histogram?: Histogram;
  /** Multiplies histogram values into the metric's unit (a ms histogram for seconds: 0.001). */
  histogramScale?: number;
}

/** `AWS/EC2|CPUUtilization|AutoScalingGroupName=web`; dimensions sorted by name. */
export function metricKey(
  namespace: CloudWatchNamespace | string,
  metric: string,
  dimensions: Readonly<Record<string, string>> = {},
): string {
  const dims = Object.keys(dimensions)
    .sort()
    .map((name) => `${name}=${dimensions[name]}`)
    .join(',');
  return `${namespace}|${metric}|${dims}`;
}

/** One metric's datapoints, sorted by timestamp; entries before `head` are dropped. */
interface Series {
  points: StoredDatapoint[];
  head: number;
  histogramScale: number;
}

export interface SeriesPoint {
  timeS: number;
  value: number | null;
}

export class MetricStore {
  private readonly byKey = new Map<string, Series>();
  private readonly scratch = new Histogram();
  /** Histograms of pruned datapoints, reused by later puts so a long run allocates no more. */
  private readonly spareHistograms: Histogram[] = [];
  private retention: number;

  constructor(options: { retentionS: number }) {
    if (!(options.retentionS > 0)) throw new Error(`retentionS must be positive, got ${options.retentionS}`);
    this.retention = options.retentionS;
  }

  get retentionS(): number {
    return this.retention;
  }

  /** Raises the retention to at least `retentionS` (never lowers it). */
  ensureRetention(retentionS: number): void {
    if (retentionS > this.retention) this.retention = retentionS;
  }

  /**
   * Publishes a datapoint for the interval starting at `timestampS`: a single value (one sample)
   * or a statistic set. Queries made before `visibleAtS` (default: `timestampS`) do not see it.
   */
  put(key: string, timestampS: number, value: number | DatapointStats, visibleAtS = timestampS): void {
    const point = this.datapoint(key, timestampS, value, visibleAtS);
    let s = this.byKey.get(key);
    if (!s) {
      s = { points: [], head: 0, histogramScale: 0 };
      this.byKey.set(key, s);
    }
    if (point.histogram) {
      if (s.histogramScale === 0) s.histogramScale = point.histogramScale;
      else if (s.histogramScale !== point.histogramScale) {
        throw new Error(`${key}: histogramScale ${point.histogramScale} differs from ${s.histogramScale}`);
      }
    }
    insertSorted(s, point);
    this.prune(s);
  }

  /**
   * The statistic over the datapoints visible at `nowS` whose timestamp is in [fromS, toS);
   * null when there are none (CloudWatch's missing data).
   */
  query(key: string, statistic: Statistic, fromS: number, toS: number, nowS: number): number | null {
    const s = this.byKey.get(key);
    if (!s) return null;
    const from = lowerBound(s, fromS);
    const to = lowerBound(s, toS);
    const pts = s.points;
    let allVisible = true;
    for (let i = from; i < to; i++) if (pts[i]!.visibleAtS > nowS) allVisible = false;
    if (allVisible) return aggregate(pts, from, to, statistic, this.scratch);
    const visible = pts.slice(from, to).filter((p) => p.visibleAtS <= nowS);
    return aggregate(visible, 0, visible.length, statistic, this.scratch);
  }

  /**
   * Consecutive periods [t, t + periodS) from the oldest retained datapoint (rounded down to
   * the period) up to `untilS`, as a graph at `untilS` would show them. For reports.
   */
  series(key: string, statistic: Statistic, periodS: number, untilS: number): SeriesPoint[] {
    assertStatistic(statistic);
    const s = this.byKey.get(key);
    if (!s || s.head >= s.points.length) return [];
    const out: SeriesPoint[] = [];
    const start = Math.floor(s.points[s.head]!.timestampS / periodS) * periodS;
    for (let t = start; t + periodS <= untilS; t += periodS) {
      out.push({ timeS: t, value: this.query(key, statistic, t, t + periodS, untilS) });
    }
    return out;
  }

  /** Retained datapoints of a metric (for tests of the memory bound). */
  count(key: string): number {
    const s = this.byKey.get(key);
    return s ? s.points.length - s.head : 0;
  }

  keys(): string[] {
    return [...this.byKey.keys()];
  }

  private datapoint(key: string, timestampS: number, value: number | DatapointStats, visibleAtS: number): StoredDatapoint {
    if (!Number.isFinite(timestampS) || Number.isNaN(visibleAtS)) {
      throw new Error(`${key}: bad timestamp ${timestampS} / visibleAt ${visibleAtS}`);
    }
    if (typeof value === 'number') {
      if (!Number.isFinite(value)) throw new Error(`${key}: value must be finite, got ${value}`);
      return { timestampS, visibleAtS, sum: value, sampleCount: 1, min: value, max: value, histogram: null, histogramScale: 1 };
    }
    const { sum, sampleCount, min, max } = value;
    if (!(sampleCount > 0) || !(min <= max) || !Number.isFinite(sum) || !Number.isFinite(min) || !Number.isFinite(max)) {
      throw new Error(`${key}: bad statistic set ${JSON.stringify({ sum, sampleCount, min, max })}`);
    }
    let histogram: Histogram | null = null;
    if (value.histogram && value.histogram.count > 0) {
      histogram = this.spareHistograms.pop() ?? new Histogram();
      histogram.merge(value.histogram);
    }
    const histogramScale = value.histogramScale ?? 1;
    if (!(histogramScale > 0)) throw new Error(`${key}: histogramScale must be positive`);
    return { timestampS, visibleAtS, sum, sampleCount, min, max, histogram, histogramScale };
  }

  /** Drops datapoints more than the retention behind the newest; compacts the array now and then. */
  private prune(s: Series): void {
    const cutoff = s.points[s.points.length - 1]!.timestampS - this.retention;
    while (s.head < s.points.length && s.points[s.head]!.timestampS < cutoff) {
      const dropped = s.points[s.head]!;
      if (dropped.histogram) {
        dropped.histogram.clear();
        this.spareHistograms.push(dropped.histogram);
      }
      s.points[s.head++] = undefined as unknown as StoredDatapoint;
    }
    if (s.head > 32 && s.head * 2 > s.points.length) {
      s.points.splice(0, s.head);
      s.head = 0;
    }
  }
}

/** Index of the first retained datapoint with timestamp ≥ t. */
function lowerBound(s: Series, t: number): number {
  let lo = s.head;
  let hi = s.points.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (s.points[mid]!.timestampS < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Appends in the usual case (datapoints arrive in time order); otherwise inserts in place. */
function insertSorted(s: Series, point: StoredDatapoint): void {
  const pts = s.points;
  if (pts.length === s.head || pts[pts.length - 1]!.timestampS <= point.timestampS) {
    pts.push(point);
    return;
  }
  let i = pts.length;
  while (i > s.head && pts[i - 1]!.timestampS > point.timestampS) i--;
  pts.splice(i, 0, point);
}

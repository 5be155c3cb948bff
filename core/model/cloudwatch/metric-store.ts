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
 * for 15 days (CW-CONC); nothing in a run looks back that far. A metric's datapoints are rows of
 * typed-array columns, reused as old rows are pruned, and pruned histograms are reused by later
 * puts: once every metric's columns have grown to its retention, publishing allocates nothing
 * that outlives the minute, so a long run's heap does not fill with dead datapoints.
 */
import { Histogram } from '../../report/histogram.ts';
import type { CloudWatchNamespace, Statistic } from '../../scenario/types.ts';
import { aggregate, assertStatistic, type DatapointColumns } from './statistic.ts';

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

/** One metric's datapoints, sorted by timestamp, in rows [head, end) of its columns. */
interface Series extends DatapointColumns {
  head: number;
  end: number;
}

const FIRST_ROWS = 16;

/** The numeric columns of a series, for the moves and the growth that treat them all alike. */
const NUMERIC = ['timestampS', 'visibleAtS', 'sum', 'sampleCount', 'min', 'max'] as const;

function newSeries(rows: number): Series {
  return {
    timestampS: new Float64Array(rows),
    visibleAtS: new Float64Array(rows),
    sum: new Float64Array(rows),
    sampleCount: new Float64Array(rows),
    min: new Float64Array(rows),
    max: new Float64Array(rows),
    histogram: new Array<Histogram | null>(rows).fill(null),
    head: 0,
    end: 0,
    scale: 0,
  };
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
    if (!Number.isFinite(timestampS) || Number.isNaN(visibleAtS)) {
      throw new Error(`${key}: bad timestamp ${timestampS} / visibleAt ${visibleAtS}`);
    }
    let sum: number;
    let sampleCount: number;
    let min: number;
    let max: number;
    let histogram: Histogram | null = null;
    let histogramScale = 1;
    if (typeof value === 'number') {
      if (!Number.isFinite(value)) throw new Error(`${key}: value must be finite, got ${value}`);
      sum = min = max = value;
      sampleCount = 1;
    } else {
      ({ sum, sampleCount, min, max } = value);
      if (!(sampleCount > 0) || !(min <= max) || !Number.isFinite(sum) || !Number.isFinite(min) || !Number.isFinite(max)) {
        throw new Error(`${key}: bad statistic set ${JSON.stringify({ sum, sampleCount, min, max })}`);
      }
      histogramScale = value.histogramScale ?? 1;
      if (!(histogramScale > 0)) throw new Error(`${key}: histogramScale must be positive`);
    }
    let s = this.byKey.get(key);
    if (!s) {
      s = newSeries(FIRST_ROWS);
      this.byKey.set(key, s);
    }
    if (typeof value !== 'number' && value.histogram && value.histogram.count > 0) {
      if (s.scale === 0) s.scale = histogramScale;
      else if (s.scale !== histogramScale) throw new Error(`${key}: histogramScale ${histogramScale} differs from ${s.scale}`);
      histogram = this.spareHistograms.pop() ?? new Histogram();
      histogram.merge(value.histogram);
    }
    const i = this.rowFor(s, timestampS);
    s.timestampS[i] = timestampS;
    s.visibleAtS[i] = visibleAtS;
    s.sum[i] = sum;
    s.sampleCount[i] = sampleCount;
    s.min[i] = min;
    s.max[i] = max;
    s.histogram[i] = histogram;
    this.prune(s);
  }

  /**
   * The statistic over the datapoints visible at `nowS` whose timestamp is in [fromS, toS);
   * null when there are none (CloudWatch's missing data).
   */
  query(key: string, statistic: Statistic, fromS: number, toS: number, nowS: number): number | null {
    const s = this.byKey.get(key);
    if (!s) return null;
    return aggregate(s, lowerBound(s, fromS), lowerBound(s, toS), nowS, statistic, this.scratch);
  }

  /**
   * Consecutive periods [t, t + periodS) from the oldest retained datapoint (rounded down to
   * the period) up to `untilS`, as a graph at `untilS` would show them. For reports.
   */
  series(key: string, statistic: Statistic, periodS: number, untilS: number): SeriesPoint[] {
    assertStatistic(statistic);
    const s = this.byKey.get(key);
    if (!s || s.head >= s.end) return [];
    const out: SeriesPoint[] = [];
    const start = Math.floor(s.timestampS[s.head]! / periodS) * periodS;
    for (let t = start; t + periodS <= untilS; t += periodS) {
      out.push({ timeS: t, value: this.query(key, statistic, t, t + periodS, untilS) });
    }
    return out;
  }

  /** Retained datapoints of a metric (for tests of the memory bound). */
  count(key: string): number {
    const s = this.byKey.get(key);
    return s ? s.end - s.head : 0;
  }

  /** Rows the metric's columns hold, retained or free (for tests of the memory bound). */
  capacity(key: string): number {
    return this.byKey.get(key)?.timestampS.length ?? 0;
  }

  keys(): string[] {
    return [...this.byKey.keys()];
  }

  /**
   * The row a datapoint stamped `timestampS` goes to, after every retained one with a timestamp
   * ≤ it (datapoints usually arrive in time order, so this is the end); rows after it move up
   * one. Makes room first: moves the retained rows to the front of the columns, or doubles them.
   */
  private rowFor(s: Series, timestampS: number): number {
    if (s.end === s.timestampS.length) {
      const retained = s.end - s.head;
      if (2 * retained > s.timestampS.length) grow(s, 2 * s.timestampS.length);
      else toFront(s);
    }
    let i = s.end;
    while (i > s.head && s.timestampS[i - 1]! > timestampS) i--;
    if (i < s.end) shiftUp(s, i);
    s.end++;
    return i;
  }

  /** Drops datapoints more than the retention behind the newest. */
  private prune(s: Series): void {
    const cutoff = s.timestampS[s.end - 1]! - this.retention; // rows are sorted: the last is the newest
    while (s.head < s.end && s.timestampS[s.head]! < cutoff) {
      const dropped = s.histogram[s.head];
      if (dropped) {
        dropped.clear();
        this.spareHistograms.push(dropped);
        s.histogram[s.head] = null;
      }
      s.head++;
    }
  }
}

/** Moves the retained rows to the front of the columns (their histogram slots behind them cleared). */
function toFront(s: Series): void {
  const { head, end } = s;
  for (const c of NUMERIC) s[c].copyWithin(0, head, end);
  const h = s.histogram;
  for (let k = 0; k < end - head; k++) h[k] = h[head + k] ?? null;
  for (let k = Math.max(end - head, head); k < end; k++) h[k] = null;
  s.head = 0;
  s.end = end - head;
}

/** Moves rows [i, end) one row up, leaving row i free (there is room: end < rows). */
function shiftUp(s: Series, i: number): void {
  for (const c of NUMERIC) s[c].copyWithin(i + 1, i, s.end);
  const h = s.histogram;
  for (let k = s.end; k > i; k--) h[k] = h[k - 1] ?? null;
  h[i] = null;
}

function grow(s: Series, rows: number): void {
  for (const c of NUMERIC) s[c] = grownTo(s[c], rows);
  while (s.histogram.length < rows) s.histogram.push(null);
}

function grownTo(column: Float64Array, rows: number): Float64Array {
  const next = new Float64Array(rows);
  next.set(column);
  return next;
}

/** Index of the first retained datapoint with timestamp ≥ t. */
function lowerBound(s: Series, t: number): number {
  let lo = s.head;
  let hi = s.end;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (s.timestampS[mid]! < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

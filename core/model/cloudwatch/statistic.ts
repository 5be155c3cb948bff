/**
 * CloudWatch statistics over a set of datapoints: how one period's value is made from the
 * datapoints that fall in it (CW-CONC, "Statistics"; ALB-CW for how ELB nodes report).
 *
 * Each datapoint is a statistic set (sum, sample count, minimum, maximum), possibly with a
 * histogram of its samples. Sum and SampleCount add across datapoints, Minimum and Maximum are
 * the extremes of the per-datapoint extremes, Average is total sum over total sample count; so
 * per-node reports combine the way AWS describes for HealthyHostCount (ALB-CW).
 *
 * Percentiles `pNN.NN` need the samples themselves. CloudWatch answers them from raw values, and
 * from a statistic set only when it holds one distinct value (Min = Max, Sum = Min × SampleCount;
 * CW-CONC, "Percentiles"). Here a datapoint may also carry a histogram (report/histogram.ts,
 * 1 % relative accuracy), which is how the simulator hands over a period's latencies. Without
 * histograms the percentile is exact, with the same rank rule as the histogram:
 * the value at rank ⌊q·(n−1)⌋ of the sorted samples.
 */
import { Histogram } from '../../report/histogram.ts';
import type { Statistic } from '../../scenario/types.ts';

/**
 * A metric's stored datapoints as parallel columns (the metric store's rows, oldest first): a
 * statistic set per row, with its samples' histogram when it has one. Rows are typed-array
 * entries, not objects, so keeping a metric's recent past allocates nothing once its columns
 * have grown to the retention.
 */
export interface DatapointColumns {
  /** Start of the interval the datapoint covers. */
  timestampS: Float64Array;
  /** Queries made before this time do not see the datapoint (publication delay). */
  visibleAtS: Float64Array;
  sum: Float64Array;
  sampleCount: Float64Array;
  min: Float64Array;
  max: Float64Array;
  /** A private copy; values in the histogram's unit, multiplied by `scale` on output. */
  histogram: (Histogram | null)[];
  /** The one scale of the metric's histograms (0 until one is put). */
  scale: number;
}

const percentileCache = new Map<string, number>();

/** The quantile (0–1) a `pNN.NN` statistic asks for, or null for the five basic statistics. */
export function percentileOf(statistic: Statistic): number | null {
  if (statistic[0] !== 'p') return null;
  const cached = percentileCache.get(statistic);
  if (cached !== undefined) return cached;
  const match = /^p(\d{1,3}(?:\.\d+)?)$/.exec(statistic);
  const pct = match ? Number(match[1]) : NaN;
  if (!(pct >= 0 && pct <= 100)) throw new Error(`not a CloudWatch statistic: ${statistic} (want p0 to p100)`);
  percentileCache.set(statistic, pct / 100);
  return pct / 100;
}

/** Checks a statistic name once, so a typo fails when an alarm is built, not an hour into a run. */
export function assertStatistic(statistic: Statistic): void {
  const basic = ['Average', 'Sum', 'Minimum', 'Maximum', 'SampleCount'];
  if (!basic.includes(statistic) && percentileOf(statistic) === null) {
    throw new Error(`not a CloudWatch statistic: ${statistic}`);
  }
}

/**
 * The statistic over the rows `[from, to)` of `points` that are visible at `nowS`; null when
 * there is none, or when a percentile is asked of statistic sets that hold more than one
 * distinct value and no histogram. `scratch` is a histogram the caller lends for merging
 * (cleared here).
 */
export function aggregate(
  points: DatapointColumns,
  from: number,
  to: number,
  nowS: number,
  statistic: Statistic,
  scratch: Histogram,
): number | null {
  let sum = 0;
  let count = 0;
  let min = Infinity;
  let max = -Infinity;
  let rows = 0;
  const visibleAt = points.visibleAtS;
  for (let i = from; i < to; i++) {
    if (visibleAt[i]! > nowS) continue;
    rows++;
    sum += points.sum[i]!;
    count += points.sampleCount[i]!;
    if (points.min[i]! < min) min = points.min[i]!;
    if (points.max[i]! > max) max = points.max[i]!;
  }
  if (rows === 0) return null;
  switch (statistic) {
    case 'Sum':
      return sum;
    case 'SampleCount':
      return count;
    case 'Average':
      return sum / count;
    case 'Minimum':
      return min;
    case 'Maximum':
      return max;
  }
  const q = percentileOf(statistic);
  if (q === null) throw new Error(`not a CloudWatch statistic: ${statistic}`);
  return percentile(points, from, to, nowS, q, scratch);
}

function percentile(points: DatapointColumns, from: number, to: number, nowS: number, q: number, scratch: Histogram): number | null {
  let histograms = false;
  for (let i = from; i < to; i++) {
    if (points.visibleAtS[i]! > nowS) continue;
    if (points.histogram[i]) histograms = true;
    else if (points.min[i] !== points.max[i]) return null; // a statistic set of several values has no percentiles
  }
  return histograms ? fromHistograms(points, from, to, nowS, q, points.scale, scratch) : exact(points, from, to, nowS, q);
}

/** Merges the histograms; datapoints without one (single values) are recorded into the merge. */
function fromHistograms(points: DatapointColumns, from: number, to: number, nowS: number, q: number, scale: number, scratch: Histogram): number {
  scratch.clear();
  for (let i = from; i < to; i++) {
    if (points.visibleAtS[i]! > nowS) continue;
    const h = points.histogram[i];
    if (h) scratch.merge(h);
    else for (let k = 0; k < points.sampleCount[i]!; k++) scratch.record(points.min[i]! / scale);
  }
  return scratch.quantile(q) * scale;
}

/** Weighted nearest rank over the distinct values, each weighted by its sample count. */
function exact(points: DatapointColumns, from: number, to: number, nowS: number, q: number): number {
  const values: { value: number; weight: number }[] = [];
  let n = 0;
  for (let i = from; i < to; i++) {
    if (points.visibleAtS[i]! > nowS) continue;
    values.push({ value: points.min[i]!, weight: points.sampleCount[i]! });
    n += points.sampleCount[i]!;
  }
  values.sort((a, b) => a.value - b.value);
  const rank = q * (n - 1);
  let seen = 0;
  for (const v of values) {
    seen += v.weight;
    if (seen > rank) return v.value;
  }
  return values[values.length - 1]!.value;
}

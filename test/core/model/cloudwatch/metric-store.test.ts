/**
 * The metric store: how datapoints published per node and per interval come back as CloudWatch
 * statistics (ALB-CW https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-cloudwatch-metrics.html,
 * EC2-MON https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/using-cloudwatch-new.html,
 * CW-CONC https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/cloudwatch_concepts.html).
 */
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MetricStore, metricKey } from '../../../../core/model/cloudwatch/metric-store.ts';
import { Histogram } from '../../../../core/report/histogram.ts';

const HEALTHY = metricKey('AWS/ApplicationELB', 'HealthyHostCount', { LoadBalancer: 'app/web/1' });
const LATENCY = metricKey('AWS/ApplicationELB', 'TargetResponseTime');
const CPU = metricKey('AWS/EC2', 'CPUUtilization', { AutoScalingGroupName: 'web' });

/** A deterministic skewed sample: squares of evenly spaced points, 1 … 1000 ms. */
function samples(n: number): number[] {
  return Array.from({ length: n }, (_, i) => 1 + 999 * ((i + 0.5) / n) ** 2);
}

/** The value at rank ⌊q·(n−1)⌋ of the sorted samples, the rule both histogram and store use. */
function trueQuantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(q * (sorted.length - 1))]!;
}

describe('metric keys', () => {
  it('join namespace, name and dimensions sorted by name, so the order given does not matter', () => {
    expect(metricKey('AWS/ApplicationELB', 'RequestCount')).toBe('AWS/ApplicationELB|RequestCount|');
    expect(metricKey('AWS/EC2', 'CPUUtilization', { AutoScalingGroupName: 'web' })).toBe(
      'AWS/EC2|CPUUtilization|AutoScalingGroupName=web',
    );
    expect(metricKey('AWS/ApplicationELB', 'X', { TargetGroup: 't', LoadBalancer: 'l' })).toBe(
      metricKey('AWS/ApplicationELB', 'X', { LoadBalancer: 'l', TargetGroup: 't' }),
    );
  });
});

describe('statistics over per-node datapoints (ALB-CW)', () => {
  it('HealthyHostCount: node A min 2 / max 10 / avg 6 and node B min 1 / max 5 / avg 3 → LB min 1, max 10, avg ≈ 4', () => {
    // The page gives no sample counts; with A reporting 2 samples and B 4, the average is exactly 4.
    const store = new MetricStore({ retentionS: 3600 });
    store.put(HEALTHY, 60, { sum: 12, sampleCount: 2, min: 2, max: 10 });
    store.put(HEALTHY, 60, { sum: 12, sampleCount: 4, min: 1, max: 5 });
    const q = (stat: 'Minimum' | 'Maximum' | 'Average' | 'Sum' | 'SampleCount') => store.query(HEALTHY, stat, 60, 120, 120);
    expect(q('Minimum')).toBe(1);
    expect(q('Maximum')).toBe(10);
    expect(q('Average')).toBeCloseTo(4, 10);
    expect(q('Sum')).toBe(24);
    expect(q('SampleCount')).toBe(6); // node samples, not hosts
  });

  it('single values are one sample each: Sum, Average, Minimum, Maximum, SampleCount of 3, 5, 10', () => {
    const store = new MetricStore({ retentionS: 3600 });
    for (const v of [3, 5, 10]) store.put(CPU, 0, v);
    expect(['Sum', 'Average', 'Minimum', 'Maximum', 'SampleCount'].map((s) => store.query(CPU, s as 'Sum', 0, 60, 60))).toEqual([
      18, 6, 3, 10, 3,
    ]);
  });

  it('a period with no datapoint is missing data (null), and an unknown metric too', () => {
    const store = new MetricStore({ retentionS: 3600 });
    store.put(CPU, 0, 40);
    expect(store.query(CPU, 'Average', 60, 120, 120)).toBeNull();
    expect(store.query('AWS/EC2|Nope|', 'Average', 0, 60, 60)).toBeNull();
  });
});

describe('percentiles pNN.NN (ALB-CW; CW-CONC "Percentiles")', () => {
  const values = samples(10_000);

  it.each([
    ['p50', 0.5],
    ['p90', 0.9],
    ['p99', 0.99],
    ['p99.9', 0.999],
    ['p99.99', 0.9999],
  ] as const)('%s of three nodes’ merged histograms is within 1 %% of the exact value', (stat, q) => {
    const store = new MetricStore({ retentionS: 3600 });
    for (let node = 0; node < 3; node++) {
      const h = new Histogram();
      const mine = values.filter((_, i) => i % 3 === node);
      for (const v of mine) h.record(v);
      const sum = mine.reduce((a, b) => a + b, 0);
      store.put(LATENCY, 0, { sum, sampleCount: mine.length, min: Math.min(...mine), max: Math.max(...mine), histogram: h });
      h.clear(); // the store copied it
    }
    const got = store.query(LATENCY, stat, 0, 60, 60)!;
    const want = trueQuantile(values, q);
    expect(Math.abs(got - want) / want).toBeLessThanOrEqual(0.01);
  });

  it('histogramScale converts a millisecond histogram to a metric in seconds (TargetResponseTime)', () => {
    const store = new MetricStore({ retentionS: 3600 });
    const h = new Histogram();
    for (const v of values) h.record(v);
    const sumS = values.reduce((a, b) => a + b, 0) / 1000;
    store.put(LATENCY, 0, { sum: sumS, sampleCount: values.length, min: 0.001, max: 1, histogram: h, histogramScale: 0.001 });
    const want = trueQuantile(values, 0.99) / 1000;
    expect(Math.abs(store.query(LATENCY, 'p99', 0, 60, 60)! - want) / want).toBeLessThanOrEqual(0.01);
  });

  it('from raw values without histograms the percentile is exact: p50 of 1…101 is 51, p0 is 1, p100 is 101', () => {
    const store = new MetricStore({ retentionS: 3600 });
    for (let v = 101; v >= 1; v--) store.put(LATENCY, 0, v);
    expect(store.query(LATENCY, 'p50', 0, 60, 60)).toBe(51);
    expect(store.query(LATENCY, 'p0', 0, 60, 60)).toBe(1);
    expect(store.query(LATENCY, 'p100', 0, 60, 60)).toBe(101);
  });

  it('a statistic set of several values without a histogram has no percentile (CW-CONC), one of equal values has', () => {
    const store = new MetricStore({ retentionS: 3600 });
    store.put(LATENCY, 0, { sum: 10, sampleCount: 2, min: 4, max: 6 });
    expect(store.query(LATENCY, 'p50', 0, 60, 60)).toBeNull();
    store.put(LATENCY, 60, { sum: 15, sampleCount: 3, min: 5, max: 5 });
    expect(store.query(LATENCY, 'p90', 60, 120, 120)).toBe(5);
  });

  it('rejects statistics that are not CloudWatch’s: p101, p-1, P99, median', () => {
    const store = new MetricStore({ retentionS: 3600 });
    store.put(LATENCY, 0, 1);
    for (const bad of ['p101', 'p-1', 'P99', 'median']) {
      expect(() => store.query(LATENCY, bad as 'p99', 0, 60, 60), bad).toThrow(/statistic/);
    }
  });
});

describe('timestamps, publication delay, retention', () => {
  it('5-minute basic-monitoring datapoints (EC2-MON) stamped at their start are missing in 4 of 5 one-minute periods', () => {
    const store = new MetricStore({ retentionS: 3600 });
    for (let t = 0; t < 1800; t += 300) store.put(CPU, t, 40 + t / 300);
    const minutes = store.series(CPU, 'Average', 60, 1800);
    expect(minutes).toHaveLength(30);
    expect(minutes.filter((p) => p.value === null)).toHaveLength(24);
    expect(minutes.slice(0, 6).map((p) => p.value)).toEqual([40, null, null, null, null, 41]);
    // A 300-s query sees every one.
    expect(store.series(CPU, 'Average', 300, 1800).map((p) => p.value)).toEqual([40, 41, 42, 43, 44, 45]);
  });

  it('a datapoint is invisible to queries before visibleAtS and visible from then on (publication delay)', () => {
    const store = new MetricStore({ retentionS: 3600 });
    store.put(CPU, 60, 70, 150); // covers 60–120 s, published 30 s after the minute ends
    expect(store.query(CPU, 'Average', 60, 120, 120)).toBeNull();
    expect(store.query(CPU, 'Average', 60, 120, 149.9)).toBeNull();
    expect(store.query(CPU, 'Average', 60, 120, 150)).toBe(70);
  });

  it('mixes visible and not-yet-visible datapoints of one period: only the visible ones count', () => {
    const store = new MetricStore({ retentionS: 3600 });
    store.put(HEALTHY, 0, 4, 60);
    store.put(HEALTHY, 0, 2, 90);
    expect(store.query(HEALTHY, 'Sum', 0, 60, 60)).toBe(4);
    expect(store.query(HEALTHY, 'Sum', 0, 60, 90)).toBe(6);
  });

  it('keeps only retentionS behind the newest datapoint: a day of per-minute puts to 3 nodes retains ≤ 3·(600/60 + 1)', () => {
    const store = new MetricStore({ retentionS: 600 });
    const h = new Histogram();
    h.record(5);
    for (let t = 0; t < 86_400; t += 60) {
      for (let node = 0; node < 3; node++) store.put(LATENCY, t, { sum: 5, sampleCount: 1, min: 5, max: 5, histogram: h });
    }
    expect(store.count(LATENCY)).toBeLessThanOrEqual(33);
    expect(store.query(LATENCY, 'Sum', 0, 86_400 - 660, 86_400)).toBeNull();
    expect(store.query(LATENCY, 'p50', 86_340, 86_400, 86_400)).toBeCloseTo(5, 1);
  });

  it('ensureRetention only raises the retention', () => {
    const store = new MetricStore({ retentionS: 600 });
    store.ensureRetention(300);
    expect(store.retentionS).toBe(600);
    store.ensureRetention(1020);
    expect(store.retentionS).toBe(1020);
  });

  it('accepts a datapoint out of time order and sorts it in', () => {
    const store = new MetricStore({ retentionS: 3600 });
    store.put(CPU, 120, 3);
    store.put(CPU, 0, 1);
    store.put(CPU, 60, 2);
    expect(store.series(CPU, 'Average', 60, 180).map((p) => p.value)).toEqual([1, 2, 3]);
  });

  it('rejects non-finite values and empty statistic sets', () => {
    const store = new MetricStore({ retentionS: 3600 });
    expect(() => store.put(CPU, 0, NaN)).toThrow(/finite/);
    expect(() => store.put(CPU, 0, { sum: 0, sampleCount: 0, min: 0, max: 0 })).toThrow(/statistic set/);
  });
});

/**
 * The store's rows are typed-array columns reused as old rows are pruned (no object per
 * datapoint). Checked against the plainest store: a sorted list of datapoint objects, pruned
 * the same way, queried by filtering. Same statistics, to the bit, in every order of puts.
 */
describe('metric store columns, against a list of datapoints', () => {
  interface Point {
    t: number;
    visible: number;
    sum: number;
    n: number;
    min: number;
    max: number;
    samples: number[] | null;
  }
  const STATS = ['Sum', 'SampleCount', 'Average', 'Minimum', 'Maximum', 'p50', 'p90'] as const;

  function reference(points: Point[], stat: (typeof STATS)[number], from: number, to: number, now: number): number | null {
    const rows = points.filter((p) => p.t >= from && p.t < to && p.visible <= now);
    if (rows.length === 0) return null;
    let sum = 0;
    let n = 0;
    let min = Infinity;
    let max = -Infinity;
    for (const p of rows) {
      sum += p.sum;
      n += p.n;
      if (p.min < min) min = p.min;
      if (p.max > max) max = p.max;
    }
    if (stat === 'Sum') return sum;
    if (stat === 'SampleCount') return n;
    if (stat === 'Average') return sum / n;
    if (stat === 'Minimum') return min;
    if (stat === 'Maximum') return max;
    const q = stat === 'p50' ? 0.5 : 0.9;
    if (rows.some((p) => p.samples)) {
      const h = new Histogram();
      for (const p of rows) for (const v of p.samples ?? Array.from({ length: p.n }, () => p.min)) h.record(v);
      return h.quantile(q);
    }
    if (rows.some((p) => p.min !== p.max)) return null;
    return trueQuantile(rows.flatMap((p) => Array.from({ length: p.n }, () => p.min)), q);
  }

  it('every statistic of every window equals the list’s, through growth, pruning, out-of-order puts and publication delay', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            step: fc.integer({ min: -3, max: 4 }), // minutes forward (negative: a late datapoint)
            delay: fc.integer({ min: 0, max: 3 }),
            kind: fc.constantFrom('value', 'set', 'samples'),
            a: fc.integer({ min: 1, max: 9 }),
            b: fc.integer({ min: 0, max: 5 }),
          }),
          { minLength: 1, maxLength: 120 },
        ),
        fc.integer({ min: 1, max: 12 }),
        (puts, retentionMinutes) => {
          const store = new MetricStore({ retentionS: retentionMinutes * 60 });
          const list: Point[] = [];
          let clock = 0;
          for (const put of puts) {
            clock = Math.max(0, clock + put.step * 60);
            const t = clock;
            const visible = t + 60 + put.delay * 30;
            let p: Point;
            if (put.kind === 'value') {
              store.put(CPU, t, put.a, visible);
              p = { t, visible, sum: put.a, n: 1, min: put.a, max: put.a, samples: null };
            } else if (put.kind === 'set') {
              const n = put.b + 1;
              store.put(CPU, t, { sum: put.a * n, sampleCount: n, min: put.a, max: put.a }, visible);
              p = { t, visible, sum: put.a * n, n, min: put.a, max: put.a, samples: null };
            } else {
              const values = [put.a, put.a + put.b, put.a + 2 * put.b];
              const h = new Histogram();
              for (const v of values) h.record(v);
              store.put(CPU, t, { sum: values.reduce((x, y) => x + y, 0), sampleCount: 3, min: put.a, max: put.a + 2 * put.b, histogram: h }, visible);
              p = { t, visible, sum: values.reduce((x, y) => x + y, 0), n: 3, min: put.a, max: put.a + 2 * put.b, samples: values };
            }
            let at = list.length;
            while (at > 0 && list[at - 1]!.t > t) at--;
            list.splice(at, 0, p);
            const cutoff = list[list.length - 1]!.t - retentionMinutes * 60;
            while (list.length > 0 && list[0]!.t < cutoff) list.shift();
            expect(store.count(CPU)).toBe(list.length);
            for (const stat of STATS) {
              for (const [from, to] of [[clock - 120, clock + 60], [clock - 600, clock - 60], [-Infinity, Infinity]] as const) {
                for (const now of [clock, clock + 90, Infinity]) {
                  const want = reference(list, stat, from, to, now);
                  expect(store.query(CPU, stat, from, to, now)).toBe(want);
                }
              }
            }
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('a day of per-minute puts to 3 nodes keeps its columns at a fixed size: no datapoint is kept as an object', () => {
    const store = new MetricStore({ retentionS: 600 });
    let afterAnHour = 0;
    for (let t = 0; t < 86_400; t += 60) {
      for (let node = 0; node < 3; node++) store.put(HEALTHY, t, { sum: 2, sampleCount: 1, min: 2, max: 2 });
      if (t === 3600) afterAnHour = store.capacity(HEALTHY);
    }
    expect(store.count(HEALTHY)).toBe(33);
    expect(afterAnHour).toBeLessThanOrEqual(2 * 33 + 16);
    expect(store.capacity(HEALTHY)).toBe(afterAnHour);
  });
});

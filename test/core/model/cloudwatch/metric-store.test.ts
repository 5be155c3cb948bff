/**
 * The metric store: how datapoints published per node and per interval come back as CloudWatch
 * statistics (ALB-CW https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-cloudwatch-metrics.html,
 * EC2-MON https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/using-cloudwatch-new.html,
 * CW-CONC https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/cloudwatch_concepts.html).
 */
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

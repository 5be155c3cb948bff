import { describe, expect, it } from 'vitest';
import { Histogram, RELATIVE_ACCURACY } from '../../../core/report/histogram.ts';
import { RandomStreams } from '../../../core/engine/random.ts';

describe('latency histogram', () => {
  const values = (() => {
    const s = new RandomStreams(5).get('service');
    return Array.from({ length: 100_000 }, () => Math.exp(8 * s.next() - 3)); // 0.05 ms .. 150 s
  })();
  const sorted = [...values].sort((a, b) => a - b);
  const exact = (q: number) => sorted[Math.floor(q * (sorted.length - 1))]!;

  it(`quantiles within ${RELATIVE_ACCURACY * 100} % relative error over six decades`, () => {
    const h = new Histogram();
    values.forEach((v) => h.record(v));
    for (const q of [0, 0.01, 0.1, 0.5, 0.9, 0.99, 0.999, 1]) {
      expect(Math.abs(h.quantile(q) / exact(q) - 1)).toBeLessThanOrEqual(RELATIVE_ACCURACY + 1e-9);
    }
  });

  it('merging two halves gives the same quantiles as recording everything in one', () => {
    const whole = new Histogram();
    const a = new Histogram();
    const b = new Histogram();
    values.forEach((v, i) => {
      whole.record(v);
      (i % 2 ? a : b).record(v);
    });
    a.merge(b);
    for (const q of [0.5, 0.9, 0.99]) expect(a.quantile(q)).toBe(whole.quantile(q));
    expect(a.count).toBe(whole.count);
  });

  it('is empty after clear, and an empty histogram has no quantile', () => {
    const h = new Histogram();
    h.record(3);
    h.clear();
    expect(h.count).toBe(0);
    expect(h.quantile(0.5)).toBeNaN();
  });
});

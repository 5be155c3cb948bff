/**
 * Confidence intervals: Student t quantiles against published values (NIST/SEMATECH e-Handbook
 * §1.3.6.7.2, and R's qt to 10 digits), and the mean ± half-width of small samples worked by hand.
 */
import { describe, expect, it } from 'vitest';
import { incompleteBeta, logGamma, MeanAccumulator, studentTCdf, studentTQuantile } from '../../cli/confidence.ts';

describe('Student t quantiles', () => {
  // qt(0.975, df) in R.
  it.each([
    [1, 12.7062047362],
    [2, 4.3026527297],
    [3, 3.1824463053],
    [4, 2.7764451052],
    [5, 2.5705818356],
    [9, 2.2621571628],
    [10, 2.2281388520],
    [19, 2.0930240544],
    [29, 2.0452296421],
    [30, 2.0422724563],
    [100, 1.9839715185],
    [1000, 1.9623390808],
  ])('t(0.975, %i) = %f', (df, value) => {
    expect(studentTQuantile(0.975, df)).toBeCloseTo(value, 9);
  });

  it('other levels: t(0.95, 10) = 1.812461, t(0.995, 1) = 63.656741, t(0.5, 7) = 0', () => {
    expect(studentTQuantile(0.95, 10)).toBeCloseTo(1.8124611228, 9);
    expect(studentTQuantile(0.995, 1)).toBeCloseTo(63.6567411629, 8);
    expect(studentTQuantile(0.5, 7)).toBeCloseTo(0, 12);
  });

  it('tends to the normal 1.959964 for large df', () => {
    expect(studentTQuantile(0.975, 1e7)).toBeCloseTo(1.959964, 5);
  });

  it('the CDF is symmetric and inverts the quantile', () => {
    expect(studentTCdf(0, 5)).toBeCloseTo(0.5, 14);
    expect(studentTCdf(-2, 5) + studentTCdf(2, 5)).toBeCloseTo(1, 14);
    expect(studentTCdf(studentTQuantile(0.975, 7), 7)).toBeCloseTo(0.975, 12);
  });

  it('building blocks: ln Γ(5) = ln 24, Γ(1/2) = √π, I_x(1, 1) = x', () => {
    expect(logGamma(5)).toBeCloseTo(Math.log(24), 12);
    expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 12);
    expect(incompleteBeta(0.3, 1, 1)).toBeCloseTo(0.3, 12);
    expect(incompleteBeta(0.25, 2, 3)).toBeCloseTo(0.26171875, 12); // 1 − (1 − x)^3 (1 + 3x), x = 1/4
  });
});

describe('mean and 95% half-width', () => {
  const of = (xs: number[]) => {
    const a = new MeanAccumulator();
    xs.forEach((x) => a.add(x));
    return a;
  };

  it('1, 2, 3, 4, 5: mean 3, variance 2.5, half-width t(0.975, 4) × √(2.5/5) = 1.963243', () => {
    const a = of([1, 2, 3, 4, 5]);
    expect(a.mean).toBe(3);
    expect(a.variance).toBeCloseTo(2.5, 14);
    expect(a.ci95).toBeCloseTo(2.7764451052 * Math.sqrt(0.5), 9);
  });

  it('two replications 10 and 12: half-width 12.706205 × 1 = 12.706205', () => {
    expect(of([10, 12]).ci95).toBeCloseTo(12.7062047362, 9);
  });

  it('one replication: a mean but no half-width; identical values: half-width 0', () => {
    const one = of([42]);
    expect([one.mean, one.variance, one.ci95]).toEqual([42, undefined, undefined]);
    expect(of([7, 7, 7]).ci95).toBe(0);
  });

  it('is stable for large values with small spread (Welford)', () => {
    const a = of([1e9 + 1, 1e9 + 2, 1e9 + 3]);
    expect(a.variance).toBeCloseTo(1, 9);
  });
});

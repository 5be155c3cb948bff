/**
 * The exponential ziggurat (core/engine/ziggurat.ts) against Exp(1) itself: the whole CDF
 * (Kolmogorov–Smirnov), local shape (chi-square over 1,000 cells of equal probability, which a
 * wrong wedge or layer table would fail where a KS statistic could still pass), the tail beyond
 * the base layer's edge, and its cost in uniforms. Seeds are fixed, so every test is
 * deterministic; the bounds are the 0.1 % critical values, so a correct sampler fails one seed in
 * a thousand.
 */
import { describe, expect, it } from 'vitest';
import { AleaStream, type RandomStream } from '../../../core/engine/random.ts';
import { exp1 } from '../../../core/engine/ziggurat.ts';

const N = 1_000_000;
/** N draws from a stream of its own seed, and the number of uniforms they took. */
function sample(seed: string): { xs: Float64Array; uniforms: number } {
  const alea = new AleaStream('z', seed);
  let uniforms = 0;
  const stream: RandomStream = { name: 'z', next: () => (uniforms++, alea.next()) };
  const xs = new Float64Array(N);
  for (let i = 0; i < N; i++) xs[i] = exp1(stream);
  return { xs, uniforms };
}

describe('exp1: the ziggurat for Exp(1) (1,000,000 draws per seed)', () => {
  const { xs, uniforms } = sample('ziggurat/1');

  it('fits 1 − e^(−x): KS statistic below the 0.1 % critical value 1.949 / √n', () => {
    const sorted = xs.slice().sort();
    let d = 0;
    for (let i = 0; i < N; i++) {
      const f = 1 - Math.exp(-sorted[i]!);
      d = Math.max(d, f - i / N, (i + 1) / N - f);
    }
    expect(d).toBeLessThan(1.949 / Math.sqrt(N));
  });

  it('has the right local shape: chi-square over 1,000 equal-probability cells below its 0.1 % point (1,143 for 999 df)', () => {
    const cells = 1000;
    const counts = new Float64Array(cells);
    for (const x of xs) counts[Math.min(cells - 1, Math.floor((1 - Math.exp(-x)) * cells))]!++;
    const expected = N / cells;
    let chi2 = 0;
    for (const c of counts) chi2 += ((c - expected) * (c - expected)) / expected;
    expect(chi2).toBeLessThan(1143);
    expect(chi2).toBeGreaterThan(870); // and not suspiciously regular (its 0.1 % lower point)
  });

  it('draws the tail beyond the base layer (x > 7.697) with probability e^−7.697 and mean excess 1 (lack of memory)', () => {
    const edge = 7.697117470131487;
    let count = 0;
    let excess = 0;
    for (const x of xs) {
      if (x > edge) {
        count++;
        excess += x - edge;
      }
    }
    const expected = N * Math.exp(-edge); // about 453
    expect(Math.abs(count - expected)).toBeLessThan(4 * Math.sqrt(expected));
    expect(Math.abs(excess / count - 1)).toBeLessThan(4 / Math.sqrt(count));
  });

  it('mean 1 and variance 1 within 4 standard errors', () => {
    let sum = 0;
    let sq = 0;
    for (const x of xs) {
      sum += x;
      sq += x * x;
    }
    const mean = sum / N;
    expect(Math.abs(mean - 1)).toBeLessThan(4 / Math.sqrt(N));
    expect(Math.abs(sq / N - mean * mean - 1)).toBeLessThan(4 * Math.sqrt(8 / N)); // Var(X²) = 20, so Var of the sample variance ≈ 8/N
  });

  it('takes one uniform for nearly every value: under 1.04 per value on average (an edge draw takes about 3, a logarithm only in the tail)', () => {
    expect(uniforms / N).toBeGreaterThanOrEqual(1);
    expect(uniforms / N).toBeLessThan(1.04);
  });

  it('other seeds fit too (KS, 3 more seeds)', () => {
    for (const seed of ['ziggurat/2', '42/service', '7/arrivals']) {
      const sorted = sample(seed).xs.sort();
      let d = 0;
      for (let i = 0; i < N; i++) {
        const f = 1 - Math.exp(-sorted[i]!);
        d = Math.max(d, f - i / N, (i + 1) / N - f);
      }
      expect(d, seed).toBeLessThan(1.949 / Math.sqrt(N));
    }
  });
});

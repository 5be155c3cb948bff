import { describe, expect, it } from 'vitest';
import seedrandom from 'seedrandom';
import { AleaStream, RandomStreams } from '../../../core/engine/random.ts';
import { makeSampler } from '../../../core/engine/distributions.ts';

describe('named random streams', () => {
  it('golden first draws: a change of generator or seeding scheme is loud', () => {
    const streams = new RandomStreams(1);
    const first = (name: Parameters<RandomStreams['get']>[0]) => {
      const s = streams.get(name);
      return [s.next(), s.next(), s.next()].map((x) => x.toFixed(12));
    };
    expect({ arrivals: first('arrivals'), service: first('service'), routing: first('routing') }).toMatchSnapshot();
  });

  it('draws from one stream do not shift another', () => {
    const a = new RandomStreams(7);
    const b = new RandomStreams(7);
    for (let i = 0; i < 1000; i++) a.get('routing').next();
    expect(a.get('service').next()).toBe(b.get('service').next());
  });

  it("AleaStream draws exactly seedrandom's alea, bit for bit (50,000 draws on each of 5 seeds)", () => {
    for (const seed of ['1/arrivals', '42/service', '7/routing:api', '', 'x'.repeat(300)]) {
      const reference = seedrandom.alea(seed);
      const stream = new AleaStream('s', seed);
      let mismatches = 0;
      for (let i = 0; i < 50_000; i++) if (stream.next() !== reference()) mismatches++;
      expect(mismatches, seed).toBe(0);
    }
  });

  it('different seeds give different streams; the same seed the same', () => {
    expect(new RandomStreams(1).get('arrivals').next()).not.toBe(new RandomStreams(2).get('arrivals').next());
    expect(new RandomStreams(3).get('arrivals').next()).toBe(new RandomStreams(3).get('arrivals').next());
  });
});

describe('distributions (200,000 draws each; mean within 1 %, cv within 2 %)', () => {
  const stats = (draw: () => number, n = 200_000) => {
    let sum = 0;
    let sq = 0;
    for (let i = 0; i < n; i++) {
      const x = draw();
      sum += x;
      sq += x * x;
    }
    const mean = sum / n;
    return { mean, cv: Math.sqrt(sq / n - mean * mean) / mean };
  };
  const stream = () => new RandomStreams(42).get('service');

  it('exponential: mean m, cv 1', () => {
    const sampler = makeSampler({ distribution: 'exponential', mean: 0.1 }, stream());
    const s = stats(() => sampler.draw());
    expect(s.mean).toBeCloseTo(0.1, 3);
    expect(Math.abs(s.cv - 1)).toBeLessThan(0.02);
  });

  it('lognormal: the given mean and cv', () => {
    const sampler = makeSampler({ distribution: 'lognormal', mean: 0.06, cv: 0.5 }, stream());
    const s = stats(() => sampler.draw());
    expect(Math.abs(s.mean / 0.06 - 1)).toBeLessThan(0.01);
    expect(Math.abs(s.cv / 0.5 - 1)).toBeLessThan(0.02);
  });

  it('uniform: mean (min+max)/2 and constant: always the value', () => {
    const sampler = makeSampler({ distribution: 'uniform', min: 1, max: 3 }, stream());
    const s = stats(() => sampler.draw());
    expect(Math.abs(s.mean - 2)).toBeLessThan(0.01);
    const c = makeSampler({ distribution: 'constant', value: 0.25 }, stream());
    expect([c.draw(), c.draw(), c.draw()]).toEqual([0.25, 0.25, 0.25]);
  });
});

/**
 * Goodness of fit: the Kolmogorov–Smirnov statistic of 100,000 draws against the exact CDF,
 * below the 0.1 % critical value 1.949 / √n (so a correct sampler fails one run in a thousand
 * seeds; these seeds are fixed, so the test is deterministic). The bound is 0.0062; an
 * exponential 5 % off in its mean is at D ≈ 0.018.
 */
describe('distributions: goodness of fit (Kolmogorov–Smirnov, 100,000 draws, α = 0.001)', () => {
  const n = 100_000;
  const bound = 1.949 / Math.sqrt(n);
  const ks = (draw: () => number, cdf: (x: number) => number) => {
    const xs = new Float64Array(n);
    for (let i = 0; i < n; i++) xs[i] = draw();
    xs.sort();
    let d = 0;
    for (let i = 0; i < n; i++) {
      const f = cdf(xs[i]!);
      d = Math.max(d, f - i / n, (i + 1) / n - f);
    }
    return d;
  };
  // erf to about 1e-7 (Abramowitz & Stegun 7.1.26), ample beside a bound of 6e-3.
  const erf = (x: number) => {
    const t = 1 / (1 + 0.3275911 * Math.abs(x));
    const y = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-x * x);
    return x >= 0 ? y : -y;
  };
  const phi = (z: number) => 0.5 * (1 + erf(z / Math.SQRT2));
  const draws = (d: Parameters<typeof makeSampler>[0], seed = 11) => {
    const sampler = makeSampler(d, new RandomStreams(seed).get('service'));
    return () => sampler.draw();
  };

  it('exponential (mean 0.2) fits 1 − e^(−x/0.2); a mean 5 % off does not', () => {
    expect(ks(draws({ distribution: 'exponential', mean: 0.2 }), (x) => 1 - Math.exp(-x / 0.2))).toBeLessThan(bound);
    expect(ks(draws({ distribution: 'exponential', mean: 0.21 }), (x) => 1 - Math.exp(-x / 0.2))).toBeGreaterThan(bound);
  });

  it('uniform [1, 3) fits (x − 1) / 2', () => {
    expect(ks(draws({ distribution: 'uniform', min: 1, max: 3 }), (x) => (x - 1) / 2)).toBeLessThan(bound);
  });

  for (const [mean, cv] of [
    [0.06, 0.5],
    [1, 2],
    [0.01, 0.1],
  ] as const) {
    it(`lognormal (mean ${mean}, cv ${cv}) fits Φ((ln x − μ) / σ), both Box–Muller values of each pair included`, () => {
      const sigma2 = Math.log(1 + cv * cv);
      const mu = Math.log(mean) - sigma2 / 2;
      const cdf = (x: number) => phi((Math.log(x) - mu) / Math.sqrt(sigma2));
      expect(ks(draws({ distribution: 'lognormal', mean, cv }), cdf)).toBeLessThan(bound);
      // The odd and even draws separately (the cos and the sin halves of each pair) fit too.
      const all = draws({ distribution: 'lognormal', mean, cv }, 12);
      const odd = () => (all(), all());
      expect(ks(odd, cdf)).toBeLessThan(bound);
    });
  }
});

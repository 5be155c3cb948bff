import { describe, expect, it } from 'vitest';
import { RandomStreams } from '../../../core/engine/random.ts';
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
    const s = stats(makeSampler({ distribution: 'exponential', mean: 0.1 }, stream()));
    expect(s.mean).toBeCloseTo(0.1, 3);
    expect(Math.abs(s.cv - 1)).toBeLessThan(0.02);
  });

  it('lognormal: the given mean and cv', () => {
    const s = stats(makeSampler({ distribution: 'lognormal', mean: 0.06, cv: 0.5 }, stream()));
    expect(Math.abs(s.mean / 0.06 - 1)).toBeLessThan(0.01);
    expect(Math.abs(s.cv / 0.5 - 1)).toBeLessThan(0.02);
  });

  it('uniform: mean (min+max)/2 and constant: always the value', () => {
    const s = stats(makeSampler({ distribution: 'uniform', min: 1, max: 3 }, stream()));
    expect(Math.abs(s.mean - 2)).toBeLessThan(0.01);
    const c = makeSampler({ distribution: 'constant', value: 0.25 }, stream());
    expect([c(), c(), c()]).toEqual([0.25, 0.25, 0.25]);
  });
});

import { describe, expect, it } from 'vitest';
import { ArrivalProcess } from '../../../core/model/traffic.ts';
import { RandomStreams } from '../../../core/engine/random.ts';
import type { RatePoint } from '../../../core/scenario/types.ts';

function countArrivals(schedule: RatePoint[], kind: 'poisson' | 'uniform', windows: [number, number][]): number[] {
  const p = new ArrivalProcess(schedule, kind, new RandomStreams(3).get('arrivals'));
  const counts = windows.map(() => 0);
  const end = Math.max(...windows.map((w) => w[1]));
  for (let t = p.next(); t < end; t = p.next()) windows.forEach(([a, b], i) => (t >= a && t < b ? counts[i]!++ : 0));
  return counts;
}

describe('arrivals', () => {
  it('evenly spaced arrivals at a constant rate come exactly 1/rate apart', () => {
    const p = new ArrivalProcess([[0, 4]], 'uniform', new RandomStreams(1).get('arrivals'));
    expect([p.next(), p.next(), p.next()]).toEqual([0.25, 0.5, 0.75]);
  });

  it('evenly spaced arrivals follow a ramp: the count in each window equals the area under the rate (±1)', () => {
    const schedule: RatePoint[] = [[0, 100], [600, 100], [720, 700], [1000, 700]];
    const [flat, ramp, high] = countArrivals(schedule, 'uniform', [[0, 600], [600, 720], [720, 1000]]);
    expect(Math.abs(flat! - 60_000)).toBeLessThanOrEqual(1);
    expect(Math.abs(ramp! - (120 * (100 + 700)) / 2)).toBeLessThanOrEqual(1);
    expect(Math.abs(high! - 280 * 700)).toBeLessThanOrEqual(1);
  });

  it('Poisson arrivals on a ramp: counts within 4 standard deviations of the integral of the rate', () => {
    const schedule: RatePoint[] = [[0, 50], [100, 50], [400, 500], [800, 20]];
    const windows: [number, number][] = [[0, 100], [100, 400], [400, 800], [800, 2000]];
    const expected = [5000, (300 * 550) / 2, (400 * 520) / 2, 1200 * 20];
    countArrivals(schedule, 'poisson', windows).forEach((c, i) => expect(Math.abs(c - expected[i]!)).toBeLessThan(4 * Math.sqrt(expected[i]!)));
  });

  it('a rate that drops to zero and stays there ends the arrivals', () => {
    const p = new ArrivalProcess([[0, 10], [10, 0]], 'uniform', new RandomStreams(1).get('arrivals'));
    let n = 0;
    while (Number.isFinite(p.next())) n++;
    expect(n).toBe(50); // area of the triangle: 10 s x 10 req/s / 2
  });
});

/**
 * Client traffic: when requests arrive at the load balancer.
 *
 * The rate is piecewise linear in time (a constant is one point), held flat before the first
 * and after the last point. Arrival times come from inverting the cumulative rate
 * Λ(t) = ∫ rate: a Poisson process adds Exp(1) increments of Λ (exact for a time-varying rate,
 * no thinning), evenly spaced arrivals add increments of exactly 1.
 */
import type { RatePoint, Traffic } from '../scenario/types.ts';
import type { RandomStream } from '../engine/random.ts';
import { exp1 } from '../engine/ziggurat.ts';

export class ArrivalProcess {
  private readonly times: number[];
  private readonly rates: number[];
  /** Index of the segment containing the current time: [times[k], times[k+1]). */
  private seg = 0;
  private t = 0;

  constructor(
    schedule: readonly RatePoint[],
    private readonly kind: Traffic['arrivals'],
    private readonly stream: RandomStream,
  ) {
    // A leading flat segment from time 0 so every time ≥ 0 falls in a segment.
    const first = schedule[0]!;
    this.times = first[0] > 0 ? [0] : [];
    this.rates = first[0] > 0 ? [first[1]] : [];
    for (const [time, rate] of schedule) {
      this.times.push(time);
      this.rates.push(rate);
    }
  }

  /** Rate in requests per second at time t. */
  rateAt(t: number): number {
    const { times, rates } = this;
    if (t <= times[0]!) return rates[0]!;
    for (let k = 0; k < times.length - 1; k++) {
      if (t < times[k + 1]!) {
        const slope = (rates[k + 1]! - rates[k]!) / (times[k + 1]! - times[k]!);
        return rates[k]! + slope * (t - times[k]!);
      }
    }
    return rates[rates.length - 1]!;
  }

  /** Time of the next arrival after the previous one (Infinity if the rate stays at zero). */
  next(): number {
    let need = this.kind === 'poisson' ? exp1(this.stream) : 1;
    const { times, rates } = this;
    const last = times.length - 1;
    for (;;) {
      const k = this.seg;
      const t = this.t;
      if (k >= last) {
        const r = rates[last]!;
        if (r <= 0) return (this.t = Infinity);
        return (this.t = t + need / r);
      }
      const t0 = times[k]!;
      const t1 = times[k + 1]!;
      const slope = (rates[k + 1]! - rates[k]!) / (t1 - t0);
      const rt = rates[k]! + slope * (t - t0);
      const span = t1 - t;
      const area = rt * span + (slope * span * span) / 2;
      if (area >= need && area > 0) {
        // Solve rt x + slope x² / 2 = need for the smallest x ≥ 0 (stable form).
        const disc = Math.max(0, rt * rt + 2 * slope * need);
        const x = (2 * need) / (rt + Math.sqrt(disc));
        return (this.t = Math.min(t1, t + x));
      }
      need -= area;
      this.seg = k + 1;
      this.t = t1;
    }
  }
}

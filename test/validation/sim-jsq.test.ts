/**
 * The simulator's least_outstanding_requests against exact join-the-shortest-queue
 * (validation.md section 4). With one load-balancer node, one slot per target and no timeouts,
 * a target's outstanding requests are its queue length (waiting + in service), so least
 * outstanding requests with uniform tie-breaking is JSQ; the reference is the stationary mean of
 * the JSQ Markov chain (theory.ts, truncated at 120 / 45 per queue).
 *
 * Every case: 10 seeds, 10% warm-up discarded, mean across seeds within 5% of theory, 95% CI
 * half-width below 2.5% of the mean.
 */
import { afterAll, describe, it } from 'vitest';
import { validationScenario } from './build.ts';
import { expectAgreement, formatTable, measureCase, periodForS, sampleSize, SEEDS, type CaseMeasurement } from './measure.ts';
import { jsqResponseTime } from './theory.ts';

const results: CaseMeasurement[] = [];
afterAll(() => console.log(formatTable('least outstanding requests vs exact JSQ: simulated vs theory', results)));

describe('least outstanding requests over N targets x 1 slot, Poisson arrivals, exponential service (mean 1 s)', () => {
  const cases: Array<[n: number, rho: number, truncation: number, durationS: number]> = [
    [2, 0.8, 120, 3.125e5],
    [3, 0.9, 45, 5.5e5],
  ];
  for (const [n, rho, truncation, durationS] of cases) {
    const expected = jsqResponseTime(n, rho, truncation);
    it(`${n} targets, rho ${rho}: mean response within 5% of exact JSQ = ${expected.toFixed(4)} (${sampleSize(n * rho, durationS)}, 10% warm-up, CI half-width < 2.5%)`, () => {
      const scenario = validationScenario({ name: `least outstanding ${n} rho ${rho}`, targets: n, concurrency: 1, arrivalRatePerS: n * rho, algorithm: 'least_outstanding_requests', durationS, periodS: periodForS(durationS) });
      const m = measureCase(`least outstanding, ${n} targets, rho ${rho}`, scenario, SEEDS, 'JSQ (CTMC)', expected);
      results.push(m);
      expectAgreement(m);
    });
  }
});

/**
 * The simulator against M/M/1 (validation.md section 1): one target with one worker slot, so the
 * load balancer has nothing to choose and the target is a single FIFO server.
 *
 * Every case: 10 seeds, 10% warm-up discarded, mean across seeds within 5% of theory, 95% CI
 * half-width below 2.5% of the mean. Run lengths aim at a half-width of about 1% (the
 * variance of a queue's mean grows like 1/(1 - rho)^4, hence the longer runs near saturation).
 */
import { afterAll, describe, it } from 'vitest';
import { validationScenario } from './build.ts';
import { expectAgreement, formatTable, measureCase, periodForS, sampleSize, SEEDS, type CaseMeasurement } from './measure.ts';
import { mm1ResponseTime } from './theory.ts';

const results: CaseMeasurement[] = [];
afterAll(() => console.log(formatTable('M/M/1: simulated vs theory', results)));

describe('M/M/1: 1 target x 1 slot, Poisson arrivals, exponential service (mean 1 s)', () => {
  const cases: Array<[rho: number, durationS: number]> = [
    [0.5, 2e5],
    [0.8, 6.25e5],
    [0.9, 2.2e6],
  ];
  for (const [rho, durationS] of cases) {
    const expected = mm1ResponseTime(rho, 1);
    it(`rho ${rho}: mean response within 5% of 1/(mu - lambda) = ${+expected.toFixed(4)} (${sampleSize(rho, durationS)}, 10% warm-up, CI half-width < 2.5%)`, () => {
      const scenario = validationScenario({ name: `M/M/1 rho ${rho}`, targets: 1, concurrency: 1, arrivalRatePerS: rho, algorithm: 'round_robin', durationS, periodS: periodForS(durationS) });
      const m = measureCase(`M/M/1 rho ${rho}`, scenario, SEEDS, 'M/M/1', expected);
      results.push(m);
      expectAgreement(m);
    });
  }
});

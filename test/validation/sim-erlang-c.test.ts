/**
 * The simulator against M/M/c (validation.md section 2, Erlang C): one target with c worker
 * slots and one FIFO queue in front of them is exactly the shared-queue M/M/c system.
 *
 * Every case: 10 seeds, 10% warm-up discarded, mean across seeds within 5% of theory, 95% CI
 * half-width below 2.5% of the mean (about 0.5-1.2% with these run lengths).
 */
import { afterAll, describe, it } from 'vitest';
import { validationScenario } from './build.ts';
import { expectAgreement, formatTable, measureCase, periodForS, sampleSize, SEEDS, type CaseMeasurement } from './measure.ts';
import { mmcResponseTime } from './theory.ts';

const results: CaseMeasurement[] = [];
afterAll(() => console.log(formatTable('M/M/c (Erlang C): simulated vs theory', results)));

describe('M/M/c: 1 target x c slots, Poisson arrivals, exponential service (mean 1 s)', () => {
  const cases: Array<[c: number, rho: number, durationS: number]> = [
    [2, 0.8, 3.125e5],
    [2, 0.9, 1.1e6],
    [4, 0.8, 1.25e5],
    [4, 0.9, 4.2e5],
    [10, 0.8, 2.5e4],
    [10, 0.9, 1.1e5],
  ];
  for (const [c, rho, durationS] of cases) {
    const lambda = c * rho;
    const expected = mmcResponseTime(c, lambda, 1);
    it(`c ${c}, rho ${rho}: mean response within 5% of Erlang C T = ${expected.toFixed(4)} (${sampleSize(lambda, durationS)}, 10% warm-up, CI half-width < 2.5%)`, () => {
      const scenario = validationScenario({ name: `M/M/${c} rho ${rho}`, targets: 1, concurrency: c, arrivalRatePerS: lambda, algorithm: 'round_robin', durationS, periodS: periodForS(durationS) });
      const m = measureCase(`M/M/${c} rho ${rho}`, scenario, SEEDS, 'Erlang C', expected);
      results.push(m);
      expectAgreement(m);
    });
  }
});

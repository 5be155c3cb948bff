/**
 * The simulator's random and round-robin routing against theory (validation.md section 5):
 * N targets with one slot each behind one load-balancer node.
 *
 * - random: a Bernoulli split of a Poisson stream, so every target is M/M/1 at load rho;
 * - round_robin: each target gets every N-th arrival, Erlang-N inter-arrival times, so every
 *   target is an E_N/M/1 queue (GI/M/1 root sigma).
 *
 * Every case: 10 seeds, 10% warm-up discarded, mean across seeds within 5% of theory, 95% CI
 * half-width below 2.5% of the mean.
 */
import { afterAll, describe, it } from 'vitest';
import { validationScenario } from './build.ts';
import { expectAgreement, formatTable, measureCase, periodForS, sampleSize, SEEDS, type CaseMeasurement } from './measure.ts';
import { randomSplitResponseTime, roundRobinResponseTime } from './theory.ts';

const results: CaseMeasurement[] = [];
afterAll(() => console.log(formatTable('random and round robin: simulated vs theory', results)));

describe('random and round robin over N targets x 1 slot, Poisson arrivals, exponential service (mean 1 s)', () => {
  it(`random: 10 targets, rho 0.9: mean response within 5% of M/M/1 = 10 (${sampleSize(9, 2.2e5)}, 10% warm-up, CI half-width < 2.5%)`, () => {
    const durationS = 2.2e5;
    const scenario = validationScenario({ name: 'random 10 rho 0.9', targets: 10, concurrency: 1, arrivalRatePerS: 9, algorithm: 'random', durationS, periodS: periodForS(durationS) });
    const m = measureCase('random, 10 targets, rho 0.9', scenario, SEEDS, 'M/M/1 per target', randomSplitResponseTime(0.9, 1));
    results.push(m);
    expectAgreement(m);
  });

  const roundRobin: Array<[n: number, rho: number, durationS: number]> = [
    [10, 0.9, 2.2e5],
    [2, 0.8, 3.125e5],
  ];
  for (const [n, rho, durationS] of roundRobin) {
    const expected = roundRobinResponseTime(n, rho, 1);
    it(`round robin: ${n} targets, rho ${rho}: mean response within 5% of E_N/M/1 = ${expected.toFixed(4)} (${sampleSize(n * rho, durationS)}, 10% warm-up, CI half-width < 2.5%)`, () => {
      const scenario = validationScenario({ name: `round robin ${n} rho ${rho}`, targets: n, concurrency: 1, arrivalRatePerS: n * rho, algorithm: 'round_robin', durationS, periodS: periodForS(durationS) });
      const m = measureCase(`round robin, ${n} targets, rho ${rho}`, scenario, SEEDS, 'E_N/M/1', expected);
      results.push(m);
      expectAgreement(m);
    });
  }
});

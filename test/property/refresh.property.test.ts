/**
 * Instance refresh bounds over arbitrary groups and preferences (fast-check): while a refresh
 * is InProgress, healthy warmed-up InService capacity never falls below MinHealthyPercentage of
 * the desired capacity, rounded up as AWS documents, and InService plus Pending never exceeds
 * MaxHealthyPercentage of it (rounded down). The one documented exception: when the minimum is
 * the whole group and MaxHealthyPercentage leaves no room to launch ahead, AWS replaces one
 * instance at a time, so the group goes one below. Every refresh ends Successful.
 * Replay a failure with FC_SEED=<seed>.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { refreshBounds } from '../../core/model/autoscaling/refresh.ts';
import { buildScenario } from '../support/build.ts';
import { healthySeries } from '../support/refresh-sampling.ts';

const seed = Number(process.env.FC_SEED ?? (process.env.CI ? 20261202 : Date.now() % 1_000_000));
console.log(`refresh property tests: FC_SEED=${seed}`);
const params = { seed, path: process.env.FC_PATH, numRuns: 25, endOnFailure: true };

const caseArb = fc
  .record({
    desired: fc.integer({ min: 1, max: 12 }),
    min: fc.integer({ min: 0, max: 100 }),
    spread: fc.integer({ min: 0, max: 100 }),
    warmup: fc.constantFrom(0, 30, 90),
    drain: fc.constantFrom(0, 20),
    factor: fc.constantFrom(0.5, 1, 1.5),
    rate: fc.integer({ min: 10, max: 200 }),
    runSeed: fc.integer({ min: 0, max: 1_000_000 }),
  })
  .map((c) => ({ ...c, max: Math.min(200, Math.max(100, c.min + c.spread)) }));

describe('instance refresh (fast-check)', () => {
  it('healthy capacity stays within [MinHealthyPercentage, MaxHealthyPercentage] of desired, as AWS rounds, and the refresh completes', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const scenario = buildScenario({
          duration: 2400,
          traffic: { rate: c.rate },
          loadBalancer: { targetGroup: { deregistrationDelay: c.drain, healthCheck: { interval: 10, healthyThreshold: 2 } } },
          autoScaling: {
            minSize: 1, maxSize: 30, desiredCapacity: c.desired, healthCheckType: 'ELB',
            actions: [{ name: 'r', at: 120, action: 'start-instance-refresh', preferences: { minHealthyPercentage: c.min, maxHealthyPercentage: c.max, instanceWarmup: c.warmup }, desiredConfiguration: { instance: { serviceTimeFactor: c.factor } } }],
          },
          instance: { concurrency: 4, serviceTime: { distribution: 'exponential', mean: '50ms' }, bootTime: { distribution: 'uniform', min: 30, max: 90 } },
        });
        const { world, healthy, total } = healthySeries(scenario, c.warmup, c.runSeed);
        const { minHealthy, maxTotal } = refreshBounds(c.desired, c.min, c.max);
        const oneAtATime = minHealthy >= c.desired && maxTotal <= c.desired;
        const floor = oneAtATime ? c.desired - 1 : minHealthy;
        expect(Math.min(...healthy)).toBeGreaterThanOrEqual(floor);
        expect(Math.max(...total)).toBeLessThanOrEqual(Math.max(maxTotal, c.desired));
        expect(world.refresh[0]!.history.map((h) => h.status)).toEqual(['InProgress', 'Successful']);
      }),
      params,
    );
  });
});

import { it } from 'vitest';
import { healthySeries } from './support/refresh-sampling.ts';
import { buildScenario } from './support/build.ts';
it('peek', () => {
  const c = {"desired":3,"min":99,"spread":89,"warmup":30,"drain":0,"factor":0.5,"rate":46,"runSeed":980940,"max":188};
  const scenario = buildScenario({
          duration: 2400, traffic: { rate: c.rate },
          loadBalancer: { targetGroup: { deregistrationDelay: c.drain, healthCheck: { interval: 10, healthyThreshold: 2 } } },
          autoScaling: { minSize: 1, maxSize: 30, desiredCapacity: c.desired, healthCheckType: 'ELB',
            actions: [{ name: 'r', at: 120, action: 'start-instance-refresh', preferences: { minHealthyPercentage: c.min, maxHealthyPercentage: c.max, instanceWarmup: c.warmup }, desiredConfiguration: { instance: { serviceTimeFactor: c.factor } } }] },
          instance: { concurrency: 4, serviceTime: { distribution: 'exponential', mean: '50ms' }, bootTime: { distribution: 'uniform', min: 30, max: 90 } } });
  const { world, healthy } = healthySeries(scenario, c.warmup, c.runSeed);
  console.log('first 2 at', healthy.indexOf(2));
  for (const e of world.log.events.filter((e) => e.timeS > 0).slice(0, 45)) console.log(e.timeS.toFixed(1), e.kind, e.subject, e.detail);
});

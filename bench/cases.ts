/**
 * The benchmark cases of issue #2, as resolved scenarios. `scale` multiplies the simulated time
 * (and so the number of requests), to check that memory stays flat as runs get longer.
 */
import type { Scenario } from '../core/scenario/types.ts';
import { legacyBuildScenario as buildScenario, fixedFleet } from '../test/support/build.ts';

export interface BenchCase {
  name: string;
  description: string;
  requests: number;
  scenario(scale: number): Scenario;
}

const exponential1s = { distribution: 'exponential', mean: 1 } as const;

export const CASES: Record<string, BenchCase> = {
  a: {
    name: 'a',
    description: '10 targets x 1 slot, random dispatch, Poisson 9 req/s, exponential 1 s service',
    requests: 2_000_000,
    scenario: (scale) =>
      buildScenario({
        name: 'bench-a',
        zones: ['us-east-1a'],
        durationS: (scale * 2_000_000) / 9,
        traffic: { rate: [[0, 9]], arrivals: 'poisson', clients: 1000 },
        loadBalancer: {
          idleTimeoutS: 4000,
          targetGroup: { ...buildScenario().loadBalancer.targetGroup, algorithm: 'random' },
        },
        autoScaling: fixedFleet(10),
        instance: { concurrency: 1, queueLimit: 1_000_000, serviceTime: exponential1s },
      }),
  },
  b: {
    name: 'b',
    description: '100 targets x 8 slots, round robin, health checks on, 3 zones, Poisson 720 req/s (rho 0.9), exponential 1 s service',
    requests: 10_000_000,
    scenario: (scale) =>
      buildScenario({
        name: 'bench-b',
        zones: ['us-east-1a', 'us-east-1b', 'us-east-1c'],
        durationS: (scale * 10_000_000) / 720,
        traffic: { rate: [[0, 720]], arrivals: 'poisson', clients: 1000 },
        loadBalancer: { idleTimeoutS: 60 },
        autoScaling: fixedFleet(100),
        instance: { concurrency: 8, queueLimit: 1000, serviceTime: exponential1s },
      }),
  },
};

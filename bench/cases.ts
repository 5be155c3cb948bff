/**
 * The benchmark cases of issue #2, written in the scenario file form and read by the parser.
 * `scale` multiplies the simulated time (and so the number of requests), to check that memory
 * stays flat as runs get longer.
 */
import { formatIssue } from '../core/scenario/format.ts';
import { parseScenario } from '../core/scenario/parse.ts';
import type { Scenario } from '../core/scenario/types.ts';

export interface BenchCase {
  name: string;
  description: string;
  requests: number;
  scenario(scale: number): Scenario;
}

/** The resolved scenario for a file-form object; a mistake here is the benchmark's own bug. */
function fromFile(file: Record<string, unknown>): Scenario {
  const result = parseScenario(JSON.stringify(file), `bench-${String(file['name'])}.json`);
  if (!result.ok) throw new Error(`invalid benchmark scenario:\n${result.errors.map(formatIssue).join('\n')}`);
  return result.scenario;
}

const exponential1s = { distribution: 'exponential', mean: 1 };

export const CASES: Record<string, BenchCase> = {
  a: {
    name: 'a',
    description: '10 targets x 1 slot, random dispatch, Poisson 9 req/s, exponential 1 s service',
    requests: 2_000_000,
    scenario: (scale) =>
      fromFile({
        name: 'bench-a',
        zones: ['us-east-1a'],
        duration: (scale * 2_000_000) / 9,
        traffic: { rate: 9, arrivals: 'poisson', clients: 1000 },
        loadBalancer: { idleTimeout: 4000, targetGroup: { algorithm: 'random' } },
        autoScaling: { minSize: 10, maxSize: 10, desiredCapacity: 10 },
        instance: { concurrency: 1, queueLimit: 1_000_000, serviceTime: exponential1s },
      }),
  },
  b: {
    name: 'b',
    description: '100 targets x 8 slots, round robin, health checks on, 3 zones, Poisson 720 req/s (rho 0.9), exponential 1 s service',
    requests: 10_000_000,
    scenario: (scale) =>
      fromFile({
        name: 'bench-b',
        zones: ['us-east-1a', 'us-east-1b', 'us-east-1c'],
        duration: (scale * 10_000_000) / 720,
        traffic: { rate: 720, arrivals: 'poisson', clients: 1000 },
        loadBalancer: { idleTimeout: 60 },
        autoScaling: { minSize: 100, maxSize: 100, desiredCapacity: 100 },
        instance: { concurrency: 8, queueLimit: 1000, serviceTime: exponential1s },
      }),
  },
};

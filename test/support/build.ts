/**
 * Builds resolved scenarios in code for tests that exercise the simulator directly, with every
 * AWS default filled in (the same defaults the scenario parser applies).
 */
import type { Scenario } from '../../core/scenario/types.ts';

export type ScenarioPatch = {
  [K in keyof Scenario]?: Scenario[K] extends unknown[] ? Scenario[K] : Scenario[K] extends object ? Partial<Scenario[K]> : Scenario[K];
};

export function baseScenario(): Scenario {
  return {
    name: 'test',
    description: '',
    seed: 1,
    durationS: 600,
    periodS: 60,
    zones: ['us-east-1a', 'us-east-1b'],
    traffic: { rate: [[0, 20]], arrivals: 'poisson', clients: 1000 },
    loadBalancer: {
      type: 'application',
      crossZone: true,
      idleTimeoutS: 60,
      targetGroup: {
        name: 'default',
        algorithm: 'round_robin',
        deregistrationDelayS: 300,
        slowStartS: 0,
        healthCheck: { intervalS: 30, timeoutS: 5, healthyThreshold: 5, unhealthyThreshold: 2 },
      },
    },
    autoScaling: {
      minSize: 4,
      maxSize: 4,
      desiredCapacity: 4,
      healthCheckType: 'EC2',
      healthCheckGracePeriodS: 0,
      defaultCooldownS: 300,
      defaultInstanceWarmupS: 0,
      policies: [],
      scheduledActions: [],
    },
    instance: {
      type: 'c5.large',
      pricePerHour: 0.085,
      bootTime: { distribution: 'constant', value: 60 },
      concurrency: 2,
      queueLimit: 100,
      serviceTime: { distribution: 'exponential', mean: 0.1 },
      idleCpu: 2,
      detailedMonitoring: false,
    },
    faults: [],
    expect: {},
  };
}

/** The base scenario with some sections patched (shallow per section). */
export function buildScenario(patch: ScenarioPatch = {}): Scenario {
  const base = baseScenario();
  const out = { ...base } as Record<string, unknown>;
  for (const [key, value] of Object.entries(patch)) {
    const b = (base as unknown as Record<string, unknown>)[key];
    out[key] = b && typeof b === 'object' && !Array.isArray(b) && value && typeof value === 'object' && !Array.isArray(value) ? { ...b, ...value } : value;
  }
  return out as unknown as Scenario;
}

/** A fleet of exactly n instances. */
export function fixedFleet(n: number): Partial<Scenario['autoScaling']> {
  return { minSize: n, maxSize: n, desiredCapacity: n };
}

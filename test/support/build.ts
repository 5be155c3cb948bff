/**
 * Builds resolved scenarios in code for tests that exercise the simulator directly, with every
 * AWS default filled in by the scenario parser itself.
 */
import type { Scenario } from '../../core/scenario/types.ts';
import { scenarioFromYaml } from './scenario.ts';

export type ScenarioPatch = {
  [K in keyof Scenario]?: Scenario[K] extends unknown[] ? Scenario[K] : Scenario[K] extends object ? Partial<Scenario[K]> : Scenario[K];
};

/**
 * The test base: two zones, 20 req/s, a fixed fleet of 4, and every other value the parser's
 * AWS default (parsed, so the two can never drift apart).
 */
const BASE_YAML = `
name: test
duration: 600
zones: [us-east-1a, us-east-1b]
traffic: { rate: 20 }
autoScaling: { minSize: 4, maxSize: 4, desiredCapacity: 4 }
`;
let cached: string | null = null;

export function baseScenario(): Scenario {
  cached ??= JSON.stringify(scenarioFromYaml(BASE_YAML));
  return JSON.parse(cached) as Scenario;
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

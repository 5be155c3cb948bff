/**
 * Scenarios for tests that exercise the simulator directly, built the way a user writes them:
 * patches in the scenario FILE form (contract section 1: `duration: 600`,
 * `loadBalancer: { targetGroup: { healthCheck: { interval: 10s } } }`, `faults: [{ at: 300,
 * action: fail-target }]`) deep-merged onto a small file-form base and read by the real parser.
 * Every default and every cross-key rule is then the parser's own, a fixture mistake fails with
 * the parser's located message, and no test depends on the shape of the resolved `Scenario`.
 */
import type { Scenario } from '../../core/scenario/types.ts';
import { scenarioFromYaml } from './scenario.ts';

/** A value as a scenario file holds it (YAML's data model, which JSON shares). */
export type FileValue = string | number | boolean | null | undefined | readonly FileValue[] | FileMapping;
export interface FileMapping {
  readonly [key: string]: FileValue;
}

/**
 * The test base: two zones, 20 req/s, a fixed fleet of 4, 600 s; everything else is left to the
 * parser's AWS defaults.
 */
export const BASE_FILE: FileMapping = {
  name: 'test',
  duration: 600,
  zones: ['us-east-1a', 'us-east-1b'],
  traffic: { rate: 20 },
  autoScaling: fixedFleet(4),
};

function isMapping(value: FileValue): value is FileMapping {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * `patches` merged in order: mappings merge key by key, a list or scalar replaces what was
 * there, and `null` (or `undefined`) removes the key, as a key with no value is absent in a file.
 */
export function mergeFile(...patches: readonly FileMapping[]): FileMapping {
  const out: Record<string, FileValue> = {};
  for (const patch of patches) {
    for (const [key, value] of Object.entries(patch)) {
      if (value === null || value === undefined) delete out[key];
      else {
        const before = out[key];
        out[key] = isMapping(value) && before !== undefined && isMapping(before) ? mergeFile(before, value) : value;
      }
    }
  }
  return out;
}

/** The base file with `patches` merged onto it, as text the parser reads (JSON, which is YAML). */
export function scenarioFileText(...patches: readonly FileMapping[]): string {
  return `${JSON.stringify(mergeFile(BASE_FILE, ...patches), null, 2)}\n`;
}

/** The resolved scenario for the base file with `patches` merged onto it; throws with the parser's messages if it is invalid. */
export function buildScenario(...patches: readonly FileMapping[]): Scenario {
  return scenarioFromYaml(scenarioFileText(...patches), { file: 'test.json' });
}

/** `autoScaling` sizes for a fleet of exactly n instances. */
export function fixedFleet(n: number): { minSize: number; maxSize: number; desiredCapacity: number } {
  return { minSize: n, maxSize: n, desiredCapacity: n };
}

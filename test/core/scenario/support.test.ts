/**
 * `scenarioFromYaml` (test/support/scenario.ts), the fixture helper other tests build on: the
 * resolved scenario for valid YAML, and an error listing every problem otherwise.
 */
import { describe, expect, it } from 'vitest';
import { scenarioFromYaml } from '../../support/scenario.ts';

describe('scenarioFromYaml', () => {
  it('returns the resolved scenario', () => {
    expect(scenarioFromYaml('name: t\nduration: 10m\nzones: [a, b]\ntraffic: { rate: 5 }\n')).toMatchObject({ durationS: 600, traffic: { rate: [[0, 5]] } });
  });

  it('applies overrides', () => {
    expect(scenarioFromYaml('name: t\nduration: 10m\nzones: [a, b]\n', { overrides: ['seed=9'] }).seed).toBe(9);
  });

  it('throws with every formatted error', () => {
    expect(() => scenarioFromYaml('name: t\nzones: [a, b]\nseed: -1\n')).toThrow(
      'invalid scenario test.yaml:\ntest.yaml:1:1: duration: required key is missing\ntest.yaml:3:7: seed: -1 is too small; allowed 0 or more',
    );
  });
});

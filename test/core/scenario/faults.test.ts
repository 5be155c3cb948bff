/**
 * Faults (contract section 1): `fail-target`, `terminate-target`, `fail-zone` and `slow-target`
 * at a time inside the run, in a zone the scenario lists. Expectations (`expect:`) bound the
 * figures `elbsim check` compares.
 */
import { describe, expect, it } from 'vitest';
import { errorOf, errorsOf, minimalWith, scenarioOf } from './helpers.ts';

const faults = (yaml: string) => minimalWith(`faults:\n${yaml.replace(/^/gm, '  ')}\n`);

describe('faults', () => {
  it('the contract example resolves to seconds, with count 1, zone null and forS null (to the end) where not given', () => {
    const scenario = scenarioOf(faults(`- { at: 10m, action: fail-target, count: 1, zone: us-east-1a }
- { at: 20m, action: terminate-target, count: 1 }
- { at: 30m, action: fail-zone, zone: us-east-1b, for: 10m }
- { at: 40m, action: slow-target, count: 1, factor: 5, for: 10m }
- { at: 5m, action: fail-target }`));
    expect(scenario.faults).toEqual([
      { atS: 600, action: 'fail-target', count: 1, zone: 'us-east-1a', forS: null, group: 0 },
      { atS: 1200, action: 'terminate-target', count: 1, zone: null, group: 0 },
      { atS: 1800, action: 'fail-zone', zone: 'us-east-1b', forS: 600 },
      { atS: 2400, action: 'slow-target', count: 1, zone: null, factor: 5, forS: 600, group: 0 },
      { atS: 300, action: 'fail-target', count: 1, zone: null, forS: null, group: 0 },
    ]);
  });

  it('an unknown action is an error listing the seven actions, with a hint', () => {
    expect(errorOf(faults('- { at: 1m, action: fail-targets }'))).toBe(
      'scenarios/x.yaml:5:23: faults.0.action: `fail-targets` is not a fault action; allowed: fail-target, terminate-target, fail-zone, slow-target, fail-health-check, spot-interruption or set-weights (did you mean `fail-target`?)',
    );
  });

  it('a zone the scenario does not list is an error with a hint', () => {
    expect(errorOf(faults('- { at: 1m, action: fail-zone, zone: us-east-1c }'))).toBe(
      "scenarios/x.yaml:5:40: faults.0.zone: `us-east-1c` is not one of the scenario's zones (us-east-1a, us-east-1b) (did you mean `us-east-1a`?)",
    );
  });

  it('a fault at or after the end of the run is an error', () => {
    expect(errorOf(faults('- { at: 1h, action: terminate-target }'))).toBe(
      'scenarios/x.yaml:5:11: faults.0.at: 1h is not before the end of the run (duration 1h)',
    );
  });

  it('a valid fault is still checked against zones and duration when another fault is broken', () => {
    expect(errorsOf(faults('- { at: 1m, action: explode }\n- { at: 2h, action: fail-zone, zone: us-east-1a }'))).toEqual([
      'scenarios/x.yaml:5:23: faults.0.action: `explode` is not a fault action; allowed: fail-target, terminate-target, fail-zone, slow-target, fail-health-check, spot-interruption or set-weights',
      'scenarios/x.yaml:6:11: faults.1.at: 2h is not before the end of the run (duration 1h)',
    ]);
  });

  it.each([
    ['- { action: fail-target }', 'faults.0.at: required key is missing'],
    ['- { at: 1m }', 'faults.0.action: required key is missing; allowed: fail-target, terminate-target, fail-zone, slow-target, fail-health-check, spot-interruption or set-weights'],
    ['- { at: 1m, action: fail-zone }', 'faults.0.zone: required key is missing'],
    ['- { at: 1m, action: slow-target }', 'faults.0.factor: required key is missing'],
    ['- { at: 1m, action: slow-target, factor: 0 }', 'faults.0.factor: 0 is too small; must be more than 0'],
    ['- { at: 1m, action: fail-target, count: 0 }', 'faults.0.count: 0 is too small; allowed 1 or more'],
    ['- { at: 1m, action: fail-target, for: 0s }', 'faults.0.for: 0s is too small; must be more than 0s'],
    ['- { at: 1m, action: terminate-target, for: 5m }', 'faults.0.for: unknown key `for`; allowed here: at, action, count, zone'],
    ['- { at: 1m, action: fail-zone, zone: us-east-1a, count: 2 }', 'faults.0.count: unknown key `count`; allowed here: at, action, zone, for'],
    ['- fail-target', 'faults.0: expected a mapping (key: value), got `fail-target`'],
  ])('%s', (yaml, message) => {
    expect(errorsOf(faults(yaml)).join('\n')).toContain(message);
  });
});

describe('expectations', () => {
  it('bounds on known figures are kept; absent figures are absent', () => {
    const scenario = scenarioOf(minimalWith('expect: { latencyMsP99: { max: 300 }, elb5xxRate: { max: 0.001 }, cost: { min: 1, max: 40 } }\n'));
    expect(scenario.expect).toEqual({ latencyMsP99: { max: 300 }, elb5xxRate: { max: 0.001 }, cost: { min: 1, max: 40 } });
  });

  it('an unknown figure is an error with a hint', () => {
    expect(errorOf(minimalWith('expect:\n  latencyP99: { max: 300 }\n'))).toBe(
      'scenarios/x.yaml:5:3: expect.latencyP99: unknown key `latencyP99` (did you mean `latencyMsP99`?); allowed here: latencyMsP50, latencyMsP99, latencyMsMean, elb5xxRate, cost, capacityMax, instanceHours, healthyHostsMin, requests, clientLatencyMsP50, clientLatencyMsP99, clientLatencyMsMean',
    );
  });

  it.each([
    ['expect: { cost: {} }', 'expect.cost: give min, max or both'],
    ['expect: { cost: { min: 5, max: 1 } }', 'expect.cost.min: min 5 is more than max 1'],
    ['expect: { cost: { maximum: 5 } }', 'expect.cost.maximum: unknown key `maximum`'],
    ['expect: { cost: { max: low } }', 'expect.cost.max: expected a number, got `low`'],
  ])('%s', (yaml, message) => {
    expect(errorsOf(minimalWith(`${yaml}\n`)).join('\n')).toContain(message);
  });
});

describe('zones', () => {
  it('one zone is allowed with a warning (AWS needs two for an ALB)', () => {
    const result = scenarioOf('name: t\nduration: 1h\nzones: [us-east-1a]\n');
    expect(result.zones).toEqual(['us-east-1a']);
  });

  it('a zone listed twice is an error at the second', () => {
    expect(errorOf('name: t\nduration: 1h\nzones: [a, b, a]\n')).toBe('scenarios/x.yaml:3:15: zones.2: `a` is listed twice (first as item 0); each must be unique');
  });
});

/**
 * `--set PATH=VALUE` (contract section 2): overrides change the document before validation, so
 * they are checked like the file; VALUE is YAML; missing mappings are created; and a problem in
 * an override is reported against `--set` and its path, not a line of the file.
 */
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { applyOverrides, parseOverride } from '../../../core/scenario/overrides.ts';
import { errorOf, errorsOf, MINIMAL, minimalWith, parse, scenarioOf } from './helpers.ts';

const POLICY = 'autoScaling:\n  minSize: 1\n  maxSize: 10\n  policies:\n    - { name: cpu, type: TargetTrackingScaling, metric: ASGAverageCPUUtilization, targetValue: 50 }\n';

describe('--set overrides', () => {
  it('a top-level section value: traffic.rate=300', () => {
    expect(scenarioOf(MINIMAL, { overrides: ['traffic.rate=300'] }).traffic.rate).toEqual([[0, 300]]);
  });

  it('a list item by index: autoScaling.policies.0.targetValue=60', () => {
    const scenario = scenarioOf(minimalWith(POLICY), { overrides: ['autoScaling.policies.0.targetValue=60'] });
    expect(scenario.autoScalingGroups[0]!.policies[0]).toMatchObject({ name: 'cpu', targetValue: 60 });
  });

  it('creates the missing mappings on the way: loadBalancer.targetGroup.algorithm=least_outstanding_requests', () => {
    const scenario = scenarioOf(MINIMAL, { overrides: ['loadBalancer.targetGroup.algorithm=least_outstanding_requests'] });
    expect(scenario.targetGroups[0]!.algorithm).toBe('least_outstanding_requests');
  });

  it('VALUE is read as YAML: durations, booleans, flow lists', () => {
    const scenario = scenarioOf(MINIMAL, {
      overrides: ['loadBalancer.idleTimeout=30s', 'instance.detailedMonitoring=true', 'traffic.rate=[[0,1],[60,2]]', 'zones=[a, b, c]'],
    });
    expect(scenario.loadBalancers[0]!.idleTimeoutS).toBe(30);
    expect(scenario.autoScalingGroups[0]!.instance.detailedMonitoring).toBe(true);
    expect(scenario.traffic.rate).toEqual([[0, 1], [60, 2]]);
    expect(scenario.zones).toEqual(['a', 'b', 'c']);
  });

  it('later overrides win, and an override replaces a value written in the file', () => {
    expect(scenarioOf(minimalWith('seed: 3\n'), { overrides: ['seed=4', 'seed=5'] }).seed).toBe(5);
  });

  it('the index one past the end appends an item', () => {
    const scenario = scenarioOf(MINIMAL, { overrides: ['faults=[]', 'faults.0={ at: 1m, action: terminate-target }'] });
    expect(scenario.faults).toEqual([{ atS: 60, action: 'terminate-target', count: 1, zone: null, group: 0 }]);
  });

  it('an override that creates a list item builds a list for a numeric segment', () => {
    const scenario = scenarioOf(MINIMAL, { overrides: ['faults.0.at=1m', 'faults.0.action=terminate-target'] });
    expect(scenario.faults).toHaveLength(1);
  });

  it('split { path, value } pairs (as the CLI argument parser gives them) work like PATH=VALUE', () => {
    expect(scenarioOf(MINIMAL, { overrides: [{ path: 'autoScaling.desiredCapacity', value: '4' }] }).autoScalingGroups[0]!.desiredCapacity).toBe(4);
  });

  it('an invalid overridden value is reported against --set and the path, with the usual message', () => {
    expect(errorOf(MINIMAL, { overrides: ['loadBalancer.targetGroup.healthCheck.interval=3s'] })).toBe(
      '--set: loadBalancer.targetGroup.healthCheck.interval: 3s is out of range; allowed 5s to 300s (AWS HealthCheckIntervalSeconds)',
    );
  });

  it('an unknown key created by an override is reported against --set, with a hint', () => {
    expect(errorOf(MINIMAL, { overrides: ['loadBalancer.targetGroup.algoritm=random'] })).toBe(
      '--set: loadBalancer.targetGroup.algoritm: unknown key `algoritm` (did you mean `algorithm`?); allowed here: name, algorithm, deregistrationDelay, slowStart, healthCheck',
    );
    expect(errorOf(MINIMAL, { overrides: ['nmae.x=1'] })).toContain('--set: nmae: unknown key `nmae` (did you mean `name`?)');
  });

  it('errors in the file keep their positions when overrides are given', () => {
    expect(errorsOf(minimalWith('seed: -1\n'), { overrides: ['traffic.rate=5'] })).toEqual(['scenarios/x.yaml:4:7: seed: -1 is too small; allowed 0 or more']);
  });

  it.each([
    ['seed', '--set: seed: expected PATH=VALUE, e.g. autoScaling.maxSize=20; got `seed`'],
    ['=5', '--set: no key path before `=`; use dotted keys such as loadBalancer.targetGroup.algorithm'],
    ['a..b=5', '--set: a..b: `a..b` is not a key path'],
    ['name.first=x', '--set: name.first: cannot set `name.first`: name is the value `t`'],
    ['zones.5=c', '--set: zones.5: zones has 2 items; index 5 is out of range (use 0 to 2)'],
    ['zones.first=c', '--set: zones.first: zones is a list; index it with a number, e.g. zones.0'],
    ['traffic.rate=[1, 2', '--set: traffic.rate: the value is not valid YAML'],
    ['seed=[*a]', '--set: seed: the value is not valid YAML: Unresolved alias (the anchor must be set before the alias): a'],
  ])('a bad override %j is an error against --set', (override, message) => {
    expect(errorsOf(MINIMAL, { overrides: [override] }).join('\n')).toContain(message);
  });

  it('a bad override does not stop the good ones, and the file is still checked', () => {
    const result = parse(MINIMAL, { overrides: ['zones.9=x', 'seed=7'] });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors).toHaveLength(1);
  });

  it('overrides work on an empty document', () => {
    expect(scenarioOf('', { overrides: ['name=n', 'duration=10m', 'zones=[a, b]'] })).toMatchObject({ name: 'n', durationS: 600 });
  });
});

describe('applyOverrides and parseOverride (for the batch tool)', () => {
  it('parseOverride splits at the first = and reads numbers in the path as list indexes', () => {
    expect(parseOverride('autoScaling.policies.0.alarm=a=b')).toEqual({ ok: true, override: { path: ['autoScaling', 'policies', 0, 'alarm'], value: 'a=b' } });
  });

  it('applyOverrides changes the YAML document in place and reports the paths it set', () => {
    const doc = parseDocument('a: { b: 1 }\n');
    const result = applyOverrides(doc, ['a.b=2', 'a.c.d=3']);
    expect(result).toEqual({ issues: [], paths: [['a', 'b'], ['a', 'c', 'd']] });
    expect(doc.toJS()).toEqual({ a: { b: 2, c: { d: 3 } } });
  });
});

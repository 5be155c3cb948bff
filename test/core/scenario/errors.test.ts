/**
 * Errors are for people (architecture principle 7): each names the file, line and column, the
 * key path, what was wrong and what is allowed; all of them come at once, in file order; and a
 * file that is not even valid YAML gives an error, never an exception.
 */
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../../core/scenario/parse.ts';
import { errorOf, errorsOf, MINIMAL, minimalWith, parse, scenarioOf } from './helpers.ts';

describe('unknown keys', () => {
  it('a misspelt key is an error at the key itself, with a did-you-mean hint and the allowed keys', () => {
    const yaml = minimalWith('loadBalancer:\n  targetGroup:\n    healthCheck:\n      helthyThreshold: 3\n');
    expect(errorOf(yaml)).toBe(
      'scenarios/x.yaml:7:7: loadBalancer.targetGroup.healthCheck.helthyThreshold: unknown key `helthyThreshold` (did you mean `healthyThreshold`?); allowed here: interval, timeout, healthyThreshold, unhealthyThreshold, servedByTarget',
    );
  });

  it('hints survive case slips and swapped letters: `idletimeout` → idleTimeout, `corssZone` → crossZone', () => {
    const errors = errorsOf(minimalWith('loadBalancer: { idletimeout: 5s, corssZone: true }\n'));
    expect(errors[0]).toContain('(did you mean `idleTimeout`?)');
    expect(errors[1]).toContain('(did you mean `crossZone`?)');
  });

  it('a key far from every allowed one gets no hint, only the list', () => {
    expect(errorOf(minimalWith('bananas: 3\n'))).toBe(
      'scenarios/x.yaml:4:1: bananas: unknown key `bananas`; allowed here: name, description, seed, duration, period, zones, traffic, loadBalancer, loadBalancers, dns, autoScaling, instance, autoScalingGroups, faults, cloudWatch, expect',
    );
  });
});

describe('positions', () => {
  it('a bad value points at the value: line and column of `3s`', () => {
    const yaml = 'name: t\nduration: 1h\nzones: [a, b]\nloadBalancer:\n  targetGroup:\n    healthCheck:\n      interval:   3s\n';
    expect(errorOf(yaml)).toBe(
      'scenarios/x.yaml:7:19: loadBalancer.targetGroup.healthCheck.interval: 3s is out of range; allowed 5s to 300s (AWS HealthCheckIntervalSeconds)',
    );
  });

  it('a missing required key points at its parent mapping (the fault on line 5)', () => {
    const yaml = minimalWith('faults:\n  - { at: 10m, action: fail-zone }\n');
    expect(errorOf(yaml)).toBe('scenarios/x.yaml:5:5: faults.0.zone: required key is missing');
  });

  it('a missing top-level key points at the start of the document', () => {
    expect(errorOf('# a comment\nduration: 1h\nzones: [a, b]\n')).toBe('scenarios/x.yaml:2:1: name: required key is missing');
  });

  it('every error is reported, sorted by line, not just the first', () => {
    const yaml = 'name: t\nzones: [a, b]\ninstance:\n  idleCpu: 200\nseed: -2\nloadBalancer: { type: gateway }\n';
    expect(errorsOf(yaml)).toEqual([
      'scenarios/x.yaml:1:1: duration: required key is missing',
      'scenarios/x.yaml:4:12: instance.idleCpu: 200 is out of range; allowed 0 to 100',
      'scenarios/x.yaml:5:7: seed: -2 is too small; allowed 0 or more',
      'scenarios/x.yaml:6:23: loadBalancer.type: `gateway` is not a load balancer type; allowed: application, network or classic',
    ]);
  });

  it('a rule between keys is still checked when another part of the file is broken', () => {
    const yaml = minimalWith('instance: { concurrency: 0 }\nloadBalancer:\n  targetGroup:\n    healthCheck: { interval: 5s, timeout: 5s }\n');
    const errors = errorsOf(yaml);
    expect(errors).toHaveLength(2);
    expect(errors[1]).toContain('interval 5s must be greater than timeout 5s');
  });

  it('an error inside an aliased node points at the anchor it came from', () => {
    const yaml = minimalWith('faults:\n  - &f { at: 1m, action: fail-target, count: 0 }\n  - *f\n');
    expect(errorsOf(yaml)).toEqual([
      'scenarios/x.yaml:5:46: faults.0.count: 0 is too small; allowed 1 or more',
      'scenarios/x.yaml:5:46: faults.1.count: 0 is too small; allowed 1 or more',
    ]);
  });

  it('anchors, aliases and merge keys (`<<`) are read as YAML defines them', () => {
    const merged = scenarioOf(minimalWith('instance:\n  <<: { concurrency: 8 }\n  queueLimit: 5\n'));
    expect([merged.autoScalingGroups[0]!.instance.concurrency, merged.autoScalingGroups[0]!.instance.queueLimit]).toEqual([8, 5]);
    const aliased = scenarioOf('name: t\nduration: 1h\nzones: [&z a, b]\nfaults:\n  - { at: 1m, action: fail-zone, zone: *z }\n');
    expect(aliased.faults[0]).toMatchObject({ zone: 'a' });
  });
});

describe('wrong kinds of value', () => {
  it.each([
    ['zones: us-east-1a', 'zones: expected a list, got `us-east-1a`'],
    ['zones: []', 'zones: must list at least 1 Availability Zone'],
    ['traffic: 5', 'traffic: expected a mapping (key: value), got 5'],
    ['loadBalancer: { crossZone: yes }', 'loadBalancer.crossZone: expected true or false, got `yes`'],
    ['instance: { concurrency: two }', 'instance.concurrency: expected a whole number, got `two`'],
    ['instance: { pricePerHour: cheap }', 'instance.pricePerHour: expected a number, got `cheap`'],
    ['faults: { at: 1m }', 'faults: expected a list, got a mapping'],
  ])('%s', (yaml, message) => {
    const errors = errorsOf(MINIMAL.replace(/zones: .*\n/, yaml.startsWith('zones') ? '' : '$&') + `${yaml}\n`);
    expect(errors.join('\n')).toContain(message);
  });

  it('a document that is not a mapping says so at line 1', () => {
    expect(errorOf('- a\n- b\n')).toBe('scenarios/x.yaml:1:1: expected a mapping (key: value), got a list');
  });

  it('an empty file lists the three required keys', () => {
    expect(errorsOf('')).toEqual([
      'scenarios/x.yaml: duration: required key is missing',
      'scenarios/x.yaml: name: required key is missing',
      'scenarios/x.yaml: zones: required key is missing',
    ]);
  });
});

describe('malformed YAML', () => {
  it('an unclosed flow list is an error with its line and column and the parser message, not an exception', () => {
    const result = parseScenario('name: t\nzones: [a, b\nduration: 1h\n', 'bad.yaml');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors[0]).toMatchObject({ file: 'bad.yaml', line: 3, path: '' });
    expect(result.errors[0]!.message).toMatch(/flow sequence/i);
  });

  it('a tab used for indentation is reported at its line', () => {
    const errors = errorsOf('name: t\nloadBalancer:\n\ttype: network\n');
    expect(errors[0]).toMatch(/^scenarios\/x\.yaml:3:\d+: /);
  });

  it('a duplicate key is an error at the second occurrence', () => {
    expect(errorsOf(minimalWith('seed: 1\nseed: 2\n'))[0]).toBe('scenarios/x.yaml:5:1: seed: given twice (first on line 4); keys must be unique');
  });

  it('a second document is refused in words a user understands', () => {
    expect(errorsOf(`${MINIMAL}---\nname: other\n`)[0]).toBe(
      'scenarios/x.yaml:4:1: a scenario file holds one document; remove the second `---` and what follows',
    );
  });

  it('an alias bomb is refused, not expanded', () => {
    const lines = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 8; i++) lines.push(`${'abcdefgh'[i]}: &${'abcdefgh'[i]} [${Array(10).fill(`*${'abcdefgh'[i - 1]}`).join(', ')}]`);
    const result = parse(`${MINIMAL}description:\n  ${lines.join('\n  ')}\n`);
    expect(result.ok).toBe(false);
  });
});

describe('JSON', () => {
  const json = '{\n  "name": "j",\n  "duration": "1h",\n  "zones": ["a", "b"],\n  "loadBalancer": {\n    "targetGroup": { "healthCheck": { "interval": 3 } }\n  }\n}\n';

  it('a .json file is read as JSON and its errors carry line and column', () => {
    expect(errorOf(json, { file: 'scenarios/x.json' })).toBe(
      'scenarios/x.json:6:51: loadBalancer.targetGroup.healthCheck.interval: 3s is out of range; allowed 5s to 300s (AWS HealthCheckIntervalSeconds)',
    );
  });

  it('a valid JSON scenario resolves like its YAML twin', () => {
    const scenario = scenarioOf(json.replace('"interval": 3', '"interval": "10s"'), { file: 'x.json' });
    expect(scenario.targetGroups[0]!.healthCheck.intervalS).toBe(10);
    expect(scenario).toEqual(scenarioOf('name: j\nduration: 1h\nzones: [a, b]\nloadBalancer: { targetGroup: { healthCheck: { interval: 10s } } }\n'));
  });

  it('YAML-only spellings in a .json file are errors (text must be quoted)', () => {
    expect(errorsOf('{"name": "j", "duration": 1h, "zones": ["a"]}', { file: 'x.json' })[0]).toBe(
      'x.json:1:27: Unresolved plain scalar "1h" (in JSON, text goes in double quotes)',
    );
  });

  it('malformed JSON gives a positioned error', () => {
    expect(errorsOf('{"name": "j",\n "zones": ["a"]]\n}', { file: 'x.json' })[0]).toMatch(/^x\.json:2:\d+: /);
  });

  it('`format` overrides the file extension', () => {
    expect(parse(json, { file: 'from-stdin', format: 'json' }).ok).toBe(false);
    expect(scenarioOf('name: y\nduration: 1h\nzones: [a, b]\n', { file: 'x.json', format: 'yaml' }).name).toBe('y');
  });
});

describe('full-form keys of the contract', () => {
  it.each([
    ['loadBalancer:\n  scheme: internal\n', 'loadBalancer.scheme: `loadBalancer.scheme` (internet-facing / internal) is not supported by this version of elbsim yet'],
    ['loadBalancer:\n  targetGroups:\n    - { name: fn, function: { memorySize: 512 } }\n', 'loadBalancer.targetGroups.0.function: Lambda targets (`targetType: lambda`, `function`) is not supported by this version of elbsim yet'],
  ])('%s gives "not supported yet", not "unknown key"', (yaml, message) => {
    const error = errorOf(minimalWith(yaml));
    expect(error).toContain(message);
    expect(error).not.toContain('unknown key');
  });

  it.each([
    ['loadBalancer:\n  listeners: []\n', 'scenarios/x.yaml:5:14: loadBalancer.listeners: must list at least 1 listener'],
    ['autoScalingGroups: []\n', 'scenarios/x.yaml:4:20: autoScalingGroups: must list at least 1 Auto Scaling group'],
    ['traffic:\n  requests: []\n', 'scenarios/x.yaml:5:13: traffic.requests: must list at least 1 request class'],
  ])('an empty full-form list is refused where it is: %s', (yaml, message) => {
    expect(errorOf(minimalWith(yaml))).toBe(message);
  });
});

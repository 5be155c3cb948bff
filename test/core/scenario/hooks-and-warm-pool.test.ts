/**
 * Lifecycle hooks (aws-behaviour.md §6.13, `PutLifecycleHook`: HeartbeatTimeout 30–7200 s,
 * default 3600 s; DefaultResult ABANDON) and warm pools (§6.14, `PutWarmPool`: MinSize 0,
 * MaxGroupPreparedCapacity unset = the group's maxSize, PoolState Stopped, no reuse on
 * scale-in): defaults, ranges, several hooks per transition (up to 50), names, and warnings for
 * settings that are valid but defeat themselves.
 */
import { describe, expect, it } from 'vitest';
import { formatIssue } from '../../../core/scenario/format.ts';
import { errorOf, errorsOf, minimalWith, parse, scenarioOf } from './helpers.ts';

const group = (yaml: string) => minimalWith(`autoScaling:\n  minSize: 2\n  maxSize: 10\n${yaml.replace(/^/gm, '  ')}\n`);
const hooks = (...items: string[]) => group(`lifecycleHooks:\n${items.map((i) => `  - ${i}`).join('\n')}`);
const warningsOf = (yaml: string) => {
  const result = parse(yaml);
  expect(result.ok).toBe(true);
  return result.warnings.map(formatIssue);
};

describe('lifecycle hooks', () => {
  it('defaults: heartbeat 3600 s, ABANDON, never completes (null); name hook-N', () => {
    expect(scenarioOf(hooks('{ transition: terminating }')).autoScalingGroups[0]!.lifecycleHooks).toEqual([
      { name: 'hook-1', transition: 'autoscaling:EC2_INSTANCE_TERMINATING', heartbeatTimeoutS: 3600, defaultResult: 'ABANDON', completesAfterS: null },
    ]);
  });

  it('AWS transition names and the short forms resolve to AWS names; durations to seconds', () => {
    const resolved = scenarioOf(hooks(
      '{ name: bootstrap, transition: "autoscaling:EC2_INSTANCE_LAUNCHING", heartbeatTimeout: 5m, defaultResult: CONTINUE, completesAfter: 90s }',
      '{ name: drain-logs, transition: terminating, heartbeatTimeout: 2h, completesAfter: 250ms }',
    )).autoScalingGroups[0]!.lifecycleHooks;
    expect(resolved).toEqual([
      { name: 'bootstrap', transition: 'autoscaling:EC2_INSTANCE_LAUNCHING', heartbeatTimeoutS: 300, defaultResult: 'CONTINUE', completesAfterS: 90 },
      { name: 'drain-logs', transition: 'autoscaling:EC2_INSTANCE_TERMINATING', heartbeatTimeoutS: 7200, defaultResult: 'ABANDON', completesAfterS: 0.25 },
    ]);
    expect(scenarioOf(hooks('{ transition: launching, completesAfter: 0s }')).autoScalingGroups[0]!.lifecycleHooks![0]).toMatchObject({ transition: 'autoscaling:EC2_INSTANCE_LAUNCHING', completesAfterS: 0 });
  });

  it.each([
    ['30s', 30],
    ['7200s', 7200],
  ])('heartbeatTimeout %s is at the edge of the range', (value, seconds) => {
    expect(scenarioOf(hooks(`{ transition: launching, heartbeatTimeout: ${value}, completesAfter: 1s }`)).autoScalingGroups[0]!.lifecycleHooks![0]!.heartbeatTimeoutS).toBe(seconds);
  });

  it('a heartbeat timeout out of range is an error at its value, citing HeartbeatTimeout', () => {
    expect(errorOf(hooks('{ transition: launching, heartbeatTimeout: 29s }'))).toBe(
      'scenarios/x.yaml:8:50: autoScaling.lifecycleHooks.0.heartbeatTimeout: 29s is out of range; allowed 30s to 7200s (AWS HeartbeatTimeout)',
    );
  });

  it.each([
    ['{ transition: launching, heartbeatTimeout: 2h1s }', 'is not a duration'],
    ['{ transition: launching, heartbeatTimeout: 7201 }', 'heartbeatTimeout: 7201s is out of range; allowed 30s to 7200s (AWS HeartbeatTimeout)'],
    ['{ transition: launch }', '`launch` is not a lifecycle transition; allowed: autoscaling:EC2_INSTANCE_LAUNCHING, autoscaling:EC2_INSTANCE_TERMINATING, launching or terminating (AWS LifecycleTransition)'],
    ['{ transition: EC2_INSTANCE_TERMINATING }', '(did you mean `autoscaling:EC2_INSTANCE_TERMINATING`?)'],
    ['{ transition: Launching }', '(did you mean `launching`?)'],
    ['{ name: x }', 'lifecycleHooks.0.transition: required key is missing; allowed: autoscaling:EC2_INSTANCE_LAUNCHING, autoscaling:EC2_INSTANCE_TERMINATING, launching or terminating'],
    ['{ transition: launching, defaultResult: abandon }', '`abandon` is not allowed; allowed: ABANDON or CONTINUE (AWS DefaultResult) (did you mean `ABANDON`?)'],
    ['{ transition: launching, completesAfter: -1s }', 'completesAfter: -1s: a duration cannot be negative'],
    ['{ transition: launching, completesAfter: soon }', 'completesAfter: `soon` is not a duration'],
    ['{ transition: launching, name: "" }', 'lifecycleHooks.0.name: must not be empty'],
    ['{ transition: launching, heartbeat: 60s }', 'unknown key `heartbeat` (did you mean `heartbeatTimeout`?); allowed here: name, transition, heartbeatTimeout, defaultResult, completesAfter'],
  ])('%s', (hook, message) => {
    expect(errorsOf(hooks(hook)).join('\n')).toContain(message);
  });

  it('several hooks may share a transition, whichever spelling is used (AWS runs them all); more than 50 per group is an error (AS-Q)', () => {
    const two = scenarioOf(hooks('{ transition: launching, completesAfter: 1m }', '{ transition: "autoscaling:EC2_INSTANCE_LAUNCHING", completesAfter: 2m }')).autoScalingGroups[0]!.lifecycleHooks;
    expect(two.map((h) => [h.name, h.transition])).toEqual([['hook-1', 'autoscaling:EC2_INSTANCE_LAUNCHING'], ['hook-2', 'autoscaling:EC2_INSTANCE_LAUNCHING']]);
    const many = Array.from({ length: 51 }, () => '{ transition: terminating, completesAfter: 1s }');
    expect(errorOf(hooks(...many))).toContain('51 lifecycle hooks are more than AWS allows per group (50)');
  });

  it('names must be unique, as AWS requires within a group', () => {
    expect(errorOf(hooks('{ name: h, transition: launching, completesAfter: 1m }', '{ name: h, transition: terminating }'))).toBe(
      'scenarios/x.yaml:9:15: autoScaling.lifecycleHooks.1.name: `h` is already the name of item 0; names must be unique',
    );
  });

  it('a launch hook that never completes and abandons is valid but warned about: no launch would ever reach InService', () => {
    expect(warningsOf(hooks('{ name: stuck, transition: launching }'))).toEqual([
      'scenarios/x.yaml:8:7: autoScaling.lifecycleHooks.0: without completesAfter, `stuck` never completes, so every launch waits out the heartbeatTimeout 1h and is then abandoned (DefaultResult ABANDON): no launched instance reaches InService',
    ]);
  });

  it('completesAfter longer than the heartbeat timeout is warned about at completesAfter', () => {
    expect(warningsOf(hooks('{ transition: launching, heartbeatTimeout: 5m, completesAfter: 6m, defaultResult: CONTINUE }'))).toEqual([
      'scenarios/x.yaml:8:70: autoScaling.lifecycleHooks.0.completesAfter: completesAfter 6m is longer than heartbeatTimeout 5m; the timeout ends the wait first and DefaultResult CONTINUE applies',
    ]);
    expect(warningsOf(hooks('{ transition: launching, heartbeatTimeout: 5m, completesAfter: 6m }'))[0]).toContain('completesAfter 6m is longer than heartbeatTimeout 5m, so every launch waits out the heartbeatTimeout 5m and is then abandoned');
  });

  it('no warning when the hook completes in time (equal counts as in time), or for a terminate hook that waits out its timeout', () => {
    expect(warningsOf(hooks('{ transition: launching, heartbeatTimeout: 5m, completesAfter: 5m }', '{ transition: terminating }'))).toEqual([]);
  });
});

describe('warm pool', () => {
  it('`warmPool: {}` is a pool with AWS defaults: minSize 0, prepared capacity = maxSize (null), Stopped, no reuse, 30 s warm start', () => {
    expect(scenarioOf(group('warmPool: {}')).autoScalingGroups[0]!.warmPool).toEqual({
      minSize: 0,
      maxGroupPreparedCapacity: null,
      poolState: 'Stopped',
      reuseOnScaleIn: false,
      warmStartTime: { distribution: 'constant', value: 30 },
    });
  });

  it('no warmPool key (or one with nothing after it) means no pool: null', () => {
    expect(scenarioOf(group('healthCheckType: EC2')).autoScalingGroups[0]!.warmPool).toBeNull();
    expect(scenarioOf(group('warmPool:')).autoScalingGroups[0]!.warmPool).toBeNull();
  });

  it('every key given; warmStartTime as a duration or a distribution, in seconds', () => {
    const pool = scenarioOf(group('warmPool:\n  minSize: 1\n  maxGroupPreparedCapacity: 12\n  poolState: Hibernated\n  reuseOnScaleIn: true\n  warmStartTime: { distribution: lognormal, mean: 45s, cv: 0.3 }')).autoScalingGroups[0]!.warmPool;
    expect(pool).toEqual({ minSize: 1, maxGroupPreparedCapacity: 12, poolState: 'Hibernated', reuseOnScaleIn: true, warmStartTime: { distribution: 'lognormal', mean: 45, cv: 0.3 } });
    expect(scenarioOf(group('warmPool: { poolState: Running, warmStartTime: 1m }')).autoScalingGroups[0]!.warmPool).toMatchObject({ poolState: 'Running', warmStartTime: { distribution: 'constant', value: 60 } });
  });

  it('maxGroupPreparedCapacity may be 0 or below the group sizes (AWS accepts it; the pool is then its minSize)', () => {
    expect(scenarioOf(group('warmPool: { minSize: 2, maxGroupPreparedCapacity: 0 }')).autoScalingGroups[0]!.warmPool).toMatchObject({ minSize: 2, maxGroupPreparedCapacity: 0 });
  });

  it('a negative maxGroupPreparedCapacity is an error that explains AWS\'s -1', () => {
    expect(errorOf(group('warmPool: { maxGroupPreparedCapacity: -1 }'))).toBe(
      "scenarios/x.yaml:7:41: autoScaling.warmPool.maxGroupPreparedCapacity: -1 is too small; allowed 0 or more (AWS MaxGroupPreparedCapacity); leave the key out for the group's maxSize, as AWS's -1 does",
    );
  });

  it.each([
    ['warmPool: { minSize: -1 }', 'warmPool.minSize: -1 is too small; allowed 0 or more (AWS MinSize)'],
    ['warmPool: { minSize: 0.5 }', 'warmPool.minSize: 0.5 is not a whole number'],
    ['warmPool: { poolState: Warm }', '`Warm` is not allowed; allowed: Stopped, Running or Hibernated (AWS PoolState)'],
    ['warmPool: { poolState: running }', '(did you mean `Running`?)'],
    ['warmPool: { reuseOnScaleIn: 1 }', 'warmPool.reuseOnScaleIn: expected true or false, got 1'],
    ['warmPool: { warmStartTime: { distribution: exponential } }', 'warmPool.warmStartTime.mean: required key is missing'],
    ['warmPool: { instanceReusePolicy: { reuseOnScaleIn: true } }', 'unknown key `instanceReusePolicy`; allowed here: minSize, maxGroupPreparedCapacity, poolState, reuseOnScaleIn, warmStartTime'],
    ['warmPool: { maxGroupPrepareCapacity: 3 }', '(did you mean `maxGroupPreparedCapacity`?)'],
    ['warmPool: [1]', 'autoScaling.warmPool: expected a mapping (key: value), got a list'],
  ])('%s', (yaml, message) => {
    expect(errorsOf(group(yaml)).join('\n')).toContain(message);
  });

  it('a pool that can never hold an instance gets a warning: fixed fleet, or prepared capacity at or below minSize', () => {
    const fixed = minimalWith('autoScaling:\n  desiredCapacity: 4\n  warmPool: {}\n');
    expect(warningsOf(fixed)).toEqual([
      "scenarios/x.yaml:6:13: autoScaling.warmPool: the warm pool stays empty: its size is the group's maxSize (4) minus the desired capacity, which never falls below minSize 4, and warmPool.minSize is 0",
    ]);
    expect(warningsOf(group('warmPool: { maxGroupPreparedCapacity: 2 }'))).toEqual([
      'scenarios/x.yaml:7:41: autoScaling.warmPool.maxGroupPreparedCapacity: the warm pool stays empty: its size is maxGroupPreparedCapacity 2 minus the desired capacity, which never falls below minSize 2, and warmPool.minSize is 0',
    ]);
  });

  it('no such warning when the pool has a minSize, or scheduled actions may move the limits', () => {
    expect(warningsOf(minimalWith('autoScaling:\n  desiredCapacity: 4\n  warmPool: { minSize: 1 }\n'))).toEqual([]);
    expect(warningsOf(group('warmPool: { maxGroupPreparedCapacity: 2 }\nscheduledActions: [{ at: 10m, minSize: 0 }]'))).toEqual([]);
  });
});

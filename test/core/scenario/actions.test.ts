/**
 * `autoScaling.actions` and `maxInstanceLifetime` in the scenario file: AWS's names, defaults
 * and ranges (SetDesiredCapacity, EnterStandby/ExitStandby and DetachInstances/AttachInstances
 * with up to 20 instances per call and a required ShouldDecrementDesiredCapacity,
 * StartInstanceRefresh preferences: MinHealthyPercentage 0–100 default 90, MaxHealthyPercentage
 * 100–200 default 100 and at most 100 above the minimum, CheckpointDelay 0–172800 s default
 * 3600 s, InstanceWarmup falling back to DefaultInstanceWarmup, then HealthCheckGracePeriod).
 */
import { describe, expect, it } from 'vitest';
import { errorOf, errorsOf, minimalWith, scenarioOf } from './helpers.ts';

const group = (yaml: string, extra = '') => minimalWith(`autoScaling:\n  minSize: 2\n  maxSize: 10\n${extra}  actions:\n${yaml}\n`);
const one = (item: string, extra = '') => group(`    - ${item}`, extra);

describe('autoScaling.actions', () => {
  it('resolves each action with AWS defaults and action-N names', () => {
    const actions = scenarioOf(group([
      '    - { at: 5m, action: set-desired-capacity, desiredCapacity: 4 }',
      '    - { at: 10m, action: enter-standby, shouldDecrementDesiredCapacity: true }',
      '    - { name: back, at: 20m, action: exit-standby, count: 2 }',
    ].join('\n'))).autoScalingGroups[0]!.actions;
    expect(actions).toEqual([
      { name: 'action-1', atS: 300, action: 'set-desired-capacity', desiredCapacity: 4, honorCooldown: false },
      { name: 'action-2', atS: 600, action: 'enter-standby', count: 1, shouldDecrementDesiredCapacity: true },
      { name: 'back', atS: 1200, action: 'exit-standby', count: 2 },
    ]);
  });

  it('a desired capacity outside every size the group can have is refused, as a scheduled action\'s is', () => {
    expect(errorOf(one('{ at: 5m, action: set-desired-capacity, desiredCapacity: 11 }'))).toMatch(/autoScaling\.actions\.0\.desiredCapacity: desiredCapacity 11 is more than any maxSize the group can have \(at most 10\); AWS refuses SetDesiredCapacity above MaxSize$/);
    expect(errorOf(one('{ at: 5m, action: set-desired-capacity, desiredCapacity: 1 }'))).toMatch(/desiredCapacity 1 is less than any minSize the group can have \(at least 2\)/);
    // A scheduled action that raises MaxSize makes 11 possible: checked when it runs instead.
    expect(scenarioOf(one('{ at: 5m, action: set-desired-capacity, desiredCapacity: 11 }', '  scheduledActions: [{ at: 1m, maxSize: 12 }]\n')).autoScalingGroups[0]!.actions[0]).toMatchObject({ desiredCapacity: 11 });
  });

  it('an instance refresh: CLI defaults; warm-up falls back to defaultInstanceWarmup, else the grace period', () => {
    const refresh = (extra: string) => scenarioOf(one('{ at: 5m, action: start-instance-refresh, desiredConfiguration: { instance: { serviceTimeFactor: 1.5 } } }', extra)).autoScalingGroups[0]!.actions[0]!;
    expect(refresh('  healthCheckGracePeriod: 90s\n')).toEqual({
      name: 'action-1',
      atS: 300,
      action: 'start-instance-refresh',
      preferences: { minHealthyPercentage: 90, maxHealthyPercentage: 100, instanceWarmupS: 90, checkpointPercentages: [], checkpointDelayS: 3600, skipMatching: false, autoRollback: false },
      desiredConfiguration: { serviceTimeFactor: 1.5, bootTime: null, failsHealthChecks: false },
    });
    expect(refresh('  healthCheckGracePeriod: 90s\n  defaultInstanceWarmup: 2m\n')).toMatchObject({ preferences: { instanceWarmupS: 120 } });
  });

  it('the refresh percentages default to the group\'s instance maintenance policy, and its own override them', () => {
    const policy = '  instanceMaintenancePolicy: { minHealthyPercentage: 50, maxHealthyPercentage: 150 }\n';
    const p = (prefs: string) => scenarioOf(one(`{ at: 5m, action: start-instance-refresh, preferences: { ${prefs} }, desiredConfiguration: { instance: {} } }`, policy)).autoScalingGroups[0]!.actions[0]!;
    expect(p('skipMatching: true')).toMatchObject({ preferences: { minHealthyPercentage: 50, maxHealthyPercentage: 150 } });
    expect(p('minHealthyPercentage: 80')).toMatchObject({ preferences: { minHealthyPercentage: 80, maxHealthyPercentage: 150 } });
    expect(errorOf(one('{ at: 5m, action: start-instance-refresh, preferences: { minHealthyPercentage: 20 }, desiredConfiguration: { instance: {} } }', policy))).toContain('MaxHealthyPercentage 150 would be more than 100 above MinHealthyPercentage 20');
    expect(errorOf(minimalWith('autoScaling:\n  minSize: 2\n  maxSize: 10\n  instanceMaintenancePolicy: { minHealthyPercentage: 90 }\n'))).toContain('maxHealthyPercentage: required key is missing');
  });

  it.each([
    ['{ at: 5m, action: enter-standby }', 'shouldDecrementDesiredCapacity: required key is missing'],
    ['{ at: 5m, action: detach-instances, count: 21, shouldDecrementDesiredCapacity: false }', 'count: 21 is out of range; allowed 1 to 20'],
    ['{ at: 5m, action: set-desired-capacity }', 'desiredCapacity: required key is missing'],
    ['{ at: 5m, action: reboot }', 'action'],
    ['{ at: 2h, action: exit-standby }', 'actions.0.at: 2h is not before the end of the run (duration 1h)'],
    ['{ at: 5m, action: start-instance-refresh, preferences: { minHealthyPercentage: 50, maxHealthyPercentage: 160 }, desiredConfiguration: { instance: {} } }', 'maxHealthyPercentage: 160 is more than 100 above minHealthyPercentage 50; AWS allows a difference of at most 100'],
    ['{ at: 5m, action: start-instance-refresh, preferences: { maxHealthyPercentage: 99 }, desiredConfiguration: { instance: {} } }', 'maxHealthyPercentage: 99 is out of range; allowed 100 to 200 (AWS MaxHealthyPercentage)'],
    ['{ at: 5m, action: start-instance-refresh, preferences: { checkpointPercentages: [50, 20] }, desiredConfiguration: { instance: {} } }', 'checkpointPercentages.1: 20 is not above 50; checkpoints go in ascending order (AWS CheckpointPercentages)'],
    ['{ at: 5m, action: start-instance-refresh, preferences: { checkpointDelay: 10m }, desiredConfiguration: { instance: {} } }', 'only applies with checkpointPercentages (AWS CheckpointDelay)'],
    ['{ at: 5m, action: start-instance-refresh }', 'desiredConfiguration: required key is missing'],
  ])('%s', (item, message) => {
    expect(errorsOf(one(item)).join('\n')).toContain(message);
  });

  it('names must be unique', () => {
    expect(errorOf(group('    - { name: a, at: 5m, action: exit-standby }\n    - { name: a, at: 6m, action: exit-standby }'))).toContain('actions.1.name: `a` is already the name of item 0; names must be unique');
  });
});

describe('autoScaling.maxInstanceLifetime (AS-MIL)', () => {
  it.each([['0', 0], ['1d', 86400], ['30d', 2592000]])('%s is allowed', (value, seconds) => {
    expect(scenarioOf(minimalWith(`autoScaling:\n  minSize: 2\n  maxSize: 10\n  maxInstanceLifetime: ${value}\n`)).autoScalingGroups[0]!.maxInstanceLifetimeS).toBe(seconds);
  });

  it('below a day is refused', () => {
    expect(errorOf(minimalWith('autoScaling:\n  minSize: 2\n  maxSize: 10\n  maxInstanceLifetime: 86399\n'))).toContain('maxInstanceLifetime: 86399s is out of range; allowed 0s (not set) or at least 1d (86400s) (AWS MaxInstanceLifetime)');
  });
});

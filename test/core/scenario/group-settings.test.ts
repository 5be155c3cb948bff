/**
 * The group settings around scaling (aws-behaviour.md §6.1, §6.11, §6.12): the fleet's zones
 * at time 0, termination policies (`Default` last, AS-TERM), scale-in protection (AS-PROT) and
 * suspended processes (AS-SUSP) — their defaults, allowed values, rules and positions.
 */
import { describe, expect, it } from 'vitest';
import { TERMINATION_POLICIES, SUSPENDABLE_PROCESSES } from '../../../core/scenario/group-schema.ts';
import { errorOf, errorsOf, minimalWith, scenarioOf } from './helpers.ts';

const group = (yaml: string, before = '') => minimalWith(`${before}autoScaling:\n${yaml.replace(/^/gm, '  ')}\n`);
const THREE_ZONES = 'name: t\nduration: 1h\nzones: [us-east-1a, us-east-1b, us-east-1c]\n';

describe('defaults', () => {
  it('without the keys: Default termination, no protection, no hooks, no warm pool, nothing suspended, zones spread by the simulator', () => {
    const as = scenarioOf(group('{ minSize: 1, maxSize: 4 }')).autoScalingGroups[0]!;
    expect(as).toMatchObject({ terminationPolicies: ['Default'], newInstancesProtectedFromScaleIn: false, lifecycleHooks: [], warmPool: null, suspendedProcesses: [] });
    expect(as.initialInstancesPerZone).toBeNull();
  });
});

describe('initialInstancesPerZone', () => {
  it('counts per zone resolve with every scenario zone, in zone order, 0 where left out', () => {
    const as = scenarioOf(THREE_ZONES + 'autoScaling:\n  desiredCapacity: 5\n  initialInstancesPerZone: { us-east-1c: 1, us-east-1a: 4 }\n').autoScalingGroups[0]!;
    expect(as.initialInstancesPerZone).toEqual({ 'us-east-1a': 4, 'us-east-1b': 0, 'us-east-1c': 1 });
    expect(Object.keys(as.initialInstancesPerZone!)).toEqual(['us-east-1a', 'us-east-1b', 'us-east-1c']);
  });

  it('all in one zone, and an empty group with an empty mapping, are allowed', () => {
    expect(scenarioOf(group('desiredCapacity: 3\ninitialInstancesPerZone: { us-east-1b: 3 }')).autoScalingGroups[0]!.initialInstancesPerZone).toEqual({ 'us-east-1a': 0, 'us-east-1b': 3 });
    expect(scenarioOf(group('{ minSize: 0, maxSize: 2, initialInstancesPerZone: {} }')).autoScalingGroups[0]!.initialInstancesPerZone).toEqual({ 'us-east-1a': 0, 'us-east-1b': 0 });
  });

  it('the counts must add up to desiredCapacity', () => {
    expect(errorOf(group('{ minSize: 1, desiredCapacity: 4, maxSize: 6, initialInstancesPerZone: { us-east-1a: 1, us-east-1b: 2 } }'))).toBe(
      'scenarios/x.yaml:5:74: autoScaling.initialInstancesPerZone: the zones add up to 3 instances but desiredCapacity is 4; the counts must add up to the desired capacity',
    );
  });

  it('a desiredCapacity left to its default says so', () => {
    expect(errorOf(group('initialInstancesPerZone: { us-east-1a: 1 }'))).toContain('the zones add up to 1 instance but desiredCapacity is 2 (the default)');
  });

  it('a zone that is not in `zones` is an error at the zone name, with a hint', () => {
    expect(errorsOf(group('desiredCapacity: 2\ninitialInstancesPerZone:\n  us-east-1a: 1\n  us-east-1d: 1'))).toEqual([
      'scenarios/x.yaml:8:5: autoScaling.initialInstancesPerZone.us-east-1d: `us-east-1d` is not one of the scenario\'s zones (us-east-1a, us-east-1b) (did you mean `us-east-1a`?)',
    ]);
  });

  it.each([
    ['initialInstancesPerZone: { us-east-1a: -1, us-east-1b: 3 }', 'initialInstancesPerZone.us-east-1a: -1 is too small; allowed 0 or more'],
    ['initialInstancesPerZone: { us-east-1a: 1.5, us-east-1b: 0.5 }', 'initialInstancesPerZone.us-east-1a: 1.5 is not a whole number'],
    ['initialInstancesPerZone: [1, 1]', 'autoScaling.initialInstancesPerZone: expected a mapping (key: value), got a list'],
    ['initialInstancesPerZone: { us-east-1a: two }', 'initialInstancesPerZone.us-east-1a: expected a whole number, got `two`'],
    ['initialInstancePerZone: { us-east-1a: 2 }', 'unknown key `initialInstancePerZone` (did you mean `initialInstancesPerZone`?)'],
  ])('%s', (yaml, message) => {
    expect(errorsOf(group(yaml)).join('\n')).toContain(message);
  });
});

describe('terminationPolicies', () => {
  it('every AWS predefined policy is accepted, in the order written', () => {
    const list = [...TERMINATION_POLICIES.filter((p) => p !== 'Default'), 'Default'];
    expect(scenarioOf(group(`terminationPolicies: [${list.join(', ')}]`)).autoScalingGroups[0]!.terminationPolicies).toEqual(list);
  });

  it('Default may be left out', () => {
    expect(scenarioOf(group('terminationPolicies: [OldestInstance]')).autoScalingGroups[0]!.terminationPolicies).toEqual(['OldestInstance']);
  });

  it('Default anywhere but last is an error at Default (AWS: Default must be last)', () => {
    expect(errorOf(group('terminationPolicies: [Default, NewestInstance]'))).toBe(
      'scenarios/x.yaml:5:25: autoScaling.terminationPolicies.0: Default must be the last termination policy listed (AWS applies the others first and Default to what they leave tied); move it to the end',
    );
  });

  it.each([
    ['terminationPolicies: [Oldest]', 'terminationPolicies.0: `Oldest` is not a termination policy; allowed: Default, AllocationStrategy, OldestLaunchTemplate, OldestLaunchConfiguration, ClosestToNextInstanceHour, NewestInstance or OldestInstance (AWS TerminationPolicies)'],
    ['terminationPolicies: [newestInstance]', '(did you mean `NewestInstance`?)'],
    ['terminationPolicies: ["arn:aws:lambda:us-east-1:123456789012:function:pick"]', 'is a custom termination policy (a Lambda function), which elbsim does not model'],
    ['terminationPolicies: [OldestInstance, OldestInstance]', 'terminationPolicies.1: `OldestInstance` is listed twice (first as item 0); each must be unique'],
    ['terminationPolicies: []', 'autoScaling.terminationPolicies: must list at least 1 termination policy'],
    ['terminationPolicies: Default', 'autoScaling.terminationPolicies: expected a list, got `Default`'],
  ])('%s', (yaml, message) => {
    expect(errorsOf(group(yaml)).join('\n')).toContain(message);
  });
});

describe('newInstancesProtectedFromScaleIn', () => {
  it('true is kept', () => {
    expect(scenarioOf(group('newInstancesProtectedFromScaleIn: true')).autoScalingGroups[0]!.newInstancesProtectedFromScaleIn).toBe(true);
  });

  it('must be true or false', () => {
    expect(errorOf(group('newInstancesProtectedFromScaleIn: yes'))).toBe('scenarios/x.yaml:5:37: autoScaling.newInstancesProtectedFromScaleIn: expected true or false, got `yes`');
  });
});

describe('suspendedProcesses', () => {
  it('every process elbsim models can be suspended', () => {
    expect(scenarioOf(group(`suspendedProcesses: [${SUSPENDABLE_PROCESSES.join(', ')}]`)).autoScalingGroups[0]!.suspendedProcesses).toEqual([...SUSPENDABLE_PROCESSES]);
  });

  it.each([
    ['suspendedProcesses: [AZRebalanse]', 'suspendedProcesses.0: `AZRebalanse` is not a process elbsim models; allowed: Launch, Terminate, HealthCheck, ReplaceUnhealthy, AZRebalance, AlarmNotification, ScheduledActions or InstanceRefresh (AWS SuspendProcesses) (did you mean `AZRebalance`?)'],
    ['suspendedProcesses: [AddToLoadBalancer]', '`AddToLoadBalancer` is an AWS process elbsim does not model (every instance registers with the target group)'],
    ['suspendedProcesses: [Launch, Launch]', 'suspendedProcesses.1: `Launch` is listed twice (first as item 0); each must be unique'],
  ])('%s', (yaml, message) => {
    expect(errorsOf(group(yaml)).join('\n')).toContain(message);
  });

  it('an unknown process points at the item', () => {
    expect(errorOf(group('suspendedProcesses:\n  - Launch\n  - Terminat'))).toMatch(/^scenarios\/x\.yaml:7:7: autoScaling\.suspendedProcesses\.1: `Terminat` is not a process elbsim models; .*\(did you mean `Terminate`\?\)$/);
  });
});

describe('unknown keys in the group', () => {
  it('list every key the group allows, the new ones included', () => {
    expect(errorOf(group('terminationPolicy: [Default]'))).toBe(
      'scenarios/x.yaml:5:3: autoScaling.terminationPolicy: unknown key `terminationPolicy` (did you mean `terminationPolicies`?); allowed here: minSize, maxSize, desiredCapacity, healthCheckType, healthCheckGracePeriod, defaultCooldown, defaultInstanceWarmup, initialInstancesPerZone, policies, scheduledActions, terminationPolicies, newInstancesProtectedFromScaleIn, lifecycleHooks, warmPool, suspendedProcesses, instanceMaintenancePolicy, maxInstanceLifetime, actions, mixedInstancesPolicy, capacityRebalance',
    );
  });
});

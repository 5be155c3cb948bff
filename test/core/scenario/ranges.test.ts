/**
 * Allowed ranges: every bounded key rejects the first value outside its range with a message
 * naming the value, the range and (where there is one) the AWS parameter, and accepts the
 * values at its edges (aws-behaviour.md §1.2, §1.5, §3.1, §6.1).
 */
import { describe, expect, it } from 'vitest';
import { errorOf, minimalWith, scenarioOf } from './helpers.ts';

const HC = 'loadBalancer:\n  targetGroup:\n    healthCheck:\n      ';
const TG = 'loadBalancer:\n  targetGroup:\n    ';

describe('out-of-range values are errors that say what is allowed', () => {
  it.each([
    ['seed: -1', 'seed: -1 is too small; allowed 0 or more'],
    ['seed: 1.5', 'seed: 1.5 is not a whole number'],
    ['period: 45s', 'period: 45s is not a CloudWatch period; allowed 10s, 30s or a multiple of 60s'],
    ['period: 90s', 'period: 90s is not a CloudWatch period'],
    ['period: 2h', 'period: 2h is longer than the run (duration 1h); the period must fit in the duration'],
    ['traffic: { clients: 0 }', 'traffic.clients: 0 is too small; allowed 1 or more'],
    ['loadBalancer: { idleTimeout: 0s }', 'loadBalancer.idleTimeout: 0s is out of range; allowed 1s to 4000s (AWS idle_timeout.timeout_seconds)'],
    ['loadBalancer: { idleTimeout: 4001 }', 'loadBalancer.idleTimeout: 4001s is out of range; allowed 1s to 4000s'],
    [`${TG}deregistrationDelay: 3601s`, 'loadBalancer.targetGroup.deregistrationDelay: 3601s is out of range; allowed 0s to 3600s (AWS deregistration_delay.timeout_seconds)'],
    [`${TG}slowStart: 10s`, 'loadBalancer.targetGroup.slowStart: 10s is out of range; allowed 0s (off) or 30s to 900s (AWS slow_start.duration_seconds)'],
    [`${TG}slowStart: 901s`, 'loadBalancer.targetGroup.slowStart: 901s is out of range; allowed 0s (off) or 30s to 900s'],
    [`${HC}interval: 3s`, 'loadBalancer.targetGroup.healthCheck.interval: 3s is out of range; allowed 5s to 300s (AWS HealthCheckIntervalSeconds)'],
    [`${HC}interval: 301s`, 'healthCheck.interval: 301s is out of range; allowed 5s to 300s'],
    [`${HC}timeout: 1s`, 'healthCheck.timeout: 1s is out of range; allowed 2s to 120s (AWS HealthCheckTimeoutSeconds)'],
    [`${HC}timeout: 121s`, 'healthCheck.timeout: 121s is out of range; allowed 2s to 120s'],
    [`${HC}healthyThreshold: 1`, 'healthCheck.healthyThreshold: 1 is out of range; allowed 2 to 10 (AWS HealthyThresholdCount)'],
    [`${HC}healthyThreshold: 11`, 'healthCheck.healthyThreshold: 11 is out of range; allowed 2 to 10'],
    [`${HC}unhealthyThreshold: 1`, 'healthCheck.unhealthyThreshold: 1 is out of range; allowed 2 to 10 (AWS UnhealthyThresholdCount)'],
    ['autoScaling: { minSize: -1, maxSize: 2 }', 'autoScaling.minSize: -1 is too small; allowed 0 or more (AWS MinSize)'],
    ['autoScaling: { minSize: 1, maxSize: 2.5 }', 'autoScaling.maxSize: 2.5 is not a whole number'],
    ['autoScaling: { defaultInstanceWarmup: 3601s }', 'autoScaling.defaultInstanceWarmup: 3601s is out of range; allowed 0s to 3600s (AWS DefaultInstanceWarmup)'],
    ['autoScaling: { healthCheckGracePeriod: -1s }', 'autoScaling.healthCheckGracePeriod: -1s: a duration cannot be negative'],
    ['instance: { concurrency: 0 }', 'instance.concurrency: 0 is too small; allowed 1 or more'],
    ['instance: { queueLimit: -1 }', 'instance.queueLimit: -1 is too small; allowed 0 or more'],
    ['instance: { idleCpu: 101 }', 'instance.idleCpu: 101 is out of range; allowed 0 to 100'],
    ['instance: { pricePerHour: -0.1 }', 'instance.pricePerHour: -0.1 is too small; allowed 0 or more'],
    ['instance: { concurrency: 2.5 }', 'instance.concurrency: 2.5 is not a whole number'],
  ])('%s', (yaml, message) => {
    expect(errorOf(minimalWith(`${yaml}\n`))).toContain(message);
  });

  it('duration: 0 is rejected; a run must last', () => {
    expect(errorOf('name: t\nduration: 0\nzones: [a, b]\n')).toContain('duration: 0s is too small; must be more than 0s');
  });

  it('duration is required', () => {
    expect(errorOf('name: t\nzones: [a, b]\n')).toBe('scenarios/x.yaml:1:1: duration: required key is missing');
  });
});

describe('values at the edges of each range are accepted', () => {
  it.each([
    ['seed: 0', (s) => s.seed, 0],
    ['period: 10s', (s) => s.periodS, 10],
    ['period: 30s', (s) => s.periodS, 30],
    ['period: 1h', (s) => s.periodS, 3600],
    ['loadBalancer: { idleTimeout: 1s }', (s) => s.loadBalancers[0]!.idleTimeoutS, 1],
    ['loadBalancer: { idleTimeout: 4000s }', (s) => s.loadBalancers[0]!.idleTimeoutS, 4000],
    [`${TG}deregistrationDelay: 0s`, (s) => s.targetGroups[0]!.deregistrationDelayS, 0],
    [`${TG}deregistrationDelay: 1h`, (s) => s.targetGroups[0]!.deregistrationDelayS, 3600],
    [`${TG}slowStart: 30s`, (s) => s.targetGroups[0]!.slowStartS, 30],
    [`${TG}slowStart: 15m`, (s) => s.targetGroups[0]!.slowStartS, 900],
    [`${HC}interval: 300s`, (s) => s.targetGroups[0]!.healthCheck.intervalS, 300],
    [`${HC}{ interval: 5s, timeout: 2s }`, (s) => s.targetGroups[0]!.healthCheck.timeoutS, 2],
    [`${HC}{ interval: 300s, timeout: 120s }`, (s) => s.targetGroups[0]!.healthCheck.timeoutS, 120],
    [`${HC}healthyThreshold: 10`, (s) => s.targetGroups[0]!.healthCheck.healthyThreshold, 10],
    [`${HC}unhealthyThreshold: 2`, (s) => s.targetGroups[0]!.healthCheck.unhealthyThreshold, 2],
    ['autoScaling: { defaultInstanceWarmup: 3600s }', (s) => s.autoScalingGroups[0]!.defaultInstanceWarmupS, 3600],
    ['instance: { idleCpu: 0 }', (s) => s.autoScalingGroups[0]!.instance.idleCpu, 0],
    ['instance: { idleCpu: 100 }', (s) => s.autoScalingGroups[0]!.instance.idleCpu, 100],
    ['instance: { queueLimit: 0 }', (s) => s.autoScalingGroups[0]!.instance.queueLimit, 0],
    ['traffic: { clients: 1 }', (s) => s.traffic.clients, 1],
  ] as [string, (s: import('../../../core/scenario/types.ts').Scenario) => number, number][])('%s', (yaml, pick, value) => {
    expect(pick(scenarioOf(minimalWith(`${yaml}\n`)))).toBe(value);
  });
});

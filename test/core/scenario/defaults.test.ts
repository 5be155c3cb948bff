/**
 * Defaults: a scenario that gives only what the contract requires resolves to the AWS API
 * defaults (aws-behaviour.md Appendix A), and the defaults that depend on the load balancer
 * type follow the type (§1.1, §3.1). Group settings without a value (termination policies,
 * protection, hooks, warm pool, suspended processes) and the `cloudWatch` block are filled in
 * too, so the simulator never meets a missing key.
 */
import { describe, expect, it } from 'vitest';
import type { Scenario } from '../../../core/scenario/types.ts';
import { minimalWith, MINIMAL, parse, scenarioOf } from './helpers.ts';

const EVERY_DEFAULT: Scenario = {
  name: 't',
  description: '',
  seed: 1,
  durationS: 3600,
  periodS: 60,
  zones: ['us-east-1a', 'us-east-1b'],
  traffic: {
    rate: [[0, 10]],
    arrivals: 'poisson',
    clients: 1000,
    clientGroups: [{ name: 'clients', count: 1000, sourceIp: '0.0.0.0/0' }],
    requests: [{ name: 'GET /', weight: 1, method: 'GET', host: 'example.com', path: '/', headers: {}, query: [], port: 80 }],
  },
  dns: { routing: 'simple', ttlS: 60, records: [{ loadBalancer: 0, weight: 1 }] },
  loadBalancers: [{
    name: 'lb',
    type: 'application',
    crossZone: true,
    idleTimeoutS: 60,
    listeners: [{ protocol: 'HTTP', port: 80, rules: [], defaultAction: { type: 'forward', to: [{ targetGroup: 0, weight: 1 }] } }],
  }],
  targetGroups: [{
    name: 'default',
    targetType: 'instance',
    algorithm: 'round_robin',
    deregistrationDelayS: 300,
    slowStartS: 0,
    healthCheck: { intervalS: 30, timeoutS: 5, healthyThreshold: 5, unhealthyThreshold: 2, servedByTarget: false },
    autoScalingGroup: 0,
    ipTargets: [],
    loadBalancer: 0,
  }],
  autoScalingGroups: [{
    name: 'asg',
    minSize: 2,
    maxSize: 2,
    desiredCapacity: 2,
    healthCheckType: 'EC2',
    healthCheckGracePeriodS: 0,
    defaultCooldownS: 300,
    defaultInstanceWarmupS: 0,
    policies: [],
    scheduledActions: [],
    terminationPolicies: ['Default'],
    newInstancesProtectedFromScaleIn: false,
    lifecycleHooks: [],
    warmPool: null,
    initialInstancesPerZone: null,
    suspendedProcesses: [],
    instanceMaintenancePolicy: null,
    maxInstanceLifetimeS: 0,
    actions: [],
    mixedInstancesPolicy: null,
    capacityRebalance: false,
    instance: {
      type: 'c5.large',
      pricePerHour: 0.085,
      bootTime: { distribution: 'constant', value: 60 },
      concurrency: 2,
      queueLimit: 100,
      serviceTime: { distribution: 'exponential', mean: 0.1 },
      idleCpu: 2,
      detailedMonitoring: false,
    },
  }],
  faults: [],
  cloudWatch: { publicationDelayS: 60, targetTrackingHighDatapoints: 3, targetTrackingLowDatapoints: 15, targetTrackingLowRatio: 0.9 },
  expect: {},
};

describe('defaults', () => {
  it('a minimal scenario (name, duration, zones) resolves to every AWS default and a fixed fleet of 2', () => {
    const result = parse(MINIMAL);
    expect(result).toEqual({ ok: true, scenario: EVERY_DEFAULT, warnings: [] });
  });

  it('empty blocks (`loadBalancer:` with nothing under it, `{}`) mean "all defaults"', () => {
    const scenario = scenarioOf(minimalWith('traffic:\nloadBalancer: {}\ninstance:\n  bootTime:\nfaults: []\ncloudWatch: {}\nexpect: {}\n'));
    expect(scenario).toEqual(EVERY_DEFAULT);
  });

  it('a key written with no value counts as absent and takes its default', () => {
    const scenario = scenarioOf(minimalWith('seed:\nloadBalancer:\n  targetGroup:\n    deregistrationDelay:\n'));
    expect(scenario.seed).toBe(1);
    expect(scenario.targetGroups[0]!.deregistrationDelayS).toBe(300);
  });

  it('two parses do not share default objects: changing one scenario leaves the next one alone', () => {
    const first = scenarioOf(MINIMAL);
    first.traffic.rate.push([60, 1]);
    (first.autoScalingGroups[0]!.instance.serviceTime as { mean: number }).mean = 9;
    first.autoScalingGroups[0]!.policies.push({} as never);
    first.autoScalingGroups[0]!.terminationPolicies!.push('NewestInstance');
    first.autoScalingGroups[0]!.suspendedProcesses!.push('Launch');
    first.cloudWatch!.publicationDelayS = 0;
    const second = scenarioOf(MINIMAL);
    expect(second).toEqual(EVERY_DEFAULT);
  });

  it('description, seed and period are taken as given', () => {
    const scenario = scenarioOf(minimalWith('description: Steady.\nseed: 42\nperiod: 5m\n'));
    expect([scenario.description, scenario.seed, scenario.periodS]).toEqual(['Steady.', 42, 300]);
  });

  it('a numeric name is kept as text', () => {
    expect(scenarioOf('name: 2024\nduration: 1h\nzones: [a, b]\n').name).toBe('2024');
  });
});

describe('defaults by load balancer type', () => {
  it('application: cross-zone on, round_robin, health check 30s / 5s / 5 / 2 (ALB-HC)', () => {
    const lb = scenarioOf(minimalWith('loadBalancer: { type: application }\n'));
    expect(lb.loadBalancers[0]!.crossZone).toBe(true);
    expect(lb.targetGroups[0]!.algorithm).toBe('round_robin');
    expect(lb.targetGroups[0]!.healthCheck).toEqual({ intervalS: 30, timeoutS: 5, healthyThreshold: 5, unhealthyThreshold: 2, servedByTarget: false });
  });

  it('network: cross-zone off, flow_hash, health check 30s / 10s / 5 / 2 (NLB-HC)', () => {
    const lb = scenarioOf(minimalWith('loadBalancer: { type: network }\n'));
    expect(lb.loadBalancers[0]!.crossZone).toBe(false);
    expect(lb.targetGroups[0]!.algorithm).toBe('flow_hash');
    expect(lb.targetGroups[0]!.healthCheck).toEqual({ intervalS: 30, timeoutS: 10, healthyThreshold: 5, unhealthyThreshold: 2, servedByTarget: false });
  });

  it('classic: cross-zone on, least_outstanding_requests, health check 30s / 5s / 10 / 2 (CLB-HC)', () => {
    const lb = scenarioOf(minimalWith('loadBalancer: { type: classic }\n'));
    expect(lb.loadBalancers[0]!.crossZone).toBe(true);
    expect(lb.targetGroups[0]!.algorithm).toBe('least_outstanding_requests');
    expect(lb.targetGroups[0]!.healthCheck).toEqual({ intervalS: 30, timeoutS: 5, healthyThreshold: 10, unhealthyThreshold: 2, servedByTarget: false });
  });

  it('a setting given in the file wins over the type default, and the others keep theirs', () => {
    const lb = scenarioOf(minimalWith('loadBalancer:\n  type: network\n  crossZone: true\n  targetGroup:\n    healthCheck: { healthyThreshold: 3 }\n'));
    expect(lb.loadBalancers[0]!.crossZone).toBe(true);
    expect(lb.targetGroups[0]!.healthCheck).toEqual({ intervalS: 30, timeoutS: 10, healthyThreshold: 3, unhealthyThreshold: 2, servedByTarget: false });
  });
});

describe('healthCheck.servedByTarget', () => {
  it('is off by default and can be turned on; a non-boolean is an error at its line', async () => {
    const { scenarioFromYaml } = await import('../../support/scenario.ts');
    const yaml = (v: string) => `name: x\nduration: 60\nzones: [a, b]\nloadBalancer:\n  targetGroup:\n    healthCheck: { servedByTarget: ${v} }\n`;
    expect(scenarioFromYaml(yaml('true')).targetGroups[0]!.healthCheck.servedByTarget).toBe(true);
    expect(scenarioFromYaml(yaml('false')).targetGroups[0]!.healthCheck.servedByTarget).toBe(false);
    expect(() => scenarioFromYaml(yaml('sometimes'))).toThrow(/test\.yaml:6:\d+: loadBalancer\.targetGroup\.healthCheck\.servedByTarget/);
  });
});

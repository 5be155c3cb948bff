/**
 * Load balancer rules that tie keys together (aws-behaviour.md §1.5, §1.6, §2.2–2.3, §3.1):
 * which algorithms each type offers, slow start only on ALBs and never with least outstanding
 * requests, and a health check interval greater than its timeout.
 */
import { describe, expect, it } from 'vitest';
import { errorOf, minimalWith, scenarioOf } from './helpers.ts';

const lb = (yaml: string) => minimalWith(`loadBalancer:\n${yaml.replace(/^/gm, '  ')}\n`);

describe('algorithms by load balancer type', () => {
  it.each([
    ['application', 'round_robin'],
    ['application', 'least_outstanding_requests'],
    ['application', 'weighted_random'],
    ['application', 'random'],
    ['application', 'power_of_two_choices'],
    ['network', 'flow_hash'],
    ['classic', 'round_robin'],
    ['classic', 'least_outstanding_requests'],
    ['classic', 'random'],
    ['classic', 'power_of_two_choices'],
  ])('%s accepts %s', (type, algorithm) => {
    const scenario = scenarioOf(lb(`type: ${type}\ntargetGroup: { algorithm: ${algorithm} }`));
    expect(scenario.targetGroups[0]!.algorithm).toBe(algorithm);
  });

  it.each([
    ['application', 'flow_hash', 'allowed: round_robin, least_outstanding_requests, weighted_random, random or power_of_two_choices'],
    ['network', 'round_robin', 'allowed: flow_hash'],
    ['network', 'least_outstanding_requests', 'allowed: flow_hash'],
    ['classic', 'weighted_random', 'allowed: round_robin, least_outstanding_requests, random or power_of_two_choices'],
  ])('%s refuses %s', (type, algorithm, allowed) => {
    expect(errorOf(lb(`type: ${type}\ntargetGroup: { algorithm: ${algorithm} }`))).toBe(
      `scenarios/x.yaml:6:29: loadBalancer.targetGroup.algorithm: \`${algorithm}\` is not available on a${type === 'application' ? 'n' : ''} ${type} load balancer; ${allowed}`,
    );
  });

  it('a misspelt algorithm gets a hint', () => {
    expect(errorOf(lb('targetGroup: { algorithm: round-robin }'))).toBe(
      'scenarios/x.yaml:5:29: loadBalancer.targetGroup.algorithm: `round-robin` is not a routing algorithm; allowed: round_robin, least_outstanding_requests, weighted_random, random, power_of_two_choices or flow_hash (AWS load_balancing.algorithm.type) (did you mean `round_robin`?)',
    );
  });
});

describe('slow start', () => {
  it('slow start with least_outstanding_requests is an error (AWS forbids the combination)', () => {
    expect(errorOf(lb('targetGroup:\n  algorithm: least_outstanding_requests\n  slowStart: 60s'))).toBe(
      'scenarios/x.yaml:7:16: loadBalancer.targetGroup.slowStart: 60s of slow start cannot be combined with least_outstanding_requests (AWS forbids it); use 0s or another algorithm',
    );
  });

  it('slowStart 0s (off) with least_outstanding_requests is fine', () => {
    expect(scenarioOf(lb('targetGroup: { algorithm: least_outstanding_requests, slowStart: 0s }')).targetGroups[0]!.slowStartS).toBe(0);
  });

  it('slow start with round_robin resolves to seconds', () => {
    expect(scenarioOf(lb('targetGroup: { slowStart: 2m }')).targetGroups[0]!.slowStartS).toBe(120);
  });

  it.each(['network', 'classic'])('slow start on a %s load balancer is an error (an ALB feature)', (type) => {
    expect(errorOf(lb(`type: ${type}\ntargetGroup: { slowStart: 30s }`))).toContain(
      `loadBalancer.targetGroup.slowStart: slow start exists only on application load balancers, and this one is ${type}; use 0s`,
    );
  });
});

describe('health check interval and timeout', () => {
  it('interval equal to timeout is an error quoting AWS', () => {
    expect(errorOf(lb('targetGroup:\n  healthCheck: { interval: 10s, timeout: 10s }'))).toBe(
      'scenarios/x.yaml:6:30: loadBalancer.targetGroup.healthCheck.interval: interval 10s must be greater than timeout 10s (AWS: "Health check interval must be greater than the timeout")',
    );
  });

  it('a timeout above the default interval is an error at the timeout, saying the interval is the default', () => {
    expect(errorOf(lb('targetGroup:\n  healthCheck: { timeout: 40s }'))).toContain(
      'loadBalancer.targetGroup.healthCheck.timeout: interval 30s (the default) must be greater than timeout 40s',
    );
  });

  it('an interval at or below the type default timeout is an error (network: 10s)', () => {
    expect(errorOf(lb('type: network\ntargetGroup:\n  healthCheck: { interval: 10s }'))).toContain(
      'healthCheck.interval: interval 10s must be greater than timeout 10s (the default)',
    );
  });

  it('classic: the timeout tops out at 60s (CLB-HC), though 120s is allowed elsewhere', () => {
    expect(errorOf(lb('type: classic\ntargetGroup:\n  healthCheck: { interval: 5m, timeout: 61s }'))).toContain(
      'loadBalancer.targetGroup.healthCheck.timeout: 61s is out of range for a classic load balancer; allowed 2s to 60s (AWS HealthCheckTimeoutSeconds)',
    );
    expect(scenarioOf(lb('type: application\ntargetGroup:\n  healthCheck: { interval: 5m, timeout: 61s }')).targetGroups[0]!.healthCheck.timeoutS).toBe(61);
  });
});

describe('other load balancer keys', () => {
  it('an unknown type lists the three types', () => {
    expect(errorOf(lb('type: gateway'))).toContain('`gateway` is not a load balancer type; allowed: application, network or classic');
  });

  it('idleTimeout and deregistrationDelay take durations with units', () => {
    const scenario = scenarioOf(lb('idleTimeout: 2m\ntargetGroup: { deregistrationDelay: 30s, name: web }'));
    expect(scenario.loadBalancers[0]!.idleTimeoutS).toBe(120);
    expect(scenario.targetGroups[0]!).toMatchObject({ deregistrationDelayS: 30, name: 'web' });
  });
});

/**
 * A group's mixedInstancesPolicy and capacityRebalance, and the spot-interruption fault:
 * AWS's names and defaults (InstancesDistribution: base 0, percentage 100, lowest-price),
 * prices from elbsim's us-east-1 table, and located errors for what AWS refuses or elbsim does
 * not model.
 */
import { describe, expect, it } from 'vitest';
import { formatIssue } from '../../../core/scenario/format.ts';
import { errorOf, errorsOf, minimalWith, parse, scenarioOf } from './helpers.ts';

const policy = (body: string, group = '') => minimalWith(`autoScaling:
  minSize: 2
  maxSize: 4
${group}  mixedInstancesPolicy:
${body.replace(/^/gm, '    ')}
`);

const types = (...lines: string[]) => `launchTemplate:\n  overrides:\n${lines.map((l) => `    - ${l}`).join('\n')}`;

describe('mixedInstancesPolicy', () => {
  it('defaults are AWS\'s: On-Demand base 0, 100 % On-Demand above it, lowest-price; prices from the table, Spot at 30 %; concurrency x weight', () => {
    const g = scenarioOf(policy(types('{ instanceType: c5.large }', '{ instanceType: m5.large, spotPrice: 0.04 }'))).autoScalingGroups[0]!;
    expect(g.capacityRebalance).toBe(false);
    const p = g.mixedInstancesPolicy!;
    expect([p.onDemandBaseCapacity, p.onDemandPercentageAboveBaseCapacity, p.spotAllocationStrategy, p.spotMaxPrice, p.weighted, p.rebalanceRecommendationLeadS]).toEqual([0, 100, 'lowest-price', null, false, 600]);
    expect(p.overrides.map((o) => [o.instanceType, o.weightedCapacity, o.onDemandPrice, o.spotPrice, o.concurrency])).toEqual([
      ['c5.large', 1, 0.085, 0.085 * 0.3, 2],
      ['m5.large', 1, 0.096, 0.04, 2],
    ]);
  });

  it('the same keys in an autoScalingGroups entry', () => {
    const s = scenarioOf(`name: t
duration: 1h
zones: [us-east-1a, us-east-1b]
autoScalingGroups:
  - name: web
    minSize: 1
    maxSize: 3
    capacityRebalance: true
    mixedInstancesPolicy:
      instancesDistribution: { onDemandPercentageAboveBaseCapacity: 0, spotAllocationStrategy: capacity-optimized }
      launchTemplate: { overrides: [{ instanceType: c5.xlarge, weightedCapacity: 2, concurrency: 8 }] }
    instance: { concurrency: 3 }
`);
    const g = s.autoScalingGroups[0]!;
    expect(g.capacityRebalance).toBe(true);
    expect(g.mixedInstancesPolicy!.weighted).toBe(true);
    expect(g.mixedInstancesPolicy!.overrides[0]!.concurrency).toBe(8);
  });

  it('a percentage above 100 is located, with AWS\'s name', () => {
    expect(errorOf(policy('instancesDistribution: { onDemandPercentageAboveBaseCapacity: 101 }\n' + types('{ instanceType: c5.large }')))).toBe(
      'scenarios/x.yaml:8:67: autoScaling.mixedInstancesPolicy.instancesDistribution.onDemandPercentageAboveBaseCapacity: 101 is out of range; allowed 0 to 100 (AWS OnDemandPercentageAboveBaseCapacity)',
    );
  });

  it('an unknown allocation strategy lists the modelled ones, with a hint', () => {
    expect(errorOf(policy('instancesDistribution: { spotAllocationStrategy: capacity-optimised }\n' + types('{ instanceType: c5.large }')))).toBe(
      'scenarios/x.yaml:8:54: autoScaling.mixedInstancesPolicy.instancesDistribution.spotAllocationStrategy: `capacity-optimised` is not a Spot allocation strategy elbsim models; allowed: lowest-price, capacity-optimized or price-capacity-optimized (AWS SpotAllocationStrategy) (did you mean `capacity-optimized`?)',
    );
  });

  it('weights on some overrides but not all: AWS requires all or none', () => {
    expect(errorOf(policy(types('{ instanceType: c5.large, weightedCapacity: 1 }', '{ instanceType: c5.xlarge }')))).toBe(
      'scenarios/x.yaml:11:11: autoScaling.mixedInstancesPolicy.launchTemplate.overrides.1: `c5.xlarge` has no weightedCapacity but other instance types have one; AWS requires a WeightedCapacity on every override or on none',
    );
  });

  it('a weight outside AWS\'s 1 to 999', () => {
    expect(errorOf(policy(types('{ instanceType: c5.large, weightedCapacity: 1000 }')))).toContain('overrides.0.weightedCapacity: 1000 is out of range; allowed 1 to 999 (AWS WeightedCapacity)');
  });

  it('a type without a price in the table needs onDemandPrice', () => {
    expect(errorOf(policy(types('{ instanceType: x9.huge }')))).toMatch(/^scenarios\/x\.yaml:10:27: autoScaling\.mixedInstancesPolicy\.launchTemplate\.overrides\.0\.instanceType: elbsim has no default price for `x9\.huge` .*give onDemandPrice/);
    expect(scenarioOf(policy(types('{ instanceType: x9.huge, onDemandPrice: 1 }'))).autoScalingGroups[0]!.mixedInstancesPolicy!.overrides[0]!.spotPrice).toBeCloseTo(0.3, 12);
  });

  it('a Spot max price below every type\'s Spot price per unit', () => {
    expect(errorOf(policy('instancesDistribution: { onDemandPercentageAboveBaseCapacity: 0, spotMaxPrice: 0.01 }\n' + types('{ instanceType: c5.large }')))).toBe(
      "scenarios/x.yaml:8:84: autoScaling.mixedInstancesPolicy.instancesDistribution.spotMaxPrice: $0.01 per unit-hour is below every instance type's Spot price (the cheapest: $0.0255 per unit-hour), so no Spot instance could launch",
    );
  });

  it('a warm pool with a mixed instances policy: AWS does not support it', () => {
    expect(errorOf(policy(types('{ instanceType: c5.large }'), '  warmPool: { minSize: 1 }\n'))).toBe(
      'scenarios/x.yaml:7:3: autoScaling.warmPool: AWS does not support a warm pool on a group with a mixed instances policy; remove one of them',
    );
  });

  it('weights with maxInstanceLifetime are refused as not modelled', () => {
    expect(errorOf(policy(types('{ instanceType: c5.large, weightedCapacity: 2 }'), '  maxInstanceLifetime: 2d\n'))).toContain('autoScaling.maxInstanceLifetime: maxInstanceLifetime with weightedCapacity (desired capacity in capacity units) is not modelled');
  });

  it('an unknown key in an override, with a hint', () => {
    expect(errorOf(policy(types('{ instanceType: c5.large, weightCapacity: 2 }')))).toContain('overrides.0.weightCapacity');
  });
});

describe('spot-interruption fault', () => {
  const withFault = (fault: string) => policy('instancesDistribution: { onDemandPercentageAboveBaseCapacity: 0 }\n' + types('{ instanceType: c5.large }', '{ instanceType: m5.large }')) + `faults:\n  - ${fault}\n`;

  it('resolves count (default 1), fraction, zone and type', () => {
    expect(scenarioOf(withFault('{ at: 10m, action: spot-interruption, fraction: 0.5, zone: us-east-1b, instanceType: m5.large }')).faults).toEqual([
      { atS: 600, action: 'spot-interruption', count: 1, fraction: 0.5, zone: 'us-east-1b', instanceType: 'm5.large', group: 0 },
    ]);
  });

  it('count and fraction together are refused', () => {
    expect(errorOf(withFault('{ at: 10m, action: spot-interruption, count: 2, fraction: 0.5 }'))).toBe('scenarios/x.yaml:14:63: faults.0.fraction: give count or fraction, not both');
  });

  it('a type the group does not list, with a hint', () => {
    expect(errorOf(withFault('{ at: 10m, action: spot-interruption, instanceType: m5.larg }'))).toBe(
      "scenarios/x.yaml:14:57: faults.0.instanceType: `m5.larg` is not one of the group's instance types (c5.large, m5.large) (did you mean `m5.large`?)",
    );
  });

  it('a group without a mixed instances policy has no Spot instance to interrupt', () => {
    expect(errorsOf(minimalWith('faults:\n  - { at: 10m, action: spot-interruption }\n'))[0]).toBe(
      'scenarios/x.yaml:5:24: faults.0.action: the group has no mixedInstancesPolicy, so it has no Spot instances to interrupt; give the group a mixedInstancesPolicy with onDemandPercentageAboveBaseCapacity below 100',
    );
  });

  it('a fraction above 1', () => {
    expect(errorOf(withFault('{ at: 10m, action: spot-interruption, fraction: 2 }'))).toContain('faults.0.fraction: 2 is out of range');
  });
});

describe('capacityRebalance', () => {
  it('without Spot instances it is a warning at the key', () => {
    const result = parse(minimalWith('autoScaling:\n  minSize: 2\n  maxSize: 4\n  capacityRebalance: true\n'));
    expect(result.ok).toBe(true);
    expect(result.warnings.map(formatIssue)).toEqual([
      'scenarios/x.yaml:7:22: autoScaling.capacityRebalance: capacityRebalance replaces Spot instances only, and the group has no mixedInstancesPolicy, so it launches no Spot instance',
    ]);
  });

  it('a spot-interruption fault on a group that launches only On-Demand is an error', () => {
    const yaml = policy(types('{ instanceType: c5.large }')) + 'faults:\n  - { at: 10m, action: spot-interruption }\n';
    expect(errorOf(yaml)).toContain('faults.0.action: the group launches no Spot instance (onDemandPercentageAboveBaseCapacity is 100)');
  });
});

/**
 * Resolves a group's mixed instances policy (spot-schema.ts) against the rest of the group:
 * prices from the table of instance-prices.ts where the file gives none, each type's
 * concurrency, and AWS's rules: weights on every override or on none, a Spot max price some
 * type can launch under. Combinations elbsim does not model are refused with the reason (AWS
 * itself refuses a warm pool with a mixed instances policy).
 */
import { findingAt, type Finding } from './issues.ts';
import { MAX_OVERRIDES, type MixedInstancesPolicyFile } from './spot-schema.ts';
import { ON_DEMAND_PRICES, SPOT_PRICE_FRACTION } from './instance-prices.ts';
import type { AutoScaling, Fault, Instance } from './types.ts';
import type { FaultFile } from './schema.ts';
import { didYouMean } from './suggest.ts';
import type { InstanceTypeOverride, MixedInstancesPolicy } from './spot-types.ts';

type Base = readonly (string | number)[];

/** What of the group the policy is checked against. */
export interface MixedContext {
  instance: Instance;
  warmPool: boolean;
  initialInstancesPerZone: boolean;
  maxInstanceLifetimeS: number;
  instanceMaintenancePolicy: boolean;
  instanceRefresh: boolean;
  desiredCapacity: number;
}

function fmtPrice(p: number): string {
  return `$${Number(p.toFixed(6))}`;
}

export function resolveMixedInstancesPolicy(file: MixedInstancesPolicyFile, group: MixedContext, errors: Finding[], warnings: Finding[], base: Base): MixedInstancesPolicy {
  const POLICY = [...base, 'mixedInstancesPolicy'];
  const OVERRIDES = [...POLICY, 'launchTemplate', 'overrides'];
  const given = file.launchTemplate.overrides;
  if (given.length > MAX_OVERRIDES) errors.push({ path: [...OVERRIDES, MAX_OVERRIDES], anchor: 'key', message: `${given.length} instance types are more than AWS allows in a mixed instances policy (${MAX_OVERRIDES})` });
  const withWeight = given.filter((o) => o.weightedCapacity !== undefined).length;
  if (withWeight > 0 && withWeight < given.length) {
    given.forEach((o, i) => {
      if (o.weightedCapacity === undefined) errors.push({ path: [...OVERRIDES, i], anchor: 'key', message: `\`${o.instanceType}\` has no weightedCapacity but other instance types have one; AWS requires a WeightedCapacity on every override or on none` });
    });
  }
  const seen = new Map<string, number>();
  const overrides = given.map((o, i): InstanceTypeOverride => {
    const first = seen.get(o.instanceType);
    if (first !== undefined) errors.push({ path: [...OVERRIDES, i, 'instanceType'], anchor: 'value', message: `\`${o.instanceType}\` is listed twice (first as item ${first}); each instance type must be unique` });
    else seen.set(o.instanceType, i);
    const tabled = ON_DEMAND_PRICES[o.instanceType];
    if (o.onDemandPrice === undefined && tabled === undefined) {
      errors.push({ path: [...OVERRIDES, i, 'instanceType'], anchor: 'value', message: `elbsim has no default price for \`${o.instanceType}\` (its table: ${Object.keys(ON_DEMAND_PRICES).join(', ')}); give onDemandPrice (and spotPrice) in $/hour` });
    }
    const onDemandPrice = o.onDemandPrice ?? tabled ?? 0;
    const weight = o.weightedCapacity ?? 1;
    return {
      instanceType: o.instanceType,
      weightedCapacity: weight,
      onDemandPrice,
      spotPrice: o.spotPrice ?? onDemandPrice * SPOT_PRICE_FRACTION,
      concurrency: o.concurrency ?? group.instance.concurrency * weight,
      serviceTimeFactor: o.serviceTimeFactor,
      spotInterruptionRate: o.spotInterruptionRate,
    };
  });
  const d = file.instancesDistribution;
  const spotMaxPrice = d.spotMaxPrice ?? null;
  const usesSpot = d.onDemandPercentageAboveBaseCapacity < 100;
  if (spotMaxPrice !== null && usesSpot && overrides.length > 0 && overrides.every((o) => o.spotPrice / o.weightedCapacity > spotMaxPrice)) {
    const cheapest = Math.min(...overrides.map((o) => o.spotPrice / o.weightedCapacity));
    errors.push({ path: [...POLICY, 'instancesDistribution', 'spotMaxPrice'], anchor: 'value', message: `${fmtPrice(spotMaxPrice)} per unit-hour is below every instance type's Spot price (the cheapest: ${fmtPrice(cheapest)} per unit-hour), so no Spot instance could launch` });
  }
  const weighted = withWeight > 0;
  const refuse = (key: string, why: string) => errors.push({ path: [...base, key], anchor: 'key', message: why });
  if (group.warmPool) refuse('warmPool', 'AWS does not support a warm pool on a group with a mixed instances policy; remove one of them');
  if (weighted) {
    const what = 'with weightedCapacity (desired capacity in capacity units) is not modelled; give the counts without weights, or remove this key';
    if (group.initialInstancesPerZone) refuse('initialInstancesPerZone', `initialInstancesPerZone ${what}`);
    if (group.maxInstanceLifetimeS > 0) refuse('maxInstanceLifetime', `maxInstanceLifetime ${what}`);
    if (group.instanceMaintenancePolicy) refuse('instanceMaintenancePolicy', `instanceMaintenancePolicy ${what}`);
    if (group.instanceRefresh) refuse('actions', `an instance refresh ${what}`);
  }
  if (!usesSpot && overrides.some((o) => o.spotInterruptionRate > 0)) {
    warnings.push({ path: [...POLICY, 'instancesDistribution'], anchor: 'key', message: 'onDemandPercentageAboveBaseCapacity is 100 (the default), so the group launches no Spot instance and spotInterruptionRate has nothing to act on' });
  }
  return {
    onDemandBaseCapacity: d.onDemandBaseCapacity,
    onDemandPercentageAboveBaseCapacity: d.onDemandPercentageAboveBaseCapacity,
    spotAllocationStrategy: d.spotAllocationStrategy,
    spotMaxPrice,
    overrides,
    weighted,
    rebalanceRecommendationLeadS: file.rebalanceRecommendationLead,
  };
}

/** capacityRebalance acts on Spot instances only: without a policy that launches some it does nothing. */
export function checkCapacityRebalance(group: AutoScaling, base: Base, warnings: Finding[]): void {
  const p = group.mixedInstancesPolicy;
  if (!group.capacityRebalance || (p && p.onDemandPercentageAboveBaseCapacity < 100)) return;
  const why = p ? 'onDemandPercentageAboveBaseCapacity is 100, so the group launches no Spot instance' : 'the group has no mixedInstancesPolicy, so it launches no Spot instance';
  warnings.push({ path: [...base, 'capacityRebalance'], anchor: 'value', message: `capacityRebalance replaces Spot instances only, and ${why}` });
}

/** A spot-interruption fault: `count` or `fraction`, on a group that launches Spot instances, of one of its types. */
export function resolveSpotFault(f: Extract<FaultFile, { action: 'spot-interruption' }>, i: number, zone: string | null, group: number, spec: AutoScaling | undefined, errors: Finding[]): Fault {
  if (f.count !== undefined && f.fraction !== undefined) findingAt(errors, ['faults', i, 'fraction'], 'give count or fraction, not both');
  const policy = spec?.mixedInstancesPolicy;
  if (policy && policy.onDemandPercentageAboveBaseCapacity === 100) {
    findingAt(errors, ['faults', i, 'action'], 'the group launches no Spot instance (onDemandPercentageAboveBaseCapacity is 100), so there is nothing to interrupt; lower the percentage');
  } else if (spec && !policy) {
    findingAt(errors, ['faults', i, 'action'], 'the group has no mixedInstancesPolicy, so it has no Spot instances to interrupt; give the group a mixedInstancesPolicy with onDemandPercentageAboveBaseCapacity below 100');
  } else if (policy && f.instanceType !== undefined) {
    const types = policy.overrides.map((o) => o.instanceType);
    if (!types.includes(f.instanceType)) findingAt(errors, ['faults', i, 'instanceType'], `\`${f.instanceType}\` is not one of the group's instance types (${types.join(', ')})${didYouMean(f.instanceType, types)}`);
  }
  return { atS: f.at, action: f.action, count: f.count ?? 1, fraction: f.fraction ?? null, zone, instanceType: f.instanceType ?? null, group };
}

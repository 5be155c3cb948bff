/**
 * The scenario schema of a mixed instances policy (AWS `MixedInstancesPolicy`): the instances
 * distribution (On-Demand base, percentage above base, Spot allocation strategy, Spot max
 * price) and the launch template overrides (instance types with weights and prices), with AWS's
 * names in camelCase and AWS's defaults. elbsim adds per type what AWS does not know of a type
 * (its prices when the table below has none, its speed, its Spot interruption rate) and one
 * parameter AWS leaves open: how long before the interruption notice the rebalance
 * recommendation arrives. Resolved by resolve-spot.ts. Part of schema.ts, split out to keep
 * files short.
 */
import { duration, integer, number, oneOf, text } from './values.ts';
import { list, section, strictObject } from './objects.ts';

/** AWS's Spot allocation strategies elbsim models (simplified; docs/fidelity.md says how). */
export const SPOT_ALLOCATION_STRATEGIES = ['lowest-price', 'capacity-optimized', 'price-capacity-optimized'] as const;

/** AWS allows up to 40 launch template overrides (instance types) per group. */
export const MAX_OVERRIDES = 40;

/**
 * How long before its interruption notice a Spot instance's rebalance recommendation arrives
 * [elbsim parameter: EC2 documents only that it "can arrive sooner" than the notice].
 */
export const DEFAULT_REBALANCE_LEAD_S = 600;

/** Most interruptions per instance-hour a type may be given (one a minute): bounds the events a run schedules. */
export const MAX_INTERRUPTION_RATE = 60;

const override = strictObject({
  instanceType: text({ nonEmpty: true }),
  weightedCapacity: integer({ min: 1, max: 999, aws: 'WeightedCapacity' }).optional(),
  onDemandPrice: number({ min: 0, limit: 'pricePerHour' }).optional(),
  spotPrice: number({ min: 0, limit: 'pricePerHour' }).optional(),
  concurrency: integer({ min: 1, limit: 'concurrency' }).optional(),
  serviceTimeFactor: number({ above: 0, max: 1000 }).default(1),
  spotInterruptionRate: number({ min: 0, max: MAX_INTERRUPTION_RATE }).default(0),
});

const instancesDistribution = section({
  onDemandBaseCapacity: integer({ min: 0, aws: 'OnDemandBaseCapacity', limit: 'fleetSize' }).default(0),
  onDemandPercentageAboveBaseCapacity: integer({ min: 0, max: 100, aws: 'OnDemandPercentageAboveBaseCapacity' }).default(100),
  spotAllocationStrategy: oneOf(SPOT_ALLOCATION_STRATEGIES, { what: 'a Spot allocation strategy elbsim models', aws: 'SpotAllocationStrategy' }).default('lowest-price'),
  spotMaxPrice: number({ above: 0, limit: 'pricePerHour' }).optional(),
});

export const mixedInstancesPolicy = strictObject({
  instancesDistribution,
  launchTemplate: strictObject({
    overrides: list(override, { min: 1, what: 'instance type' }),
  }),
  rebalanceRecommendationLead: duration({ min: 0, max: 3600 }).default(DEFAULT_REBALANCE_LEAD_S),
});

export type MixedInstancesPolicyFile = ReturnType<typeof mixedInstancesPolicy.parse>;

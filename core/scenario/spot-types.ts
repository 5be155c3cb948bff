/**
 * The mixed instances policy of the resolved scenario (AWS MixedInstancesPolicy): the instances
 * distribution and the launch template overrides with their prices, speed and Spot
 * interruption rate. Part of types.ts, split out to keep files short.
 */

/** One launch template override of a mixed instances policy, resolved. */
export interface InstanceTypeOverride {
  instanceType: string;
  /** Capacity units an instance of the type counts for (AWS WeightedCapacity; 1 without weights). */
  weightedCapacity: number;
  /** $/hour for an instance of the type. */
  onDemandPrice: number;
  spotPrice: number;
  /** Requests it serves at once (default: the group's instance concurrency x weightedCapacity). */
  concurrency: number;
  /** Its service times are the group's multiplied by this. */
  serviceTimeFactor: number;
  /** Spot interruptions per instance-hour (a Poisson process per Spot instance; 0: none). */
  spotInterruptionRate: number;
}

export type SpotAllocationStrategy = 'lowest-price' | 'capacity-optimized' | 'price-capacity-optimized';

/** AWS `MixedInstancesPolicy`: the instances distribution and the launch template overrides. */
export interface MixedInstancesPolicy {
  onDemandBaseCapacity: number;
  onDemandPercentageAboveBaseCapacity: number;
  spotAllocationStrategy: SpotAllocationStrategy;
  /** $ per capacity unit and hour; null: the On-Demand price (AWS's default). */
  spotMaxPrice: number | null;
  overrides: InstanceTypeOverride[];
  /** Whether the overrides give weights (desired capacity then counts capacity units). */
  weighted: boolean;
  /** How long before its interruption notice a Spot instance's rebalance recommendation arrives [elbsim parameter]. */
  rebalanceRecommendationLeadS: number;
}

/** A group's mixed instances policy and Capacity Rebalancing (part of `AutoScaling`). */
export interface SpotSettings {
  /** AWS `MixedInstancesPolicy`; default none (null): every instance is the group's `instance`, On-Demand. */
  mixedInstancesPolicy: MixedInstancesPolicy | null;
  /** AWS `CapacityRebalance`; default false. */
  capacityRebalance: boolean;
}

/** EC2 interrupts Spot instances: the rebalance recommendation, the two-minute notice at `atS`, then the interruption. `fraction` of the matching ones, else `count`. */
export interface SpotInterruptionFault {
  atS: number;
  action: 'spot-interruption';
  count: number;
  fraction: number | null;
  zone: string | null;
  instanceType: string | null;
  group: number;
}

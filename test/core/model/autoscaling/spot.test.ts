/**
 * Mixed instances policy, Spot interruptions and Capacity Rebalancing (core/model/autoscaling/spot.ts):
 * the On-Demand / Spot split as AWS's InstancesDistribution documents it, weighted capacity,
 * the allocation strategies, the interruption sequence (rebalance recommendation, two-minute
 * notice, interruption), Capacity Rebalancing's launch-before-terminate, and the cost split.
 */
import { describe, expect, it } from 'vitest';
import { simulate } from '../../../../core/index.ts';
import { onDemandTarget, spotType } from '../../../../core/model/autoscaling/spot.ts';
import type { MixedInstancesPolicy } from '../../../../core/scenario/spot-types.ts';
import { buildScenario, type FileMapping } from '../../../support/build.ts';

function policyFile(distribution: FileMapping, overrides: FileMapping[] = [{ instanceType: 'c5.large' }], extra: FileMapping = {}): FileMapping {
  return { instancesDistribution: distribution, launchTemplate: { overrides }, ...extra };
}

function group(size: number, policy: FileMapping, extra: FileMapping = {}): FileMapping {
  return { autoScaling: { minSize: size, maxSize: size + 4, desiredCapacity: size, mixedInstancesPolicy: policy, ...extra } };
}

const launches = (r: ReturnType<typeof simulate>) => r.events.filter((e) => e.kind === 'launch');
const markets = (r: ReturnType<typeof simulate>) => launches(r).map((e) => e.state!.split(' ')[1]);

describe('InstancesDistribution: the On-Demand share (AWS API reference)', () => {
  it('"20 specifies 20% On-Demand Instances, 80% Spot Instances" of the capacity above the base; 100 means On-Demand only; 0 means Spot only', () => {
    expect(onDemandTarget(10, 0, 20)).toBe(2);
    expect(onDemandTarget(10, 0, 100)).toBe(10);
    expect(onDemandTarget(10, 0, 0)).toBe(0);
  });

  it('the base is filled first ("This base portion is launched first as your group scales"), the percentage applies above it', () => {
    expect(onDemandTarget(1, 2, 0)).toBe(1);
    expect(onDemandTarget(2, 2, 0)).toBe(2);
    expect(onDemandTarget(12, 2, 50)).toBe(7);
  });

  it('a fraction of an instance is rounded up in favour of On-Demand (elbsim, inferred)', () => {
    expect(onDemandTarget(3, 0, 50)).toBe(2);
    expect(onDemandTarget(7, 1, 25)).toBe(3);
  });

  it('a run launches that split: desired 10, base 2, 25 % above it -> 2 + 2 On-Demand and 6 Spot', () => {
    const r = simulate(buildScenario(group(10, policyFile({ onDemandBaseCapacity: 2, onDemandPercentageAboveBaseCapacity: 25 }))));
    const m = markets(r);
    expect(m.filter((x) => x === 'On-Demand')).toHaveLength(4);
    expect(m.filter((x) => x === 'Spot')).toHaveLength(6);
  });
});

describe('allocation strategies (simplified, one pool each)', () => {
  const policy = (strategy: MixedInstancesPolicy['spotAllocationStrategy'], spotMaxPrice: number | null = null): MixedInstancesPolicy => ({
    onDemandBaseCapacity: 0,
    onDemandPercentageAboveBaseCapacity: 0,
    spotAllocationStrategy: strategy,
    spotMaxPrice,
    weighted: true,
    rebalanceRecommendationLeadS: 600,
    overrides: [
      { instanceType: 'a', weightedCapacity: 1, onDemandPrice: 0.1, spotPrice: 0.03, concurrency: 2, serviceTimeFactor: 1, spotInterruptionRate: 0.2 },
      { instanceType: 'b', weightedCapacity: 2, onDemandPrice: 0.2, spotPrice: 0.05, concurrency: 4, serviceTimeFactor: 1, spotInterruptionRate: 1 },
      { instanceType: 'c', weightedCapacity: 1, onDemandPrice: 0.1, spotPrice: 0.035, concurrency: 2, serviceTimeFactor: 1, spotInterruptionRate: 0.3 },
    ],
  });

  it('lowest-price: the lowest Spot price per capacity unit (b: 0.025 per unit)', () => {
    expect(spotType(policy('lowest-price'))).toBe(1);
  });

  it('capacity-optimized: the lowest interruption rate (a)', () => {
    expect(spotType(policy('capacity-optimized'))).toBe(0);
  });

  it('price-capacity-optimized: the cheapest per unit among the pools within 2x the lowest rate (a at 0.03, c at 0.035; b at 5x is out)', () => {
    expect(spotType(policy('price-capacity-optimized'))).toBe(0);
  });

  it('spotMaxPrice (per unit-hour) leaves out the types above it', () => {
    expect(spotType(policy('capacity-optimized', 0.026))).toBe(1);
    expect(spotType(policy('lowest-price', 0.01))).toBe(-1);
  });
});

describe('weighted capacity', () => {
  it("a weighted launch's overshoot is not taken out of the On-Demand base: an interrupted weight-2 Spot instance is replaced by another, and the weight-1 On-Demand one stays", () => {
    // Base 1 On-Demand (c5.large, weight 1) and Spot c5.xlarge (weight 2): 1 + 2 + 2 = 5 units for
    // a desired 4. After the interruption, 3 units; the replacement makes 5 again. The excess of 1
    // fits only the On-Demand instance, which is at its share: nothing is terminated for it.
    const s = buildScenario({
      duration: '20m',
      autoScaling: {
        minSize: 4,
        maxSize: 8,
        desiredCapacity: 4,
        mixedInstancesPolicy: policyFile(
          { onDemandBaseCapacity: 1, onDemandPercentageAboveBaseCapacity: 0, spotAllocationStrategy: 'lowest-price' },
          [{ instanceType: 'c5.large', weightedCapacity: 1, spotPrice: 0.05 }, { instanceType: 'c5.xlarge', weightedCapacity: 2, spotPrice: 0.06 }],
        ),
      },
      faults: [{ at: '5m', action: 'spot-interruption', count: 1 }],
    });
    const r = simulate(s, { checkInvariants: true });
    expect(markets(r)).toEqual(['On-Demand', 'Spot', 'Spot', 'Spot']);
    const onDemand = launches(r)[0]!.instance;
    expect(r.events.filter((e) => e.kind === 'terminate').map((e) => e.instance)).not.toContain(onDemand);
    expect(r.summary.spotInterruptions).toBe(1);
  });

  it('desired capacity counts units: 10 units of a weight-2 type are 5 instances, each with twice the concurrency', () => {
    const s = buildScenario(group(10, policyFile({}, [{ instanceType: 'c5.xlarge', weightedCapacity: 2 }])));
    expect(s.autoScalingGroups[0]!.mixedInstancesPolicy!.overrides[0]!.concurrency).toBe(4);
    const r = simulate(s, { checkInvariants: true });
    expect(launches(r)).toHaveLength(5);
  });

  it('instances warming up count by their units: a +4-unit step does not add again while two weight-2 instances warm up', () => {
    // RequestCount is above 0 every minute, so the step policy's alarm stays in ALARM. The first
    // scale-out takes 4 units to 8 (two weight-2 instances); while they warm up (10 minutes) they
    // are 4 warming units, so the same step from the warmed 4 units gives 8 again: no change.
    // Counted as 2 instances, the warmed base would be 6 and every minute would add 4 more.
    const s = buildScenario({
      duration: '12m',
      autoScaling: {
        minSize: 4,
        maxSize: 40,
        desiredCapacity: 4,
        mixedInstancesPolicy: policyFile({}, [{ instanceType: 'c5.xlarge', weightedCapacity: 2 }]),
        policies: [
          {
            type: 'StepScaling',
            adjustmentType: 'ChangeInCapacity',
            estimatedInstanceWarmup: '10m',
            alarm: { namespace: 'AWS/ApplicationELB', metric: 'RequestCount', statistic: 'Sum', period: '60s', evaluationPeriods: 1, threshold: 0, comparisonOperator: 'GreaterThanThreshold' },
            stepAdjustments: [{ lowerBound: 0, scalingAdjustment: 4 }],
          },
        ],
      },
    });
    const r = simulate(s, { checkInvariants: true });
    const changes = r.events.filter((e) => e.kind === 'scaling').map((e) => [e.from, e.to]);
    expect(changes).toEqual([[4, 8]]);
  });

  it('a replacement after an interruption restores the units, not the instance count', () => {
    const s = buildScenario(
      group(6, policyFile({ onDemandPercentageAboveBaseCapacity: 0 }, [{ instanceType: 'c5.xlarge', weightedCapacity: 3 }])),
      { faults: [{ at: 300, action: 'spot-interruption', count: 1 }] },
    );
    const r = simulate(s, { checkInvariants: true });
    expect(launches(r)).toHaveLength(3); // 2 at the start, 1 replacement
  });
});

describe('Spot interruptions', () => {
  const spot = policyFile({ onDemandPercentageAboveBaseCapacity: 0 }, [{ instanceType: 'c5.large' }], { rebalanceRecommendationLead: 300 });

  it('a fault: the rebalance recommendation the lead before, the notice at its time, the interruption two minutes later, and a replacement at once', () => {
    const r = simulate(buildScenario(group(4, spot), { faults: [{ at: 400, action: 'spot-interruption', count: 1 }] }), { checkInvariants: true });
    const signals = r.events.filter((e) => e.kind === 'spot');
    expect(signals.map((e) => [e.timeS, e.state])).toEqual([[100, 'rebalance-recommendation'], [400, 'interruption-notice']]);
    const id = signals[0]!.instance;
    const end = r.events.find((e) => e.kind === 'terminate' && e.instance === id)!;
    expect(end.timeS).toBe(520);
    expect(end.cause).toContain('Server.SpotInstanceTermination');
    expect(launches(r).filter((e) => e.timeS === 520)).toHaveLength(1);
    expect(r.summary.spotInterruptions).toBe(1);
  });

  it('with Capacity Rebalancing and every zone impaired, no replacement launch is logged (none can launch); the instance goes at its interruption', () => {
    const faults = [
      { at: 50, action: 'fail-zone', zone: 'us-east-1a', for: 500 },
      { at: 50, action: 'fail-zone', zone: 'us-east-1b', for: 500 },
      { at: 400, action: 'spot-interruption', count: 1 },
    ];
    const r = simulate(buildScenario(group(4, spot, { capacityRebalance: true }), { faults }), { checkInvariants: true });
    expect(r.events.filter((e) => e.kind === 'spot' && e.state === 'rebalance-recommendation')).toHaveLength(1);
    expect(r.events.filter((e) => e.kind === 'scaling' && e.cause!.includes('rebalance recommendation'))).toHaveLength(0);
    expect(launches(r).filter((e) => e.timeS > 0 && e.timeS < 520)).toHaveLength(0);
    expect(r.summary.spotInterruptions).toBe(1);
  });

  it('without Capacity Rebalancing nothing happens before the interruption (AWS: the group does not replace the instance until EC2 interrupts it)', () => {
    const r = simulate(buildScenario(group(4, spot), { faults: [{ at: 400, action: 'spot-interruption', count: 1 }] }));
    expect(launches(r).filter((e) => e.timeS > 0 && e.timeS < 520)).toHaveLength(0);
  });

  it('with Capacity Rebalancing: the replacement launches on the recommendation, the at-risk instance terminates once it is InService, before the interruption', () => {
    const r = simulate(buildScenario(group(4, spot, { capacityRebalance: true }), { faults: [{ at: 400, action: 'spot-interruption', count: 1 }] }), { checkInvariants: true });
    const id = r.events.find((e) => e.kind === 'spot')!.instance;
    const replacement = launches(r).find((e) => e.timeS === 100)!;
    const inService = r.events.find((e) => e.kind === 'in_service' && e.instance === replacement.instance)!;
    expect(inService.timeS).toBe(160); // the default 60 s boot
    const taken = r.events.find((e) => e.kind === 'scaling' && e.instance === id && e.cause!.includes('taken out of service'))!;
    expect(taken.timeS).toBe(160);
    const end = r.events.find((e) => e.kind === 'terminate' && e.instance === id)!;
    expect(end.timeS).toBeLessThan(400);
    expect(r.summary.spotInterruptions).toBe(0);
    expect(r.summary.elb5xx['502']).toBe(0);
    expect(r.summary.capacity.max).toBe(5); // above the desired capacity while both run
  });

  it('the seeded process: rate 0 draws nothing; a rate gives interruptions that repeat with the seed', () => {
    const quiet = simulate(buildScenario(group(4, spot), { duration: 7200 }));
    expect(quiet.events.filter((e) => e.kind === 'spot')).toHaveLength(0);
    const busy = buildScenario(group(4, policyFile({ onDemandPercentageAboveBaseCapacity: 0 }, [{ instanceType: 'c5.large', spotInterruptionRate: 2 }])), { duration: 7200 });
    const a = simulate(busy, { seed: 3 });
    const b = simulate(busy, { seed: 3 });
    expect(a.summary.spotInterruptions).toBeGreaterThan(4); // about 4 instances x 2 h x 2 per hour = 16
    expect(b.events).toEqual(a.events);
  });
});

describe('cost', () => {
  it('each instance at its own price: 2 On-Demand c5.large ($0.085) and 2 Spot ($0.0255, 30 %) for an hour', () => {
    const r = simulate(buildScenario(group(4, policyFile({ onDemandBaseCapacity: 2, onDemandPercentageAboveBaseCapacity: 0 })), { duration: 3600 }));
    expect(r.summary.costOnDemand).toBeCloseTo(0.17, 10);
    expect(r.summary.costSpot).toBeCloseTo(0.051, 10);
    expect(r.summary.cost).toBeCloseTo(0.221, 10);
  });

  it('a group without a policy has no split (summary.json unchanged)', () => {
    const r = simulate(buildScenario({}));
    expect(r.summary.costOnDemand).toBeUndefined();
    expect(r.summary.costSpot).toBeUndefined();
    expect(r.summary.spotInterruptions).toBeUndefined();
  });
});

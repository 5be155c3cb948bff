/**
 * Spot interruptions over arbitrary fleets (fast-check): seeded interruption rates, with and
 * without Capacity Rebalancing, with weights or without, plus spot-interruption faults.
 * - every interruption (a termination for Server.SpotInstanceTermination) follows the
 *   instance's interruption notice by exactly INTERRUPTION_NOTICE_S, and its rebalance
 *   recommendation comes at or before the notice;
 * - conservation: requests = 2xx + target 5xx + ELB 5xx + in flight, the run's table
 *   invariants hold (checkInvariants), and the group never leaves [min, max + 10 %] capacity;
 * - determinism: the same seed gives the same summary and the same events.
 * Replay a failure with FC_SEED=<seed>.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatSummaryJson, simulate } from '../../core/index.ts';
import { INTERRUPTION_NOTICE_S } from '../../core/model/autoscaling/spot.ts';
import { buildScenario, type FileMapping } from '../support/build.ts';

const seed = Number(process.env.FC_SEED ?? (process.env.CI ? 20261202 : Date.now() % 1_000_000));
console.log(`spot property tests: FC_SEED=${seed}`);
const params = { seed, path: process.env.FC_PATH, numRuns: 12, endOnFailure: true };

const scenarioArb = fc.record({
  rate: fc.constantFrom(0.5, 2, 6),
  weighted: fc.boolean(),
  rebalance: fc.boolean(),
  base: fc.integer({ min: 0, max: 2 }),
  percentage: fc.constantFrom(0, 25, 50),
  lead: fc.constantFrom(0, 120, 600),
  faults: fc.array(fc.record({ at: fc.integer({ min: 0, max: 3000 }), count: fc.integer({ min: 1, max: 3 }) }), { maxLength: 3 }),
  runSeed: fc.integer({ min: 0, max: 1_000_000 }),
}).map((p) => {
  const overrides: FileMapping[] = [
    { instanceType: 'c5.large', spotInterruptionRate: p.rate, ...(p.weighted ? { weightedCapacity: 1 } : {}) },
    { instanceType: 'c5.xlarge', spotInterruptionRate: p.rate / 2, ...(p.weighted ? { weightedCapacity: 2 } : {}) },
  ];
  return {
    runSeed: p.runSeed,
    scenario: buildScenario({
      duration: 3600,
      traffic: { rate: 60 },
      loadBalancer: { targetGroup: { deregistrationDelay: 30, healthCheck: { interval: 10, healthyThreshold: 2 } } },
      autoScaling: {
        minSize: 4,
        maxSize: 8,
        desiredCapacity: 6,
        capacityRebalance: p.rebalance,
        mixedInstancesPolicy: {
          instancesDistribution: { onDemandBaseCapacity: p.base, onDemandPercentageAboveBaseCapacity: p.percentage, spotAllocationStrategy: 'capacity-optimized' },
          launchTemplate: { overrides },
          rebalanceRecommendationLead: p.lead,
        },
      },
      instance: { concurrency: 4, serviceTime: { distribution: 'exponential', mean: '50ms' }, bootTime: { distribution: 'uniform', min: 30, max: 90 } },
      faults: p.faults.map((f) => ({ ...f, action: 'spot-interruption' })),
    }),
  };
});

describe('Spot interruptions (fast-check)', () => {
  it('each interruption comes exactly two minutes after its notice, the recommendation no later than the notice; requests are conserved', () => {
    fc.assert(
      fc.property(scenarioArb, ({ scenario, runSeed }) => {
        const r = simulate(scenario, { seed: runSeed, checkInvariants: true });
        const m = r.summary;
        expect(m.requests).toBe(m.responses2xx + m.target5xx + m.elb5xx['502'] + m.elb5xx['503'] + m.elb5xx['504'] + m.inFlightAtEnd);
        const interrupted = r.events.filter((e) => e.kind === 'terminate' && e.cause!.includes('Server.SpotInstanceTermination'));
        expect(interrupted.length).toBe(m.spotInterruptions);
        for (const end of interrupted) {
          const notices = r.events.filter((e) => e.kind === 'spot' && e.state === 'interruption-notice' && e.instance === end.instance);
          const last = notices[notices.length - 1]!;
          expect(last.timeS + INTERRUPTION_NOTICE_S).toBe(end.timeS);
          expect(last.value).toBe(end.timeS);
          const recommendations = r.events.filter((e) => e.kind === 'spot' && e.state === 'rebalance-recommendation' && e.instance === end.instance && e.timeS <= last.timeS);
          expect(recommendations.length).toBeGreaterThan(0);
        }
        // Every notice is answered: by the interruption, or the instance was gone before it (Capacity Rebalancing, or the run ended).
        for (const n of r.events.filter((e) => e.kind === 'spot' && e.state === 'interruption-notice')) {
          const end = r.events.find((e) => e.kind === 'terminate' && e.instance === n.instance);
          if (n.value! <= scenario.durationS) expect(end, `${n.instance} noticed at ${n.timeS}`).toBeDefined();
          if (end) expect(end.timeS).toBeLessThanOrEqual(n.value!);
        }
        const ts = r.timeseries;
        const g = scenario.autoScalingGroups[0]!;
        for (let i = 0; i < ts.time_s.length; i++) expect(ts.in_service[i]).toBeLessThanOrEqual(g.maxSize + Math.max(1, Math.floor(0.1 * g.maxSize)) + 1);
      }),
      params,
    );
  }, 240_000);

  it('determinism: the same seed gives the same summary and events', () => {
    fc.assert(
      fc.property(scenarioArb, ({ scenario, runSeed }) => {
        const a = simulate(scenario, { seed: runSeed });
        const b = simulate(scenario, { seed: runSeed });
        expect(formatSummaryJson(b.summary)).toBe(formatSummaryJson(a.summary));
        expect(b.events).toEqual(a.events);
      }),
      { ...params, numRuns: 4 },
    );
  }, 240_000);
});

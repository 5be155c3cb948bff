/**
 * Auto Scaling invariants over arbitrary small scaling scenarios and seeds (fast-check).
 * Replay a failure with FC_SEED=<seed> (printed below and by fast-check).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { simulate } from '../../core/index.ts';
import { buildScenario, type FileMapping } from '../support/build.ts';

// CI runs a fixed seed so a submission is judged on known cases; local runs explore new ones.
const seed = Number(process.env.FC_SEED ?? (process.env.CI ? 20261127 : Date.now() % 1_000_000));
console.log(`scaling property tests: FC_SEED=${seed}`);
const params = { seed, path: process.env.FC_PATH, numRuns: 12, endOnFailure: true };

/** Policies as a scenario file writes them (`autoScaling.policies` items). */
const policyArb: fc.Arbitrary<FileMapping & { name: string }> = fc.oneof(
  fc.record({ target: fc.integer({ min: 20, max: 80 }), warm: fc.constantFrom(0, 60, 300), disableScaleIn: fc.boolean() }).map(({ target, warm, disableScaleIn }) => ({
    type: 'TargetTrackingScaling',
    name: 'tt',
    metric: 'ASGAverageCPUUtilization',
    targetValue: target,
    disableScaleIn,
    estimatedInstanceWarmup: warm,
  })),
  fc.record({ threshold: fc.integer({ min: 30, max: 80 }), up: fc.integer({ min: 1, max: 4 }) }).map(({ threshold, up }) => ({
    type: 'StepScaling',
    name: 'steps',
    adjustmentType: 'ChangeInCapacity',
    metricAggregationType: 'Average',
    estimatedInstanceWarmup: 60,
    alarm: { namespace: 'AWS/EC2', metric: 'CPUUtilization', statistic: 'Average', period: 60, evaluationPeriods: 2, datapointsToAlarm: 2, threshold, comparisonOperator: 'GreaterThanThreshold', treatMissingData: 'missing' },
    stepAdjustments: [{ lowerBound: 0, scalingAdjustment: up }],
  })),
  fc.record({ threshold: fc.integer({ min: 10, max: 40 }) }).map(({ threshold }) => ({
    type: 'SimpleScaling',
    name: 'in',
    adjustmentType: 'PercentChangeInCapacity',
    scalingAdjustment: -25,
    cooldown: 120,
    alarm: { namespace: 'AWS/EC2', metric: 'CPUUtilization', statistic: 'Average', period: 60, evaluationPeriods: 3, datapointsToAlarm: 3, threshold, comparisonOperator: 'LessThanThreshold', treatMissingData: 'missing' },
  })),
);

const scenarioArb = fc
  .record({
    min: fc.integer({ min: 0, max: 3 }),
    span: fc.integer({ min: 0, max: 8 }),
    policies: fc.array(policyArb, { minLength: 1, maxLength: 3 }),
    rates: fc.array(fc.integer({ min: 0, max: 400 }), { minLength: 2, maxLength: 5 }),
    delay: fc.integer({ min: 0, max: 120 }),
    hcType: fc.constantFrom('EC2', 'ELB' as const),
    drainS: fc.constantFrom(0, 15, 120),
    faultAt: fc.option(fc.integer({ min: 60, max: 2000 }), { nil: null }),
    runSeed: fc.integer({ min: 0, max: 1_000_000 }),
  })
  .map((p) => {
    const max = p.min + p.span;
    const rate = p.rates.map((r, i) => [i * 600, r]);
    const faults = p.faultAt === null ? [] : [{ at: p.faultAt, action: 'fail-zone', zone: 'us-east-1b', for: 600 }];
    const scenario = buildScenario({
      duration: 2700,
      traffic: { rate, arrivals: 'poisson', clients: 300 },
      loadBalancer: { targetGroup: { deregistrationDelay: p.drainS } },
      autoScaling: { minSize: p.min, maxSize: max, desiredCapacity: Math.min(max, p.min + 1), healthCheckType: p.hcType, policies: p.policies.map((q, i) => ({ ...q, name: `${q.name}-${i}` })) },
      instance: { concurrency: 4, queueLimit: 50, serviceTime: { distribution: 'exponential', mean: '50ms' }, bootTime: { distribution: 'uniform', min: 30, max: 90 }, detailedMonitoring: true },
      cloudWatch: { publicationDelay: p.delay, targetTrackingHighDatapoints: 3, targetTrackingLowDatapoints: 15, targetTrackingLowRatio: 0.9 },
      faults,
    });
    return { scenario, runSeed: p.runSeed };
  });

describe('Auto Scaling invariants (fast-check, 12 scenarios each)', () => {
  it('desired capacity stays within [min, max]; the fleet exceeds max only by AZRebalance headroom (10 % or one)', () => {
    fc.assert(
      fc.property(scenarioArb, ({ scenario, runSeed }) => {
        const { timeseries: ts } = simulate(scenario, { seed: runSeed, checkInvariants: true });
        const { minSize, maxSize } = scenario.autoScalingGroups[0]!;
        const headroom = Math.max(1, Math.floor(maxSize / 10));
        for (let i = 0; i < ts.time_s.length; i++) {
          expect(ts.desired_capacity[i]).toBeGreaterThanOrEqual(minSize);
          expect(ts.desired_capacity[i]).toBeLessThanOrEqual(maxSize);
          expect(ts.in_service[i]! + ts.pending[i]!).toBeLessThanOrEqual(maxSize + headroom);
        }
      }),
      params,
    );
  });

  it('no instance is terminated with requests in flight before its deregistration delay has run out', () => {
    fc.assert(
      fc.property(scenarioArb, ({ scenario, runSeed }) => {
        const { events } = simulate(scenario, { seed: runSeed, checkInvariants: true });
        const delay = scenario.targetGroups[0]!.deregistrationDelayS;
        for (const drain of events.filter((e) => e.kind === 'drain')) {
          const dereg = events.find((e) => e.kind === 'deregister' && e.subject === drain.subject && e.timeS >= drain.timeS);
          if (!dereg) continue; // still draining at the end of the run
          const early = dereg.timeS - drain.timeS < delay - 1e-9;
          if (early) expect(dereg.detail).toMatch(/^drained/);
          else expect(dereg.timeS - drain.timeS).toBeLessThanOrEqual(delay + 1e-9);
          const term = events.find((e) => e.kind === 'terminate' && e.subject === drain.subject);
          if (term) expect(term.timeS).toBeGreaterThanOrEqual(dereg.timeS);
        }
      }),
      params,
    );
  });

  it('the same seed gives the same scaling history', () => {
    fc.assert(
      fc.property(scenarioArb, ({ scenario, runSeed }) => {
        const history = (r: ReturnType<typeof simulate>) => r.events.filter((e) => e.kind === 'scaling' || e.kind === 'alarm');
        expect(history(simulate(scenario, { seed: runSeed, checkInvariants: true }))).toEqual(history(simulate(scenario, { seed: runSeed, checkInvariants: true })));
      }),
      { ...params, numRuns: 5 },
    );
  });
});

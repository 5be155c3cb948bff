/**
 * A step policy on a metric math alarm in a whole run (CW-MATH): scale out on the load
 * balancer's 5xx rate, 100 × HTTPCode_ELB_5XX_Count / RequestCount, a figure no single metric
 * gives.
 */
import { describe, expect, it } from 'vitest';
import { simulate } from '../../../core/index.ts';
import { scenarioFromYaml } from '../../support/scenario.ts';

const yaml = (threshold: number) => `
name: error-rate
duration: 30m
zones: [us-east-1a, us-east-1b]
traffic: { rate: [[0, 20], [300, 20], [300.001, 60], [1800, 60]] }
loadBalancer: { type: application }
autoScaling:
  minSize: 2
  maxSize: 10
  desiredCapacity: 2
  policies:
    - name: on-errors
      type: StepScaling
      adjustmentType: ChangeInCapacity
      alarm:
        expression: 100 * FILL(errors, 0) / requests
        metrics:
          - { id: errors, namespace: AWS/ApplicationELB, metric: HTTPCode_ELB_5XX_Count, statistic: Sum }
          - { id: requests, namespace: AWS/ApplicationELB, metric: RequestCount, statistic: Sum }
        period: 60s
        evaluationPeriods: 2
        threshold: ${threshold}
        comparisonOperator: GreaterThanThreshold
      stepAdjustments: [{ lowerBound: 0, scalingAdjustment: 2 }]
instance:
  concurrency: 4
  queueLimit: 10
  serviceTime: { distribution: exponential, mean: 200ms }
  detailedMonitoring: true
`;

describe('a metric math alarm drives a step policy', () => {
  it('5xx rate above 1 %: the overloaded fleet (40 req/s of capacity against 60) scales out once errors appear, not before', () => {
    const r = simulate(scenarioFromYaml(yaml(1)));
    const scaling = r.events.filter((e) => e.kind === 'scaling');
    expect(scaling.length).toBeGreaterThan(0);
    expect(scaling[0]!.timeS).toBeGreaterThan(300);
    expect(r.events.find((e) => e.kind === 'alarm' && e.detail === 'ALARM')!.timeS).toBe(scaling[0]!.timeS);
  });

  it('with a threshold no error rate reaches (100 %), the same run never scales', () => {
    const r = simulate(scenarioFromYaml(yaml(100)));
    expect(r.events.filter((e) => e.kind === 'scaling')).toEqual([]);
    expect(r.summary.elb5xx['502']).toBeGreaterThan(0);
  });
});

describe('target tracking on a customized metric math expression (AS-TT, CW-MATH)', () => {
  // RequestCount / HealthyHostCount is the per-target request count, computed by hand: tracking
  // it should size the group as ALBRequestCountPerTarget does.
  const tracked = (metric: string) => `
name: per-target
duration: 40m
zones: [us-east-1a, us-east-1b]
traffic: { rate: [[0, 10], [300, 10], [300.001, 40], [2400, 40]] }
loadBalancer: { type: application }
autoScaling:
  minSize: 2
  maxSize: 12
  desiredCapacity: 2
  policies:
    - { name: tt, type: TargetTrackingScaling, targetValue: 300, metric: ${metric} }
instance: { detailedMonitoring: true }
`;
  const math = '{ customized: { expression: "requests / healthy", metrics: [{ id: requests, namespace: AWS/ApplicationELB, metric: RequestCount, statistic: Sum }, { id: healthy, namespace: AWS/ApplicationELB, metric: HealthyHostCount, statistic: Average }] } }';

  it('scales out to the same size as the predefined per-target metric (40 req/s = 2400/min at 300 per target: 8)', () => {
    const byMath = simulate(scenarioFromYaml(tracked(math)));
    const predefined = simulate(scenarioFromYaml(tracked('ALBRequestCountPerTarget')));
    const at = (r: typeof byMath) => r.timeseries.desired_capacity.at(-1)!;
    expect(at(byMath)).toBeGreaterThanOrEqual(8);
    expect(at(byMath)).toBeLessThanOrEqual(9);
    expect(Math.abs(at(byMath) - at(predefined))).toBeLessThanOrEqual(1);
    expect(byMath.events.some((e) => e.kind === 'scaling' && /AlarmHigh/.test(e.detail))).toBe(true);
  });
});

/**
 * Four places where the scaling model once differed from AWS's documentation (issue 9 item 1),
 * each checked in whole runs:
 * - target tracking with basic (5-minute) monitoring scales out: its alarms' period follows the
 *   metric's granularity (AS-TT, EC2-MON);
 * - the simple-scaling cooldown belongs to the group (AS-COOL);
 * - ALBRequestCountPerTarget reports zeros without traffic, so target tracking can take a group
 *   with MinSize 0 to 0 (AS-TT), while other metrics keep "no data, no scale-in";
 * - each policy's EstimatedInstanceWarmup applies to its own decisions (AS-WARMCOOL, AS-DIW).
 */
import { describe, expect, it } from 'vitest';
import { simulate } from '../../../core/index.ts';
import type { RunResult } from '../../../core/index.ts';
import { scenarioFromYaml } from '../../support/scenario.ts';

const scaling = (r: RunResult) => r.events.filter((e) => e.kind === 'scaling');
const maxDesired = (r: RunResult) => Math.max(...r.timeseries.desired_capacity);

/**
 * A fleet of 4 two-slot instances with 1 s requests (2 req/s each at full CPU) under 20 req/s:
 * CPU at 100 %, far above any target below it.
 */
function overloaded(policy: string, detailed: boolean, duration = '2h'): string {
  return `
name: overloaded
duration: ${duration}
zones: [us-east-1a, us-east-1b]
traffic: { rate: 20 }
loadBalancer: { type: application }
autoScaling:
  minSize: 4
  maxSize: 12
  desiredCapacity: 4
  policies:
    - ${policy}
instance:
  concurrency: 2
  queueLimit: 20
  serviceTime: { distribution: exponential, mean: 1s }
  detailedMonitoring: ${detailed}
`;
}

describe('target tracking follows the metric granularity (basic monitoring scales out too)', () => {
  it('the issue example: 100 % CPU for eight hours with basic monitoring scales out', () => {
    const r = simulate(
      scenarioFromYaml(overloaded('{ name: cpu, type: TargetTrackingScaling, metric: ASGAverageCPUUtilization, targetValue: 50 }', false, '8h')),
    );
    expect(maxDesired(r)).toBeGreaterThan(4);
  });

  const policies: Record<string, string> = {
    ASGAverageCPUUtilization: 'targetValue: 50',
    ASGAverageNetworkIn: 'targetValue: 50000',
    ASGAverageNetworkOut: 'targetValue: 800000',
    ALBRequestCountPerTarget: 'targetValue: 50',
  };
  for (const [metric, target] of Object.entries(policies)) {
    for (const detailed of [false, true]) {
      it(`${metric}, ${detailed ? 'detailed' : 'basic'} monitoring: scales out, paced by the metric's granularity`, () => {
        const r = simulate(scenarioFromYaml(overloaded(`{ name: tt, type: TargetTrackingScaling, metric: ${metric}, ${target} }`, detailed)));
        const first = scaling(r).find((e) => /AlarmHigh/.test(e.detail));
        expect(first, 'a scale-out by the AlarmHigh alarm').toBeDefined();
        expect(maxDesired(r)).toBeGreaterThan(4);
        // EC2 metrics come every 5 minutes without detailed monitoring; ALB metrics every minute.
        // At the start of a run the alarm fires on two breaching datapoints and a newest one
        // still unpublished (CloudWatch's `- X X -` with the premature-alarm rule), so the first
        // scale-out comes once two datapoints and the publication delay have passed.
        const granularity = metric.startsWith('ASG') && !detailed ? 300 : 60;
        expect(first!.timeS).toBeGreaterThanOrEqual(2 * granularity + 60);
        expect(first!.timeS).toBeLessThanOrEqual(3 * granularity + 120);
      });
    }
  }
});

describe('the simple-scaling cooldown belongs to the group', () => {
  // Two simple policies whose alarms are always in ALARM: one adds, one removes. While the
  // group is in its cooldown after either acts, neither may act.
  const yaml = `
name: simple-cooldown
duration: 1h
zones: [us-east-1a, us-east-1b]
traffic: { rate: 20 }
loadBalancer: { type: application }
autoScaling:
  minSize: 2
  maxSize: 12
  desiredCapacity: 4
  defaultCooldown: 300s
  policies:
    - name: add
      type: SimpleScaling
      adjustmentType: ChangeInCapacity
      scalingAdjustment: 1
      alarm: { namespace: AWS/EC2, metric: CPUUtilization, statistic: Average, period: 60s, evaluationPeriods: 1, threshold: 0, comparisonOperator: GreaterThanThreshold }
    - name: remove
      type: SimpleScaling
      adjustmentType: ChangeInCapacity
      scalingAdjustment: -1
      cooldown: 600s
      alarm: { namespace: AWS/ApplicationELB, metric: RequestCount, statistic: Sum, period: 60s, evaluationPeriods: 1, threshold: 0, comparisonOperator: GreaterThanThreshold }
instance:
  detailedMonitoring: true
`;
  const r = simulate(scenarioFromYaml(yaml));

  it('no simple policy acts before the cooldown of the last activity ends (after its last instance is done)', () => {
    const acts = scaling(r);
    expect(acts.length).toBeGreaterThan(2);
    for (let k = 1; k < acts.length; k++) {
      const prev = acts[k - 1]!;
      const by = /policy (\S+)/.exec(prev.detail)?.[1] ?? prev.subject;
      const cooldown = by === 'remove' ? 600 : 300;
      const done = r.events.filter((e) => (e.kind === 'in_service' || e.kind === 'terminate') && e.timeS >= prev.timeS && e.timeS < acts[k]!.timeS);
      const last = Math.max(prev.timeS, ...done.map((e) => e.timeS));
      expect(acts[k]!.timeS, `activity ${k} (${acts[k]!.subject}) after ${prev.subject} at ${prev.timeS}`).toBeGreaterThanOrEqual(last + cooldown);
    }
  });

  it('so the scale-in policy never fires inside the scale-out cooldown: the largest capacity (add) wins each time', () => {
    expect(scaling(r).every((e) => e.subject === 'add')).toBe(true);
  });
});

describe('ALBRequestCountPerTarget reports zeros without traffic', () => {
  const yaml = (metric: string, target: number) => `
name: traffic-stops
duration: 2h
zones: [us-east-1a, us-east-1b]
traffic: { rate: [[0, 20], [1800, 20], [1801, 0], [7200, 0]] }
loadBalancer: { type: application }
autoScaling:
  minSize: 0
  maxSize: 8
  desiredCapacity: 2
  policies:
    - { name: tt, type: TargetTrackingScaling, metric: ${metric}, targetValue: ${target} }
instance:
  detailedMonitoring: true
`;

  it('a group with minimum 0 scales in to 0 once requests stop (AS-TT)', () => {
    const r = simulate(scenarioFromYaml(yaml('ALBRequestCountPerTarget', 600)));
    expect(r.timeseries.desired_capacity.at(-1)).toBe(0);
  });

  it('CPU keeps its floor of one instance: a real idle CPU is not a zero', () => {
    const r = simulate(scenarioFromYaml(yaml('ASGAverageCPUUtilization', 50)));
    expect(r.timeseries.desired_capacity.at(-1)).toBe(1);
  });
});

describe("each policy's estimated instance warm-up applies to its own decisions", () => {
  // Two target-tracking policies: `fast` (warm-up 60 s) scales in; `slow` (warm-up 30 min,
  // scale-in disabled) only watches the same metric. Load goes up, then down: `fast` must scale
  // in after its own warm-up, not after `slow`'s.
  const yaml = `
name: warmups
duration: 2h
zones: [us-east-1a, us-east-1b]
traffic: { rate: [[0, 8], [600, 8], [601, 24], [1500, 24], [1501, 4], [7200, 4]] }
loadBalancer: { type: application }
autoScaling:
  minSize: 2
  maxSize: 12
  desiredCapacity: 4
  policies:
    - { name: fast, type: TargetTrackingScaling, metric: ASGAverageCPUUtilization, targetValue: 50, estimatedInstanceWarmup: 60s }
    - { name: slow, type: TargetTrackingScaling, metric: ASGAverageCPUUtilization, targetValue: 50, estimatedInstanceWarmup: 30m, disableScaleIn: true }
instance:
  concurrency: 2
  queueLimit: 20
  serviceTime: { distribution: exponential, mean: 500ms }
  detailedMonitoring: true
`;
  const r = simulate(scenarioFromYaml(yaml));

  it('fast scales in before the last launched instance has been in service for 30 minutes', () => {
    const out = scaling(r).filter((e) => /AlarmHigh/.test(e.detail));
    const inn = scaling(r).find((e) => /AlarmLow/.test(e.detail));
    expect(out.length).toBeGreaterThan(0);
    expect(inn).toBeDefined();
    const lastInService = Math.max(...r.events.filter((e) => e.kind === 'in_service' && e.timeS < inn!.timeS).map((e) => e.timeS));
    expect(inn!.timeS).toBeLessThan(lastInService + 1800);
    expect(inn!.timeS).toBeGreaterThanOrEqual(lastInService + 60);
  });
});

describe('target tracking near its target does not flap (the daily-cycle night)', () => {
  // 8 req/s of 500 ms on 4-slot instances: 2 instances run at 51 % CPU (above the target 50),
  // 3 at about 35 % (below 90 % of it, but 3 × 35 / 50 = 2.1 needs 3). AWS scales in "more
  // gradually" and only by whole instances that keep the metric under the target, so the group
  // settles at 3; sizing the scale-in from one noisy minute took it back to 2 every ~20 minutes.
  const yaml = `
name: night
duration: 6h
zones: [us-east-1a, us-east-1b, us-east-1c]
traffic: { rate: 8 }
loadBalancer: { type: application }
autoScaling:
  minSize: 2
  maxSize: 10
  desiredCapacity: 2
  defaultInstanceWarmup: 180s
  policies:
    - { name: cpu-50, type: TargetTrackingScaling, metric: ASGAverageCPUUtilization, targetValue: 50 }
instance:
  concurrency: 4
  queueLimit: 50
  serviceTime: { distribution: exponential, mean: 500ms }
  detailedMonitoring: true
`;
  it('scales out to 3 and stays there: at most a few activities in six hours', () => {
    const r = simulate(scenarioFromYaml(yaml));
    const acts = scaling(r);
    expect(acts[0]?.detail).toMatch(/from 2 to 3/);
    expect(acts.length).toBeLessThanOrEqual(3);
  });
});

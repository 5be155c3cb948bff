/**
 * Target tracking (AS-TT https://docs.aws.amazon.com/autoscaling/ec2/userguide/as-scaling-target-tracking.html;
 * aws-behaviour §6.7): proportional to metric / target, rounding conservatively — a computed
 * +1.5 instances becomes +2, a computed −1.5 becomes −1.
 */
import { describe, expect, it } from 'vitest';
import { targetTrackingDecision, targetTrackingDesired } from '../../../../core/model/autoscaling/target-tracking.ts';
import { targetTracking } from './policies.ts';

const ON = { disableScaleIn: false };

describe('targetTrackingDesired (AS-TT rounding)', () => {
  it('scale out, computed +1.5 → +2: 3 instances at 75 % against 50 % → 3 × 1.5 = 4.5 → 5', () => {
    expect(targetTrackingDesired(3, 75, 50, ON)).toBe(5);
  });
  it('scale in, computed −1.5 → −1: 3 instances at 25 % against 50 % → 1.5 needed → remove 1 → 2', () => {
    expect(targetTrackingDesired(3, 25, 50, ON)).toBe(2);
  });
  it('exact proportions stay exact: 4 at 75 → 6; 10 at 45 → 9 (metric then exactly 50)', () => {
    expect(targetTrackingDesired(4, 75, 50, ON)).toBe(6);
    expect(targetTrackingDesired(10, 45, 50, ON)).toBe(9);
  });
  it('floating point does not add an instance: 3 at 0.7 against 0.35 → 6, not 7', () => {
    expect(targetTrackingDesired(3, 0.7, 0.35, ON)).toBe(6);
  });
  it('no whole instance can go without breaching the target: 3 at 45 against 50 → 3', () => {
    expect(targetTrackingDesired(3, 45, 50, ON)).toBe(3);
  });
  it('at the target, nothing changes', () => {
    expect(targetTrackingDesired(7, 50, 50, ON)).toBe(7);
  });
  it('DisableScaleIn: a low metric never removes capacity', () => {
    expect(targetTrackingDesired(8, 10, 50, { disableScaleIn: true })).toBe(8);
  });
  it('never below 1 for a group with instances, however low the metric: 8 at 1 against 50 → 1', () => {
    expect(targetTrackingDesired(8, 1, 50, ON)).toBe(1);
  });
  it('a metric of exactly 0 reaches 0 only with allowZero (real zeros, e.g. ALBRequestCountPerTarget)', () => {
    expect(targetTrackingDesired(4, 0, 1000, ON)).toBe(1);
    expect(targetTrackingDesired(4, 0, 1000, { disableScaleIn: false, allowZero: true })).toBe(0);
  });
  it('an empty group scales out to ceil(metric / target) only above the target [inferred]: 2500 vs 1000 → 3; 500 → 0', () => {
    expect(targetTrackingDesired(0, 2500, 1000, ON)).toBe(3);
    expect(targetTrackingDesired(0, 500, 1000, ON)).toBe(0);
  });
});

describe('targetTrackingDecision (warm-up, AS-DIW)', () => {
  const policy = targetTracking();
  it('scale out from the warmed capacity: 4 desired, 2 warming, metric 100 → 2 × 2 = 4 → hold (no second activity)', () => {
    expect(targetTrackingDecision(policy, 100, 4, 2).desiredCapacity).toBe(4);
  });
  it('…but a higher metric still adds: 4 desired, 2 warming, metric 150 → 2 × 3 = 6', () => {
    expect(targetTrackingDecision(policy, 150, 4, 2).desiredCapacity).toBe(6);
  });
  it('scale-in waits while instances warm up', () => {
    const d = targetTrackingDecision(policy, 10, 8, 1);
    expect(d.desiredCapacity).toBe(8);
    expect(d.explanation).toContain('scale-in waits while 1 instance warms up');
  });
  it('DisableScaleIn holds and says so', () => {
    const d = targetTrackingDecision(targetTracking({ disableScaleIn: true }), 10, 8);
    expect(d.desiredCapacity).toBe(8);
    expect(d.disableScaleIn).toBe(true);
    expect(d.explanation).toContain('scale-in disabled');
  });
  it('the decision records policy, capacities and reasoning', () => {
    expect(targetTrackingDecision(policy, 87.5, 4)).toEqual({
      policyName: 'cpu-50',
      policyType: 'TargetTrackingScaling',
      disableScaleIn: false,
      fromCapacity: 4,
      desiredCapacity: 7,
      explanation: 'metric 87.5 above target 50: 4 × 87.5 / 50 needs 7; desired capacity 4 → 7',
    });
  });
});

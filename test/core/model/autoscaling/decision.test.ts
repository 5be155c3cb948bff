/**
 * Several policies at once (AS-DYN https://docs.aws.amazon.com/autoscaling/ec2/userguide/as-scale-based-on-demand.html
 * "Multiple dynamic scaling policies"; AS-TT https://docs.aws.amazon.com/autoscaling/ec2/userguide/as-scaling-target-tracking.html;
 * aws-behaviour §6.7, §6.8): the largest capacity wins; target tracking scales in only when all
 * its policies with scale-in enabled agree.
 */
import { describe, expect, it } from 'vitest';
import { combineDecisions, holdDecision } from '../../../../core/model/autoscaling/decision.ts';
import { stepScalingDecision, simpleScalingDecision } from '../../../../core/model/autoscaling/step-scaling.ts';
import { targetTrackingDecision } from '../../../../core/model/autoscaling/target-tracking.ts';
import { simplePolicy, stepPolicy, targetTracking } from './policies.ts';

describe('combineDecisions: the largest capacity wins (AS-DYN)', () => {
  it('AS-DYN example: CPU policy +1 against SQS policy +2 at 4 → +2 (6)', () => {
    const cpu = simpleScalingDecision(simplePolicy({ name: 'cpu', scalingAdjustment: 1 }), 4);
    const sqs = simpleScalingDecision(simplePolicy({ name: 'sqs', scalingAdjustment: 2 }), 4);
    const winner = combineDecisions([cpu, sqs]);
    expect(winner?.policyName).toBe('sqs');
    expect(winner?.desiredCapacity).toBe(6);
  });
  it('AS-DYN example: at 8, "remove 3" against "remove 25 %" (2) → remove 2 (6)', () => {
    const three = simpleScalingDecision(simplePolicy({ name: 'remove-3', scalingAdjustment: -3 }), 8);
    const quarter = simpleScalingDecision(simplePolicy({ name: 'remove-25%', adjustmentType: 'PercentChangeInCapacity', scalingAdjustment: -25 }), 8);
    const winner = combineDecisions([three, quarter]);
    expect(winner?.policyName).toBe('remove-25%');
    expect(winner?.desiredCapacity).toBe(6);
  });
  it('scale-out beats scale-in: one policy +1, another −3 at 8 → 9', () => {
    const out = simpleScalingDecision(simplePolicy({ name: 'out', scalingAdjustment: 1 }), 8);
    const inn = simpleScalingDecision(simplePolicy({ name: 'in', scalingAdjustment: -3 }), 8);
    expect(combineDecisions([inn, out])?.desiredCapacity).toBe(9);
  });
  it('nothing to combine, or every policy holds → null', () => {
    expect(combineDecisions([])).toBeNull();
    expect(combineDecisions([holdDecision(targetTracking(), 4, 'no data')])).toBeNull();
  });
  it('ties go to the decision listed first', () => {
    const a = simpleScalingDecision(simplePolicy({ name: 'a', scalingAdjustment: 2 }), 4);
    const b = simpleScalingDecision(simplePolicy({ name: 'b', scalingAdjustment: 2 }), 4);
    expect(combineDecisions([a, b])?.policyName).toBe('a');
  });
  it('decisions from different capacities are a wiring bug and throw', () => {
    const a = simpleScalingDecision(simplePolicy(), 4);
    const b = simpleScalingDecision(simplePolicy(), 5);
    expect(() => combineDecisions([a, b])).toThrow(/different capacities/);
  });
});

describe('combineDecisions: target tracking out-if-any, in-if-all (AS-TT)', () => {
  const cpu = targetTracking({ name: 'cpu-50', targetValue: 50 });
  const requests = targetTracking({ name: 'requests-1000', metric: 'ALBRequestCountPerTarget', targetValue: 1000 });
  it('scale out if any policy wants to: CPU 75 at 4 → 6 while requests are low', () => {
    const winner = combineDecisions([targetTrackingDecision(cpu, 75, 4), targetTrackingDecision(requests, 500, 4)]);
    expect(winner?.policyName).toBe('cpu-50');
    expect(winner?.desiredCapacity).toBe(6);
  });
  it('scale in only if all agree, then the largest proposal: CPU 25 (→ 4) and requests 250 (→ 2) at 8 → 4', () => {
    const winner = combineDecisions([targetTrackingDecision(cpu, 25, 8), targetTrackingDecision(requests, 250, 8)]);
    expect(winner?.desiredCapacity).toBe(4);
  });
  it('one policy not ready (its hold) vetoes target-tracking scale-in', () => {
    const winner = combineDecisions([targetTrackingDecision(cpu, 25, 8), holdDecision(requests, 8, 'low alarm not in ALARM')]);
    expect(winner).toBeNull();
  });
  it('a policy with DisableScaleIn does not vote: the other one scales in alone', () => {
    const noScaleIn = targetTracking({ name: 'requests-1000', targetValue: 1000, disableScaleIn: true });
    const winner = combineDecisions([targetTrackingDecision(cpu, 25, 8), targetTrackingDecision(noScaleIn, 250, 8)]);
    expect(winner?.policyName).toBe('cpu-50');
    expect(winner?.desiredCapacity).toBe(4);
  });
  it('a step scale-in is not held back by target tracking (AS-DYN: may flip-flop)', () => {
    const step = stepPolicy({ name: 'step-in', stepAdjustments: [{ lowerBound: null, upperBound: 0, scalingAdjustment: -1 }] });
    const winner = combineDecisions([holdDecision(cpu, 8, 'not ready'), stepScalingDecision(step, 40, 8)]);
    expect(winner?.policyName).toBe('step-in');
    expect(winner?.desiredCapacity).toBe(7);
  });
});

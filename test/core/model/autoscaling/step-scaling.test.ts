/**
 * Step and simple scaling (AS-STEP https://docs.aws.amazon.com/autoscaling/ec2/userguide/as-scaling-simple-step.html;
 * aws-behaviour §6.4–§6.6): interval bounds relative to the threshold, the documented
 * walk-through 10 → 11 → 14 → 13 → 10, and warm-up turning repeated breaches into one activity.
 */
import { describe, expect, it } from 'vitest';
import { aggregateMetric, describeStep, selectStep, simpleScalingDecision, stepScalingDecision } from '../../../../core/model/autoscaling/step-scaling.ts';
import { AWS_SCALE_IN, AWS_SCALE_OUT, simplePolicy, stepPolicy } from './policies.ts';

const OUT = AWS_SCALE_OUT.stepAdjustments;
const IN = AWS_SCALE_IN.stepAdjustments;

describe('selectStep: bounds are relative to the threshold (50)', () => {
  it('above the threshold the lower bound is inclusive: 60 (= 50 + 10) takes [10, 20), not [0, 10)', () => {
    expect(selectStep(OUT, 60, 50)).toBe(OUT[1]);
  });
  it('above the threshold the upper bound is exclusive: 59.999 stays in [0, 10)', () => {
    expect(selectStep(OUT, 59.999, 50)).toBe(OUT[0]);
  });
  it('a null upper bound is +∞: 1000 takes [20, +∞)', () => {
    expect(selectStep(OUT, 1000, 50)).toBe(OUT[2]);
  });
  it('below the threshold the upper bound is inclusive: 40 (= 50 − 10) takes (−20, −10], not (−10, 0]', () => {
    expect(selectStep(IN, 40, 50)).toBe(IN[1]);
  });
  it('below the threshold the lower bound is exclusive: 30 (= 50 − 20) takes (−∞, −20], not (−20, −10]', () => {
    expect(selectStep(IN, 30, 50)).toBe(IN[2]);
  });
  it('a null lower bound is −∞: −1000 takes (−∞, −20]', () => {
    expect(selectStep(IN, -1000, 50)).toBe(IN[2]);
  });
  it('exactly at the threshold: [0, 10) for scale-out steps, (−10, 0] for scale-in steps', () => {
    expect(selectStep(OUT, 50, 50)).toBe(OUT[0]);
    expect(selectStep(IN, 50, 50)).toBe(IN[0]);
  });
  it('a metric on the other side of the threshold matches no step', () => {
    expect(selectStep(OUT, 49, 50)).toBeNull();
    expect(selectStep(IN, 51, 50)).toBeNull();
  });
  it('fractional bounds compare on the metric scale: 0.6 with threshold 0.5 takes [0.1, +∞)', () => {
    const steps = [
      { lowerBound: 0, upperBound: 0.1, scalingAdjustment: 1 },
      { lowerBound: 0.1, upperBound: null, scalingAdjustment: 3 },
    ];
    expect(selectStep(steps, 0.6, 0.5)).toBe(steps[1]);
  });
  it('describeStep shows the interval as the console does', () => {
    expect(OUT.map(describeStep)).toEqual(['[0, 10)', '[10, 20)', '[20, +∞)']);
    expect(IN.map(describeStep)).toEqual(['(-10, 0]', '(-20, -10]', '(-∞, -20]']);
  });
});

describe('aggregateMetric (MetricAggregationType, CFN-POL)', () => {
  it('Average, Minimum, Maximum of 40, 60, 80 → 60, 40, 80; no datapoints → null', () => {
    expect(aggregateMetric([40, 60, 80], 'Average')).toBe(60);
    expect(aggregateMetric([40, 60, 80], 'Minimum')).toBe(40);
    expect(aggregateMetric([40, 60, 80], 'Maximum')).toBe(80);
    expect(aggregateMetric([], 'Average')).toBeNull();
  });
});

describe('AS-STEP walk-through: capacity 10, threshold 50 %, ±10 % / ±30 % steps', () => {
  it('60 → +10 % of 10 = 1 → 11; 70 → +30 % of 11 = 3.3 → 3 → 14; 40 → −10 % of 14 = 1.4 → 1 → 13; 30 → −30 % of 13 = 3.9 → 3 → 10', () => {
    const history: number[] = [10];
    let capacity = 10;
    for (const [policy, metric] of [
      [AWS_SCALE_OUT, 60],
      [AWS_SCALE_OUT, 70],
      [AWS_SCALE_IN, 40],
      [AWS_SCALE_IN, 30],
    ] as const) {
      capacity = stepScalingDecision(policy, metric, capacity).desiredCapacity;
      history.push(capacity);
    }
    expect(history).toEqual([10, 11, 14, 13, 10]);
  });
  it('a metric in the 0 step ([0, 10) → 0 %) holds the capacity', () => {
    const d = stepScalingDecision(AWS_SCALE_OUT, 55, 10);
    expect(d.desiredCapacity).toBe(10);
    expect(d.fromCapacity).toBe(10);
  });
  it('the decision explains itself: step, adjustment and capacities', () => {
    expect(stepScalingDecision(AWS_SCALE_OUT, 70, 11).explanation).toBe(
      'metric 70 against threshold 50: step [20, +∞) +30 % from 11 gives 14; desired capacity 11 → 14',
    );
  });
});

describe('warm-up (AS-STEP "Instance warmup", AS-DIW)', () => {
  it('AS-STEP example: at 10, 60 → 11; 62 while the 11th warms → still 11 (one activity); 70 while it warms → 13 (+30 % of 10)', () => {
    const first = stepScalingDecision(AWS_SCALE_OUT, 60, 10, 0);
    expect(first.desiredCapacity).toBe(11);
    const repeat = stepScalingDecision(AWS_SCALE_OUT, 62, 11, 1);
    expect(repeat.desiredCapacity).toBe(11);
    const higher = stepScalingDecision(AWS_SCALE_OUT, 70, 11, 1);
    expect(higher.desiredCapacity).toBe(13);
  });
  it('scale-in by a policy waits while any instance warms up', () => {
    const d = stepScalingDecision(AWS_SCALE_IN, 30, 13, 2);
    expect(d.desiredCapacity).toBe(13);
    expect(d.explanation).toContain('scale-in waits while 2 instances warm up');
  });
  it('ExactCapacity ignores warming instances when scaling out: = 8 at 6 with 2 warming → 8', () => {
    const policy = stepPolicy({ adjustmentType: 'ExactCapacity', stepAdjustments: [{ lowerBound: 0, upperBound: null, scalingAdjustment: 8 }] });
    expect(stepScalingDecision(policy, 60, 6, 2).desiredCapacity).toBe(8);
  });
  it('no step covers the metric → hold, saying so', () => {
    const d = stepScalingDecision(AWS_SCALE_OUT, 40, 10);
    expect(d.desiredCapacity).toBe(10);
    expect(d.explanation).toContain('no step adjustment covers it');
  });
});

describe('simple scaling (AS-STEP, AS-COOL)', () => {
  it('applies its one adjustment to the desired capacity: +2 at 4 → 6; −25 % of 8 → 6', () => {
    expect(simpleScalingDecision(simplePolicy({ scalingAdjustment: 2 }), 4).desiredCapacity).toBe(6);
    expect(simpleScalingDecision(simplePolicy({ adjustmentType: 'PercentChangeInCapacity', scalingAdjustment: -25 }), 8).desiredCapacity).toBe(6);
  });
});

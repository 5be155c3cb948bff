/**
 * Policy builders for the Auto Scaling tests: resolved scenario policies with every field set,
 * so each test states only what it is about.
 */
import type { AlarmSpec, SimpleScalingPolicy, StepScalingPolicy, TargetTrackingPolicy } from '../../../../core/scenario/types.ts';

export function alarm(threshold: number, comparisonOperator: AlarmSpec['comparisonOperator'] = 'GreaterThanOrEqualToThreshold'): AlarmSpec {
  return {
    namespace: 'AWS/EC2',
    metric: 'CPUUtilization',
    statistic: 'Average',
    dimension: null,
    periodS: 60,
    evaluationPeriods: 1,
    datapointsToAlarm: 1,
    threshold,
    comparisonOperator,
    treatMissingData: 'missing',
  };
}

export function stepPolicy(overrides: Partial<StepScalingPolicy> = {}): StepScalingPolicy {
  return {
    type: 'StepScaling',
    name: 'steps',
    adjustmentType: 'ChangeInCapacity',
    minAdjustmentMagnitude: null,
    metricAggregationType: 'Average',
    estimatedInstanceWarmupS: 300,
    alarm: alarm(50),
    stepAdjustments: [{ lowerBound: 0, upperBound: null, scalingAdjustment: 1 }],
    ...overrides,
  };
}

/** AS-STEP's documented pair: scale out above 50 % CPU, scale in below it, at 10/20 points. */
export const AWS_SCALE_OUT = stepPolicy({
  name: 'scale-out',
  adjustmentType: 'PercentChangeInCapacity',
  alarm: alarm(50, 'GreaterThanOrEqualToThreshold'),
  stepAdjustments: [
    { lowerBound: 0, upperBound: 10, scalingAdjustment: 0 },
    { lowerBound: 10, upperBound: 20, scalingAdjustment: 10 },
    { lowerBound: 20, upperBound: null, scalingAdjustment: 30 },
  ],
});

export const AWS_SCALE_IN = stepPolicy({
  name: 'scale-in',
  adjustmentType: 'PercentChangeInCapacity',
  alarm: alarm(50, 'LessThanOrEqualToThreshold'),
  stepAdjustments: [
    { lowerBound: -10, upperBound: 0, scalingAdjustment: 0 },
    { lowerBound: -20, upperBound: -10, scalingAdjustment: -10 },
    { lowerBound: null, upperBound: -20, scalingAdjustment: -30 },
  ],
});

export function targetTracking(overrides: Partial<TargetTrackingPolicy> = {}): TargetTrackingPolicy {
  return {
    type: 'TargetTrackingScaling',
    name: 'cpu-50',
    metric: 'ASGAverageCPUUtilization',
    targetValue: 50,
    disableScaleIn: false,
    estimatedInstanceWarmupS: 300,
    ...overrides,
  };
}

export function simplePolicy(overrides: Partial<SimpleScalingPolicy> = {}): SimpleScalingPolicy {
  return {
    type: 'SimpleScaling',
    name: 'simple',
    adjustmentType: 'ChangeInCapacity',
    scalingAdjustment: 1,
    minAdjustmentMagnitude: null,
    cooldownS: 300,
    alarm: alarm(80),
    ...overrides,
  };
}

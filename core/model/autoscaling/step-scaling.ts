/**
 * Step and simple scaling: the alarm-driven policies (AS-STEP, CFN-POL; aws-behaviour §6.4–§6.6).
 *
 * A step scaling policy hangs off one CloudWatch alarm. When the alarm is in ALARM, Auto Scaling
 * aggregates the alarm's most recent datapoints (`MetricAggregationType`: Average, Minimum or
 * Maximum), measures how far the result lies from the alarm threshold, and applies the step
 * adjustment whose interval holds that distance. Bounds are relative to the threshold and null
 * means −∞ / +∞. Above the threshold an interval includes its lower bound and excludes its
 * upper one; below it, the other way round — so with steps [0, 10) and [10, +∞), a metric
 * exactly 10 above the threshold takes the second step, and with (−10, 0] and (−∞, −10], a
 * metric exactly 10 below takes the first.
 *
 * Warm-up (AS-STEP "Instance warmup", AS-DIW): instances still warming up do not count in the
 * current capacity while scaling out, so the adjustment is computed from the warmed capacity and
 * only the part beyond the desired capacity already set is added. At 10 instances, a breach at
 * 60 sets 11; a breach at 62 while the 11th warms proposes 10 + 1 = 11 again and does nothing;
 * one at 70 proposes 10 + 3 = 13 and adds 2. Repeated breaches in one step thus give one
 * activity. Scale-in by a policy waits until no instance is warming up.
 *
 * A simple scaling policy applies its one adjustment; its cooldown is the caller's business.
 */
import type { SimpleScalingPolicy, StepAdjustment, StepScalingPolicy } from '../../scenario/types.ts';
import { applyAdjustment, describeAdjustment } from './adjustment.ts';
import type { ScalingDecision } from './decision.ts';

export type MetricAggregationType = StepScalingPolicy['metricAggregationType'];

function inInterval(step: StepAdjustment, metricValue: number, threshold: number, aboveThreshold: boolean): boolean {
  const lower = step.lowerBound === null ? -Infinity : threshold + step.lowerBound;
  const upper = step.upperBound === null ? Infinity : threshold + step.upperBound;
  return aboveThreshold ? lower <= metricValue && metricValue < upper : lower < metricValue && metricValue <= upper;
}

/**
 * The step adjustment whose interval holds `metricValue`, with bounds relative to `threshold`
 * (null = ∓∞), or null if none does. Above the threshold intervals are [lower, upper); below it
 * (lower, upper]. A metric exactly at the threshold is matched as above first (a step starting
 * at 0), then as below (a step ending at 0).
 */
export function selectStep(steps: readonly StepAdjustment[], metricValue: number, threshold: number): StepAdjustment | null {
  if (metricValue >= threshold) {
    const above = steps.find((s) => inInterval(s, metricValue, threshold, true));
    if (above !== undefined || metricValue > threshold) return above ?? null;
  }
  return steps.find((s) => inInterval(s, metricValue, threshold, false)) ?? null;
}

/** The datapoints aggregated as `MetricAggregationType` says (CFN-POL), or null when there are none. */
export function aggregateMetric(values: readonly number[], aggregation: MetricAggregationType): number | null {
  if (values.length === 0) return null;
  switch (aggregation) {
    case 'Average':
      return values.reduce((sum, v) => sum + v, 0) / values.length;
    case 'Minimum':
      return Math.min(...values);
    case 'Maximum':
      return Math.max(...values);
  }
}

function bound(value: number | null, infinity: string): string {
  return value === null ? infinity : String(value);
}

/** `[10, 20)` above the threshold, `(-20, -10]` below it, as AWS's console shows intervals. */
export function describeStep(step: StepAdjustment): string {
  const lower = bound(step.lowerBound, '-∞');
  const upper = bound(step.upperBound, '+∞');
  const below = step.upperBound !== null && step.upperBound <= 0;
  return below ? `(${lower}, ${upper}]` : `[${lower}, ${upper})`;
}

/**
 * What a step scaling policy proposes when its alarm fires with `metricValue` (already
 * aggregated, see `aggregateMetric`). `currentCapacity` is the group's desired capacity;
 * `warmingCapacity` how many of those instances are still in their warm-up (default 0).
 * The proposal is unclamped; combine it with other policies' (`combineDecisions`), then clamp.
 */
export function stepScalingDecision(
  policy: StepScalingPolicy,
  metricValue: number,
  currentCapacity: number,
  warmingCapacity = 0,
): ScalingDecision {
  const threshold = policy.alarm.threshold;
  const decision = (desiredCapacity: number, explanation: string): ScalingDecision => ({
    policyName: policy.name,
    policyType: policy.type,
    disableScaleIn: false,
    fromCapacity: currentCapacity,
    desiredCapacity,
    explanation,
  });
  const step = selectStep(policy.stepAdjustments, metricValue, threshold);
  const where = `metric ${metricValue} against threshold ${threshold}`;
  if (step === null) return decision(currentCapacity, `${where}: no step adjustment covers it`);

  const adjustment = step.scalingAdjustment;
  const warming = Math.min(Math.max(0, warmingCapacity), currentCapacity);
  const scalesOut = policy.adjustmentType === 'ExactCapacity' ? adjustment > currentCapacity : adjustment > 0;
  const base = scalesOut && policy.adjustmentType !== 'ExactCapacity' ? currentCapacity - warming : currentCapacity;
  const proposed = applyAdjustment(policy.adjustmentType, adjustment, base, policy.minAdjustmentMagnitude);
  const how = `${where}: step ${describeStep(step)} ${describeAdjustment(policy.adjustmentType, adjustment)} from ${base}${base === currentCapacity ? '' : ` warmed (${warming} warming up)`} gives ${proposed}`;

  if (proposed > currentCapacity) return decision(proposed, `${how}; desired capacity ${currentCapacity} → ${proposed}`);
  if (proposed < currentCapacity && warming > 0) {
    return decision(currentCapacity, `${how}; scale-in waits while ${warming} instance${warming === 1 ? ' warms' : 's warm'} up`);
  }
  if (proposed < currentCapacity) return decision(proposed, `${how}; desired capacity ${currentCapacity} → ${proposed}`);
  return decision(currentCapacity, `${how}; desired capacity already ${currentCapacity}`);
}

/**
 * What a simple scaling policy proposes when its alarm fires: its one adjustment applied to the
 * desired capacity. The caller holds further alarms until the activity ends and the cooldown
 * (`policy.cooldownS`) has passed (AS-COOL).
 */
export function simpleScalingDecision(policy: SimpleScalingPolicy, currentCapacity: number): ScalingDecision {
  const proposed = applyAdjustment(policy.adjustmentType, policy.scalingAdjustment, currentCapacity, policy.minAdjustmentMagnitude);
  return {
    policyName: policy.name,
    policyType: policy.type,
    disableScaleIn: false,
    fromCapacity: currentCapacity,
    desiredCapacity: proposed,
    explanation: `${describeAdjustment(policy.adjustmentType, policy.scalingAdjustment)} from ${currentCapacity} gives ${proposed}`,
  };
}

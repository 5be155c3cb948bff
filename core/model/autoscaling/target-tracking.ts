/**
 * Target tracking: keep a metric at a target value by sizing the group in proportion to
 * metric / target (AS-TT, CFN-POL; aws-behaviour §6.4, §6.7).
 *
 * AWS documents the rounding only by example: a computed change of +1.5 instances becomes +2
 * when scaling out, and −1.5 becomes −1 when scaling in, so a small group can sit visibly off
 * its target. The model here is the one aws-behaviour §6.7 infers from that text: the capacity
 * that would bring the metric to the target at today's load is `current × metric / target`;
 * scaling out rounds it up (`ceil`), and scaling in removes only whole instances that still keep
 * the metric at or below the target — which is also `ceil` of the same number, since current
 * − floor(current − needed) = ceil(needed). The policy only scales out when the metric is above
 * the target and only scales in when it is below.
 *
 * Floors: the result never goes below 1 for a group that has instances, because a proportional
 * policy has nothing to say about an empty group's metric. The one exception is a metric that
 * is exactly 0 with `allowZero` set: AWS says metrics that emit real zeros
 * (ALBRequestCountPerTarget) can take a group to 0 when MinSize is 0 — pass `allowZero` for
 * those. A group at 0 scales out to `ceil(metric / target)` when the metric exceeds the target
 * and otherwise stays at 0 [inferred: the per-target metric of an empty group is its total].
 *
 * Warm-up as for step scaling (AS-DIW): scaling out is computed from the warmed capacity (the
 * metric itself excludes warming instances) and only raises the desired capacity; scaling in
 * waits until no instance is warming up.
 */
import type { TargetTrackingPolicy } from '../../scenario/types.ts';
import type { ScalingDecision } from './decision.ts';

export { combineDecisions, holdDecision } from './decision.ts';
export type { ScalingDecision } from './decision.ts';

export interface TargetTrackingOptions {
  /** AWS `DisableScaleIn`: never propose less than `current`. */
  disableScaleIn: boolean;
  /** Allow a metric of exactly 0 to propose 0 instances (metrics that emit real zeros). Default false. */
  allowZero?: boolean;
}

/** Slack so that 3 × 0.7 / 0.35 counts as 6, not 6.000000000000001 → 7. */
const CEIL_EPSILON = 1e-9;

function ceilTolerant(x: number): number {
  return Math.ceil(x - CEIL_EPSILON);
}

/**
 * The desired capacity (unclamped) that target tracking proposes for a group of `current`
 * instances whose metric is `metric` against `targetValue`: ceil(current × metric / target),
 * only upward when metric > target, only downward when metric < target (and scale-in enabled),
 * never below 1 unless `allowZero` and metric is exactly 0.
 */
export function targetTrackingDesired(current: number, metric: number, targetValue: number, options: TargetTrackingOptions): number {
  if (current <= 0) return metric > targetValue ? ceilTolerant(metric / targetValue) : current;
  if (metric > targetValue) return Math.max(current, ceilTolerant((current * metric) / targetValue));
  if (metric === targetValue || options.disableScaleIn) return current;
  if (metric <= 0) return metric === 0 && options.allowZero === true ? 0 : 1;
  return Math.max(1, Math.min(current, ceilTolerant((current * metric) / targetValue)));
}

/**
 * What a target-tracking policy proposes when one of its alarms fires with `metric` (the group
 * metric over instances past their warm-up). `currentCapacity` is the desired capacity,
 * `warmingCapacity` how many instances are still warming up. Unclamped; see `combineDecisions`.
 */
export function targetTrackingDecision(
  policy: TargetTrackingPolicy,
  metric: number,
  currentCapacity: number,
  warmingCapacity = 0,
  allowZero = false,
): ScalingDecision {
  const target = policy.targetValue;
  const decision = (desiredCapacity: number, explanation: string): ScalingDecision => ({
    policyName: policy.name,
    policyType: policy.type,
    disableScaleIn: policy.disableScaleIn,
    fromCapacity: currentCapacity,
    desiredCapacity,
    explanation,
  });
  const options = { disableScaleIn: policy.disableScaleIn, allowZero };
  const warming = Math.min(Math.max(0, warmingCapacity), currentCapacity);
  if (metric > target) {
    const warmed = currentCapacity - warming;
    const proposed = targetTrackingDesired(warmed, metric, target, options);
    const how = `metric ${metric} above target ${target}: ${warmed}${warming > 0 ? ` warmed (${warming} warming up)` : ''} × ${metric} / ${target} needs ${proposed}`;
    return proposed > currentCapacity
      ? decision(proposed, `${how}; desired capacity ${currentCapacity} → ${proposed}`)
      : decision(currentCapacity, `${how}; desired capacity already ${currentCapacity}`);
  }
  if (metric === target) return decision(currentCapacity, `metric ${metric} at target ${target}`);
  if (policy.disableScaleIn) return decision(currentCapacity, `metric ${metric} below target ${target}; scale-in disabled`);
  if (warming > 0) return decision(currentCapacity, `metric ${metric} below target ${target}; scale-in waits while ${warming} instance${warming === 1 ? ' warms' : 's warm'} up`);
  const proposed = targetTrackingDesired(currentCapacity, metric, target, options);
  const how = `metric ${metric} below target ${target}: ${currentCapacity} × ${metric} / ${target} needs ${proposed}`;
  return proposed < currentCapacity
    ? decision(proposed, `${how}; desired capacity ${currentCapacity} → ${proposed}`)
    : decision(currentCapacity, `${how}; no whole instance can go`);
}

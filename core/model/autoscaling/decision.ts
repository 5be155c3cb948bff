/**
 * What a scaling policy proposes, and how EC2 Auto Scaling settles several proposals at once
 * (AS-DYN "Multiple dynamic scaling policies", AS-TT; aws-behaviour §6.7, §6.8).
 *
 * Each policy evaluated at an instant proposes a desired capacity; proposing the current one
 * means "hold". When several policies are evaluated together, Auto Scaling chooses the one that
 * gives the largest capacity, whether scaling out or in: +1 (CPU) against +2 (queue depth) adds
 * 2; at 8 instances "remove 3" against "remove 25 %" (2) removes 2. Target tracking adds one
 * rule of its own: the group scales out if any policy wants to, but target tracking scales in
 * only when every target-tracking policy with scale-in enabled is ready to. A step or simple
 * policy's scale-in is not held back by target tracking (AS-DYN warns this can flip-flop).
 */
import type { ScalingPolicy } from '../../scenario/types.ts';

export interface ScalingDecision {
  policyName: string;
  policyType: ScalingPolicy['type'];
  /** Target tracking: the policy never removes capacity. False for step and simple policies. */
  disableScaleIn: boolean;
  /** The group's desired capacity when the policy was evaluated. */
  fromCapacity: number;
  /** The desired capacity the policy proposes, not yet clamped to [MinSize, MaxSize]; `fromCapacity` means hold. */
  desiredCapacity: number;
  /** How the proposal was reached, for debugging and tests (not AWS's activity wording). */
  explanation: string;
}

/** A decision that holds the capacity: for a policy evaluated but not acting (no data, alarm not firing, warm-up). */
export function holdDecision(policy: ScalingPolicy, fromCapacity: number, explanation: string): ScalingDecision {
  return {
    policyName: policy.name,
    policyType: policy.type,
    disableScaleIn: policy.type === 'TargetTrackingScaling' && policy.disableScaleIn,
    fromCapacity,
    desiredCapacity: fromCapacity,
    explanation,
  };
}

function largest(decisions: readonly ScalingDecision[]): ScalingDecision | null {
  let best: ScalingDecision | null = null;
  for (const d of decisions) if (best === null || d.desiredCapacity > best.desiredCapacity) best = d;
  return best;
}

/**
 * The decision that wins among those of the policies evaluated at one instant, or null if the
 * group should hold. All decisions must share the same `fromCapacity`.
 *
 * - Scale out if any policy wants to; the largest proposed capacity wins.
 * - Otherwise scale in with the largest of the proposed smaller capacities (the fewest removed),
 *   counting a target-tracking proposal only if every target-tracking policy with scale-in
 *   enabled proposes to scale in. Pass a hold decision for a target-tracking policy that is not
 *   ready (its low alarm not in ALARM, or no data), so that it can veto.
 * - Ties go to the decision listed first.
 */
export function combineDecisions(decisions: readonly ScalingDecision[]): ScalingDecision | null {
  const first = decisions[0];
  if (first === undefined) return null;
  const from = first.fromCapacity;
  if (decisions.some((d) => d.fromCapacity !== from)) {
    throw new Error(`combineDecisions: decisions evaluated at different capacities (${decisions.map((d) => d.fromCapacity).join(', ')})`);
  }
  const out = largest(decisions.filter((d) => d.desiredCapacity > from));
  if (out !== null) return out;
  const voters = decisions.filter((d) => d.policyType === 'TargetTrackingScaling' && !d.disableScaleIn);
  const trackingAgrees = voters.every((d) => d.desiredCapacity < from);
  const scaleIn = decisions.filter((d) => d.desiredCapacity < from && (d.policyType !== 'TargetTrackingScaling' || trackingAgrees));
  return largest(scaleIn);
}

/**
 * Scaling adjustments: how a policy's `ScalingAdjustment` and `AdjustmentType` turn the current
 * capacity into a new desired capacity (AS-STEP "Scaling adjustment types", CFN-POL;
 * aws-behaviour §6.6).
 *
 * - `ChangeInCapacity` adds the adjustment (±n instances).
 * - `ExactCapacity` sets the capacity to the adjustment.
 * - `PercentChangeInCapacity` changes the capacity by a percentage of the current capacity. The
 *   result is rarely whole, and AWS rounds it so that a non-zero adjustment always does
 *   something: a change greater than 1 is rounded down (12.7 → 12), one between 0 and 1 becomes
 *   1, one between −1 and 0 becomes −1, and one below −1 is rounded toward zero (−6.67 → −6).
 *   `MinAdjustmentMagnitude` then sets a floor on the size of the change (25 % of 4 = 1, but with
 *   a magnitude of 2 the group grows by 2).
 *
 * The result is not clamped: a policy's proposal is compared with other policies' first, and
 * `clampCapacity` applies the group's [MinSize, MaxSize] last (AS-CAP).
 */
import type { AdjustmentType } from '../../scenario/types.ts';

/**
 * Floating-point slack for "is this a whole number": 14 × 10 / 100 must be 1.4 and 11 × 30 /
 * 100 must be 3.3, never 3.2999…, so values this close to an integer are taken as that integer.
 */
const WHOLE_EPSILON = 1e-9;

/**
 * AWS's rounding of a fractional change in capacity (AS-STEP): > 1 rounds down, (0, 1] → 1,
 * [−1, 0) → −1, < −1 rounds toward zero. Exactly 0 stays 0.
 */
export function roundPercentChange(change: number): number {
  if (change === 0) return 0;
  const nearest = Math.round(change);
  if (Math.abs(change - nearest) < WHOLE_EPSILON) return nearest === 0 ? Math.sign(change) : nearest;
  if (change > 1) return Math.floor(change);
  if (change > 0) return 1;
  if (change >= -1) return -1;
  return Math.ceil(change);
}

/**
 * The signed change in capacity that a `PercentChangeInCapacity` adjustment of `percent` makes
 * at `currentCapacity`, rounded as AWS rounds it and raised to `minAdjustmentMagnitude`.
 *
 * A group at 0 has no capacity to take a percentage of: the change is 0 unless a
 * `minAdjustmentMagnitude` is set, in which case it is that magnitude in the direction of the
 * adjustment [inferred: AWS does not document percent changes of an empty group].
 */
export function percentChange(percent: number, currentCapacity: number, minAdjustmentMagnitude: number | null): number {
  if (percent === 0) return 0;
  const change = roundPercentChange((currentCapacity * percent) / 100);
  const magnitude = minAdjustmentMagnitude ?? 0;
  if (Math.abs(change) < magnitude) return Math.sign(percent) * magnitude;
  return change;
}

/**
 * The new desired capacity (unclamped) after applying `adjustment` of `type` to
 * `currentCapacity`. `minAdjustmentMagnitude` applies to `PercentChangeInCapacity` only and is
 * ignored for the other types, as in AWS.
 */
export function applyAdjustment(
  type: AdjustmentType,
  adjustment: number,
  currentCapacity: number,
  minAdjustmentMagnitude: number | null,
): number {
  switch (type) {
    case 'ChangeInCapacity':
      return currentCapacity + adjustment;
    case 'ExactCapacity':
      return adjustment;
    case 'PercentChangeInCapacity':
      return currentCapacity + percentChange(adjustment, currentCapacity, minAdjustmentMagnitude);
  }
}

/** `desired` held within the group's [minSize, maxSize] (AS-CAP). */
export function clampCapacity(desired: number, minSize: number, maxSize: number): number {
  return Math.min(maxSize, Math.max(minSize, desired));
}

/** How an adjustment reads in an explanation: `+3`, `-10 %`, `= 8`. */
export function describeAdjustment(type: AdjustmentType, adjustment: number): string {
  const signed = adjustment > 0 ? `+${adjustment}` : adjustment < 0 ? `-${-adjustment}` : '0';
  switch (type) {
    case 'ChangeInCapacity':
      return signed;
    case 'ExactCapacity':
      return `= ${adjustment}`;
    case 'PercentChangeInCapacity':
      return `${signed} %`;
  }
}

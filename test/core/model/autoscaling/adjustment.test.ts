/**
 * Scaling adjustment types and AWS's rounding of percentage changes
 * (AS-STEP https://docs.aws.amazon.com/autoscaling/ec2/userguide/as-scaling-simple-step.html,
 * "Scaling adjustment types"; aws-behaviour §6.6).
 */
import { describe, expect, it } from 'vitest';
import { applyAdjustment, clampCapacity, percentChange, roundPercentChange } from '../../../../core/model/autoscaling/adjustment.ts';

describe('roundPercentChange (AS-STEP)', () => {
  it('a change greater than 1 is rounded down: 12.7 → 12', () => {
    expect(roundPercentChange(12.7)).toBe(12);
  });
  it('a change between 0 and 1 becomes 1: 0.2 → 1, 1 → 1', () => {
    expect(roundPercentChange(0.2)).toBe(1);
    expect(roundPercentChange(1)).toBe(1);
  });
  it('a change between −1 and 0 becomes −1: −0.4 → −1', () => {
    expect(roundPercentChange(-0.4)).toBe(-1);
  });
  it('a change below −1 is rounded toward zero: −6.67 → −6', () => {
    expect(roundPercentChange(-6.67)).toBe(-6);
  });
  it('whole changes stay whole despite floating point: 3 × 0.1 × 10 → 3, not 2', () => {
    expect(roundPercentChange(0.1 * 3 * 10)).toBe(3);
  });
});

describe('applyAdjustment', () => {
  it('ChangeInCapacity adds: 4 + 3 → 7, 4 − 6 → −2 (unclamped)', () => {
    expect(applyAdjustment('ChangeInCapacity', 3, 4, null)).toBe(7);
    expect(applyAdjustment('ChangeInCapacity', -6, 4, null)).toBe(-2);
  });
  it('ExactCapacity sets: 4 → 8, and ignores MinAdjustmentMagnitude', () => {
    expect(applyAdjustment('ExactCapacity', 8, 4, 5)).toBe(8);
  });
  it('PercentChangeInCapacity: +30 % of 11 = 3.3 → +3 → 14; −10 % of 14 = −1.4 → −1 → 13', () => {
    expect(applyAdjustment('PercentChangeInCapacity', 30, 11, null)).toBe(14);
    expect(applyAdjustment('PercentChangeInCapacity', -10, 14, null)).toBe(13);
  });
  it('MinAdjustmentMagnitude (AS-STEP example): +25 % of 4 = 1, magnitude 2 → +2 → 6', () => {
    expect(applyAdjustment('PercentChangeInCapacity', 25, 4, 2)).toBe(6);
  });
  it('MinAdjustmentMagnitude applies to scale-in too: −10 % of 5 = −0.5 → −1, magnitude 2 → −2', () => {
    expect(applyAdjustment('PercentChangeInCapacity', -10, 5, 2)).toBe(3);
  });
  it('MinAdjustmentMagnitude does not shrink a larger change: +50 % of 10 with magnitude 2 → +5', () => {
    expect(applyAdjustment('PercentChangeInCapacity', 50, 10, 2)).toBe(15);
  });
  it('a percentage of an empty group is 0 unless MinAdjustmentMagnitude is set [inferred]', () => {
    expect(percentChange(50, 0, null)).toBe(0);
    expect(percentChange(50, 0, 1)).toBe(1);
  });
  it('a 0 % adjustment changes nothing, even with MinAdjustmentMagnitude', () => {
    expect(applyAdjustment('PercentChangeInCapacity', 0, 10, 2)).toBe(10);
  });
});

describe('clampCapacity (AS-CAP)', () => {
  it('holds the desired capacity within [min, max]: 2..10 clamps −2 → 2, 14 → 10, 7 → 7', () => {
    expect(clampCapacity(-2, 2, 10)).toBe(2);
    expect(clampCapacity(14, 2, 10)).toBe(10);
    expect(clampCapacity(7, 2, 10)).toBe(7);
  });
});

import { describe, expect, it } from 'vitest';
import { formatDelta, formatNumber, formatPercent, formatWithUnit } from '../../../web/format/numbers.ts';

describe('number formatting', () => {
  it('groups thousands and limits decimals; an empty value is a dash', () => {
    expect(formatNumber(1234.567)).toBe('1,234.57');
    expect(formatNumber(12, 0)).toBe('12');
    expect(formatNumber(Number.NaN)).toBe('–');
  });
  it('puts units after values, percent without a space', () => {
    expect(formatWithUnit(12.5, 'ms', 1)).toBe('12.5 ms');
    expect(formatWithUnit(40, '%')).toBe('40%');
    expect(formatWithUnit(Number.NaN, 'ms')).toBe('–');
  });
  it('fractions as percentages', () => {
    expect(formatPercent(0.473)).toBe('47%');
  });
  it('deltas are signed, with the relative change', () => {
    expect(formatDelta(100, 110)).toBe('+10.00 (+10.0%)');
    expect(formatDelta(100, 90)).toBe('−10.00 (−10.0%)');
    expect(formatDelta(5, 5)).toBe('±0');
    expect(formatDelta(0, 3)).toBe('+3.00');
  });
});

import { describe, expect, it } from 'vitest';
import { clockTickFormat, clockTickStep, clockTicks, formatClock, formatDuration } from '../../../web/format/clock.ts';

describe('formatClock', () => {
  it('shows simulated seconds as hh:mm from a 00:00 start', () => {
    expect(formatClock(0)).toBe('00:00');
    expect(formatClock(3725)).toBe('01:02');
    expect(formatClock(3725, true)).toBe('01:02:05');
  });
  it('does not wrap at midnight: 90 000 s is 25:00', () => {
    expect(formatClock(90_000)).toBe('25:00');
  });
  it('truncates fractions of a second and marks non-numbers', () => {
    expect(formatClock(59.999, true)).toBe('00:00:59');
    expect(formatClock(Number.NaN)).toBe('--:--');
  });
});

describe('formatDuration', () => {
  it('reads as words', () => {
    expect(formatDuration(45)).toBe('45 s');
    expect(formatDuration(5400)).toBe('1 h 30 min');
    expect(formatDuration(7200)).toBe('2 h');
    expect(formatDuration(90)).toBe('1 min 30 s');
  });
});

describe('clock ticks', () => {
  it('2 h run, at most 8 ticks: every 15 minutes (9 ticks counting 00:00)', () => {
    expect(clockTickStep(7200, 8)).toBe(900);
    const ticks = clockTicks(0, 7200, 8);
    expect(ticks[0]).toBe(0);
    expect(ticks[ticks.length - 1]).toBe(7200);
    expect(ticks).toHaveLength(9);
  });
  it('10 min run, at most 6 ticks: every 2 minutes', () => {
    expect(clockTicks(0, 600, 6)).toEqual([0, 120, 240, 360, 480, 600]);
  });
  it('a 3 day run falls back to whole days', () => {
    expect(clockTickStep(3 * 86400, 4)).toBe(86400);
  });
  it('labels carry seconds only below a one-minute step', () => {
    expect(clockTickFormat(30)(90)).toBe('00:01:30');
    expect(clockTickFormat(300)(5400)).toBe('01:30');
  });
});

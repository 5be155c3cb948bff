/**
 * Durations (contract section 1): seconds or a number with `ms`, `s`, `m`, `h` or `d`; never
 * negative. The CLI's `--vary` reuses these functions, so they are tested on their own too.
 */
import { describe, expect, it } from 'vitest';
import { formatDuration, isDuration, parseDuration, resolveDuration } from '../../../core/scenario/duration.ts';
import { errorOf, minimalWith, scenarioOf } from './helpers.ts';

describe('resolveDuration', () => {
  it.each([
    [30, 30],
    [0.25, 0.25],
    ['250ms', 0.25],
    ['100ms', 0.1],
    ['30s', 30],
    ['1.5m', 90],
    ['5m', 300],
    ['2h', 7200],
    ['1d', 86400],
    ['.5s', 0.5],
    ['45', 45],
    [' 10s ', 10],
    ['0s', 0],
    ['1e3ms', 1],
  ])('%j is %d seconds', (text, seconds) => {
    expect(resolveDuration(text)).toBe(seconds);
  });

  it.each([
    ['-5s', '-5s: a duration cannot be negative'],
    [-1, '-1s: a duration cannot be negative'],
    ['5 minutes', '`5 minutes` is not a duration; use seconds or a number with a unit: 250ms, 30s, 5m, 2h, 1d'],
    ['5mn', '`5mn` is not a duration'],
    ['', 'an empty string is not a duration'],
    ['h', '`h` is not a duration'],
  ])('%j is refused: %s', (text, message) => {
    expect(() => resolveDuration(text)).toThrow(RangeError);
    expect(() => resolveDuration(text)).toThrow(message);
  });

  it('infinite and non-numeric inputs are refused without throwing from parseDuration', () => {
    expect(parseDuration(Infinity)).toEqual({ ok: false, message: 'Infinity is not a finite duration' });
    expect(parseDuration(true)).toMatchObject({ ok: false });
    expect(parseDuration([1])).toMatchObject({ ok: false, message: expect.stringContaining('got a list') });
    expect(isDuration('3h')).toBe(true);
    expect(isDuration('3x')).toBe(false);
  });
});

describe('formatDuration', () => {
  it.each([
    [0.25, '250ms'],
    [0.1, '100ms'],
    [0, '0s'],
    [30, '30s'],
    [90, '90s'],
    [300, '5m'],
    [7200, '2h'],
    [86400, '1d'],
    [3601, '3601s'],
  ])('%d seconds reads as %s', (seconds, text) => {
    expect(formatDuration(seconds)).toBe(text);
  });

  it('round-trips through resolveDuration', () => {
    for (const s of [0.001, 0.25, 1, 59, 60, 61, 3600, 5400, 86400]) expect(resolveDuration(formatDuration(s))).toBe(s);
  });
});

describe('durations in a scenario', () => {
  it('every unit works in the file, and a bare number is seconds', () => {
    expect(scenarioOf('name: t\nduration: 1d\nzones: [a, b]\nperiod: 1m\n')).toMatchObject({ durationS: 86400, periodS: 60 });
    expect(scenarioOf('name: t\nduration: 600\nzones: [a, b]\n').durationS).toBe(600);
  });

  it('a negative duration is an error naming the key', () => {
    expect(errorOf(minimalWith('loadBalancer: { idleTimeout: -30s }\n'))).toBe(
      'scenarios/x.yaml:4:30: loadBalancer.idleTimeout: -30s: a duration cannot be negative',
    );
  });

  it('a unit the contract does not know is an error listing the units', () => {
    expect(errorOf(minimalWith('loadBalancer: { idleTimeout: 2min }\n'))).toContain(
      'loadBalancer.idleTimeout: `2min` is not a duration; use seconds or a number with a unit: 250ms, 30s, 5m, 2h, 1d',
    );
  });
});

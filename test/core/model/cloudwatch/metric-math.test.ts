/**
 * Metric math in alarms (CW-MATH): the arithmetic subset, missing data, and the messages a user
 * sees for a bad expression.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compileMetricMath } from '../../../../core/model/cloudwatch/metric-math.ts';

describe('metric math expressions', () => {
  it("AWS's error-rate example: 100 * errors / requests", () => {
    const f = compileMetricMath('100 * m1 / m2', ['m1', 'm2']);
    expect(f([5, 200])).toBe(2.5);
  });

  it('precedence, parentheses and unary minus', () => {
    const f = compileMetricMath('-(a + b) * 2 - c / 4', ['a', 'b', 'c']);
    expect(f([1, 2, 8])).toBe(-8);
    expect(compileMetricMath('a - b - c', ['a', 'b', 'c'])([10, 3, 2])).toBe(5);
  });

  it('a metric without a datapoint makes the result missing; FILL gives it a value', () => {
    expect(compileMetricMath('m1 + m2', ['m1', 'm2'])([1, null])).toBeNull();
    expect(compileMetricMath('FILL(m1, 0) + m2', ['m1', 'm2'])([null, 7])).toBe(7);
    expect(compileMetricMath('FILL(m1, -1)', ['m1'])([null])).toBe(-1);
  });

  it('a division by zero is missing, not Infinity', () => {
    expect(compileMetricMath('m1 / m2', ['m1', 'm2'])([1, 0])).toBeNull();
  });

  it('property: a sum of ids equals the sum of their values; any missing value makes it missing', () => {
    fc.assert(
      fc.property(fc.array(fc.option(fc.integer({ min: -1000, max: 1000 }), { nil: null }), { minLength: 1, maxLength: 6 }), (values) => {
        const ids = values.map((_, i) => `m${i}`);
        const f = compileMetricMath(ids.join(' + '), ids);
        const expected = values.some((v) => v === null) ? null : values.reduce<number>((s, v) => s + v!, 0);
        expect(f(values)).toBe(expected);
      }),
    );
  });

  it.each([
    ['m1 + m3', /`m3` in `m1 \+ m3` is not the id of one of this alarm's metrics \(m1, m2\)/],
    ['m1 +', /ends where a value was expected/],
    ['(m1 + m2', /expected `\)` at the end/],
    ['m1 % m2', /`%` is not allowed in a metric math expression/],
    ['m1 m2', /unexpected `m2`/],
  ])('%s is rejected with a clear message', (expression, message) => {
    expect(() => compileMetricMath(expression, ['m1', 'm2'])).toThrow(message);
  });
});

/**
 * Request rates over time (contract section 1, `traffic.rate`): either one number of requests
 * per second, or a piecewise-linear schedule of `[time, rate]` points, held before its first
 * and after its last point. A constant rate becomes the single point `[0, rate]`, so the
 * simulator only ever sees a schedule.
 */
import * as z from 'zod';
import type { RatePoint } from './types.ts';
import { formatDuration, formatInput, parseDuration } from './duration.ts';
import { LIMITS, limitText } from './limits.ts';
import { describe, fail } from './values.ts';

const HELP = 'give a number of requests per second, or a list of [time, rate] points such as [[0s, 100], [30m, 600]]';

function readRate(value: unknown): number | string {
  if (typeof value !== 'number' || !Number.isFinite(value)) return `expected a rate in requests per second, got ${describe(value)}`;
  if (value < 0) return `${value} is too small; a rate cannot be negative`;
  if (value > LIMITS.peakRate.max) return `${value} requests/s is too large for ${LIMITS.peakRate.what}; ${limitText('peakRate')}`;
  return value;
}

/** `traffic.rate`: a number or a list of `[duration, rate]` pairs with increasing times. */
export function rateSchedule() {
  return z.unknown().transform((value, ctx): RatePoint[] => {
    if (value === undefined) return fail(ctx, `required key is missing; ${HELP}`);
    if (!Array.isArray(value)) {
      const rate = readRate(value);
      return typeof rate === 'string' ? fail(ctx, `${rate}; ${HELP}`) : [[0, rate]];
    }
    if (value.length === 0) return fail(ctx, `an empty schedule; ${HELP}`);
    if (value.length > LIMITS.ratePoints.max) return fail(ctx, `a schedule of ${value.length} points is too long; ${limitText('ratePoints')}`);
    const points: RatePoint[] = [];
    let ok = true;
    value.forEach((pair: unknown, i) => {
      const point = readPoint(pair, i, ctx);
      if (!point) {
        ok = false;
        return;
      }
      const previous = points[points.length - 1];
      if (previous && point[0] <= previous[0]) {
        ok = false;
        const when = formatInput((pair as unknown[])[0]);
        ctx.addIssue({ code: 'custom', path: [i, 0], message: `${when} is not after the previous point (${formatDuration(previous[0])}); times must increase strictly` });
      }
      points.push(point);
    });
    return ok ? points : z.NEVER;
  });
}

function readPoint(pair: unknown, i: number, ctx: z.RefinementCtx): RatePoint | undefined {
  if (!Array.isArray(pair) || pair.length !== 2) {
    ctx.addIssue({ code: 'custom', path: [i], message: `expected a [time, rate] pair, got ${describe(pair)}${Array.isArray(pair) ? ` of ${pair.length}` : ''}` });
    return undefined;
  }
  const time = parseDuration(pair[0]);
  const rate = readRate(pair[1]);
  if (!time.ok) ctx.addIssue({ code: 'custom', path: [i, 0], message: time.message });
  if (typeof rate === 'string') ctx.addIssue({ code: 'custom', path: [i, 1], message: rate });
  if (!time.ok || typeof rate !== 'number') return undefined;
  // A pair already in seconds is kept as it is (a long schedule's points are not copied again).
  return pair[0] === time.seconds && pair[1] === rate ? (pair as unknown as RatePoint) : [time.seconds, rate];
}

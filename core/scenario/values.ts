/**
 * The scalar value types of a scenario file (contract section 1) as zod schemas: durations,
 * whole numbers, numbers, text, true/false and fixed choices, each with its allowed range.
 *
 * Every check writes its own message in the user's terms ("3s is out of range; allowed 5s to
 * 300s (AWS HealthCheckIntervalSeconds)"), because zod's stock messages speak of types, not of
 * load balancers. A missing key reaches the check as `undefined` and is reported as missing;
 * wrap a schema in `.optional()` or `.default(x)` to make the key optional.
 */
import * as z from 'zod';
import { parseDuration, formatInput } from './duration.ts';
import { LIMITS, limitText, type LimitName } from './limits.ts';
import { didYouMean, listAllowed } from './suggest.ts';

export const MISSING = 'required key is missing';

/** The allowed range of a number or duration, and the AWS parameter it mirrors. */
export interface Bounds {
  /** Inclusive lower bound. */
  min?: number;
  /** Inclusive upper bound. */
  max?: number;
  /** Exclusive lower bound ("more than"). */
  above?: number;
  /** AWS parameter name quoted in range messages. */
  aws?: string;
  /** A further rule: returns a message when the value (shown to the user as `shown`) is not allowed. */
  rule?: (value: number, shown: string) => string | undefined;
  /** A limit of limits.ts bounding the value from above (when `max` does not), named with its reason. */
  limit?: LimitName;
}

type Ctx = z.RefinementCtx;

/** Adds a custom issue and returns zod's NEVER marker, for use inside transforms. */
export function fail(ctx: Ctx, message: string, params?: Record<string, unknown>): never {
  ctx.addIssue({ code: 'custom', message, ...(params ? { params } : {}) });
  return z.NEVER;
}

/** How a value reads in a message: `text` in backticks, numbers bare, containers by kind. */
export function describe(value: unknown): string {
  if (value === undefined || value === null) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return value === '' ? 'an empty string' : `\`${value}\``;
  return String(value);
}

function awsSuffix(bounds: Bounds): string {
  return bounds.aws ? ` (AWS ${bounds.aws})` : '';
}

/** The range message for `shown`, or undefined when `value` is within `bounds`. */
export function checkBounds(value: number, shown: string, bounds: Bounds, unit: string): string | undefined {
  const { min, max, above, limit } = bounds;
  if (limit !== undefined && max === undefined && value > LIMITS[limit].max) return `${shown} is too large for ${LIMITS[limit].what}; ${limitText(limit)}`;
  const fmt = (n: number) => `${n}${unit}`;
  const aws = awsSuffix(bounds);
  const low = (min !== undefined && value < min) || (above !== undefined && value <= above);
  const high = max !== undefined && value > max;
  if (low || high) {
    if (min !== undefined && max !== undefined) return `${shown} is out of range; allowed ${fmt(min)} to ${fmt(max)}${aws}`;
    if (above !== undefined && max !== undefined) return `${shown} is out of range; allowed more than ${fmt(above)} up to ${fmt(max)}${aws}`;
    if (min !== undefined) return `${shown} is too small; allowed ${fmt(min)} or more${aws}`;
    if (above !== undefined) return `${shown} is too small; must be more than ${fmt(above)}${aws}`;
    return `${shown} is too large; allowed up to ${fmt(max!)}${aws}`;
  }
  return bounds.rule?.(value, shown);
}

/**
 * A duration in seconds: a number of seconds or text with a unit. Without a `max` or a `limit`
 * it is bounded by the `anyDurationS` limit, so no duration can make an event time infinite.
 */
export function duration(bounds: Bounds = {}) {
  const bounded: Bounds = bounds.max === undefined && bounds.limit === undefined ? { ...bounds, limit: 'anyDurationS' } : bounds;
  return z.unknown().transform((value, ctx): number => {
    if (value === undefined) return fail(ctx, MISSING);
    const result = parseDuration(value);
    if (!result.ok) return fail(ctx, result.message);
    const problem = checkBounds(result.seconds, formatInput(value), bounded, 's');
    return problem ? fail(ctx, problem) : result.seconds;
  });
}

/** A number (YAML int or float). */
export function number(bounds: Bounds = {}) {
  return z.unknown().transform((value, ctx): number => {
    if (value === undefined) return fail(ctx, MISSING);
    if (typeof value !== 'number' || Number.isNaN(value)) return fail(ctx, `expected a number, got ${describe(value)}`);
    if (!Number.isFinite(value)) return fail(ctx, `${value} is not a finite number`);
    const problem = checkBounds(value, String(value), bounds, '');
    return problem ? fail(ctx, problem) : value;
  });
}

/** A whole number. */
export function integer(bounds: Bounds = {}) {
  return z.unknown().transform((value, ctx): number => {
    if (value === undefined) return fail(ctx, MISSING);
    if (typeof value !== 'number' || !Number.isFinite(value)) return fail(ctx, `expected a whole number, got ${describe(value)}`);
    if (!Number.isInteger(value)) return fail(ctx, `${value} is not a whole number`);
    if (!Number.isSafeInteger(value)) return fail(ctx, `${value} is too large`);
    const problem = checkBounds(value, String(value), bounds, '');
    return problem ? fail(ctx, problem) : value;
  });
}

/** Text. Numbers are accepted and kept as written (`name: 2024`). */
export function text(options: { nonEmpty?: boolean } = {}) {
  return z.unknown().transform((value, ctx): string => {
    if (value === undefined) return fail(ctx, MISSING);
    const result = typeof value === 'number' ? String(value) : value;
    if (typeof result !== 'string') return fail(ctx, `expected text, got ${describe(value)}`);
    if (options.nonEmpty && result.trim() === '') return fail(ctx, 'must not be empty');
    return result;
  });
}

/** true or false. YAML 1.2 reads `yes`/`no` as text, so they get a pointed message. */
export function flag() {
  return z.unknown().transform((value, ctx): boolean => {
    if (value === undefined) return fail(ctx, MISSING);
    if (typeof value !== 'boolean') return fail(ctx, `expected true or false, got ${describe(value)}`);
    return value;
  });
}

/** One of a fixed set of names, with a "did you mean" hint for near misses. */
/** `what` completes "`x` is not …", e.g. `a fault action`. */
export function oneOf<const T extends string>(values: readonly T[], options: { what?: string; aws?: string } = {}) {
  return z.unknown().transform((value, ctx): T => {
    if (value === undefined) return fail(ctx, `${MISSING}; allowed: ${listAllowed(values)}`);
    if (typeof value === 'string' && (values as readonly string[]).includes(value)) return value as T;
    const lead = options.what ? `is not ${options.what}` : 'is not allowed';
    const hint = typeof value === 'string' ? didYouMean(value, values) : '';
    const aws = options.aws ? ` (AWS ${options.aws})` : '';
    return fail(ctx, `${describe(value)} ${lead}; allowed: ${listAllowed(values)}${aws}${hint}`);
  });
}

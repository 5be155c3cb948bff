/**
 * The two forms an alarm is written in (a policy's `alarm:` and an item of `cloudWatch.alarms`):
 * one metric, or metric math with `expression:`.
 */
import * as z from 'zod';
import { isMapping } from './objects.ts';
import { fail, MISSING } from './values.ts';

/**
 * An alarm written as one metric or, with `expression:`, as metric math: the form is chosen by
 * that key, so its errors are the chosen form's own. `alternatives` lists both forms for the
 * generated reference.
 */
export function metricOrMathAlarm<M extends z.ZodType, E extends z.ZodType>(metric: M, math: E) {
  return z.unknown().transform((value, ctx) => {
    if (value === undefined) return fail(ctx, MISSING);
    const schema: z.ZodType = isMapping(value) && 'expression' in value ? math : metric;
    const result = schema.safeParse(value);
    if (result.success) return result.data as z.output<M> | z.output<E>;
    for (const issue of result.error.issues) ctx.addIssue({ ...issue, code: 'custom' } as never);
    return z.NEVER;
  }).meta({ alternatives: [metric, math] });
}


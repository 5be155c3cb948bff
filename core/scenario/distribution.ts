/**
 * Random durations in a scenario file: `{ distribution: exponential, mean: 100ms }` and friends
 * (contract section 1), or a bare duration meaning "always this long". The simulator draws from
 * them for instance boot times and service times; here they are only checked and converted to
 * seconds. A lognormal is given by its mean and coefficient of variation (standard deviation /
 * mean) because that is how people describe latency, not by mu and sigma.
 */
import * as z from 'zod';
import type { Distribution } from './types.ts';
import { parseDuration } from './duration.ts';
import { strictObject } from './objects.ts';
import { duration, fail, number } from './values.ts';

export const DISTRIBUTIONS = ['constant', 'exponential', 'lognormal', 'uniform'] as const;

const variants = z.discriminatedUnion('distribution', [
  strictObject({ distribution: z.literal('constant'), value: duration() }),
  strictObject({ distribution: z.literal('exponential'), mean: duration({ above: 0 }) }),
  strictObject({ distribution: z.literal('lognormal'), mean: duration({ above: 0 }), cv: number({ min: 0, limit: 'lognormalCv' }) }),
  strictObject({ distribution: z.literal('uniform'), min: duration(), max: duration() }).superRefine((u, ctx) => {
    if (u.min > u.max) ctx.addIssue({ code: 'custom', path: ['min'], message: `min ${u.min}s is more than max ${u.max}s; min must be at most max` });
  }),
]);

/** A distribution of durations; a bare duration becomes `{ distribution: constant, value }`. */
export function distribution() {
  return z
    .preprocess((value, ctx) => {
      if (typeof value !== 'number' && typeof value !== 'string') return value;
      const result = parseDuration(value);
      if (!result.ok) return fail(ctx, `${result.message}, or a distribution such as { distribution: exponential, mean: 100ms }`);
      return { distribution: 'constant', value: result.seconds };
    }, variants)
    .transform((d): Distribution => toDistribution(d));
}

/** Drops anything but the distribution's own fields, with the right type. */
function toDistribution(d: z.output<typeof variants>): Distribution {
  switch (d.distribution) {
    case 'constant':
      return { distribution: 'constant', value: d.value };
    case 'exponential':
      return { distribution: 'exponential', mean: d.mean };
    case 'lognormal':
      return { distribution: 'lognormal', mean: d.mean, cv: d.cv };
    case 'uniform':
      return { distribution: 'uniform', min: d.min, max: d.max };
  }
}

/**
 * Cron expressions for recurring scheduled actions (`recurrence: "0 9 * * *"`), as EC2 Auto
 * Scaling takes them: five fields — minute, hour, day of month, month, day of week — in UTC
 * (AS-SCHED). Each field is `*` or a comma list of values, ranges `a-b` and steps `x/n`;
 * months and weekdays may be written as JAN…DEC and SUN…SAT. Only checked here; the Auto
 * Scaling model evaluates them against simulated time (day 0 starts at 00:00 UTC).
 */
import * as z from 'zod';
import { describe, fail, MISSING } from './values.ts';

interface Field {
  name: string;
  min: number;
  max: number;
  names?: readonly string[];
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const WEEKDAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

export const CRON_FIELDS: readonly Field[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: MONTHS },
  { name: 'day of week', min: 0, max: 7, names: WEEKDAYS },
];

function value(token: string, field: Field): number | undefined {
  const named = field.names?.indexOf(token.toUpperCase()) ?? -1;
  if (named >= 0) return field.min + named;
  if (!/^\d+$/.test(token)) return undefined;
  const n = Number(token);
  return n >= field.min && n <= field.max ? n : undefined;
}

function checkPart(part: string, field: Field): string | undefined {
  const [range, step, extra] = part.split('/');
  if (extra !== undefined || range === undefined || range === '') return `\`${part}\` is not a valid ${field.name}`;
  if (step !== undefined && !(/^\d+$/.test(step) && Number(step) >= 1)) return `step \`${step}\` in the ${field.name} field must be a whole number of at least 1`;
  if (range === '*') return undefined;
  const [from, to, more] = range.split('-');
  const bad = `\`${range}\` is not a ${field.name} (${field.min}–${field.max}${field.names ? ` or ${field.names[0]}–${field.names[field.names.length - 1]}` : ''})`;
  if (more !== undefined) return bad;
  const a = value(from ?? '', field);
  const b = to === undefined ? a : value(to, field);
  if (a === undefined || b === undefined) return bad;
  if (a > b) return `range \`${range}\` in the ${field.name} field runs backwards`;
  return undefined;
}

/** A message saying what is wrong with a cron expression, or undefined if it is valid. */
export function checkCron(expression: string): string | undefined {
  const fields = expression.trim().split(/\s+/);
  if (fields.length !== 5) {
    return `\`${expression}\` has ${fields.length} field${fields.length === 1 ? '' : 's'}; a cron expression has 5: minute hour day-of-month month day-of-week (e.g. "0 9 * * *")`;
  }
  for (let i = 0; i < 5; i++) {
    for (const part of fields[i]!.split(',')) {
      const problem = checkPart(part, CRON_FIELDS[i]!);
      if (problem) return `${problem} in cron expression \`${expression}\``;
    }
  }
  return undefined;
}

/** A 5-field cron expression, kept as written. */
export function cron() {
  return z.unknown().transform((input, ctx): string => {
    if (input === undefined) return fail(ctx, MISSING);
    if (typeof input !== 'string') return fail(ctx, `expected a cron expression such as "0 9 * * *", got ${describe(input)}`);
    const problem = checkCron(input);
    return problem ? fail(ctx, problem) : input.trim();
  });
}

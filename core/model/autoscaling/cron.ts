/**
 * When a recurring scheduled action fires (AS-SCHED; aws-behaviour §6.9).
 *
 * EC2 Auto Scaling takes Unix cron: minute, hour, day of month, month, day of week, in UTC.
 * `core/scenario/cron.ts` checks the syntax; this file evaluates a valid expression against
 * simulated time. Semantics follow Vixie cron, which AWS's syntax is: `*`, lists, ranges `a-b`,
 * steps `*\/n`, `a-b/n` and `a/n` (= a to the field's maximum), JAN–DEC and SUN–SAT, and 0 or 7
 * for Sunday. When both day of month and day of week are restricted, a day matches if either
 * does ("0 9 1 * MON" = the 1st of each month and every Monday).
 *
 * A run has no calendar date, but day-of-week, day-of-month and month fields need one: the run
 * starts at 00:00 UTC on `RUN_START_DATE`, Monday 1 January 2024 [elbsim choice], so that
 * "0 9 * * MON-FRI" fires on day 0 and a month field counts from January. Times are seconds
 * from the run start.
 */
import type { ScheduledAction } from '../../scenario/types.ts';
import { checkCron, CRON_FIELDS } from '../../scenario/cron.ts';

export interface CalendarDate {
  year: number;
  /** 1–12. */
  month: number;
  /** 1–31. */
  day: number;
}

export const RUN_START_DATE: CalendarDate = { year: 2024, month: 1, day: 1 };

const DAY_S = 86_400;
/** Feb 29 can be 8 years from the last (2096 → 2104); no valid expression waits longer. */
const SEARCH_DAYS = 8 * 366 + 1;

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
export function daysFromCivil({ year, month, day }: CalendarDate): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** The date of a day number since 1970-01-01 (H. Hinnant's civil_from_days). */
export function civilFromDays(days: number): CalendarDate {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** A parsed cron expression: for each field, which values match. */
export interface CronSchedule {
  minutes: readonly boolean[];
  hours: readonly boolean[];
  daysOfMonth: readonly boolean[];
  months: readonly boolean[];
  /** 0–6, Sunday = 0 (a 7 in the expression is folded into 0). */
  daysOfWeek: readonly boolean[];
  /** Vixie cron: both day fields restricted (neither starts with `*`) → a day matches if either does. */
  eitherDay: boolean;
}

function fieldValues(text: string, fieldIndex: number): boolean[] {
  const field = CRON_FIELDS[fieldIndex]!;
  const matches = new Array<boolean>(field.max + 1).fill(false);
  const value = (token: string) => {
    const named = field.names?.indexOf(token.toUpperCase()) ?? -1;
    return named >= 0 ? field.min + named : Number(token);
  };
  for (const part of text.split(',')) {
    const [range = '*', stepText] = part.split('/');
    const step = stepText === undefined ? 1 : Number(stepText);
    const [fromText = '*', toText] = range.split('-');
    const from = range === '*' ? field.min : value(fromText);
    const to = range === '*' || (toText === undefined && stepText !== undefined) ? field.max : toText === undefined ? from : value(toText);
    for (let v = from; v <= to; v += step) matches[v] = true;
  }
  return matches;
}

/** Parses a cron expression already validated by the scenario (throws on an invalid one: a bug upstream). */
export function parseCron(expression: string): CronSchedule {
  const problem = checkCron(expression);
  if (problem !== undefined) throw new Error(`parseCron: ${problem}`);
  const fields = expression.trim().split(/\s+/);
  const daysOfWeek = fieldValues(fields[4]!, 4);
  if (daysOfWeek[7] === true) daysOfWeek[0] = true;
  return {
    minutes: fieldValues(fields[0]!, 0),
    hours: fieldValues(fields[1]!, 1),
    daysOfMonth: fieldValues(fields[2]!, 2),
    months: fieldValues(fields[3]!, 3),
    daysOfWeek: daysOfWeek.slice(0, 7),
    eitherDay: !fields[2]!.startsWith('*') && !fields[4]!.startsWith('*'),
  };
}

function dayMatches(schedule: CronSchedule, date: CalendarDate, weekday: number): boolean {
  if (schedule.months[date.month] !== true) return false;
  const dom = schedule.daysOfMonth[date.day] === true;
  const dow = schedule.daysOfWeek[weekday] === true;
  return schedule.eitherDay ? dom || dow : dom && dow;
}

/**
 * The first time strictly after `afterS` (seconds from the run start) at which `recurrence`
 * fires, or null if it never fires within 8 years. Fire times fall on whole minutes; pass
 * `afterS = -1` to include the run start itself.
 */
export function nextFireS(recurrence: string | CronSchedule, afterS: number, start: CalendarDate = RUN_START_DATE): number | null {
  const schedule = typeof recurrence === 'string' ? parseCron(recurrence) : recurrence;
  const firstS = Math.floor(afterS / 60) * 60 + 60;
  const startDay = daysFromCivil(start);
  const firstDay = Math.floor(firstS / DAY_S);
  for (let day = firstDay; day < firstDay + SEARCH_DAYS; day++) {
    const absolute = startDay + day;
    const weekday = (((absolute + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday
    if (!dayMatches(schedule, civilFromDays(absolute), weekday)) continue;
    const fromMinute = day === firstDay ? (firstS - day * DAY_S) / 60 : 0;
    for (let minuteOfDay = fromMinute; minuteOfDay < 1440; minuteOfDay++) {
      if (schedule.hours[Math.floor(minuteOfDay / 60)] === true && schedule.minutes[minuteOfDay % 60] === true) {
        return day * DAY_S + minuteOfDay * 60;
      }
    }
  }
  return null;
}

/** The next time strictly after `afterS` that a scheduled action runs: its `atS` once, or its recurrence. */
export function nextActionS(action: ScheduledAction, afterS: number, start: CalendarDate = RUN_START_DATE): number | null {
  if (action.recurrence !== null) return nextFireS(action.recurrence, afterS, start);
  return action.atS !== null && action.atS > afterS ? action.atS : null;
}

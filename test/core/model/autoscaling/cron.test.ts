/**
 * Recurring scheduled actions (AS-SCHED https://docs.aws.amazon.com/autoscaling/ec2/userguide/ec2-auto-scaling-scheduled-scaling.html;
 * aws-behaviour §6.9): Unix cron in UTC, times in seconds from a run that starts at 00:00 UTC
 * on Monday 1 January 2024.
 */
import { describe, expect, it } from 'vitest';
import { civilFromDays, daysFromCivil, nextActionS, nextFireS, parseCron } from '../../../../core/model/autoscaling/cron.ts';

const H = 3600;
const D = 86_400;

describe('calendar arithmetic', () => {
  it('1970-01-01 is day 0, 2024-01-01 day 19 723, 2024-02-29 exists, and the two functions invert each other', () => {
    expect(daysFromCivil({ year: 1970, month: 1, day: 1 })).toBe(0);
    expect(daysFromCivil({ year: 2024, month: 1, day: 1 })).toBe(19_723);
    expect(civilFromDays(daysFromCivil({ year: 2024, month: 2, day: 29 }))).toEqual({ year: 2024, month: 2, day: 29 });
    for (let d = 19_000; d < 21_000; d += 37) expect(daysFromCivil(civilFromDays(d))).toBe(d);
  });
});

describe('nextFireS', () => {
  it('"0 9 * * *": 09:00 each day; strictly after the given time', () => {
    expect(nextFireS('0 9 * * *', 0)).toBe(9 * H);
    expect(nextFireS('0 9 * * *', 9 * H)).toBe(D + 9 * H);
  });
  it('afterS = -1 includes the run start: "0 0 * * *" → 0', () => {
    expect(nextFireS('0 0 * * *', -1)).toBe(0);
  });
  it('"*/15 * * * *" from 10:07:30 → 10:15', () => {
    expect(nextFireS('*/15 * * * *', 10 * H + 450)).toBe(10 * H + 900);
  });
  it('weekdays: "0 18 * * MON-FRI" on Friday (day 4) after 18:00 → Monday (day 7) 18:00', () => {
    expect(nextFireS('0 18 * * MON-FRI', 4 * D + 19 * H)).toBe(7 * D + 18 * H);
  });
  it('Sunday is 0 or 7: "30 6 * * 7" and "30 6 * * SUN" → day 6 06:30', () => {
    expect(nextFireS('30 6 * * 7', 0)).toBe(6 * D + 6 * H + 1800);
    expect(nextFireS('30 6 * * SUN', 0)).toBe(6 * D + 6 * H + 1800);
  });
  it('both day fields restricted match either (Vixie cron): "0 0 15 * MON" fires Monday 8 Jan (day 7) and Thursday 15 Feb (day 45)', () => {
    expect(nextFireS('0 0 15 * MON', 0)).toBe(7 * D);
    expect(nextFireS('0 0 15 * MON', 43 * D)).toBe(45 * D);
  });
  it('month and day of month: "0 12 1 MAR *" → 1 March 2024 12:00 (day 60, 2024 being leap)', () => {
    expect(nextFireS('0 12 1 MAR *', 0)).toBe(60 * D + 12 * H);
  });
  it('lists, ranges and a/n steps: "5/20 8-9,17 * * *" from 00:00 → 08:05, then 08:25', () => {
    expect(nextFireS('5/20 8-9,17 * * *', 0)).toBe(8 * H + 300);
    expect(nextFireS('5/20 8-9,17 * * *', 8 * H + 300)).toBe(8 * H + 1500);
  });
  it('an expression that never fires ("0 0 31 2 *") → null', () => {
    expect(nextFireS('0 0 31 2 *', 0)).toBeNull();
  });
  it('a parsed schedule can be reused', () => {
    const schedule = parseCron('0 * * * *');
    expect(nextFireS(schedule, 0)).toBe(H);
  });
  it('an invalid expression is a bug upstream (the scenario validates it) and throws', () => {
    expect(() => parseCron('61 * * * *')).toThrow(/minute/);
  });
});

describe('nextActionS', () => {
  const base = { name: 's', desiredCapacity: 8, minSize: null, maxSize: null };
  it('a one-off action fires once at atS', () => {
    const once = { ...base, atS: 3600, recurrence: null };
    expect(nextActionS(once, 0)).toBe(3600);
    expect(nextActionS(once, 3600)).toBeNull();
  });
  it('a recurring action follows its cron', () => {
    expect(nextActionS({ ...base, atS: null, recurrence: '30 * * * *' }, 0)).toBe(1800);
  });
});

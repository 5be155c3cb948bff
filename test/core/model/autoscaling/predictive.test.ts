/**
 * Predictive scaling, ForecastAndScale (AS-PRED https://docs.aws.amazon.com/autoscaling/ec2/userguide/ec2-auto-scaling-predictive-scaling.html,
 * CFN-PRED; aws-behaviour §6.10), with elbsim's seasonal-naive forecast: the same hour of the
 * previous days, averaged over up to 14 of them.
 */
import { describe, expect, it } from 'vitest';
import {
  forecastCapacity,
  forecastLoad,
  historyHoursAt,
  predictiveActionTimeS,
  predictiveDesired,
} from '../../../../core/model/autoscaling/predictive.ts';

/** One day of hourly total CPU load: 100 at night, 400 from 09:00 to 17:00. */
const DAY = Array.from({ length: 24 }, (_, h) => (h >= 9 && h < 17 ? 400 : 100));

describe('forecastLoad / forecastCapacity', () => {
  it('needs at least 24 h of history: 23 h → null', () => {
    expect(forecastCapacity(DAY.slice(0, 23), 23, 50)).toBeNull();
  });
  it('with one day, hour 24 + 9 forecasts hour 9: load 400 against target 50 → 8 instances', () => {
    expect(forecastLoad(DAY, 33)).toBe(400);
    expect(forecastCapacity(DAY, 33, 50)).toBe(8);
  });
  it('averages the same hour over the available days: 400 then 200 at 09:00 → 300 → 6', () => {
    const twoDays = [...DAY, ...DAY.map((v, h) => (h === 9 ? 200 : v))];
    expect(forecastCapacity(twoDays, 48 + 9, 50)).toBe(6);
  });
  it('uses at most the 14 most recent days: a 15th, older day at 09:00 is ignored', () => {
    const oldDay = DAY.map((v, h) => (h === 9 ? 10_000 : v));
    const history = [...oldDay, ...Array.from({ length: 14 }, () => DAY).flat()];
    expect(forecastLoad(history, 15 * 24 + 9)).toBe(400);
  });
  it('forecasts up to two days ahead from the last same hour in the history', () => {
    expect(forecastCapacity(DAY, 24 + 24 + 12, 50)).toBe(8);
  });
  it('skips hours without data (NaN); capacity rounds up: 130 / 50 → 3', () => {
    const history = [...DAY.map((v, h) => (h === 2 ? 130 : v)), ...DAY.map((v, h) => (h === 2 ? Number.NaN : v))];
    expect(forecastCapacity(history, 48 + 2, 50)).toBe(3);
  });
});

describe('predictiveDesired: never scales in, MaxCapacityBreachBehavior', () => {
  it('raises the desired capacity to the forecast', () => {
    expect(predictiveDesired(8, 4, { maxSize: 10 })).toEqual({ desiredCapacity: 8, maxSize: 10 });
  });
  it('never scales in: forecast 3 at 6 → 6', () => {
    expect(predictiveDesired(3, 6, { maxSize: 10 })).toEqual({ desiredCapacity: 6, maxSize: 10 });
  });
  it('HonorMaxCapacity (default): forecast 50, max 40 → 40', () => {
    expect(predictiveDesired(50, 10, { maxSize: 40 })).toEqual({ desiredCapacity: 40, maxSize: 40 });
  });
  it('IncreaseMaxCapacity, CFN-PRED example: forecast 50, max 40, buffer 10 % → desired 50, max 55', () => {
    expect(predictiveDesired(50, 10, { maxSize: 40, maxCapacityBreachBehavior: 'IncreaseMaxCapacity', maxCapacityBufferPct: 10 })).toEqual({
      desiredCapacity: 50,
      maxSize: 55,
    });
  });
});

describe('timing', () => {
  it('acts SchedulingBufferTime before the hour: hour 9 with the default 300 s → 08:55 (32 100 s), with 600 s → 08:50; never before the run', () => {
    expect(predictiveActionTimeS(9)).toBe(32_100);
    expect(predictiveActionTimeS(9, 600)).toBe(31_800);
    expect(predictiveActionTimeS(0)).toBe(0);
  });
  it('forecasts refresh every 6 h: at 14:30 the forecast saw hours 0–11', () => {
    expect(historyHoursAt(14.5 * 3600)).toBe(12);
    expect(historyHoursAt(5 * 3600)).toBe(0);
  });
});

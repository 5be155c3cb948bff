/**
 * Predictive scaling in ForecastAndScale mode, as a simple, documented model of AWS's
 * (AS-PRED, CFN-PRED; aws-behaviour §6.10).
 *
 * AWS learns daily and weekly patterns from up to 14 days of a load metric, needs at least 24 h
 * before it forecasts, forecasts the next 48 h hour by hour and refreshes the forecast every
 * 6 h. In ForecastAndScale mode it raises the group at the start of each hour to the forecast
 * capacity — launching `SchedulingBufferTime` (default 300 s) early so instances are ready — and
 * never scales in: dynamic policies may still add more, and the group's desired capacity is the
 * larger of the two. `MaxCapacityBreachBehavior` HonorMaxCapacity (default) caps at MaxSize;
 * IncreaseMaxCapacity raises MaxSize to the forecast plus `MaxCapacityBuffer` % (forecast 50,
 * max 40, buffer 10 → max 55).
 *
 * AWS's forecasting model is not public. elbsim's stand-in is seasonal-naive: the load
 * forecast for an hour is the average load at the same hour of day over the most recent days
 * (up to 14) before it. Capacity is load / target value, rounded up.
 *
 * `history[h]` is the group's total load in hour h of the run (hour 0 = 00:00–01:00), in units
 * where `targetValue` is one instance's share: total CPU (average CPU × InService instances)
 * against a CPU target of 50, or requests per minute (averaged over the hour) against an
 * ALBRequestCountPerTarget target. NaN marks an hour without data and is skipped.
 */

const HOUR_S = 3600;
export const MIN_HISTORY_HOURS = 24;
export const LOOKBACK_DAYS = 14;
export const FORECAST_HORIZON_HOURS = 48;
export const FORECAST_REFRESH_S = 6 * HOUR_S;
export const DEFAULT_SCHEDULING_BUFFER_TIME_S = 300;

export type MaxCapacityBreachBehavior = 'HonorMaxCapacity' | 'IncreaseMaxCapacity';

/** Slack so that 50 × 1.1 counts as 55, not 55.000000000000007 → 56. */
const CEIL_EPSILON = 1e-9;

/**
 * The forecast load for hour `hourIndex`: the average of `history` at hourIndex − 24, −48, …
 * over the most recent `LOOKBACK_DAYS` such hours that exist, or null with under 24 h of history
 * or no usable same-hour value.
 */
export function forecastLoad(history: readonly number[], hourIndex: number): number | null {
  if (history.length < MIN_HISTORY_HOURS) return null;
  let sum = 0;
  let days = 0;
  let hour = hourIndex - 24;
  while (hour >= history.length) hour -= 24;
  for (; hour >= 0 && days < LOOKBACK_DAYS; hour -= 24) {
    const value = history[hour]!;
    if (Number.isNaN(value)) continue;
    sum += value;
    days++;
  }
  return days === 0 ? null : sum / days;
}

/**
 * The forecast capacity for hour `hourIndex`: ceil(forecast load / `targetValue`), or null
 * with under 24 h of history. Not clamped; see `predictiveDesired`.
 */
export function forecastCapacity(history: readonly number[], hourIndex: number, targetValue: number): number | null {
  const load = forecastLoad(history, hourIndex);
  if (load === null) return null;
  return Math.max(0, Math.ceil(load / targetValue - CEIL_EPSILON));
}

export interface PredictiveLimits {
  maxSize: number;
  /** Default HonorMaxCapacity. */
  maxCapacityBreachBehavior?: MaxCapacityBreachBehavior;
  /** IncreaseMaxCapacity only: 0–100 %, default 0. */
  maxCapacityBufferPct?: number;
}

/**
 * The group's desired capacity and MaxSize once predictive scaling prepares for `forecast`:
 * never below `currentDesired` (no scale-in), at most MaxSize unless IncreaseMaxCapacity lets
 * MaxSize grow to ceil(forecast × (1 + buffer / 100)).
 */
export function predictiveDesired(forecast: number, currentDesired: number, limits: PredictiveLimits): { desiredCapacity: number; maxSize: number } {
  let maxSize = limits.maxSize;
  if (limits.maxCapacityBreachBehavior === 'IncreaseMaxCapacity') {
    const buffered = Math.ceil(forecast * (1 + (limits.maxCapacityBufferPct ?? 0) / 100) - CEIL_EPSILON);
    maxSize = Math.max(maxSize, buffered);
  }
  return { desiredCapacity: Math.max(currentDesired, Math.min(forecast, maxSize)), maxSize };
}

/** When to act for hour `hourIndex`: `schedulingBufferTimeS` before the hour starts, not before the run. */
export function predictiveActionTimeS(hourIndex: number, schedulingBufferTimeS = DEFAULT_SCHEDULING_BUFFER_TIME_S): number {
  return Math.max(0, hourIndex * HOUR_S - schedulingBufferTimeS);
}

/**
 * The hours of history the forecast in force at `nowS` was made from: forecasts are refreshed
 * every 6 h, so at 14:30 the forecast dates from 12:00 and saw hours 0–11. Pass
 * `history.slice(0, historyHoursAt(nowS))` to `forecastCapacity` to model the refresh cadence.
 */
export function historyHoursAt(nowS: number): number {
  return Math.floor(Math.max(0, nowS) / FORECAST_REFRESH_S) * (FORECAST_REFRESH_S / HOUR_S);
}

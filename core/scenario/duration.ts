/**
 * Durations as people write them in a scenario file: a number of seconds (`30`, `0.25`) or a
 * number with a unit (`250ms`, `30s`, `1.5m`, `2h`, `1d`). Everything downstream works in
 * seconds, so this is the one place that knows about units.
 *
 * The CLI reuses these for `--vary` values; `parseDuration` never throws, `resolveDuration`
 * throws a RangeError for callers that prefer exceptions.
 */

/** Seconds per unit. `m` is minutes (there are no months in a simulation). */
export const DURATION_UNITS = { ms: 0.001, s: 1, m: 60, h: 3600, d: 86400 } as const;

export type DurationUnit = keyof typeof DURATION_UNITS;

export type DurationResult = { ok: true; seconds: number } | { ok: false; message: string };

const DURATION_TEXT = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?)\s*(ms|s|m|h|d)?$/;

export const DURATION_HELP = 'use seconds or a number with a unit: 250ms, 30s, 5m, 2h, 1d';

/** Reads a duration without throwing. A plain numeric string counts as seconds. */
export function parseDuration(value: unknown): DurationResult {
  let seconds: number;
  if (typeof value === 'number') {
    seconds = value;
  } else if (typeof value === 'string') {
    const match = DURATION_TEXT.exec(value.trim());
    if (!match) return { ok: false, message: `${describeText(value)} is not a duration; ${DURATION_HELP}` };
    const amount = Number(match[1]);
    const unit = (match[2] ?? 's') as DurationUnit;
    // Divide for milliseconds so `100ms` is exactly 0.1, not 100 * 0.001.
    seconds = unit === 'ms' ? amount / 1000 : amount * DURATION_UNITS[unit];
  } else {
    return { ok: false, message: `expected a duration, got ${describeKind(value)}; ${DURATION_HELP}` };
  }
  if (!Number.isFinite(seconds)) return { ok: false, message: `${String(value)} is not a finite duration` };
  if (seconds < 0) return { ok: false, message: `${formatInput(value)}: a duration cannot be negative` };
  return { ok: true, seconds: seconds === 0 ? 0 : seconds };
}

/** Seconds for a duration; throws a RangeError with a readable message if it is not one. */
export function resolveDuration(value: string | number): number {
  const result = parseDuration(value);
  if (!result.ok) throw new RangeError(result.message);
  return result.seconds;
}

/** True when `value` is something `parseDuration` accepts. */
export function isDuration(value: unknown): boolean {
  return parseDuration(value).ok;
}

/**
 * Seconds as the shortest exact text with a unit, for messages: 0.25 → `250ms`, 90 → `90s`,
 * 300 → `5m`, 7200 → `2h`. Non-round values stay in seconds.
 */
export function formatDuration(seconds: number): string {
  if (seconds !== 0 && Math.abs(seconds) < 1) {
    const ms = Math.round(seconds * 1e6) / 1e3;
    return `${ms}ms`;
  }
  for (const unit of ['d', 'h', 'm'] as const) {
    const size = DURATION_UNITS[unit];
    if (seconds >= size && Number.isInteger(seconds / size)) return `${seconds / size}${unit}`;
  }
  return `${seconds}s`;
}

/** How a duration the user wrote reads back in a message: their text, or seconds with a unit. */
export function formatInput(value: unknown): string {
  if (typeof value === 'number') return `${value}s`;
  return String(value).trim();
}

function describeText(value: string): string {
  return value.trim() === '' ? 'an empty string' : `\`${value}\``;
}

function describeKind(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (value === null || value === undefined) return 'nothing';
  if (typeof value === 'object') return 'a mapping';
  return `\`${String(value)}\``;
}

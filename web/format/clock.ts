/**
 * Simulated clock time for axes, the timeline and the events log.
 *
 * A scenario starts at 00:00 (contract: scheduled actions count from the scenario start at
 * 00:00), so simulated seconds are shown as a wall clock that does not wrap at midnight:
 * 90 000 s is `25:00`. Axis ticks fall on round clock steps (1, 5, 15, 30 minutes, 1, 2, 6 hours…)
 * rather than on round numbers of seconds.
 */

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** `hh:mm` (or `hh:mm:ss` with `seconds`), hours not wrapping: 3 725 s → `01:02` / `01:02:05`. */
export function formatClock(timeS: number, seconds = false): string {
  if (!Number.isFinite(timeS)) return '--:--';
  const sign = timeS < 0 ? '-' : '';
  const total = Math.floor(Math.abs(timeS) + 1e-9);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return `${sign}${pad2(h)}:${pad2(m)}${seconds ? `:${pad2(s)}` : ''}`;
}

/** A length of simulated time in words: 45 s → `45 s`, 5 400 s → `1 h 30 min`. */
export function formatDuration(durationS: number): string {
  if (!Number.isFinite(durationS)) return '–';
  const total = Math.round(durationS);
  if (total < 60) return `${total} s`;
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const parts: string[] = [];
  if (h) parts.push(`${h} h`);
  if (m) parts.push(`${m} min`);
  if (s && !h) parts.push(`${s} s`);
  return parts.join(' ');
}

/** Tick steps in seconds that read well on a clock. */
const CLOCK_STEPS_S = [
  1, 5, 10, 15, 30, 60, 2 * 60, 5 * 60, 10 * 60, 15 * 60, 30 * 60, 3600, 2 * 3600, 3 * 3600, 6 * 3600, 12 * 3600,
  86400, 2 * 86400, 7 * 86400,
];

/** The smallest clock step that puts at most `maxTicks` ticks across the span. */
export function clockTickStep(spanS: number, maxTicks: number): number {
  const limit = Math.max(1, Math.floor(maxTicks));
  for (const step of CLOCK_STEPS_S) {
    if (spanS / step <= limit) return step;
  }
  const last = CLOCK_STEPS_S[CLOCK_STEPS_S.length - 1]!;
  return Math.ceil(spanS / limit / last) * last;
}

/** Tick positions (s) on round clock steps within [start, end], at most `maxTicks` + 1 of them. */
export function clockTicks(startS: number, endS: number, maxTicks: number): number[] {
  if (!(endS > startS)) return [startS];
  const step = clockTickStep(endS - startS, maxTicks);
  const first = Math.ceil(startS / step) * step;
  const ticks: number[] = [];
  for (let t = first; t <= endS + 1e-9 && ticks.length <= maxTicks + 1; t += step) ticks.push(t);
  return ticks;
}

/** Clock labels for ticks: seconds are shown only when the step is below a minute. */
export function clockTickFormat(stepS: number): (timeS: number) => string {
  return (timeS) => formatClock(timeS, stepS < 60);
}

/** A replay speed in simulated time per real second: 300 → `5 min/s`. */
export function speedLabel(speed: number): string {
  if (speed >= 3600) return `${speed / 3600} h/s`;
  if (speed >= 60) return `${speed / 60} min/s`;
  return `${speed} s/s`;
}

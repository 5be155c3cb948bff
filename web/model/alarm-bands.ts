/**
 * CloudWatch alarm states over a run, as bands: one row per alarm, one segment per state.
 *
 * A new alarm starts in `INSUFFICIENT_DATA` (AWS PutMetricAlarm: "the alarm is first evaluated
 * and its state is set"; until enough datapoints exist it has insufficient data). Each `alarm`
 * event (subject: alarm name, detail: the new state) closes the current segment and opens the
 * next; the last segment runs to the end of the run.
 */
import type { SimEvent } from '../../core/report/types.ts';

export type AlarmState = 'OK' | 'ALARM' | 'INSUFFICIENT_DATA';

export interface AlarmSegment {
  startS: number;
  endS: number;
  state: AlarmState;
}

export interface AlarmBand {
  name: string;
  segments: AlarmSegment[];
}

function asState(detail: string): AlarmState {
  const word = detail.trim().split(/\s+/)[0]?.toUpperCase() ?? '';
  if (word === 'OK' || word === 'ALARM') return word;
  return 'INSUFFICIENT_DATA';
}

/** The alarm bands of a run, in the order the alarms first appear in the log. */
export function alarmBands(events: readonly SimEvent[], durationS: number): AlarmBand[] {
  const open = new Map<string, { band: AlarmBand; startS: number; state: AlarmState }>();
  for (const event of events) {
    if (event.kind !== 'alarm') continue;
    const name = event.name ?? '';
    const state = asState(event.state ?? '');
    let current = open.get(name);
    if (!current) {
      current = { band: { name, segments: [] }, startS: 0, state: 'INSUFFICIENT_DATA' };
      open.set(name, current);
    }
    if (state === current.state) continue;
    if (event.timeS > current.startS) {
      current.band.segments.push({ startS: current.startS, endS: event.timeS, state: current.state });
    }
    current.startS = event.timeS;
    current.state = state;
  }
  return [...open.values()].map(({ band, startS, state }) => {
    if (durationS > startS) band.segments.push({ startS, endS: durationS, state });
    return band;
  });
}

/** The state of an alarm band at `timeS`. */
export function alarmStateAt(band: AlarmBand, timeS: number): AlarmState {
  for (const segment of band.segments) {
    if (timeS >= segment.startS && timeS < segment.endS) return segment.state;
  }
  return band.segments[band.segments.length - 1]?.state ?? 'INSUFFICIENT_DATA';
}

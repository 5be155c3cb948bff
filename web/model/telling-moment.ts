/**
 * Where the replay cursor lands after a run: the scenario's most telling moment, picked from its
 * event log, so the first screen shows the fleet when something happens rather than after
 * everything has.
 *
 * In order of preference: the first fault; the first scaling activity that raises the desired
 * capacity; the first alarm entering ALARM; the first target marked unhealthy; the first scaling
 * activity of any kind. A run with none of these (a steady fleet) opens at the start.
 *
 * It reads the events as events.csv writes them today (kind, subject, and for scaling the
 * "from N to M" of the activity's description, for health and alarms the new state in the
 * detail).
 */
import type { SimEvent } from '../../core/report/types.ts';

function raisesCapacity(event: SimEvent): boolean {
  const m = /from (\d+) to (\d+)/.exec(event.detail);
  return m !== null && Number(m[2]) > Number(m[1]);
}

const PREFERENCES: ReadonlyArray<(event: SimEvent) => boolean> = [
  (e) => e.kind === 'fault',
  (e) => e.kind === 'scaling' && raisesCapacity(e),
  (e) => e.kind === 'alarm' && /^ALARM\b/.test(e.detail.trim()),
  (e) => e.kind === 'health' && /^unhealthy\b/.test(e.detail.trim()),
  (e) => e.kind === 'scaling',
];

/** The time, in simulated seconds, where the cursor should land after a run (0 if nothing stands out). */
export function tellingMomentS(events: readonly SimEvent[]): number {
  for (const matches of PREFERENCES) {
    const found = events.find(matches);
    if (found) return found.timeS;
  }
  return 0;
}

/**
 * Where the replay cursor lands after a run: the scenario's most telling moment, picked from its
 * event log, so the first screen shows the fleet when something happens rather than after
 * everything has.
 *
 * In order of preference: the first fault; the first scaling activity that raises the desired
 * capacity; the first alarm entering ALARM; the first target marked unhealthy; the first scaling
 * activity of any kind. A run with none of these (a steady fleet) opens at the start.
 *
 * It reads the events' facts: a scaling activity's desired capacity before and after, the new
 * state of an alarm or a target's health.
 */
import type { SimEvent } from '../../core/report/types.ts';

function raisesCapacity(event: SimEvent): boolean {
  return event.from !== null && event.to !== null && event.to > event.from;
}

const PREFERENCES: ReadonlyArray<(event: SimEvent) => boolean> = [
  (e) => e.kind === 'fault',
  (e) => e.kind === 'scaling' && raisesCapacity(e),
  (e) => e.kind === 'alarm' && e.state === 'ALARM',
  (e) => e.kind === 'health' && e.state === 'unhealthy',
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

/**
 * The run's event log (events.csv): launches, health changes, faults, alarms, scaling
 * activities, in time order. It grows with what happens to the fleet, never with requests.
 */
import type { EventKind, SimEvent } from '../report/types.ts';

export class EventLog {
  readonly events: SimEvent[] = [];

  add(timeS: number, kind: EventKind, subject: string, detail = ''): void {
    this.events.push({ timeS, kind, subject, detail });
  }
}

/**
 * The run's event log (events.csv): launches, health changes, faults, alarms, scaling
 * activities, in time order. It grows with what happens to the fleet, never with requests. The
 * model records facts; the words come from core/report/event-text.ts.
 */
import type { EventFacts, EventKind, SimEvent } from '../report/types.ts';
import { eventDetail, eventSubject } from '../report/event-text.ts';

const NO_FACTS: EventFacts = { instance: null, zone: null, targetGroup: null, group: null, name: null, state: null, value: null, cause: null, from: null, to: null };

export class EventLog {
  readonly events: SimEvent[] = [];

  add(timeS: number, kind: EventKind, facts: Partial<EventFacts>): void {
    const f: EventFacts = { ...NO_FACTS, ...facts };
    this.events.push({ timeS, kind, subject: eventSubject(kind, f), detail: eventDetail(kind, f), ...f });
  }
}

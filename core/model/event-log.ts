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

  /**
   * Appends one event. It is built as one literal of every field, in the order events always
   * had (time, kind, subject, detail, then the facts), so V8 keeps each event in a single
   * object of 14 in-object fields: a spread of the facts into it would put most of them in a
   * separate property array, nearly twice the bytes per event for the whole run.
   */
  add(timeS: number, kind: EventKind, facts: Partial<EventFacts>): void {
    const f: EventFacts = { ...NO_FACTS, ...facts };
    this.events.push({
      timeS,
      kind,
      subject: eventSubject(kind, f),
      detail: eventDetail(kind, f),
      instance: f.instance,
      zone: f.zone,
      targetGroup: f.targetGroup,
      group: f.group,
      name: f.name,
      state: f.state,
      value: f.value,
      cause: f.cause,
      from: f.from,
      to: f.to,
    });
  }
}

/**
 * Groups the event log's kinds for the events panel's filters. The issue asks the log to show
 * alarms, scaling activities, health changes and faults; instance lifecycle (launch, in
 * service, register, drain, deregister, terminate) is its own group so it can be hidden when a
 * big fleet makes it noisy.
 */
import type { EventKind, SimEvent } from '../../core/report/types.ts';

export const EVENT_CATEGORIES = ['alarm', 'scaling', 'health', 'fault', 'lifecycle'] as const;
export type EventCategory = (typeof EVENT_CATEGORIES)[number];

export const CATEGORY_LABELS: Record<EventCategory, string> = {
  alarm: 'Alarms',
  scaling: 'Scaling',
  health: 'Health',
  fault: 'Faults',
  lifecycle: 'Lifecycle',
};

export function categoryOf(kind: EventKind | string): EventCategory {
  switch (kind) {
    case 'alarm':
      return 'alarm';
    case 'scaling':
      return 'scaling';
    case 'health':
      return 'health';
    case 'fault':
    case 'spot': // EC2's Spot interruptions and rebalance recommendations
      return 'fault';
    default:
      return 'lifecycle';
  }
}

/** Events whose category is in `shown`, keeping their index in the full log. */
export function filterEvents(
  events: readonly SimEvent[],
  shown: ReadonlySet<EventCategory>,
): { event: SimEvent; index: number }[] {
  const rows: { event: SimEvent; index: number }[] = [];
  events.forEach((event, index) => {
    if (shown.has(categoryOf(event.kind))) rows.push({ event, index });
  });
  return rows;
}

/** Index in `rows` of the last row at or before `timeS`, or -1. */
export function currentRow(rows: readonly { event: SimEvent }[], timeS: number): number {
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (rows[mid]!.event.timeS <= timeS) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

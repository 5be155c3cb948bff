/**
 * events.csv's words for an event: its `subject` and `detail` columns, from the event's facts.
 * The one place the log is worded; the model records facts (core/model/event-log.ts).
 */
import type { EventFacts, EventKind } from './types.ts';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The subject column: the instance, else the zone (a zone fault), else the name or group. */
export function eventSubject(kind: EventKind, f: EventFacts): string {
  if (f.instance !== null) return f.instance;
  if (kind === 'fault' && f.zone !== null) return f.zone;
  return f.name ?? f.group ?? '';
}

/** The detail column. */
export function eventDetail(kind: EventKind, f: EventFacts): string {
  switch (kind) {
    case 'launch':
      // A mixed instances policy's launch says what it launched: `us-east-1a c5.large Spot`.
      return f.state === null ? (f.zone ?? '') : `${f.zone ?? ''} ${f.state}`;
    case 'spot':
      if (f.state === 'rebalance-recommendation') return 'EC2 Instance Rebalance Recommendation';
      return `EC2 Spot Instance Interruption Warning: instance-action terminate at ${(f.value ?? 0).toFixed(3)} s`;
    case 'in_service':
      return '';
    case 'register':
      return f.targetGroup ?? '';
    case 'health':
    case 'alarm':
      return f.state ?? '';
    case 'drain':
      return `deregistration delay ${f.value} s`;
    case 'deregister':
      return f.state === 'delay-expired' ? `deregistration delay expired with ${plural(f.value ?? 0, 'request')} in flight (answered 502)` : 'drained: no requests in flight';
    case 'lifecycle_hook':
      return f.state === 'waiting' ? `${f.name}: waiting (${f.cause} after ${f.value} s)` : `${f.name}: ${f.state}`;
    case 'warm_pool':
      if (f.state === 'leaves') return 'leaves the warm pool (warm start)';
      if (f.state === 'returned') return 'returned to the warm pool';
      return `launched into the warm pool in ${f.zone}`;
    case 'fault':
      if (f.state === 'set-weights') return `set-weights ${f.cause}`;
      if (f.state === 'spot-interruption') return `spot-interruption: ${plural(f.value ?? 0, 'Spot instance')}`;
      return f.state === 'slow-target' ? `slow-target x${f.value}` : (f.state ?? '');
    case 'terminate':
    case 'scaling':
      return f.cause ?? '';
  }
}

/**
 * events.csv's words come from the event's facts, one formatter for every kind; these are the
 * words the file has always had (the activity causes are AWS's wording, made in activity.ts).
 */
import { describe, expect, it } from 'vitest';
import { EventLog } from '../../../core/model/event-log.ts';
import type { EventFacts, EventKind } from '../../../core/report/types.ts';

function row(kind: EventKind, facts: Partial<EventFacts>): string {
  const log = new EventLog();
  log.add(60, kind, facts);
  const e = log.events[0]!;
  return `${e.subject} | ${e.detail}`;
}

describe('event words from facts', () => {
  it('instance lifecycle and target-group events', () => {
    expect(row('launch', { instance: 'i-0003', zone: 'us-east-1c', group: 'asg' })).toBe('i-0003 | us-east-1c');
    expect(row('in_service', { instance: 'i-0003', group: 'asg' })).toBe('i-0003 | ');
    expect(row('register', { instance: 'i-0003', targetGroup: 'web' })).toBe('i-0003 | web');
    expect(row('health', { instance: 'i-0003', targetGroup: 'web', state: 'unhealthy' })).toBe('i-0003 | unhealthy');
    expect(row('drain', { instance: 'i-0003', targetGroup: 'web', value: 300 })).toBe('i-0003 | deregistration delay 300 s');
    expect(row('deregister', { instance: 'i-0003', targetGroup: 'web', state: 'drained' })).toBe('i-0003 | drained: no requests in flight');
    expect(row('deregister', { instance: 'i-0003', targetGroup: 'web', state: 'delay-expired', value: 1 })).toBe('i-0003 | deregistration delay expired with 1 request in flight (answered 502)');
    expect(row('deregister', { instance: 'i-0003', targetGroup: 'web', state: 'delay-expired', value: 4 })).toBe('i-0003 | deregistration delay expired with 4 requests in flight (answered 502)');
    expect(row('terminate', { instance: 'i-0003', group: 'asg', cause: 'terminated' })).toBe('i-0003 | terminated');
  });

  it('hooks, the warm pool, faults, alarms and scaling activities', () => {
    expect(row('lifecycle_hook', { instance: 'i-0001', name: 'boot', state: 'waiting', cause: 'heartbeat timeout', value: 300 })).toBe('i-0001 | boot: waiting (heartbeat timeout after 300 s)');
    expect(row('lifecycle_hook', { instance: 'i-0001', name: 'boot', state: 'ABANDON' })).toBe('i-0001 | boot: ABANDON');
    expect(row('warm_pool', { instance: 'i-0001', state: 'leaves' })).toBe('i-0001 | leaves the warm pool (warm start)');
    expect(row('warm_pool', { instance: 'i-0001', state: 'launched', zone: 'us-east-1a' })).toBe('i-0001 | launched into the warm pool in us-east-1a');
    expect(row('fault', { instance: 'i-0002', state: 'slow-target', value: 5 })).toBe('i-0002 | slow-target x5');
    expect(row('fault', { zone: 'us-east-1b', state: 'fail-zone' })).toBe('us-east-1b | fail-zone');
    expect(row('alarm', { name: 'cpu-high', state: 'ALARM' })).toBe('cpu-high | ALARM');
    expect(row('scaling', { name: 'cpu-50', group: 'asg', cause: 'a cause' })).toBe('cpu-50 | a cause');
    expect(row('scaling', { instance: 'i-0004', group: 'asg', cause: 'replaced' })).toBe('i-0004 | replaced');
  });

  it('keeps the facts beside the words', () => {
    const log = new EventLog();
    log.add(5, 'fault', { instance: 'i-0002', state: 'slow-target', value: 3 });
    expect(log.events[0]).toMatchObject({ timeS: 5, kind: 'fault', instance: 'i-0002', zone: null, state: 'slow-target', value: 3 });
  });
});

import { describe, expect, it } from 'vitest';
import { categoryOf, filterEvents } from '../../../web/model/event-categories.ts';
import { FIXTURE_EVENTS } from '../fixtures/run-result.ts';

describe('event categories', () => {
  it('maps kinds to the log filters', () => {
    expect(categoryOf('alarm')).toBe('alarm');
    expect(categoryOf('scaling')).toBe('scaling');
    expect(categoryOf('health')).toBe('health');
    expect(categoryOf('fault')).toBe('fault');
    expect(categoryOf('launch')).toBe('lifecycle');
    expect(categoryOf('terminate')).toBe('lifecycle');
  });
  it('filters keep each event with its index in the full log', () => {
    const rows = filterEvents(FIXTURE_EVENTS, new Set(['alarm']));
    expect(rows.map((r) => r.index)).toEqual([7, 15]);
    expect(rows.every((r) => r.event.kind === 'alarm')).toBe(true);
  });
});

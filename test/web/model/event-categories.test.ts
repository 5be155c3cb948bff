import { describe, expect, it } from 'vitest';
import { categoryOf, currentRow, filterEvents } from '../../../web/model/event-categories.ts';
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

describe('currentRow (the events log highlights the event at the cursor)', () => {
  const rows = filterEvents(FIXTURE_EVENTS, new Set(['alarm', 'fault']));
  it('is the last shown event at or before the cursor', () => {
    expect(currentRow(rows, 0)).toBe(-1);
    expect(rows[currentRow(rows, 120)]!.event.detail).toBe('fail-target');
    expect(rows[currentRow(rows, 200)]!.event.detail).toBe('ALARM');
    expect(rows[currentRow(rows, 10_000)]!.event.detail).toBe('recover-zone');
  });
});

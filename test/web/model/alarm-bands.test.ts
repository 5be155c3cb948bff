import { describe, expect, it } from 'vitest';
import { alarmBands, alarmStateAt } from '../../../web/model/alarm-bands.ts';
import { FIXTURE_EVENTS, simEvent } from '../fixtures/run-result.ts';

describe('alarm bands', () => {
  it('an alarm starts INSUFFICIENT_DATA and follows its alarm events to the end of the run', () => {
    expect(alarmBands(FIXTURE_EVENTS, 600)).toEqual([
      {
        name: 'cpu-high',
        segments: [
          { startS: 0, endS: 150, state: 'INSUFFICIENT_DATA' },
          { startS: 150, endS: 330, state: 'ALARM' },
          { startS: 330, endS: 600, state: 'OK' },
        ],
      },
    ]);
  });
  it('a repeated state does not split a segment; a change at time 0 leaves no empty segment', () => {
    const bands = alarmBands(
      [
        simEvent(0, 'alarm', { name: 'a', state: 'OK' }),
        simEvent(60, 'alarm', { name: 'a', state: 'OK' }),
        simEvent(120, 'alarm', { name: 'b', state: 'ALARM' }),
      ],
      300,
    );
    expect(bands.map((b) => b.segments)).toEqual([
      [{ startS: 0, endS: 300, state: 'OK' }],
      [
        { startS: 0, endS: 120, state: 'INSUFFICIENT_DATA' },
        { startS: 120, endS: 300, state: 'ALARM' },
      ],
    ]);
  });
  it('alarmStateAt reads the state at a time', () => {
    const [band] = alarmBands(FIXTURE_EVENTS, 600);
    expect(alarmStateAt(band!, 0)).toBe('INSUFFICIENT_DATA');
    expect(alarmStateAt(band!, 200)).toBe('ALARM');
    expect(alarmStateAt(band!, 600)).toBe('OK');
  });
  it('no alarm events, no bands', () => {
    expect(alarmBands([], 600)).toEqual([]);
  });
});

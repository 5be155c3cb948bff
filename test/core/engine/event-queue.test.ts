import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { EventQueue } from '../../../core/engine/event-queue.ts';
import { Engine } from '../../../core/engine/engine.ts';

describe('EventQueue', () => {
  it('pops events in (time, scheduling order): ties go to the earlier-scheduled event', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 20 }), { maxLength: 300 }), (times) => {
        const q = new EventQueue(2); // tiny, so growth is exercised
        times.forEach((t, i) => q.push(t, 0, i));
        const popped: [number, number][] = [];
        while (q.pop()) popped.push([q.poppedTime, q.poppedA]);
        const expected = times.map((t, i) => [t, i] as [number, number]).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
        expect(popped).toEqual(expected);
      }),
      { seed: Number(process.env.FC_SEED ?? 1) },
    );
  });

  it('rejects a time that is not a number', () => {
    expect(() => new EventQueue().push(NaN, 0)).toThrow(/invalid time/);
  });
});

describe('Engine', () => {
  it('runUntil runs every event due by then, in order, and leaves the clock at the limit', () => {
    const engine = new Engine();
    const log: string[] = [];
    const k = engine.register((a) => log.push(`${engine.now}:${a}`));
    engine.schedule(5, k, 1);
    engine.schedule(1, k, 2);
    engine.schedule(5, k, 3);
    engine.schedule(9, k, 4);
    engine.runUntil(5);
    expect(log).toEqual(['1:2', '5:1', '5:3']);
    expect(engine.now).toBe(5);
    expect(engine.step()).toBe(true);
    expect(log.at(-1)).toBe('9:4');
    expect(engine.step()).toBe(false);
  });

  it('refuses to schedule in the past', () => {
    const engine = new Engine();
    const k = engine.register(() => {});
    engine.runUntil(10);
    expect(() => engine.schedule(3, k)).toThrow(/past/);
  });
});

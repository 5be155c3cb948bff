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

  it('the lane gives exactly the order the heap would: a stream scheduled one at a time, merged by (time, scheduling order)', () => {
    // Each popped lane event schedules the next one a whole number of ticks later (ties are
    // common); every other event pops in between. The same script run with the lane's events
    // pushed into the heap is the reference.
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 1, maxLength: 200 }), fc.array(fc.integer({ min: 0, max: 6 }), { maxLength: 200 }), (laneGaps, heapGaps) => {
        const order = (useLane: boolean) => {
          const q = new EventQueue(2);
          const popped: string[] = [];
          let nextLane = 0;
          let nextHeap = 0;
          const scheduleLane = (t: number) => {
            if (nextLane >= laneGaps.length) return;
            const at = t + laneGaps[nextLane]!;
            if (useLane) q.pushLane(at, 1, nextLane++);
            else q.push(at, 1, nextLane++);
          };
          scheduleLane(0);
          for (; nextHeap < heapGaps.length / 2; nextHeap++) q.push(heapGaps[nextHeap]!, 0, nextHeap);
          while (q.pop()) {
            popped.push(`${q.poppedTime}:${q.poppedKind}:${q.poppedA}`);
            if (q.poppedKind === 1) scheduleLane(q.poppedTime);
            // Heap events scheduled while the run goes on, also at the current time.
            if (nextHeap < heapGaps.length) q.push(q.poppedTime + heapGaps[nextHeap]!, 0, nextHeap++);
          }
          return popped;
        };
        expect(order(true)).toEqual(order(false));
      }),
      { seed: Number(process.env.FC_SEED ?? 1) },
    );
  });

  it('reserved sequence numbers: a stream pushed one event at a time, each by the one before, runs exactly where it would had all of it been pushed at the start', () => {
    // The period closes: times known at the start (nondecreasing, ties included), then other
    // events scheduled as the run goes, at the same times too. The reference pushes the whole
    // stream first.
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 60 }), fc.array(fc.integer({ min: 0, max: 6 }), { maxLength: 200 }), (streamGaps, otherGaps) => {
        const times: number[] = [];
        streamGaps.reduce((t, gap) => (times.push(t + gap), t + gap), 0);
        const order = (oneAtATime: boolean) => {
          const q = new EventQueue(2);
          const popped: string[] = [];
          let first = 0;
          if (oneAtATime) {
            first = q.reserve(times.length);
            q.push(times[0]!, 1, 0, 0, first);
          } else times.forEach((t, k) => q.push(t, 1, k));
          let next = 0;
          for (; next < otherGaps.length / 2; next++) q.push(otherGaps[next]!, 0, next);
          while (q.pop()) {
            popped.push(`${q.poppedTime}:${q.poppedKind}:${q.poppedA}`);
            const k = q.poppedA;
            if (q.poppedKind === 1 && oneAtATime && k + 1 < times.length) q.push(times[k + 1]!, 1, k + 1, 0, first + k + 1);
            if (next < otherGaps.length) q.push(q.poppedTime + otherGaps[next]!, 0, next++);
          }
          return popped;
        };
        expect(order(true)).toEqual(order(false));
      }),
      { seed: Number(process.env.FC_SEED ?? 1) },
    );
  });

  it('the lane holds one event, and counts in size and peekTime', () => {
    const q = new EventQueue();
    q.push(5, 0);
    q.pushLane(3, 1);
    expect(q.size).toBe(2);
    expect(q.peekTime()).toBe(3);
    expect(() => q.pushLane(4, 1)).toThrow(/already holds/);
    expect(q.pop() && q.poppedKind).toBe(1);
    expect(q.size).toBe(1);
    expect(q.pop() && q.poppedKind).toBe(0);
    expect(q.pop()).toBe(false);
    expect(q.peekTime()).toBe(Infinity);
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

/**
 * The discrete-event engine: a clock and the future event list, nothing about AWS.
 *
 * Model components register a handler per event kind and schedule events at absolute simulated
 * times (`now + delay`, never accumulated steps). `step()` runs one event; `runUntil(t)` runs
 * every event due at or before t and leaves the clock at t. Ties run in scheduling order.
 */
import { EventQueue } from './event-queue.ts';

export type EventHandler = (a: number, b: number) => void;

export class Engine {
  now = 0;
  eventsRun = 0;
  readonly queue = new EventQueue();
  private readonly handlers: EventHandler[] = [];

  /** Registers a handler and returns the event kind to schedule it with. */
  register(handler: EventHandler): number {
    this.handlers.push(handler);
    return this.handlers.length - 1;
  }

  /**
   * Schedules an event. `seq`, when given, is a sequence number `reserveSequence` took: the event
   * then runs where it would have run had it been scheduled at that time.
   */
  schedule(time: number, kind: number, a = 0, b = 0, seq = -1): void {
    if (time < this.now) throw new Error(`event kind ${kind} scheduled in the past: ${time} < ${this.now}`);
    this.queue.push(time, kind, a, b, seq);
  }

  /** Takes `count` sequence numbers for `schedule`'s `seq` (EventQueue.reserve). */
  reserveSequence(count: number): number {
    return this.queue.reserve(count);
  }

  /**
   * Schedules the next event of the engine's one lane (EventQueue.pushLane): a stream whose
   * events are scheduled one at a time, each from the handler of the one before (the arrivals).
   */
  scheduleLane(time: number, kind: number, a = 0, b = 0): void {
    if (time < this.now) throw new Error(`event kind ${kind} scheduled in the past: ${time} < ${this.now}`);
    this.queue.pushLane(time, kind, a, b);
  }

  /** Runs the next event if it is due at or before `limit`; returns false otherwise. */
  step(limit = Infinity): boolean {
    const q = this.queue;
    if (!q.popDue(limit)) return false;
    this.now = q.poppedTime;
    this.eventsRun++;
    this.handlers[q.poppedKind]!(q.poppedA, q.poppedB);
    return true;
  }

  runUntil(time: number): void {
    const q = this.queue;
    const handlers = this.handlers;
    while (q.popDue(time)) {
      this.now = q.poppedTime;
      this.eventsRun++;
      handlers[q.poppedKind]!(q.poppedA, q.poppedB);
    }
    if (time > this.now) this.now = time;
  }
}

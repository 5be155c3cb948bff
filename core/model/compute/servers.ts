/**
 * Servers: whatever does a request's work. Today an EC2 instance's worker slots; IP targets,
 * ECS tasks and Lambda functions become rows of the same table. A server has `concurrency`
 * worker slots and a FIFO queue of at most `queueLimit` waiting requests (an intrusive list
 * through the request records), a fault state (failed servers answer nothing; slow ones take
 * `slowFactor` times as long) and the time-integral of its busy slots, from which CPU and load
 * are computed. Rows are appended and never reused, so a row names one server for the whole run.
 */
import { grown, nextCapacity } from '../table.ts';

export class Servers {
  count = 0;
  capacity: number;
  zone: Int32Array;
  concurrency: Int32Array;
  queueLimit: Float64Array;
  /** > 0 while failed (stops answering requests and health checks); faults nest. */
  failDepth: Int32Array;
  /** Service-time multiplier from slow-target faults. */
  slowFactor: Float64Array;
  /** > 0 while its health-check endpoint fails (it still serves requests); faults nest. */
  checkFailDepth: Int32Array;
  /** Busy worker slots, queued requests, and the queue's head and tail request records. */
  busy: Int32Array;
  queueLen: Int32Array;
  queueHead: Int32Array;
  queueTail: Int32Array;
  /** Incremented whenever the server drops its in-flight work, so stale events can be told apart. */
  epoch: Int32Array;
  /** Time-integral of busy slots over the whole run, up to `lastChange`, for CPU and load. */
  busyIntegral: Float64Array;
  lastChange: Float64Array;
  /** Requests handed to the server by a load balancer. */
  requests: Float64Array;
  /** Target-group members of the server now draining (the request path reports when it empties). */
  draining: Int32Array;
  /** Which service-time distribution serves its requests (the world's samplers, one per group and per IP target). */
  kind: Int32Array;
  /** Network round trip added to its responses (on-premises IP targets; 0 for instances). */
  rttS: Float64Array;

  constructor(initialCapacity = 64) {
    const n = (this.capacity = initialCapacity);
    this.zone = new Int32Array(n);
    this.concurrency = new Int32Array(n);
    this.queueLimit = new Float64Array(n);
    this.failDepth = new Int32Array(n);
    this.slowFactor = new Float64Array(n);
    this.checkFailDepth = new Int32Array(n);
    this.busy = new Int32Array(n);
    this.queueLen = new Int32Array(n);
    this.queueHead = new Int32Array(n);
    this.queueTail = new Int32Array(n);
    this.epoch = new Int32Array(n);
    this.busyIntegral = new Float64Array(n);
    this.lastChange = new Float64Array(n);
    this.requests = new Float64Array(n);
    this.draining = new Int32Array(n);
    this.kind = new Int32Array(n);
    this.rttS = new Float64Array(n);
  }

  /** Appends an idle server in `zone` at `now`; returns its row. */
  add(zone: number, concurrency: number, queueLimit: number, now: number, kind = 0, rttS = 0): number {
    if (this.count === this.capacity) this.grow();
    const s = this.count++;
    this.zone[s] = zone;
    this.concurrency[s] = concurrency;
    this.queueLimit[s] = queueLimit;
    this.slowFactor[s] = 1;
    this.kind[s] = kind;
    this.rttS[s] = rttS;
    this.queueHead[s] = -1;
    this.queueTail[s] = -1;
    this.lastChange[s] = now;
    return s;
  }

  /** Brings the busy-slot integral up to `now` before `busy` changes. */
  flushBusy(s: number, now: number): void {
    this.busyIntegral[s]! += this.busy[s]! * (now - this.lastChange[s]!);
    this.lastChange[s] = now;
  }

  /** Whether the server holds requests (queued or in service). */
  holds(s: number): boolean {
    return this.busy[s]! > 0 || this.queueLen[s]! > 0;
  }

  /** Whether a new connection would be refused: every slot busy and the queue full. */
  full(s: number): boolean {
    return this.busy[s]! >= this.concurrency[s]! && this.queueLen[s]! >= this.queueLimit[s]!;
  }

  private grow(): void {
    const n = (this.capacity = nextCapacity(this.capacity));
    this.zone = grown(this.zone, n);
    this.concurrency = grown(this.concurrency, n);
    this.queueLimit = grown(this.queueLimit, n);
    this.failDepth = grown(this.failDepth, n);
    this.slowFactor = grown(this.slowFactor, n);
    this.checkFailDepth = grown(this.checkFailDepth, n);
    this.busy = grown(this.busy, n);
    this.queueLen = grown(this.queueLen, n);
    this.queueHead = grown(this.queueHead, n);
    this.queueTail = grown(this.queueTail, n);
    this.epoch = grown(this.epoch, n);
    this.busyIntegral = grown(this.busyIntegral, n);
    this.lastChange = grown(this.lastChange, n);
    this.requests = grown(this.requests, n);
    this.draining = grown(this.draining, n);
    this.kind = grown(this.kind, n);
    this.rttS = grown(this.rttS, n);
  }
}

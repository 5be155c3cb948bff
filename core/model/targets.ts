/**
 * Targets: the EC2 instances behind the load balancer, as a table of parallel arrays.
 *
 * An instance has a lifecycle (Pending while it boots, InService, Terminated), a registration
 * with the target group (registered, draining, or not), a health state as the load balancer's
 * health checks see it (initial, healthy, unhealthy), and a server: `concurrency` worker slots
 * with a FIFO queue of at most `queueLimit` waiting requests. Rows are appended as instances
 * launch and never reused, so an index names one instance for the whole run.
 */

/** EC2 Auto Scaling lifecycle states (AS-LC). */
export const enum Lifecycle {
  /** Launched, booting (or warm-starting from the pool). */
  Pending = 0,
  InService = 1,
  Terminated = 2,
  /** Booted, waiting for a launch lifecycle hook (Pending:Wait). */
  PendingWait = 3,
  /** Being scaled in or replaced: deregistering from the target group (Terminating). */
  Terminating = 4,
  /** Deregistered, waiting for a termination lifecycle hook (Terminating:Wait). */
  TerminatingWait = 5,
  /** Initialised and parked in the warm pool (Warmed:Stopped / Running / Hibernated). */
  Warmed = 6,
  /** Booting on its way into the warm pool (Warmed:Pending). */
  WarmedPending = 7,
}

export const enum Health {
  /** Registered, no health check passed yet (AWS: `initial`). */
  Initial = 0,
  Healthy = 1,
  Unhealthy = 2,
}

export const enum Registration {
  None = 0,
  Registered = 1,
  Draining = 2,
}

export class TargetTable {
  count = 0;
  capacity: number;
  zone: Int32Array;
  lifecycle: Uint8Array;
  registration: Uint8Array;
  health: Uint8Array;
  /** Consecutive passing / failing health checks. */
  passes: Int32Array;
  fails: Int32Array;
  /** > 0 while failed (stops answering requests and health checks); faults nest. */
  failDepth: Int32Array;
  /** Service-time multiplier from slow-target faults. */
  slowFactor: Float64Array;
  /** Busy worker slots, queued requests, and the queue's head and tail request indexes. */
  busy: Int32Array;
  queueLen: Int32Array;
  queueHead: Int32Array;
  queueTail: Int32Array;
  /** Incremented whenever the target drops its in-flight work, so stale events can be told apart. */
  epoch: Int32Array;
  /** Time-integral of busy slots over the whole run, up to `lastChange`, for CPU and load. */
  busyIntegral: Float64Array;
  lastChange: Float64Array;
  launchS: Float64Array;
  inServiceS: Float64Array;
  terminateS: Float64Array;
  /** When the target last became healthy (slow start) and until when it is in slow start. */
  slowStartEndS: Float64Array;
  drainEndS: Float64Array;
  requests: Float64Array;
  /** Auto Scaling: instance warm-up end (metrics excluded until then), scale-in protection. */
  warmupEndS: Float64Array;
  protectedFromScaleIn: Uint8Array;
  /** Why a Terminating instance is going: it is replaced (counts toward capacity until gone) or not. */
  replacing: Uint8Array;
  /** Seconds not billed for compute (in a Stopped or Hibernated warm pool), and since when. */
  unbilledS: Float64Array;
  unbilledSinceS: Float64Array;
  /** While a lifecycle hook waits: 1 if its action completes (CONTINUE), 0 if the heartbeat timeout decides. */
  hookCompletes: Uint8Array;

  constructor(initialCapacity = 64) {
    this.capacity = initialCapacity;
    this.zone = new Int32Array(initialCapacity);
    this.lifecycle = new Uint8Array(initialCapacity);
    this.registration = new Uint8Array(initialCapacity);
    this.health = new Uint8Array(initialCapacity);
    this.passes = new Int32Array(initialCapacity);
    this.fails = new Int32Array(initialCapacity);
    this.failDepth = new Int32Array(initialCapacity);
    this.slowFactor = new Float64Array(initialCapacity);
    this.busy = new Int32Array(initialCapacity);
    this.queueLen = new Int32Array(initialCapacity);
    this.queueHead = new Int32Array(initialCapacity);
    this.queueTail = new Int32Array(initialCapacity);
    this.epoch = new Int32Array(initialCapacity);
    this.busyIntegral = new Float64Array(initialCapacity);
    this.lastChange = new Float64Array(initialCapacity);
    this.launchS = new Float64Array(initialCapacity);
    this.inServiceS = new Float64Array(initialCapacity);
    this.terminateS = new Float64Array(initialCapacity);
    this.slowStartEndS = new Float64Array(initialCapacity);
    this.drainEndS = new Float64Array(initialCapacity);
    this.requests = new Float64Array(initialCapacity);
    this.warmupEndS = new Float64Array(initialCapacity);
    this.protectedFromScaleIn = new Uint8Array(initialCapacity);
    this.replacing = new Uint8Array(initialCapacity);
    this.unbilledS = new Float64Array(initialCapacity);
    this.unbilledSinceS = new Float64Array(initialCapacity);
    this.hookCompletes = new Uint8Array(initialCapacity);
  }

  /** Appends a Pending instance in `zone` launched at `now`; returns its index. */
  add(zone: number, now: number): number {
    if (this.count === this.capacity) this.grow();
    const i = this.count++;
    this.zone[i] = zone;
    this.lifecycle[i] = Lifecycle.Pending;
    this.registration[i] = Registration.None;
    this.health[i] = Health.Initial;
    this.slowFactor[i] = 1;
    this.queueHead[i] = -1;
    this.queueTail[i] = -1;
    this.launchS[i] = now;
    this.inServiceS[i] = NaN;
    this.terminateS[i] = NaN;
    this.lastChange[i] = now;
    this.unbilledSinceS[i] = NaN;
    return i;
  }

  /** Brings the busy-slot integral up to `now` before `busy` changes. */
  flushBusy(i: number, now: number): void {
    this.busyIntegral[i]! += this.busy[i]! * (now - this.lastChange[i]!);
    this.lastChange[i] = now;
  }

  isFailed(i: number): boolean {
    return this.failDepth[i]! > 0;
  }

  /** AWS-style instance id: i-0001, i-0002, … */
  id(i: number): string {
    return `i-${String(i + 1).padStart(4, '0')}`;
  }

  private grow(): void {
    const cap = this.capacity * 2;
    for (const key of Object.keys(this) as (keyof this)[]) {
      const arr = this[key];
      if (ArrayBuffer.isView(arr)) {
        const Ctor = (arr as unknown as { constructor: new (n: number) => Float64Array }).constructor;
        const next = new Ctor(cap);
        next.set(arr as unknown as Float64Array);
        (this as Record<keyof this, unknown>)[key] = next;
      }
    }
    this.capacity = cap;
  }
}

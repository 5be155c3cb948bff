/**
 * EC2 instances of the Auto Scaling groups, as a table of parallel arrays.
 *
 * An instance has a lifecycle (AS-LC: Pending while it boots, InService, Terminating, …), runs on
 * one server (the row of `Servers` that does its work), and carries what the group needs to
 * decide about it: launch and termination times (billing), warm-up, scale-in protection, whether
 * it is being replaced, warm-pool billing and lifecycle-hook results. Its target-group
 * registrations live with the target groups. Rows are appended as instances launch and never
 * reused, so a row names one instance for the whole run.
 */
import { grown, nextCapacity } from '../table.ts';

/** EC2 Auto Scaling lifecycle states (AS-LC). */
export const enum Lifecycle {
  /** Launched, booting (or warm-starting from the pool). */
  Pending = 0,
  InService = 1,
  Terminated = 2,
  /** Booted, waiting for a launch lifecycle hook (Pending:Wait). */
  PendingWait = 3,
  /** Being scaled in or replaced: deregistering from its target groups (Terminating). */
  Terminating = 4,
  /** Deregistered, waiting for a termination lifecycle hook (Terminating:Wait). */
  TerminatingWait = 5,
  /** Initialised and parked in the warm pool (Warmed:Stopped / Running / Hibernated). */
  Warmed = 6,
  /** Booting on its way into the warm pool (Warmed:Pending). */
  WarmedPending = 7,
  /** Moving to Standby: deregistering from its target groups (EnteringStandby). */
  EnteringStandby = 8,
  /** Still the group's, running and billed, but out of its target groups and its capacity (Standby). */
  Standby = 9,
  /** Being detached: deregistering from its target groups (Detaching). */
  Detaching = 10,
  /** No longer the group's; the EC2 instance keeps running (Detached). */
  Detached = 11,
}

/** How many lifecycle states there are (the counters' stride). */
const STATES = 12;

export class Instances {
  count = 0;
  capacity: number;
  /**
   * The instances not yet terminated, in row order, plus those terminated since the last
   * `compact()` (callers skip them by their state); so the fleet code visits the live fleet and
   * the recent past, never every instance ever launched.
   */
  live: Int32Array;
  liveCount = 0;
  /** Instances per (zone, lifecycle state), kept by `setLifecycle`. */
  private readonly counts: Int32Array;
  /** The server row that does the instance's work. */
  server: Int32Array;
  zone: Int32Array;
  lifecycle: Uint8Array;
  launchS: Float64Array;
  inServiceS: Float64Array;
  terminateS: Float64Array;
  /** Instance warm-up end (the group's metrics leave the instance out until then). */
  warmupEndS: Float64Array;
  protectedFromScaleIn: Uint8Array;
  /** Why a Terminating instance is going: it is replaced (counts toward capacity until gone) or not. */
  replacing: Uint8Array;
  /** Seconds not billed for compute (in a Stopped or Hibernated warm pool), and since when. */
  unbilledS: Float64Array;
  unbilledSinceS: Float64Array;
  /** While lifecycle hooks wait: how many have not answered yet, and the wait's number (a hook's answer from an earlier wait is stale). */
  hooksLeft: Int32Array;
  hookGeneration: Int32Array;
  /** The launch template version the instance was launched from (0: the scenario's `instance`; an instance refresh adds versions). */
  version: Uint8Array;
  /** 1 when the running instance refresh must replace the instance whatever its version (SkipMatching off). */
  refreshMark: Uint8Array;
  /** Target groups still draining the instance before it can go on terminating. */
  draining: Int32Array;
  /** Its mixed instances policy override (instance type; 0 without a policy) and market (0 On-Demand, 1 Spot). */
  itype: Uint8Array;
  market: Uint8Array;
  /** The instance's number in its id (`i-0001`): shared by every group's table so that ids are unique in a run. */
  idNumber: Int32Array;
  /** Each instance's id once made (`id`). */
  private readonly idText: string[] = [];

  constructor(
    private readonly zoneCount: number,
    initialCapacity = 64,
    /** Numbers ids across several groups' tables; a table of its own by default. */
    private readonly ids: { next: number } = { next: 0 },
  ) {
    const n = (this.capacity = initialCapacity);
    this.idNumber = new Int32Array(n);
    this.live = new Int32Array(n);
    this.counts = new Int32Array(zoneCount * STATES);
    this.server = new Int32Array(n);
    this.zone = new Int32Array(n);
    this.lifecycle = new Uint8Array(n);
    this.launchS = new Float64Array(n);
    this.inServiceS = new Float64Array(n);
    this.terminateS = new Float64Array(n);
    this.warmupEndS = new Float64Array(n);
    this.protectedFromScaleIn = new Uint8Array(n);
    this.replacing = new Uint8Array(n);
    this.unbilledS = new Float64Array(n);
    this.unbilledSinceS = new Float64Array(n);
    this.hooksLeft = new Int32Array(n);
    this.hookGeneration = new Int32Array(n);
    this.version = new Uint8Array(n);
    this.refreshMark = new Uint8Array(n);
    this.draining = new Int32Array(n);
    this.itype = new Uint8Array(n);
    this.market = new Uint8Array(n);
  }

  /** Appends a Pending instance in `zone` on `server`, launched at `now`; returns its row. */
  add(server: number, zone: number, now: number): number {
    if (this.count === this.capacity) this.grow();
    const i = this.count++;
    this.server[i] = server;
    this.zone[i] = zone;
    this.lifecycle[i] = Lifecycle.Pending;
    this.counts[zone * STATES + Lifecycle.Pending]!++;
    this.live[this.liveCount++] = i;
    this.idNumber[i] = this.ids.next++;
    this.launchS[i] = now;
    this.inServiceS[i] = NaN;
    this.terminateS[i] = NaN;
    this.unbilledSinceS[i] = NaN;
    return i;
  }

  /** Moves instance i to `state`, keeping the per-zone counts. */
  setLifecycle(i: number, state: Lifecycle): void {
    const base = this.zone[i]! * STATES;
    this.counts[base + this.lifecycle[i]!]!--;
    this.counts[base + state]!++;
    this.lifecycle[i] = state;
  }

  /** Instances in `state` in `zone`, or in every zone with zone -1. */
  inState(state: Lifecycle, zone = -1): number {
    if (zone >= 0) return this.counts[zone * STATES + state]!;
    let n = 0;
    for (let z = 0; z < this.zoneCount; z++) n += this.counts[z * STATES + state]!;
    return n;
  }

  /** Drops terminated instances from the live list (order kept); call where no one is iterating it. */
  compact(): void {
    let k = 0;
    for (let j = 0; j < this.liveCount; j++) {
      const i = this.live[j]!;
      if (this.lifecycle[i] !== Lifecycle.Terminated) this.live[k++] = i;
    }
    this.liveCount = k;
  }

  /** AWS-style instance id: i-0001, i-0002, …; one string per instance, however often asked (each event about it shares it). */
  id(i: number): string {
    return (this.idText[i] ??= instanceId(this.idNumber[i]!));
  }

  private grow(): void {
    const n = (this.capacity = nextCapacity(this.capacity));
    this.live = grown(this.live, n);
    this.server = grown(this.server, n);
    this.zone = grown(this.zone, n);
    this.lifecycle = grown(this.lifecycle, n);
    this.launchS = grown(this.launchS, n);
    this.inServiceS = grown(this.inServiceS, n);
    this.terminateS = grown(this.terminateS, n);
    this.warmupEndS = grown(this.warmupEndS, n);
    this.protectedFromScaleIn = grown(this.protectedFromScaleIn, n);
    this.replacing = grown(this.replacing, n);
    this.unbilledS = grown(this.unbilledS, n);
    this.unbilledSinceS = grown(this.unbilledSinceS, n);
    this.hooksLeft = grown(this.hooksLeft, n);
    this.hookGeneration = grown(this.hookGeneration, n);
    this.version = grown(this.version, n);
    this.refreshMark = grown(this.refreshMark, n);
    this.draining = grown(this.draining, n);
    this.itype = grown(this.itype, n);
    this.market = grown(this.market, n);
    this.idNumber = grown(this.idNumber, n);
  }
}

/** AWS-style id of the i-th instance launched (from 0): i-0001, i-0002, … */
export function instanceId(i: number): string {
  return `i-${String(i + 1).padStart(4, '0')}`;
}

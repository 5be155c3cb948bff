/**
 * Maximum instance lifetime (AS-MIL): an instance is terminated and replaced before it has run
 * `MaxInstanceLifetime`. AWS documents the pace: "usually one at a time, with a pause between
 * replacements", and up to 10 % of the group's current capacity at a time when the lifetime
 * leaves too little time for that; by default the old instance terminates first and another
 * activity launches its replacement. Scale-in protection keeps an instance from being replaced.
 *
 * What AWS leaves open is elbsim's parameter (docs/fidelity.md): an instance becomes due
 * LIFETIME_LEAD_S before its lifetime ends; the check runs every LIFETIME_CHECK_S; the "pause"
 * is the wait until the previous replacement is InService (no launch or replacement under way);
 * an instance past its lifetime lets the group replace up to 10 % (at least one) at once.
 * Lifetime counts from the launch. With an instance maintenance policy whose
 * MaxHealthyPercentage is above 100 (AS-IMP) the replacement launches first, beyond the desired
 * capacity as far as that percentage allows, and the old instance terminates once it is
 * InService. While an instance refresh runs, the lifetime check waits.
 */
import type { Engine } from '../../engine/engine.ts';
import type { EventLog } from '../event-log.ts';
import type { AutoScalingGroup } from './group.ts';
import { lifetimeCause } from './activity.ts';
import { refreshBounds } from './refresh.ts';
import { Lifecycle, type Instances } from './instances.ts';

/** How long before its lifetime ends an instance is due for replacement [elbsim parameter]. */
export const LIFETIME_LEAD_S = 3600;
/** How often the group looks for instances due for replacement [elbsim parameter]. */
export const LIFETIME_CHECK_S = 60;

export class MaxInstanceLifetime {
  private readonly kTick: number;
  /** Launch before terminate: the old instances whose replacements are launching. */
  private readonly waiting: number[] = [];

  constructor(
    private readonly engine: Engine,
    private readonly group: AutoScalingGroup,
    private readonly instances: Instances,
    private readonly lifetimeS: number,
    private readonly durationS: number,
    private readonly log: EventLog,
    /** The instance maintenance policy's MaxHealthyPercentage (100: terminate first, AWS's default). */
    private readonly maxHealthyPercentage = 100,
  ) {
    this.kTick = engine.register(() => this.tick());
  }

  start(): void {
    if (this.lifetimeS > 0) this.schedule();
  }

  private schedule(): void {
    const next = this.engine.now + LIFETIME_CHECK_S;
    if (next <= this.durationS) this.engine.schedule(next, this.kTick);
  }

  private tick(): void {
    this.schedule();
    const g = this.group;
    // One replacement at a time: wait until the last one is InService.
    if (g.pending > 0 || g.replacingInTermination > 0 || g.refreshing || g.suspended('Terminate')) return;
    const instances = this.instances;
    const now = this.engine.now;
    if (this.waiting.length > 0) {
      // Their replacements are InService: the old ones go.
      for (const t of this.waiting.splice(0)) {
        if (g.surge > 0) g.surge--;
        if (instances.lifecycle[t] === Lifecycle.InService) g.beginTermination(t, false);
      }
      g.reconcile();
      return;
    }
    const due: number[] = [];
    let overdue = false;
    for (let k = 0; k < instances.liveCount; k++) {
      const t = instances.live[k]!;
      if (instances.lifecycle[t] !== Lifecycle.InService || instances.protectedFromScaleIn[t] === 1 || t === g.rebalance.extra) continue;
      const end = instances.launchS[t]! + this.lifetimeS;
      if (now < end - LIFETIME_LEAD_S) continue;
      due.push(t);
      if (now >= end) overdue = true;
    }
    if (due.length === 0) return;
    due.sort((a, b) => instances.launchS[a]! - instances.launchS[b]! || a - b);
    let allowed = overdue ? Math.max(1, Math.floor(0.1 * g.capacity())) : 1;
    const ahead = refreshBounds(g.desired, 0, this.maxHealthyPercentage).maxTotal - g.desired;
    if (ahead > 0) allowed = Math.min(allowed, ahead);
    for (const t of due.slice(0, allowed)) {
      this.log.add(now, 'scaling', { instance: instances.id(t), group: g.name, cause: lifetimeCause(now) });
      if (ahead > 0 && g.launchSurge()) this.waiting.push(t);
      else g.beginTermination(t, true);
    }
  }
}

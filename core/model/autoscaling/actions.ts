/**
 * The group's manual operations at their times (`autoScaling.actions`), as the API calls of the
 * same names do them (AS-MAN, AS-STANDBY, AS-DETACH):
 * - SetDesiredCapacity: a new desired capacity within [MinSize, MaxSize] (else refused, as AWS's
 *   ValidationError); with HonorCooldown, refused while the group's cooldown runs;
 * - EnterStandby: InService instances leave the capacity count and drain from the target groups
 *   into Standby; with ShouldDecrementDesiredCapacity the desired capacity drops by as many (not
 *   below MinSize, else refused), without it the group launches replacements;
 * - ExitStandby: Standby instances go back InService (re-registered); the desired capacity
 *   rises by as many (not above MaxSize, else refused [inferred]);
 * - DetachInstances: as EnterStandby, but the instance ends Detached: no longer the group's, it
 *   keeps running (and billing, docs/fidelity.md);
 * - AttachInstances: instances this group detached come back InService; the desired capacity
 *   rises by as many, and the call is refused if that would pass MaxSize (AWS).
 * A move picks the longest-running instances (AWS takes instance ids); each moved instance is
 * its own activity, in AWS's words. Instance refresh is refresh.ts, started from here.
 */
import type { Engine } from '../../engine/engine.ts';
import type { GroupAction, GroupScenario } from '../../scenario/types.ts';
import type { EventLog } from '../event-log.ts';
import type { AutoScalingGroup } from './group.ts';
import { instanceMoveCause, manualDesiredCause, refusedCause, type InstanceMove } from './activity.ts';
import { Lifecycle, type Instances } from './instances.ts';
import { formatRunTime } from './activity.ts';

/** What the actions need of the scaling controller: the group's cooldown (AS-COOL). */
export interface CooldownPort {
  /** The end of the cooldown if one is running at `nowS` (Infinity while its activity is still under way), else null. */
  cooldownEnd(nowS: number): number | null;
  startCooldown(cooldownS: number): void;
}

/** Starts an instance refresh (refresh.ts). */
export interface RefreshPort {
  start(action: Extract<GroupAction, { action: 'start-instance-refresh' }>): void;
}

export class GroupActions {
  private readonly kAction: number;
  /** Instances in Standby and instances detached by this group, in the order they got there. */
  private readonly standby: number[] = [];
  private readonly detached: number[] = [];

  constructor(
    private readonly engine: Engine,
    private readonly scenario: GroupScenario,
    private readonly group: AutoScalingGroup,
    private readonly instances: Instances,
    private readonly log: EventLog,
    private readonly cooldown: CooldownPort,
    private readonly refresh: RefreshPort | null,
  ) {
    this.kAction = engine.register((i) => this.run(i));
    group.onMoved = (t) => {
      const state = instances.lifecycle[t];
      if (state === Lifecycle.Standby) this.standby.push(t);
      else if (state === Lifecycle.Detached) this.detached.push(t);
    };
  }

  start(): void {
    this.scenario.autoScaling.actions.forEach((a, i) => this.engine.schedule(a.atS, this.kAction, i));
  }

  private run(i: number): void {
    const a = this.scenario.autoScaling.actions[i]!;
    switch (a.action) {
      case 'set-desired-capacity':
        return this.setDesired(a);
      case 'enter-standby':
        return this.moveOut(a, 'enter-standby', a.shouldDecrementDesiredCapacity);
      case 'detach-instances':
        return this.moveOut(a, 'detach', a.shouldDecrementDesiredCapacity);
      case 'exit-standby':
        return this.moveIn(a, 'exit-standby', this.standby);
      case 'attach-instances':
        return this.moveIn(a, 'attach', this.detached);
      case 'start-instance-refresh':
        if (this.refresh) this.refresh.start(a);
        return;
    }
  }

  private refuse(a: GroupAction, api: string, reason: string): void {
    this.log.add(this.engine.now, 'scaling', { name: a.name, group: this.group.name, state: 'refused', cause: refusedCause(this.engine.now, api, reason) });
  }

  private setDesired(a: Extract<GroupAction, { action: 'set-desired-capacity' }>): void {
    const g = this.group;
    const now = this.engine.now;
    const to = a.desiredCapacity;
    if (to > g.maxSize) return this.refuse(a, 'SetDesiredCapacity', `New SetDesiredCapacity value ${to} is above max value ${g.maxSize} for the AutoScalingGroup.`);
    if (to < g.minSize) return this.refuse(a, 'SetDesiredCapacity', `New SetDesiredCapacity value ${to} is below min value ${g.minSize} for the AutoScalingGroup.`);
    if (a.honorCooldown) {
      const end = this.cooldown.cooldownEnd(now);
      if (end !== null) return this.refuse(a, 'SetDesiredCapacity', end === Infinity ? 'HonorCooldown is set and a scaling activity is in progress.' : `HonorCooldown is set and the group is in its cooldown until ${formatRunTime(end)}.`);
    }
    const from = g.desired;
    if (to === from) return;
    g.setDesired(to, manualDesiredCause(now, from, to), a.name);
    this.cooldown.startCooldown(this.scenario.autoScaling.defaultCooldownS);
  }

  /** The longest-running InService instances, oldest first, at most `count`. */
  private oldestInService(count: number): number[] {
    const instances = this.instances;
    const chosen: number[] = [];
    for (let k = 0; k < instances.liveCount && chosen.length < count; k++) {
      const t = instances.live[k]!;
      if (instances.lifecycle[t] === Lifecycle.InService && t !== this.group.rebalance.extra) chosen.push(t);
    }
    return chosen;
  }

  private moveOut(a: GroupAction & { count: number }, move: InstanceMove, decrement: boolean): void {
    const g = this.group;
    const api = move === 'detach' ? 'DetachInstances' : 'EnterStandby';
    const chosen = this.oldestInService(a.count);
    if (chosen.length === 0) return this.refuse(a, api, 'the group has no InService instance.');
    if (decrement && g.desired - chosen.length < g.minSize) {
      return this.refuse(a, api, `decrementing the desired capacity by ${chosen.length} would leave it at ${g.desired - chosen.length}, below the group's minimum size ${g.minSize}.`);
    }
    const now = this.engine.now;
    let desired = g.desired;
    for (const t of chosen) {
      const to = decrement ? desired - 1 : desired;
      this.log.add(now, 'scaling', { instance: this.instances.id(t), name: a.name, group: g.name, cause: instanceMoveCause(now, move, this.instances.id(t), desired, to), from: decrement ? desired : null, to: decrement ? to : null });
      g.moveOut(t, move === 'detach' ? 'detach' : 'standby');
      desired = to;
    }
    g.adjustDesired(desired); // without the decrement: replacements launch (AWS)
  }

  private moveIn(a: GroupAction & { count: number }, move: InstanceMove, from: number[]): void {
    const g = this.group;
    const api = move === 'attach' ? 'AttachInstances' : 'ExitStandby';
    const state = move === 'attach' ? Lifecycle.Detached : Lifecycle.Standby;
    // Instances terminated while out (a zone failure, say) are no longer there to move.
    for (let k = from.length - 1; k >= 0; k--) if (this.instances.lifecycle[from[k]!] !== state) from.splice(k, 1);
    const n = Math.min(a.count, from.length);
    if (n === 0) return this.refuse(a, api, move === 'attach' ? 'the group has detached no instance to attach.' : 'no instance of the group is in Standby.');
    if (g.desired + n > g.maxSize) {
      return this.refuse(a, api, `incrementing the desired capacity by ${n} would make it ${g.desired + n}, above the group's maximum size ${g.maxSize}.`);
    }
    const now = this.engine.now;
    let desired = g.desired;
    // The desired capacity rises first, so the group does not see the returning instances as surplus.
    g.desired += n;
    for (const t of from.splice(0, n)) {
      this.log.add(now, 'scaling', { instance: this.instances.id(t), name: a.name, group: g.name, cause: instanceMoveCause(now, move, this.instances.id(t), desired, desired + 1), from: desired, to: desired + 1 });
      g.moveIn(t);
      desired++;
    }
  }
}

/**
 * Instance refresh (StartInstanceRefresh; AS-IR, AS-IRDEF, AS-IMP): replaces the group's
 * instances with ones of a new launch template version, in rolling batches bounded by the
 * preferences, as percentages of the desired capacity:
 * - MinHealthyPercentage (rounded up, as AWS documents): healthy, warmed-up InService capacity
 *   the refresh keeps. An instance is healthy when it is InService, its InstanceWarmup since
 *   InService is over and, with health-check type ELB, every target group reports it healthy.
 *   Old instances are taken out (terminate, then launch: AWS's default order) only as far as
 *   that keeps the minimum. When the minimum is the whole group (100 %, or a small group
 *   rounding up to all of it) and no launch ahead is allowed, the refresh goes one instance at a
 *   time, as AWS documents for 100 %.
 * - MaxHealthyPercentage (rounded down [inferred]): InService plus Pending instances at most.
 *   Above 100 the refresh launches new instances first, beyond the desired capacity, and takes
 *   an old one out for each that is ready.
 * - CheckpointPercentages / CheckpointDelay: the refresh pauses when that share of the instances
 *   to replace has been replaced, and waits out the delay.
 * - SkipMatching: only instances whose configuration differs from the new one are replaced.
 * - Failure and AutoRollback: the refresh fails when an instance of the new version is reported
 *   unhealthy by the load balancer (health-check type ELB) [elbsim's reading of AWS's "instances
 *   fail health checks"]. With AutoRollback the group goes back to the previous version and the
 *   new version's instances are replaced the same way (RollbackInProgress, then
 *   RollbackSuccessful); without it the refresh ends Failed and the group keeps the new version.
 * Each step is checked every REFRESH_CHECK_S [elbsim parameter]. Statuses are AWS's
 * (InProgress, Successful, Failed, RollbackInProgress, RollbackSuccessful).
 */
import type { Engine } from '../../engine/engine.ts';
import type { GroupAction, LaunchTemplateVersion, GroupScenario } from '../../scenario/types.ts';
import type { EventLog } from '../event-log.ts';
import type { AutoScalingGroup } from './group.ts';
import type { RefreshPort } from './actions.ts';
import { formatRunTime, refreshLaunchCause, refreshTerminateCause, refusedCause } from './activity.ts';
import { Lifecycle, type Instances } from './instances.ts';

/** How often a running refresh looks at the group [elbsim parameter]. */
export const REFRESH_CHECK_S = 10;

type StartAction = Extract<GroupAction, { action: 'start-instance-refresh' }>;

export type RefreshStatus = 'InProgress' | 'Successful' | 'Failed' | 'RollbackInProgress' | 'RollbackSuccessful';

/** The healthy-capacity bounds of a refresh for a desired capacity, rounded as AWS rounds (min up; max down [inferred]). */
export function refreshBounds(desired: number, minHealthyPercentage: number, maxHealthyPercentage: number): { minHealthy: number; maxTotal: number } {
  // Percentages are integers: compute in integers so 90 % of 10 is exactly 9.
  return { minHealthy: Math.ceil((desired * minHealthyPercentage) / 100), maxTotal: Math.floor((desired * maxHealthyPercentage) / 100) };
}

function sameVersion(a: LaunchTemplateVersion, b: LaunchTemplateVersion): boolean {
  return a.serviceTimeFactor === b.serviceTimeFactor && a.failsHealthChecks === b.failsHealthChecks && JSON.stringify(a.bootTime) === JSON.stringify(b.bootTime);
}

interface Running {
  action: StartAction;
  /** The version being rolled out (the previous one during a rollback), and the other one. */
  target: number;
  previous: number;
  rollback: boolean;
  toReplace: number;
  nextCheckpoint: number;
  pausedUntilS: number;
}

export class InstanceRefresh implements RefreshPort {
  private readonly kTick: number;
  private running: Running | null = null;
  /** Every status change, for tests and the report: time, refresh, status. */
  readonly history: { timeS: number; name: string; status: RefreshStatus | 'Checkpoint' }[] = [];

  constructor(
    private readonly engine: Engine,
    private readonly scenario: GroupScenario,
    private readonly group: AutoScalingGroup,
    private readonly instances: Instances,
    private readonly log: EventLog,
  ) {
    this.kTick = engine.register(() => this.tick());
    group.onUnhealthy = (t) => {
      const r = this.running;
      if (r !== null && !r.rollback && instances.version[t] === r.target && this.failedInstance < 0) this.failedInstance = t;
    };
  }

  /** A new-version instance health replacement took out since the last look (-1: none). */
  private failedInstance = -1;

  start(action: StartAction): void {
    const now = this.engine.now;
    const g = this.group;
    if (this.running) {
      this.log.add(now, 'scaling', { name: action.name, group: g.name, state: 'refused', cause: refusedCause(now, 'StartInstanceRefresh', `an instance refresh (${this.running.action.name}) is already in progress.`) });
      return;
    }
    const previous = g.currentVersion;
    const target = g.addVersion(action.desiredConfiguration);
    g.currentVersion = target;
    const toReplace = this.mark((t) => !action.preferences.skipMatching || !sameVersion(g.versions[this.instances.version[t]!]!, action.desiredConfiguration));
    this.running = { action, target, previous, rollback: false, toReplace, nextCheckpoint: 0, pausedUntilS: 0 };
    g.refreshing = true;
    this.status('InProgress', `replacing ${toReplace} instance${toReplace === 1 ? '' : 's'} (MinHealthyPercentage ${action.preferences.minHealthyPercentage}, MaxHealthyPercentage ${action.preferences.maxHealthyPercentage})`);
    this.engine.schedule(now, this.kTick);
  }

  /** Marks the live instances of the group that `replace` selects; returns how many. */
  private mark(replace: (t: number) => boolean): number {
    const instances = this.instances;
    let n = 0;
    for (let k = 0; k < instances.liveCount; k++) {
      const t = instances.live[k]!;
      const s = instances.lifecycle[t];
      const member = s === Lifecycle.InService || s === Lifecycle.Pending || s === Lifecycle.PendingWait;
      // Scale-in protected instances are left as they are (AWS's ScaleInProtectedInstances: Ignore).
      instances.refreshMark[t] = member && instances.protectedFromScaleIn[t] === 0 && replace(t) ? 1 : 0;
      n += instances.refreshMark[t]!;
    }
    return n;
  }

  private status(status: RefreshStatus | 'Checkpoint', reason: string): void {
    const now = this.engine.now;
    const name = this.running!.action.name;
    this.history.push({ timeS: now, name, status });
    this.log.add(now, 'scaling', { name, group: this.group.name, state: status, cause: `At ${formatRunTime(now)} instance refresh ${name} ${status === 'Checkpoint' ? 'reached a checkpoint' : `is ${status}`}: ${reason}.` });
  }

  /**
   * Whether instance t counts as healthy capacity: InService, warmed up (the fleet a run starts
   * with counts as warmed up, as everywhere in elbsim), and with health-check type ELB reported
   * healthy by every target group.
   */
  private ready(t: number, now: number): boolean {
    const instances = this.instances;
    if (instances.lifecycle[t] !== Lifecycle.InService) return false;
    const since = instances.inServiceS[t]!;
    if (since > 0 && now < since + this.running!.action.preferences.instanceWarmupS) return false;
    return this.scenario.autoScaling.healthCheckType !== 'ELB' || this.group.healthyByElb(t);
  }

  private tick(): void {
    const r = this.running;
    if (r === null) return;
    const now = this.engine.now;
    if (now + REFRESH_CHECK_S <= this.scenario.durationS) this.engine.schedule(now + REFRESH_CHECK_S, this.kTick);
    const g = this.group;
    if (now < r.pausedUntilS || g.suspended('InstanceRefresh')) return;
    const instances = this.instances;
    if (this.failedInstance >= 0) {
      const t = this.failedInstance;
      this.failedInstance = -1;
      return this.fail(`instance ${instances.id(t)} of the new configuration failed its load balancer health checks`);
    }
    const elb = this.scenario.autoScaling.healthCheckType === 'ELB';
    const grace = this.scenario.autoScaling.healthCheckGracePeriodS;
    let healthy = 0;
    let warming = 0;
    let marked = 0;
    /** Marked InService instances: reported unhealthy (replacing them costs no healthy capacity), and the others. */
    const unhealthy: number[] = [];
    const candidates: number[] = [];
    for (let k = 0; k < instances.liveCount; k++) {
      const t = instances.live[k]!;
      const s = instances.lifecycle[t];
      if (!r.rollback && elb && instances.version[t] === r.target && (s === Lifecycle.InService || s === Lifecycle.Terminating) && now >= instances.inServiceS[t]! + grace && g.unhealthyByElb(t)) {
        return this.fail(`instance ${instances.id(t)} of the new configuration failed its load balancer health checks`);
      }
      if (s === Lifecycle.Pending || s === Lifecycle.PendingWait || s === Lifecycle.InService) marked += instances.refreshMark[t]!;
      if (s !== Lifecycle.InService || t === g.rebalance.extra) continue;
      const isReady = this.ready(t, now);
      if (isReady) healthy++;
      else if (instances.refreshMark[t] === 0) warming++;
      if (instances.refreshMark[t] === 1) (elb && g.unhealthyByElb(t) ? unhealthy : candidates).push(t);
    }
    const inFlight = g.pending + g.replacingInTermination + warming;
    if (marked === 0 && inFlight === 0) return this.succeed();
    const p = r.action.preferences;
    const replaced = r.toReplace - marked;
    // A checkpoint: once its share is replaced and ready, pause for the delay.
    const points = r.rollback ? [] : p.checkpointPercentages;
    const point = points[r.nextCheckpoint];
    if (point !== undefined && point < 100 && inFlight === 0 && g.surge === 0 && replaced * 100 >= point * r.toReplace) {
      r.nextCheckpoint++;
      r.pausedUntilS = now + p.checkpointDelayS;
      this.status('Checkpoint', `${point} % (${replaced} of ${r.toReplace} instances replaced); continuing at ${formatRunTime(r.pausedUntilS)}`);
      return;
    }
    // Not past the next checkpoint in this batch.
    const waiting = unhealthy.length + candidates.length;
    let limit = point !== undefined && point < 100 ? Math.ceil((point * r.toReplace) / 100) - (r.toReplace - waiting) : Infinity;
    const { minHealthy, maxTotal } = refreshBounds(g.desired, p.minHealthyPercentage, p.maxHealthyPercentage);
    const oldestFirst = (a: number, b: number) => instances.launchS[a]! - instances.launchS[b]! || a - b;
    unhealthy.sort(oldestFirst);
    candidates.sort(oldestFirst);
    // Instances already reported unhealthy hold no healthy capacity: they go first, at no cost.
    for (const t of unhealthy) {
      if (limit <= 0) break;
      this.replace(t, now);
      limit--;
    }
    let budget = Math.min(healthy - minHealthy, limit);
    // The minimum is the whole group and nothing may launch ahead: one at a time (AS-IRDEF: 100 %).
    if (budget <= 0 && minHealthy >= g.desired && maxTotal <= g.desired && inFlight === 0 && g.surge === 0 && limit > 0 && unhealthy.length === 0) budget = 1;
    let taken = 0;
    while (taken < budget && taken < candidates.length) this.replace(candidates[taken++]!, now);
    limit -= taken;
    // Launch before terminating, as far as MaxHealthyPercentage allows (an instance terminating to be replaced holds its place).
    let room = Math.min(maxTotal - (g.inService + g.pending + g.replacingInTermination), candidates.length - taken - g.surge, limit);
    while (room-- > 0) {
      const before = g.inService + g.pending;
      if (!g.launchSurge()) break;
      this.log.add(now, 'scaling', { name: r.action.name, group: g.name, cause: refreshLaunchCause(now, before, before + 1) });
    }
  }

  /** Takes a marked instance out: for an instance launched ahead if there is one, else terminate and then launch its replacement. */
  private replace(t: number, now: number): void {
    const g = this.group;
    this.instances.refreshMark[t] = 0;
    this.log.add(now, 'scaling', { instance: this.instances.id(t), name: this.running!.action.name, group: g.name, cause: refreshTerminateCause(now) });
    if (g.surge > 0) {
      g.surge--; // its replacement is already InService
      g.beginTermination(t, false);
    } else {
      g.beginTermination(t, true);
    }
  }

  private succeed(): void {
    const r = this.running!;
    this.status(r.rollback ? 'RollbackSuccessful' : 'Successful', r.rollback ? 'the group is back on its previous configuration' : `${r.toReplace} instance${r.toReplace === 1 ? '' : 's'} replaced`);
    this.end();
  }

  private fail(reason: string): void {
    const r = this.running!;
    const g = this.group;
    if (r.action.preferences.autoRollback) {
      // Back to the previous version: replace what the refresh launched, keep what it had not reached.
      g.currentVersion = r.previous;
      const failed = r.target;
      r.target = r.previous;
      r.previous = failed;
      r.rollback = true;
      r.pausedUntilS = 0;
      this.failedInstance = -1;
      r.toReplace = this.mark((t) => this.instances.version[t] === failed);
      this.status('RollbackInProgress', `${reason}; rolling back ${r.toReplace} instance${r.toReplace === 1 ? '' : 's'}`);
      return;
    }
    this.status('Failed', reason);
    this.end();
  }

  private end(): void {
    this.running = null;
    this.group.refreshing = false;
    this.failedInstance = -1;
    this.mark(() => false);
    const g = this.group;
    if (g.surge > 0) {
      g.surge = 0; // instances launched ahead now count; the group scales back to its desired capacity
      g.reconcile();
    }
  }
}

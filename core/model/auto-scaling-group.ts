/**
 * The EC2 Auto Scaling group: it holds the number of instances at the desired capacity, and
 * carries each instance through its lifecycle (AS-LC, aws-behaviour §6.2–6.14).
 *
 * Launch: Pending for the boot time (a warm-pool instance only for its warm-start time), then
 * Pending:Wait while a launch lifecycle hook runs, then registered with the target group and
 * InService (the health-check grace period and the instance warm-up start here). A launch goes to
 * the zone with the fewest instances among the zones that can launch (AS-BEN, AS-AZDIST).
 * Scale-in: the victim is chosen by zone balance, then the termination policies (AS-TERM);
 * protected instances are skipped (AS-PROT). It is Terminating while the target group drains it
 * (in-flight requests finish, or get 502 when the deregistration delay runs out; ALB-TG), then
 * Terminating:Wait for a termination hook, then Terminated (or back to the warm pool). EC2-dead
 * instances are replaced at once; with health-check type ELB, instances the load balancer reports
 * unhealthy after the grace period are replaced, at most 10 % of desired at a time, terminate
 * first, launch after (AS-HC). When a zone recovers, AZRebalance launches first and terminates
 * after, and may exceed the maximum by 10 % or one instance (AS-BEN).
 */
import type { Engine } from '../engine/engine.ts';
import type { Sampler } from '../engine/distributions.ts';
import type { RandomStream } from '../engine/random.ts';
import type { LifecycleHook, Scenario, SuspendableProcess } from '../scenario/types.ts';
import type { EventLog } from './event-log.ts';
import type { HealthChecker } from './health-checks.ts';
import type { LoadBalancer } from './load-balancer.ts';
import type { RequestPath } from './request-path.ts';
import { chooseInstancesToTerminate, type TerminationCandidate } from './autoscaling/termination.ts';
import { rebalanceLaunchesAllowed, rebalancePlan, zoneForLaunch } from './autoscaling/az-balance.ts';
import { clampCapacity } from './autoscaling/adjustment.ts';
import { ALL_PROTECTED_MESSAGE, launchCause, rebalanceLaunchCause, rebalanceTerminateCause, unhealthyCause } from './autoscaling/activity.ts';
import { Health, Lifecycle, Registration, type TargetTable } from './targets.ts';
import { WarmPool } from './warm-pool.ts';

/** How often the group checks instance health [inferred: AWS says "periodically"]. */
export const GROUP_HEALTH_CHECK_INTERVAL_S = 10;

const enum HookStage {
  Launch = 0,
  Terminate = 1,
}

export class AutoScalingGroup {
  readonly name: string;
  desired: number;
  minSize: number;
  maxSize: number;
  inService = 0;
  pending = 0;
  capacityMin = Infinity;
  capacityMax = 0;
  /** Zones where launches fail (an impaired zone); set by faults. */
  readonly impairedZones = new Set<number>();
  /** Instance warm-up applied to new instances (excluded from the group's metrics until over). */
  warmupS = 0;
  /** Called when an instance finishes launching (InService) or terminating; simple scaling's cooldown waits for these. */
  onActivityDone: () => void = () => {};
  private readonly kBoot: number;
  private readonly kHook: number;
  private readonly kDrainEnd: number;
  private readonly kHealthTick: number;
  private readonly launchHook: LifecycleHook | undefined;
  private readonly terminateHook: LifecycleHook | undefined;
  /** The extra instance an AZRebalance launched and has not yet balanced with a termination. */
  private rebalanceExtra = -1;
  /** The zone that AZRebalance will take an instance out of once the extra one is InService. */
  private rebalanceOutOf = -1;
  private readonly pool: WarmPool;
  /** Called for every new instance (faults use it to fail instances launched into a failed zone). */
  onLaunch: (t: number) => void = () => {};

  constructor(
    private readonly engine: Engine,
    private readonly scenario: Scenario,
    private readonly targets: TargetTable,
    private readonly lb: LoadBalancer,
    private readonly health: HealthChecker,
    private readonly requests: RequestPath,
    private readonly log: EventLog,
    private readonly bootTime: Sampler,
    private readonly warmStartTime: Sampler,
    private readonly random: RandomStream,
  ) {
    const asg = scenario.autoScaling;
    this.name = 'asg';
    this.desired = asg.desiredCapacity;
    this.minSize = asg.minSize;
    this.maxSize = asg.maxSize;
    this.launchHook = asg.lifecycleHooks?.find((h) => h.transition === 'autoscaling:EC2_INSTANCE_LAUNCHING');
    this.terminateHook = asg.lifecycleHooks?.find((h) => h.transition === 'autoscaling:EC2_INSTANCE_TERMINATING');
    this.pool = new WarmPool(asg.warmPool, targets, engine);
    this.kBoot = engine.register((t) => this.booted(t));
    this.kHook = engine.register((t, stage) => this.hookDone(t, stage));
    this.kDrainEnd = engine.register((t, epoch) => {
      if (targets.epoch[t] === epoch && targets.registration[t] === Registration.Draining) {
        const inFlight = targets.busy[t]! + targets.queueLen[t]!;
        requests.dropTargetWork(t, 502);
        this.deregistered(t, `deregistration delay expired with ${inFlight} request${inFlight === 1 ? '' : 's'} in flight (answered 502)`);
      }
    });
    this.kHealthTick = engine.register(() => this.healthTick());
    requests.onTargetIdle = (t) => {
      if (targets.registration[t] === Registration.Draining) this.deregistered(t, 'drained: no requests in flight');
    };
  }

  /** The running system at time 0, plus a full warm pool. */
  start(): void {
    const perZone = this.scenario.autoScaling.initialInstancesPerZone;
    const zones = perZone ? this.scenario.zones.flatMap((z, i) => Array<number>(perZone[z] ?? 0).fill(i)) : [];
    const targets = this.targets;
    for (let k = 0; k < this.desired; k++) {
      const t = this.add(zones[k] ?? this.zoneForLaunch());
      this.pending--;
      targets.lifecycle[t] = Lifecycle.InService;
      targets.inServiceS[t] = 0;
      targets.registration[t] = Registration.Registered;
      targets.health[t] = Health.Healthy;
      targets.protectedFromScaleIn[t] = this.scenario.autoScaling.newInstancesProtectedFromScaleIn ? 1 : 0;
      this.inService++;
      this.log.add(0, 'in_service', targets.id(t));
      this.log.add(0, 'register', targets.id(t), this.scenario.loadBalancer.targetGroup.name);
      this.log.add(0, 'health', targets.id(t), 'healthy');
      this.health.start(t);
    }
    if (this.pool.enabled) {
      for (let k = 0; k < this.pool.targetSize(this.maxSize, this.desired); k++) {
        const t = this.add(this.zoneForLaunch());
        this.pending--;
        this.pool.park(t);
      }
    }
    this.lb.invalidate();
    this.observeCapacity();
    if (this.scenario.autoScaling.healthCheckType === 'ELB') this.engine.schedule(GROUP_HEALTH_CHECK_INTERVAL_S, this.kHealthTick);
  }

  /** Instances that count toward desired capacity: launching, InService, and those being replaced. */
  capacity(): number {
    const targets = this.targets;
    let n = 0;
    for (let t = 0; t < targets.count; t++) {
      const s = targets.lifecycle[t];
      if (s === Lifecycle.Pending || s === Lifecycle.PendingWait || s === Lifecycle.InService) n++;
      else if ((s === Lifecycle.Terminating || s === Lifecycle.TerminatingWait) && targets.replacing[t]) n++;
    }
    return this.rebalanceExtra >= 0 ? n - 1 : n;
  }

  /** Sets the desired capacity (clamped to [min, max]) and launches or terminates to reach it. */
  setDesired(desired: number, cause: string, subject = this.name): void {
    const clamped = this.clamp(desired);
    if (clamped !== this.desired) this.log.add(this.engine.now, 'scaling', subject, cause);
    this.desired = clamped;
    this.reconcile();
  }

  /** A capacity brought into [minSize, maxSize]. */
  clamp(capacity: number): number {
    return clampCapacity(capacity, this.minSize, this.maxSize);
  }

  /** Changes min/max (scheduled actions); desired follows into the new range. */
  setLimits(minSize: number | null, maxSize: number | null): void {
    if (minSize !== null) this.minSize = minSize;
    if (maxSize !== null) this.maxSize = maxSize;
  }

  /**
   * Launches or scales in until the capacity matches the desired capacity. `replacing`: the
   * desired capacity did not change, an instance went missing (the activity says so).
   */
  reconcile(replacing = false): void {
    let diff = this.desired - this.capacity();
    while (diff > 0 && this.launch(replacing)) diff--;
    if (diff < 0 && !this.suspended('Terminate')) this.scaleIn(-diff);
  }

  /** Whether an Auto Scaling process is suspended (AS-SUSP). */
  suspended(process: SuspendableProcess): boolean {
    return this.scenario.autoScaling.suspendedProcesses?.includes(process) ?? false;
  }

  /** Launches one instance (from the warm pool if it has one); false if no zone can launch. */
  private launch(replacing: boolean): boolean {
    if (this.suspended('Launch')) return false;
    const targets = this.targets;
    const zone = this.zoneForLaunch();
    if (zone < 0) return false;
    const before = this.capacity();
    // A warm-pool instance starts faster; take one in the chosen zone if there is one, else any.
    const fromPool = this.pool.pick(zone, this.impairedZones);
    const now = this.engine.now;
    if (fromPool >= 0) {
      this.pool.unpark(fromPool);
      targets.lifecycle[fromPool] = Lifecycle.Pending;
      this.pending++;
      this.log.add(now, 'warm_pool', targets.id(fromPool), 'leaves the warm pool (warm start)');
      this.engine.schedule(now + this.warmStartTime(), this.kBoot, fromPool);
      this.replenishPool();
    } else {
      const t = this.add(zone);
      this.engine.schedule(now + this.bootTime(), this.kBoot, t);
    }
    if (replacing) this.log.add(now, 'scaling', this.name, launchCause(now, before, before + 1));
    return true;
  }

  private add(zone: number): number {
    const targets = this.targets;
    const t = targets.add(zone, this.engine.now);
    this.lb.ensureCapacity(targets.capacity);
    this.health.ensureCapacity();
    this.pending++;
    this.log.add(this.engine.now, 'launch', targets.id(t), this.scenario.zones[zone]!);
    this.onLaunch(t);
    return t;
  }

  /** The zone with the fewest instances among those that can launch (AS-BEN); -1 if none can. */
  private zoneForLaunch(): number {
    const zone = zoneForLaunch(this.availableZoneCounts(), this.availableZones());
    return zone === null ? -1 : this.scenario.zones.indexOf(zone);
  }

  /** The group's zones that can launch now, in the group's order. */
  private availableZones(): string[] {
    return this.scenario.zones.filter((_, z) => !this.impairedZones.has(z));
  }

  /** Instances that count toward capacity, per zone that can launch now. */
  private availableZoneCounts(): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const zone of this.availableZones()) counts[zone] = 0;
    const targets = this.targets;
    for (let t = 0; t < targets.count; t++) {
      const s = targets.lifecycle[t];
      const zone = this.scenario.zones[targets.zone[t]!]!;
      if ((s === Lifecycle.Pending || s === Lifecycle.PendingWait || s === Lifecycle.InService) && zone in counts) counts[zone]!++;
    }
    return counts;
  }

  private booted(t: number): void {
    const targets = this.targets;
    if (targets.lifecycle[t] === Lifecycle.WarmedPending) {
      this.pool.park(t);
      return;
    }
    if (targets.lifecycle[t] !== Lifecycle.Pending) return;
    if (this.launchHook) this.waitForHook(t, this.launchHook, HookStage.Launch);
    else this.goInService(t);
  }

  private waitForHook(t: number, hook: LifecycleHook, stage: HookStage): void {
    const targets = this.targets;
    targets.lifecycle[t] = stage === HookStage.Launch ? Lifecycle.PendingWait : Lifecycle.TerminatingWait;
    const completes = hook.completesAfterS !== null && hook.completesAfterS <= hook.heartbeatTimeoutS;
    const wait = completes ? hook.completesAfterS! : hook.heartbeatTimeoutS;
    this.log.add(this.engine.now, 'lifecycle_hook', targets.id(t), `${hook.name}: waiting (${completes ? 'completes' : 'heartbeat timeout'} after ${wait} s)`);
    targets.hookCompletes[t] = completes ? 1 : 0;
    this.engine.schedule(this.engine.now + wait, this.kHook, t, stage);
  }

  private hookDone(t: number, stage: HookStage): void {
    const targets = this.targets;
    const hook = stage === HookStage.Launch ? this.launchHook! : this.terminateHook!;
    const expected = stage === HookStage.Launch ? Lifecycle.PendingWait : Lifecycle.TerminatingWait;
    if (targets.lifecycle[t] !== expected) return;
    const result = targets.hookCompletes[t] === 1 ? 'CONTINUE' : hook.defaultResult;
    this.log.add(this.engine.now, 'lifecycle_hook', targets.id(t), `${hook.name}: ${result}`);
    if (stage === HookStage.Terminate) this.finishTermination(t);
    else if (result === 'CONTINUE') this.goInService(t);
    else this.terminateNow(t, 'launch lifecycle action abandoned'); // and replaced (AS-HOOK)
  }

  private goInService(t: number): void {
    const targets = this.targets;
    const now = this.engine.now;
    targets.lifecycle[t] = Lifecycle.InService;
    targets.inServiceS[t] = now;
    targets.warmupEndS[t] = now + this.warmupS;
    targets.protectedFromScaleIn[t] = this.scenario.autoScaling.newInstancesProtectedFromScaleIn ? 1 : 0;
    this.pending--;
    this.inService++;
    this.log.add(now, 'in_service', targets.id(t));
    targets.registration[t] = Registration.Registered;
    targets.health[t] = Health.Initial;
    this.log.add(now, 'register', targets.id(t), this.scenario.loadBalancer.targetGroup.name);
    this.health.start(t);
    this.lb.invalidate();
    this.observeCapacity();
    if (t === this.rebalanceExtra) this.finishRebalance();
    this.onActivityDone();
  }

  /** Scale-in by `count`: zone balance, termination policies, protection. */
  private scaleIn(count: number): void {
    const targets = this.targets;
    const candidates: TerminationCandidate[] = [];
    for (let t = 0; t < targets.count; t++) {
      if (targets.lifecycle[t] !== Lifecycle.InService || t === this.rebalanceExtra) continue;
      candidates.push({ id: String(t), zone: this.scenario.zones[targets.zone[t]!]!, launchS: targets.launchS[t]!, protectedFromScaleIn: targets.protectedFromScaleIn[t] === 1 });
    }
    const policies = this.scenario.autoScaling.terminationPolicies ?? ['Default'];
    const chosen = chooseInstancesToTerminate(candidates, count, policies, this.engine.now, () => this.random.next());
    if (chosen.length < count) this.log.add(this.engine.now, 'scaling', this.name, ALL_PROTECTED_MESSAGE);
    for (const id of chosen) this.beginTermination(Number(id), false);
  }

  /** Starts taking an InService instance out: deregister and drain, then terminate. */
  beginTermination(t: number, replacing: boolean): void {
    const targets = this.targets;
    if (targets.lifecycle[t] !== Lifecycle.InService) return;
    const now = this.engine.now;
    targets.lifecycle[t] = Lifecycle.Terminating;
    targets.replacing[t] = replacing ? 1 : 0;
    this.inService--;
    this.observeCapacity();
    targets.registration[t] = Registration.Draining;
    this.health.stop(t);
    this.lb.invalidate();
    const delay = this.scenario.loadBalancer.targetGroup.deregistrationDelayS;
    this.log.add(now, 'drain', targets.id(t), `deregistration delay ${delay} s`);
    if (!this.requests.holds(t)) this.deregistered(t, 'drained: no requests in flight');
    else this.engine.schedule(now + delay, this.kDrainEnd, t, targets.epoch[t]!);
  }

  private deregistered(t: number, how: string): void {
    const targets = this.targets;
    targets.registration[t] = Registration.None;
    targets.epoch[t]!++;
    this.lb.invalidate();
    this.log.add(this.engine.now, 'deregister', targets.id(t), how);
    if (this.terminateHook) this.waitForHook(t, this.terminateHook, HookStage.Terminate);
    else this.finishTermination(t);
  }

  private finishTermination(t: number): void {
    const targets = this.targets;
    const wasReplacing = targets.replacing[t] === 1;
    targets.replacing[t] = 0;
    if (this.pool.reuseOnScaleIn && !wasReplacing && this.pool.size() < this.pool.targetSize(this.maxSize, this.desired)) {
      this.pool.park(t);
      this.log.add(this.engine.now, 'warm_pool', targets.id(t), 'returned to the warm pool');
    } else {
      this.markTerminated(t, 'terminated');
    }
    this.onActivityDone();
    if (wasReplacing) this.reconcile(true);
  }

  /** The instance is gone at once (EC2 sees it stop): requests in flight get 502 and it is replaced. */
  terminateNow(t: number, cause: string): void {
    const targets = this.targets;
    const state = targets.lifecycle[t];
    if (state === Lifecycle.Terminated) return;
    this.requests.dropTargetWork(t, 502);
    if (state === Lifecycle.InService) this.inService--;
    else if (state === Lifecycle.Pending || state === Lifecycle.PendingWait) this.pending--;
    if (targets.registration[t] !== Registration.None) {
      targets.registration[t] = Registration.None;
      this.health.stop(t);
    }
    this.lb.invalidate();
    this.markTerminated(t, cause);
    this.reconcile(true);
  }

  private markTerminated(t: number, cause: string): void {
    const targets = this.targets;
    const now = this.engine.now;
    this.pool.unpark(t);
    targets.lifecycle[t] = Lifecycle.Terminated;
    targets.terminateS[t] = now;
    targets.epoch[t]!++;
    this.log.add(now, 'terminate', targets.id(t), cause);
    this.observeCapacity();
    if (t === this.rebalanceExtra) this.rebalanceExtra = -1;
  }

  /** ELB health replacement (health-check type ELB), after the grace period, paced. */
  private healthTick(): void {
    const targets = this.targets;
    const now = this.engine.now;
    this.engine.schedule(now + GROUP_HEALTH_CHECK_INTERVAL_S, this.kHealthTick);
    if (this.suspended('HealthCheck') || this.suspended('ReplaceUnhealthy')) return;
    const grace = this.scenario.autoScaling.healthCheckGracePeriodS;
    let replacing = 0;
    for (let t = 0; t < targets.count; t++) if (targets.replacing[t]) replacing++;
    const allowed = Math.max(1, Math.floor(0.1 * this.desired));
    for (let t = 0; t < targets.count && replacing < allowed; t++) {
      if (targets.lifecycle[t] !== Lifecycle.InService || targets.health[t] !== Health.Unhealthy) continue;
      if (now < targets.inServiceS[t]! + grace) continue;
      this.log.add(now, 'scaling', targets.id(t), unhealthyCause(now, 'ELB'));
      this.beginTermination(t, true);
      replacing++;
    }
  }

  /**
   * AZRebalance: when zones differ by more than one instance and nothing else is going on, launch
   * one in the emptiest zone first; when it is InService, terminate one in the fullest zone.
   */
  rebalanceTick(): void {
    if (this.rebalanceExtra >= 0 || this.pending > 0 || this.suspended('AZRebalance') || this.suspended('Launch')) return;
    const plan = rebalancePlan(this.availableZoneCounts());
    const [into] = plan.launch;
    const [outOf] = plan.terminate;
    if (!into || !outOf || rebalanceLaunchesAllowed(plan, this.capacity(), this.maxSize) === 0) return;
    const now = this.engine.now;
    this.log.add(now, 'scaling', this.name, rebalanceLaunchCause(now));
    const t = this.add(this.scenario.zones.indexOf(into.zone));
    this.rebalanceExtra = t;
    this.rebalanceOutOf = this.scenario.zones.indexOf(outOf.zone);
    this.engine.schedule(now + this.bootTime(), this.kBoot, t);
  }

  /** The rebalancing launch is InService: terminate one in the zone the plan had over-populated. */
  private finishRebalance(): void {
    const targets = this.targets;
    const zone = this.rebalanceOutOf;
    this.rebalanceExtra = -1;
    const candidates: TerminationCandidate[] = [];
    for (let t = 0; t < targets.count; t++) {
      if (targets.lifecycle[t] === Lifecycle.InService && targets.zone[t] === zone) {
        candidates.push({ id: String(t), zone: this.scenario.zones[zone]!, launchS: targets.launchS[t]!, protectedFromScaleIn: false });
      }
    }
    const [victim] = chooseInstancesToTerminate(candidates, 1, this.scenario.autoScaling.terminationPolicies ?? ['Default'], this.engine.now, () => this.random.next());
    if (victim === undefined) return;
    this.log.add(this.engine.now, 'scaling', this.name, rebalanceTerminateCause(this.engine.now));
    this.beginTermination(Number(victim), false);
  }

  private replenishPool(): void {
    let missing = this.pool.targetSize(this.maxSize, this.desired) - this.pool.size();
    while (missing-- > 0) {
      const zone = this.zoneForLaunch();
      if (zone < 0) return;
      const t = this.targets.add(zone, this.engine.now);
      this.lb.ensureCapacity(this.targets.capacity);
      this.health.ensureCapacity();
      this.targets.lifecycle[t] = Lifecycle.WarmedPending;
      this.log.add(this.engine.now, 'warm_pool', this.targets.id(t), `launched into the warm pool in ${this.scenario.zones[zone]}`);
      this.engine.schedule(this.engine.now + this.bootTime(), this.kBoot, t);
    }
  }

  private observeCapacity(): void {
    this.capacityMin = Math.min(this.capacityMin, this.inService);
    this.capacityMax = Math.max(this.capacityMax, this.inService);
  }

  /** Instance-hours billed up to `endS`: per second from launch to termination, less time in a stopped pool. */
  instanceHours(endS: number): number {
    const targets = this.targets;
    let seconds = 0;
    for (let i = 0; i < targets.count; i++) {
      const stop = Number.isNaN(targets.terminateS[i]!) ? endS : targets.terminateS[i]!;
      seconds += stop - targets.launchS[i]! - this.pool.unbilledSeconds(i, endS);
    }
    return seconds / 3600;
  }
}

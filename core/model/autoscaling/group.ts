/**
 * The EC2 Auto Scaling group: it holds the number of instances at the desired capacity, and
 * carries each instance through its lifecycle (AS-LC, aws-behaviour §6.2–6.14).
 *
 * Launch: Pending for the boot time (a warm-pool instance only for its warm-start time), then
 * Pending:Wait while a launch lifecycle hook runs, then registered with the group's target
 * groups and InService (the health-check grace period and the instance warm-up start here). A
 * launch goes to the zone with the fewest instances among the zones that can launch (AS-BEN,
 * AS-AZDIST). Scale-in: the victim is chosen by zone balance, then the termination policies
 * (AS-TERM); protected instances are skipped (AS-PROT). It is Terminating while every target
 * group drains it, then Terminating:Wait for a termination hook, then Terminated (or back to the
 * warm pool). EC2-dead instances are replaced at once. ELB health replacement
 * (health-replacement.ts), AZ rebalancing (rebalance.ts), the warm pool (warm-pool.ts) and
 * billing (billing.ts) are their own modules; registration and draining belong to the target
 * groups, reached through their ports.
 */
import type { Engine } from '../../engine/engine.ts';
import type { Sampler } from '../../engine/distributions.ts';
import type { RandomStream } from '../../engine/random.ts';
import type { Distribution, GroupScenario, LaunchTemplateVersion, LifecycleHook, SuspendableProcess } from '../../scenario/types.ts';
import type { EventLog } from '../event-log.ts';
import type { Servers } from '../compute/servers.ts';
import { Health, type Members } from '../target-group/members.ts';
import type { TargetGroup, TargetSource, WorkDropper } from '../target-group/target-group.ts';
import { chooseInstancesToTerminate, type TerminationCandidate } from './termination.ts';
import { zoneForLaunch } from './az-balance.ts';
import { clampCapacity } from './adjustment.ts';
import { ALL_PROTECTED_MESSAGE, launchCause } from './activity.ts';
import { Lifecycle, type Instances } from './instances.ts';
import { WarmPool } from './warm-pool.ts';
import { AzRebalance } from './rebalance.ts';
import { HealthReplacement } from './health-replacement.ts';
import { instanceCosts, instanceHours } from './billing.ts';
import { Market, MixedInstances, onDemandTarget } from './spot.ts';

const enum HookStage {
  Launch = 0,
  Terminate = 1,
}

/** Hook answers carry (wait number, hook index, stage) in one number; AWS allows 50 hooks per group (AS-Q). */
const HOOK_SLOTS = 64;

/** The launch template version a run starts with: the scenario's `instance` unchanged. */
const BASE_VERSION: LaunchTemplateVersion = { serviceTimeFactor: 1, bootTime: null, failsHealthChecks: false };

export interface GroupWiring {
  engine: Engine;
  scenario: GroupScenario;
  instances: Instances;
  servers: Servers;
  members: Members;
  /** The target groups the group's instances register with. */
  targetGroups: TargetGroup[];
  dropper: WorkDropper;
  log: EventLog;
  bootTime: Sampler;
  warmStartTime: Sampler;
  random: RandomStream;
  /** The service-time distribution of the group's servers (see Servers.kind). */
  serviceKind: number;
  /** A sampler for a launch template version's own boot time (an instance refresh's); drawn only when one has it. */
  samplerFor?: (d: Distribution) => Sampler;
  /** The group's `spot` stream (a mixed instances policy's interruptions); drawn only for Spot types with an interruption rate. */
  spotRandom?: RandomStream;
}

export class AutoScalingGroup implements TargetSource {
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
  /** Called for every new instance (faults use it to fail instances launched into a failed zone). */
  onLaunch: (t: number) => void = () => {};
  readonly rebalance: AzRebalance;
  /** Terminating (or Terminating:Wait) instances that are being replaced: they still count toward capacity. */
  replacingInTermination = 0;
  /**
   * Instances launched above the desired capacity to replace others before they terminate
   * (launch before terminate: an instance refresh with MaxHealthyPercentage above 100); they
   * are not counted toward capacity until an old instance goes.
   */
  surge = 0;
  /** Capacity units of the surge instances (a weighted mixed instances policy's Capacity Rebalancing; else unused). */
  surgeUnits = 0;
  /** The row of the instance launched last (Capacity Rebalancing pairs it with the instance it replaces). */
  lastLaunched = -1;
  /** The mixed instances policy, Spot interruptions and Capacity Rebalancing; null without a policy. */
  readonly mixed: MixedInstances | null;
  /** An instance refresh is running (AZRebalance waits for it). */
  refreshing = false;
  /** Launch template versions (0: the scenario's instance) and the one new launches use. */
  readonly versions: LaunchTemplateVersion[] = [BASE_VERSION];
  currentVersion = 0;
  private readonly versionBoot: (Sampler | null)[] = [null];
  /** Called when health replacement takes out an instance its target groups report unhealthy. */
  onUnhealthy: (t: number) => void = () => {};
  /** Called when a target group has taken an instance out for standby or detach (it is then Standby or Detached). */
  onMoved: (t: number) => void = () => {};
  private readonly kBoot: number;
  private readonly kHook: number;
  private readonly launchHooks: LifecycleHook[];
  private readonly terminateHooks: LifecycleHook[];
  private readonly pool: WarmPool;
  private readonly healthReplacement: HealthReplacement;
  /** This group's source number in each of its target groups. */
  private readonly sourceIn: number[];
  private readonly engine: Engine;
  private readonly scenario: GroupScenario;
  private readonly instances: Instances;
  private readonly log: EventLog;

  constructor(private readonly wiring: GroupWiring) {
    const { engine, scenario, instances, log } = wiring;
    this.engine = engine;
    this.scenario = scenario;
    this.instances = instances;
    this.log = log;
    const asg = scenario.autoScaling;
    this.name = asg.name;
    this.desired = asg.desiredCapacity;
    this.minSize = asg.minSize;
    this.maxSize = asg.maxSize;
    this.launchHooks = asg.lifecycleHooks.filter((h) => h.transition === 'autoscaling:EC2_INSTANCE_LAUNCHING');
    this.terminateHooks = asg.lifecycleHooks.filter((h) => h.transition === 'autoscaling:EC2_INSTANCE_TERMINATING');
    this.pool = new WarmPool(asg.warmPool, instances, engine);
    this.rebalance = new AzRebalance(this, instances, engine, scenario, log);
    this.healthReplacement = new HealthReplacement(this, instances, engine, scenario.autoScaling, log);
    this.sourceIn = wiring.targetGroups.map((tg) => tg.attach(this));
    this.kBoot = engine.register((t) => this.booted(t));
    this.kHook = engine.register((t, code) => this.hookDone(t, code));
    const policy = asg.mixedInstancesPolicy;
    this.mixed = policy ? new MixedInstances(engine, this, instances, policy, asg.capacityRebalance, wiring.spotRandom ?? null, log, scenario.durationS) : null;
  }

  /** The running system at time 0, plus a full warm pool. */
  start(): void {
    const perZone = this.scenario.autoScaling.initialInstancesPerZone;
    const zones = perZone ? this.scenario.zones.flatMap((z, i) => Array<number>(perZone[z] ?? 0).fill(i)) : [];
    const instances = this.instances;
    const weighted = this.mixed?.weighted === true;
    for (let k = 0; weighted ? this.capacity() < this.desired : k < this.desired; k++) {
      const t = this.add(zones[k] ?? this.zoneForLaunch());
      this.pending--;
      instances.setLifecycle(t, Lifecycle.InService);
      instances.inServiceS[t] = 0;
      instances.protectedFromScaleIn[t] = this.scenario.autoScaling.newInstancesProtectedFromScaleIn ? 1 : 0;
      this.inService++;
      this.log.add(0, 'in_service', { instance: instances.id(t), group: this.name });
      this.registerEverywhere(t, true);
    }
    if (this.pool.enabled) {
      for (let k = 0; k < this.pool.targetSize(this.maxSize, this.desired); k++) {
        const t = this.add(this.zoneForLaunch());
        this.pending--;
        this.pool.park(t);
      }
    }
    this.observeCapacity();
    if (this.scenario.autoScaling.healthCheckType === 'ELB') this.healthReplacement.start();
  }

  /** Instances that count toward desired capacity: launching, InService, and those being replaced. */
  capacity(): number {
    const instances = this.instances;
    if (this.mixed?.weighted) {
      const units = this.mixed.capacityUnits(this.surgeUnits);
      return this.rebalance.extra >= 0 ? units - this.mixed.units(this.rebalance.extra) : units;
    }
    const n = instances.inState(Lifecycle.Pending) + instances.inState(Lifecycle.PendingWait) + instances.inState(Lifecycle.InService) + this.replacingInTermination - this.surge;
    return this.rebalance.extra >= 0 ? n - 1 : n;
  }

  /** Sets the desired capacity (clamped to [min, max]) and launches or terminates to reach it. */
  setDesired(desired: number, cause: string, subject = this.name): void {
    const clamped = this.clamp(desired);
    if (clamped !== this.desired) this.log.add(this.engine.now, 'scaling', { name: subject, group: this.name, cause, from: this.desired, to: clamped });
    this.desired = clamped;
    this.reconcile();
  }

  /** Sets the desired capacity without an activity of its own (standby, detach and attach log theirs), then reconciles. */
  adjustDesired(desired: number): void {
    this.desired = desired;
    this.reconcile(true);
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
    while (diff > 0) {
      const units = this.launch(replacing);
      if (units === 0) break;
      diff -= units;
    }
    if (diff < 0 && !this.suspended('Terminate')) this.scaleIn(-diff);
  }

  /** Whether an Auto Scaling process is suspended (AS-SUSP). */
  suspended(process: SuspendableProcess): boolean {
    return this.scenario.autoScaling.suspendedProcesses.includes(process);
  }

  /** Whether a target group of the group reports instance t unhealthy (health-check type ELB). */
  unhealthyByElb(t: number): boolean {
    const members = this.wiring.members;
    const server = this.instances.server[t]!;
    return this.wiring.targetGroups.some((tg) => {
      const m = tg.memberOf(server);
      return m >= 0 && members.health[m] === Health.Unhealthy;
    });
  }

  /** Whether every target group of the group reports instance t healthy (true without target groups). */
  healthyByElb(t: number): boolean {
    const members = this.wiring.members;
    const server = this.instances.server[t]!;
    return this.wiring.targetGroups.every((tg) => {
      const m = tg.memberOf(server);
      return m >= 0 && members.health[m] === Health.Healthy;
    });
  }

  /** Launches one instance (from the warm pool if it has one); its capacity units, 0 if no zone can launch. */
  private launch(replacing: boolean, preferred = -1): number {
    if (this.suspended('Launch')) return 0;
    const instances = this.instances;
    const zone = this.launchZone(preferred);
    if (zone < 0) return 0;
    const before = this.capacity();
    // A warm-pool instance starts faster; take one in the chosen zone if there is one, else any.
    const fromPool = this.pool.pick(zone, this.impairedZones);
    const now = this.engine.now;
    if (fromPool >= 0) {
      this.pool.unpark(fromPool);
      instances.setLifecycle(fromPool, Lifecycle.Pending);
      this.pending++;
      this.log.add(now, 'warm_pool', { instance: instances.id(fromPool), group: this.name, state: 'leaves' });
      this.engine.schedule(now + this.wiring.warmStartTime.draw(), this.kBoot, fromPool);
      this.replenishPool();
      this.lastLaunched = fromPool;
    } else {
      const t = this.add(zone);
      this.engine.schedule(now + this.bootTimeOf(t), this.kBoot, t);
      this.lastLaunched = t;
    }
    const units = this.mixed ? this.mixed.units(this.lastLaunched) : 1;
    if (replacing) this.log.add(now, 'scaling', { name: this.name, group: this.name, cause: launchCause(now, before, before + units), from: before, to: before + units });
    return units;
  }

  /** A new instance and its server, Pending; counted as pending and announced. */
  add(zone: number): number {
    const t = this.newInstance(zone);
    this.pending++;
    const mixed = this.mixed;
    const what = mixed ? `${mixed.policy.overrides[this.instances.itype[t]!]!.instanceType} ${this.instances.market[t] === Market.Spot ? 'Spot' : 'On-Demand'}` : null;
    this.log.add(this.engine.now, 'launch', { instance: this.instances.id(t), zone: this.scenario.zones[zone]!, group: this.name, ...(what ? { state: what } : {}) });
    this.onLaunch(t);
    mixed?.launched(t);
    return t;
  }

  private newInstance(zone: number): number {
    const { concurrency, queueLimit } = this.scenario.instance;
    const now = this.engine.now;
    const servers = this.wiring.servers;
    const mixed = this.mixed;
    // A mixed instances policy picks the market, then the type, whose concurrency and speed the server gets.
    const market = mixed ? mixed.nextMarket() : Market.OnDemand;
    const type = mixed ? mixed.typeFor(market) : 0;
    const override = mixed ? mixed.policy.overrides[type]! : null;
    const server = servers.add(zone, override ? override.concurrency : concurrency, queueLimit, now, this.wiring.serviceKind);
    const t = this.instances.add(server, zone, now);
    if (override) {
      this.instances.itype[t] = type;
      this.instances.market[t] = market;
      if (override.serviceTimeFactor !== 1) servers.slowFactor[server]! *= override.serviceTimeFactor;
    }
    const v = this.currentVersion;
    if (v !== 0) {
      // A refreshed version: its service times and health-check endpoint, from the launch on.
      const version = this.versions[v]!;
      this.instances.version[t] = v;
      servers.slowFactor[server]! *= version.serviceTimeFactor;
      if (version.failsHealthChecks) servers.checkFailDepth[server]!++;
    }
    return t;
  }

  /** Adds a launch template version (an instance refresh's desired configuration); returns its number. */
  addVersion(version: LaunchTemplateVersion): number {
    this.versions.push(version);
    this.versionBoot.push(version.bootTime && this.wiring.samplerFor ? this.wiring.samplerFor(version.bootTime) : null);
    return this.versions.length - 1;
  }

  /** Instance t's boot time: its version's own, else the group's. */
  private bootTimeOf(t: number): number {
    const own = this.versionBoot[this.instances.version[t]!];
    return own ? own.draw() : this.wiring.bootTime.draw();
  }

  /** Boots instance t (a new launch, or AZRebalance's extra one) for the boot time. */
  boot(t: number): void {
    this.engine.schedule(this.engine.now + this.bootTimeOf(t), this.kBoot, t);
  }

  /** Launches one instance above the desired capacity (launch before terminate); false if none could launch. */
  launchSurge(zone = -1): boolean {
    this.surge++;
    const units = this.launch(false, zone);
    if (units > 0) {
      this.surgeUnits += units;
      return true;
    }
    this.surge--;
    return false;
  }

  /** One surge instance (of `units`) now counts toward the desired capacity, or is gone. */
  endSurge(units: number): void {
    if (this.surge > 0) this.surge--;
    this.surgeUnits = Math.max(0, this.surgeUnits - units);
  }

  /** The zone a launch goes to: `preferred` if it can launch there, else `zoneForLaunch()`; -1 if none can. */
  launchZone(preferred = -1): number {
    return preferred >= 0 && !this.impairedZones.has(preferred) ? preferred : this.zoneForLaunch();
  }

  /** The zone with the fewest instances among those that can launch (AS-BEN); -1 if none can. */
  zoneForLaunch(): number {
    const zone = zoneForLaunch(this.availableZoneCounts(), this.availableZones());
    return zone === null ? -1 : this.scenario.zones.indexOf(zone);
  }

  /** The group's zones that can launch now, in the group's order. */
  private availableZones(): string[] {
    return this.scenario.zones.filter((_, z) => !this.impairedZones.has(z));
  }

  /** Instances that count toward capacity, per zone that can launch now. */
  availableZoneCounts(): Record<string, number> {
    const counts: Record<string, number> = {};
    const instances = this.instances;
    this.scenario.zones.forEach((zone, z) => {
      if (!this.impairedZones.has(z)) counts[zone] = instances.inState(Lifecycle.Pending, z) + instances.inState(Lifecycle.PendingWait, z) + instances.inState(Lifecycle.InService, z);
    });
    return counts;
  }

  private booted(t: number): void {
    const instances = this.instances;
    if (instances.lifecycle[t] === Lifecycle.WarmedPending) {
      this.pool.park(t);
      return;
    }
    if (instances.lifecycle[t] !== Lifecycle.Pending) return;
    if (this.launchHooks.length > 0) this.waitForHooks(t, this.launchHooks, HookStage.Launch);
    else this.goInService(t);
  }

  /**
   * Puts instance t in Pending:Wait or Terminating:Wait until every hook of the transition has
   * answered (AS-HOOK): each completes (CONTINUE) after its action's time, or its heartbeat
   * timeout gives its DefaultResult. The first ABANDON ends the wait for all of them.
   */
  private waitForHooks(t: number, hooks: readonly LifecycleHook[], stage: HookStage): void {
    const instances = this.instances;
    instances.setLifecycle(t, stage === HookStage.Launch ? Lifecycle.PendingWait : Lifecycle.TerminatingWait);
    const generation = ++instances.hookGeneration[t]!;
    instances.hooksLeft[t] = hooks.length;
    const now = this.engine.now;
    hooks.forEach((hook, k) => {
      const completes = hookCompletes(hook);
      const wait = completes ? hook.completesAfterS! : hook.heartbeatTimeoutS;
      this.log.add(now, 'lifecycle_hook', { instance: instances.id(t), group: this.name, name: hook.name, state: 'waiting', cause: completes ? 'completes' : 'heartbeat timeout', value: wait });
      this.engine.schedule(now + wait, this.kHook, t, (generation * HOOK_SLOTS + k) * 2 + stage);
    });
  }

  private hookDone(t: number, code: number): void {
    const instances = this.instances;
    const stage: HookStage = code % 2;
    const k = Math.floor(code / 2) % HOOK_SLOTS;
    const generation = Math.floor(code / (2 * HOOK_SLOTS));
    const expected = stage === HookStage.Launch ? Lifecycle.PendingWait : Lifecycle.TerminatingWait;
    if (instances.lifecycle[t] !== expected || instances.hookGeneration[t] !== generation) return;
    const hook = (stage === HookStage.Launch ? this.launchHooks : this.terminateHooks)[k]!;
    const result = hookCompletes(hook) ? 'CONTINUE' : hook.defaultResult;
    this.log.add(this.engine.now, 'lifecycle_hook', { instance: instances.id(t), group: this.name, name: hook.name, state: result });
    if (result === 'ABANDON') instances.hookGeneration[t]!++; // the other hooks' answers no longer count
    else if (--instances.hooksLeft[t]! > 0) return;
    if (stage === HookStage.Terminate) this.finishTermination(t);
    else if (result === 'CONTINUE') this.goInService(t);
    else this.terminateNow(t, 'launch lifecycle action abandoned'); // and replaced (AS-HOOK)
  }

  private goInService(t: number, launched = true): void {
    const instances = this.instances;
    const now = this.engine.now;
    instances.setLifecycle(t, Lifecycle.InService);
    instances.inServiceS[t] = now;
    instances.warmupEndS[t] = now + this.warmupS;
    if (launched) instances.protectedFromScaleIn[t] = this.scenario.autoScaling.newInstancesProtectedFromScaleIn ? 1 : 0;
    this.pending--;
    this.inService++;
    this.log.add(now, 'in_service', { instance: instances.id(t), group: this.name });
    this.registerEverywhere(t, false);
    this.observeCapacity();
    this.rebalance.inService(t);
    this.mixed?.inService(t);
    this.onActivityDone();
    // The desired capacity fell while this one was launching, below what InService instances
    // could give up then (scale-in picks InService instances only): the group scales in now.
    if (this.capacity() > this.desired) this.reconcile();
  }

  private registerEverywhere(t: number, healthyAtOnce: boolean): void {
    this.forEachMembership(t, (tg, m) => tg.register(m, healthyAtOnce));
  }

  /** Instance t's member row in each of the group's target groups (made on first use). */
  private forEachMembership(t: number, act: (tg: TargetGroup, m: number) => void): void {
    const server = this.instances.server[t]!;
    this.wiring.targetGroups.forEach((tg, k) => act(tg, tg.memberFor(server, t, this.sourceIn[k]!)));
  }

  /** Scale-in by `count`: zone balance, termination policies, protection. */
  private scaleIn(count: number): void {
    const instances = this.instances;
    const candidates: TerminationCandidate[] = [];
    for (let k = 0; k < instances.liveCount; k++) {
      const t = instances.live[k]!;
      if (instances.lifecycle[t] !== Lifecycle.InService || t === this.rebalance.extra) continue;
      candidates.push({ id: String(t), zone: this.scenario.zones[instances.zone[t]!]!, launchS: instances.launchS[t]!, protectedFromScaleIn: instances.protectedFromScaleIn[t] === 1 });
    }
    if (this.mixed) {
      this.scaleInMixed(candidates, count, this.mixed);
      return;
    }
    const chosen = this.chooseToTerminate(candidates, count);
    if (chosen.length < count) this.log.add(this.engine.now, 'scaling', { name: this.name, group: this.name, cause: ALL_PROTECTED_MESSAGE });
    for (const id of chosen) this.beginTermination(Number(id), false);
  }

  /**
   * Scale-in with a mixed instances policy: one instance at a time, from the market (On-Demand
   * or Spot) that is above its share of the new desired capacity, then by the termination
   * policies; with weights, only instances whose units still fit in the excess, so the
   * capacity does not fall below the desired capacity. The other market gives an instance only
   * when it is above its share too (its own in the first are all protected or too large), so a
   * weighted launch's overshoot is never taken out of the On-Demand base.
   */
  private scaleInMixed(all: TerminationCandidate[], excess: number, mixed: MixedInstances): void {
    const p = mixed.policy;
    let left = all;
    const unprotected = all.some((c) => !c.protectedFromScaleIn);
    while (excess > 0 && left.length > 0) {
      const onDemandShare = onDemandTargetOf(this.desired, p);
      const onDemandAbove = mixed.unitsIn(Market.OnDemand) > onDemandShare;
      const spotAbove = mixed.unitsIn(Market.Spot) > this.desired - onDemandShare;
      const target = onDemandAbove ? Market.OnDemand : Market.Spot;
      const fits = left.filter((c) => mixed.units(Number(c.id)) <= excess);
      if (fits.length === 0) break;
      const inMarket = fits.filter((c) => this.instances.market[Number(c.id)] === target);
      const otherAbove = target === Market.OnDemand ? spotAbove : onDemandAbove;
      const [id] = this.chooseToTerminate(inMarket.some((c) => !c.protectedFromScaleIn) || !otherAbove ? inMarket : fits, 1);
      if (id === undefined) break;
      left = left.filter((c) => c.id !== id);
      excess -= mixed.units(Number(id));
      this.beginTermination(Number(id), false);
    }
    if (!unprotected && all.length > 0) this.log.add(this.engine.now, 'scaling', { name: this.name, group: this.name, cause: ALL_PROTECTED_MESSAGE });
  }

  /** The instances the termination policies pick among `candidates`. */
  chooseToTerminate(candidates: TerminationCandidate[], count: number): string[] {
    const policies = this.scenario.autoScaling.terminationPolicies;
    return chooseInstancesToTerminate(candidates, count, policies, this.engine.now, () => this.wiring.random.next());
  }

  /** Starts taking an InService instance out: every target group drains it, then it terminates. */
  beginTermination(t: number, replacing: boolean): void {
    const instances = this.instances;
    if (instances.lifecycle[t] !== Lifecycle.InService) return;
    instances.setLifecycle(t, Lifecycle.Terminating);
    instances.replacing[t] = replacing ? 1 : 0;
    if (replacing) this.replacingInTermination++;
    this.inService--;
    this.observeCapacity();
    this.drainEverywhere(t);
  }

  /** Every target group drains instance t; `deregistered` follows when the last is done. */
  private drainEverywhere(t: number): void {
    const tgs = this.wiring.targetGroups;
    this.instances.draining[t] = tgs.length;
    if (tgs.length === 0) this.deregistered(t);
    this.forEachMembership(t, (tg, m) => tg.deregister(m));
  }

  /**
   * EnterStandby or DetachInstances for an InService instance (AS-LC): it leaves the capacity
   * count at once and every target group drains it; then it is Standby (still the group's) or
   * Detached (no longer the group's, still running). The caller sets the desired capacity.
   */
  moveOut(t: number, to: 'standby' | 'detach'): void {
    const instances = this.instances;
    if (instances.lifecycle[t] !== Lifecycle.InService) return;
    instances.setLifecycle(t, to === 'standby' ? Lifecycle.EnteringStandby : Lifecycle.Detaching);
    this.inService--;
    this.observeCapacity();
    this.drainEverywhere(t);
  }

  /**
   * ExitStandby or AttachInstances: a Standby or Detached instance goes through Pending to
   * InService at once (it is running; no lifecycle hook runs for these moves, AS-HOOK) and
   * registers with the target groups, where it is `initial` until its first check passes.
   */
  moveIn(t: number): void {
    const instances = this.instances;
    const state = instances.lifecycle[t];
    if (state !== Lifecycle.Standby && state !== Lifecycle.Detached) return;
    instances.setLifecycle(t, Lifecycle.Pending);
    this.pending++;
    this.goInService(t, state === Lifecycle.Detached);
  }

  /** A target group has drained one of the group's instances. */
  drained(m: number): void {
    const t = this.wiring.members.instance[m]!;
    if (--this.instances.draining[t]! === 0) this.deregistered(t);
  }

  private deregistered(t: number): void {
    const instances = this.instances;
    const state = instances.lifecycle[t];
    if (state === Lifecycle.EnteringStandby || state === Lifecycle.Detaching) {
      instances.setLifecycle(t, state === Lifecycle.EnteringStandby ? Lifecycle.Standby : Lifecycle.Detached);
      this.onMoved(t);
    } else if (this.terminateHooks.length > 0) this.waitForHooks(t, this.terminateHooks, HookStage.Terminate);
    else this.finishTermination(t);
  }

  private finishTermination(t: number): void {
    const instances = this.instances;
    const wasReplacing = instances.replacing[t] === 1;
    instances.replacing[t] = 0;
    if (wasReplacing) this.replacingInTermination--;
    if (this.pool.reuseOnScaleIn && !wasReplacing && this.pool.size() < this.pool.targetSize(this.maxSize, this.desired)) {
      this.pool.park(t);
      this.log.add(this.engine.now, 'warm_pool', { instance: instances.id(t), group: this.name, state: 'returned' });
    } else {
      this.markTerminated(t, 'terminated');
    }
    this.onActivityDone();
    if (wasReplacing) this.reconcile(true);
  }

  /** The instance is gone at once (EC2 sees it stop): requests in flight get 502 and it is replaced. */
  terminateNow(t: number, cause: string): void {
    const instances = this.instances;
    const state = instances.lifecycle[t];
    if (state === Lifecycle.Terminated) return;
    if (state === Lifecycle.Detached) return; // no longer the group's to replace
    const server = instances.server[t]!;
    this.wiring.dropper.dropServerWork(server, 502);
    if (state === Lifecycle.InService) this.inService--;
    else if (state === Lifecycle.Pending || state === Lifecycle.PendingWait) this.pending--;
    else if ((state === Lifecycle.Terminating || state === Lifecycle.TerminatingWait) && instances.replacing[t] === 1) this.replacingInTermination--;
    this.forEachMembership(t, (tg, m) => tg.remove(m));
    this.markTerminated(t, cause);
    this.reconcile(true);
  }

  private markTerminated(t: number, cause: string): void {
    const instances = this.instances;
    const now = this.engine.now;
    this.pool.unpark(t);
    instances.setLifecycle(t, Lifecycle.Terminated);
    instances.terminateS[t] = now;
    this.wiring.servers.epoch[instances.server[t]!]!++;
    this.log.add(now, 'terminate', { instance: instances.id(t), group: this.name, cause });
    this.observeCapacity();
    this.rebalance.terminated(t);
    this.mixed?.terminated(t);
  }

  private replenishPool(): void {
    let missing = this.pool.targetSize(this.maxSize, this.desired) - this.pool.size();
    while (missing-- > 0) {
      const zone = this.zoneForLaunch();
      if (zone < 0) return;
      const t = this.newInstance(zone);
      this.instances.setLifecycle(t, Lifecycle.WarmedPending);
      this.log.add(this.engine.now, 'warm_pool', { instance: this.instances.id(t), group: this.name, zone: this.scenario.zones[zone]!, state: 'launched' });
      this.boot(t);
    }
  }

  private observeCapacity(): void {
    this.capacityMin = Math.min(this.capacityMin, this.inService);
    this.capacityMax = Math.max(this.capacityMax, this.inService);
  }

  /** Instance-hours billed up to `endS`: per second from launch to termination, less time in a stopped pool. */
  instanceHours(endS: number): number {
    return instanceHours(this.instances, this.pool, endS);
  }

  /** With a mixed instances policy: the cost up to `endS` at each instance's own price, On-Demand and Spot apart; null without one. */
  costSplit(endS: number): { onDemand: number; spot: number } | null {
    const mixed = this.mixed;
    if (!mixed) return null;
    const instances = this.instances;
    const overrides = mixed.policy.overrides;
    return instanceCosts(instances, this.pool, endS, (i) => {
      const o = overrides[instances.itype[i]!]!;
      return instances.market[i] === Market.Spot ? -o.spotPrice : o.onDemandPrice;
    });
  }
}

function onDemandTargetOf(desired: number, p: { onDemandBaseCapacity: number; onDemandPercentageAboveBaseCapacity: number }): number {
  return onDemandTarget(desired, p.onDemandBaseCapacity, p.onDemandPercentageAboveBaseCapacity);
}

/** Whether a hook's action completes (CONTINUE) within its heartbeat timeout; otherwise the timeout's DefaultResult decides. */
function hookCompletes(hook: LifecycleHook): boolean {
  return hook.completesAfterS !== null && hook.completesAfterS <= hook.heartbeatTimeoutS;
}

/**
 * A mixed instances policy (AS-MIX) and EC2 Spot interruptions (EC2-SPOT), with Capacity
 * Rebalancing (AS-CR).
 *
 * Launches: the On-Demand base is filled first, then `onDemandPercentageAboveBaseCapacity` of
 * the capacity above it is On-Demand (rounded up in favour of On-Demand [inferred]) and the rest
 * Spot; both counted in capacity units when the overrides give weights, as AWS counts desired
 * capacity then. A launch is On-Demand while the On-Demand units that count toward capacity are
 * below that share of the desired capacity, else Spot. On-Demand types: `prioritized`, AWS's
 * default for overrides (the first listed). Spot types, simplified (one pool per strategy, since
 * prices and interruption rates are fixed for the run; docs/fidelity.md):
 * - `lowest-price`: the lowest Spot price per capacity unit;
 * - `capacity-optimized`: the lowest interruption rate (the pool "least likely to be
 *   interrupted"), first listed on a tie;
 * - `price-capacity-optimized`: the lowest price per unit among the pools whose interruption
 *   rate is at most PCO_RATE_SLACK times the lowest one.
 * Types whose Spot price per unit is above `spotMaxPrice` are not used for Spot.
 *
 * Interruptions: each Spot instance of a type with `spotInterruptionRate` r gets its
 * interruption notice after an exponential time of mean 1/r hours from its launch, drawn from
 * the group's `spot` stream (none without a rate, so other runs draw nothing). A
 * `spot-interruption` fault gives chosen instances their notice at its time. EC2 sends the
 * rebalance recommendation `rebalanceRecommendationLead` before the notice (with it, when the
 * notice is drawn less than that after the launch, as EC2 says it can arrive), and interrupts the instance INTERRUPTION_NOTICE_S after the
 * notice: it stops at once, its requests in flight get 502, and the group replaces it as after
 * any EC2 health-check failure. AWS: without Capacity Rebalancing, Auto Scaling does not replace
 * a Spot instance until EC2 has interrupted it. With Capacity Rebalancing, on the rebalance
 * recommendation of an InService instance the group launches a replacement (beyond the desired
 * capacity, and beyond maxSize by up to 10 % of the desired capacity, at least one), and once
 * that is InService it terminates the at-risk instance the normal way (draining, hooks). If the
 * interruption comes first, the instance goes as without it, and the replacement under way
 * simply counts toward capacity.
 */
import type { Engine } from '../../engine/engine.ts';
import type { RandomStream } from '../../engine/random.ts';
import type { SuspendableProcess } from '../../scenario/types.ts';
import type { MixedInstancesPolicy } from '../../scenario/spot-types.ts';
import type { EventLog } from '../event-log.ts';
import { rebalanceRecommendationLaunchCause, rebalanceRecommendationTerminateCause, spotInterruptionCause } from './activity.ts';
import { Lifecycle, type Instances } from './instances.ts';

/** EC2 interrupts a Spot instance two minutes after its interruption notice (EC2-SPOT). */
export const INTERRUPTION_NOTICE_S = 120;

/** price-capacity-optimized: pools within this factor of the lowest interruption rate count as the ones with the most capacity [elbsim parameter]. */
export const PCO_RATE_SLACK = 2;

export const enum Market {
  OnDemand = 0,
  Spot = 1,
}

/** On-Demand capacity (in the group's units) for a desired capacity: the base first, then the percentage above it, rounded up [inferred]. */
export function onDemandTarget(desired: number, base: number, percentage: number): number {
  const fromBase = Math.min(desired, base);
  return fromBase + Math.ceil(((desired - fromBase) * percentage) / 100 - 1e-9);
}

/** The override index Spot launches use under `policy`'s allocation strategy; -1 if no type is under the max price. */
export function spotType(policy: MixedInstancesPolicy): number {
  const o = policy.overrides;
  const perUnit = (i: number) => o[i]!.spotPrice / o[i]!.weightedCapacity;
  const eligible = o.map((_, i) => i).filter((i) => policy.spotMaxPrice === null || perUnit(i) <= policy.spotMaxPrice + 1e-12);
  if (eligible.length === 0) return -1;
  const lowest = (list: number[], key: (i: number) => number) => list.reduce((best, i) => (key(i) < key(best) - 1e-12 ? i : best), list[0]!);
  switch (policy.spotAllocationStrategy) {
    case 'lowest-price':
      return lowest(eligible, perUnit);
    case 'capacity-optimized':
      return lowest(eligible, (i) => o[i]!.spotInterruptionRate);
    case 'price-capacity-optimized': {
      const least = Math.min(...eligible.map((i) => o[i]!.spotInterruptionRate));
      return lowest(eligible.filter((i) => o[i]!.spotInterruptionRate <= least * PCO_RATE_SLACK + 1e-12), perUnit);
    }
  }
}

/** What the mixed instances policy needs of its group. */
export interface SpotGroup {
  readonly name: string;
  readonly desired: number;
  readonly maxSize: number;
  readonly surge: number;
  capacity(): number;
  suspended(process: SuspendableProcess): boolean;
  /** Launches one instance above the desired capacity (in `zone` if it can launch there); false if none could launch. */
  launchSurge(zone: number): boolean;
  /** The zone a launch preferring `zone` goes to; -1 if no zone can launch. */
  launchZone(zone: number): number;
  /** The row of the instance launched last. */
  readonly lastLaunched: number;
  /** One instance launched above the desired capacity now counts toward it (or is gone). */
  endSurge(units: number): void;
  beginTermination(t: number, replacing: boolean): void;
  terminateNow(t: number, cause: string): void;
}

export class MixedInstances {
  readonly weighted: boolean;
  /** Spot interruptions EC2 carried out in the run. */
  interruptions = 0;
  private readonly spotIndex: number;
  private readonly kRecommendation: number;
  private readonly kNotice: number;
  private readonly kInterrupt: number;
  /** Per instance row: when its interruption notice comes, and the number of its interruption (an older one's events are stale). */
  private readonly noticeAt: number[] = [];
  private readonly generation: number[] = [];
  /** Capacity Rebalancing: replacement instance → the at-risk instance it replaces. */
  private readonly replacing = new Map<number, number>();
  private readonly atRisk = new Set<number>();
  /** At-risk instances whose replacement had no room (at maxSize plus 10 %): tried again when a replacement is InService. */
  private readonly deferred: number[] = [];

  constructor(
    private readonly engine: Engine,
    private readonly group: SpotGroup,
    private readonly instances: Instances,
    readonly policy: MixedInstancesPolicy,
    private readonly capacityRebalance: boolean,
    private readonly random: RandomStream | null,
    private readonly log: EventLog,
    private readonly durationS: number,
  ) {
    this.weighted = policy.weighted;
    this.spotIndex = spotType(policy);
    this.kRecommendation = engine.register((t, g) => this.recommendation(t, g));
    this.kNotice = engine.register((t, g) => this.notice(t, g));
    this.kInterrupt = engine.register((t, g) => this.interrupt(t, g));
  }

  /** Capacity units instance t counts for. */
  units(t: number): number {
    return this.weighted ? this.policy.overrides[this.instances.itype[t]!]!.weightedCapacity : 1;
  }

  /** The market of the next launch: On-Demand until its share of the desired capacity is there. */
  nextMarket(): Market {
    if (this.spotIndex < 0) return Market.OnDemand;
    const p = this.policy;
    return this.onDemandUnits() < onDemandTarget(this.group.desired, p.onDemandBaseCapacity, p.onDemandPercentageAboveBaseCapacity) ? Market.OnDemand : Market.Spot;
  }

  /** The override a launch in `market` uses: the first listed for On-Demand (prioritized), the strategy's for Spot. */
  typeFor(market: Market): number {
    return market === Market.Spot ? this.spotIndex : 0;
  }

  /** On-Demand units that count toward capacity (launching, InService, or being replaced). */
  onDemandUnits(): number {
    return this.unitsIn(Market.OnDemand);
  }

  /** Units of `market` that count toward capacity (launching, InService, or being replaced). */
  unitsIn(market: Market): number {
    const instances = this.instances;
    let n = 0;
    for (let k = 0; k < instances.liveCount; k++) {
      const t = instances.live[k]!;
      if (instances.market[t] === market && countsTowardCapacity(instances, t)) n += this.units(t);
    }
    return n;
  }

  /** Capacity units that count toward desired capacity, less those launched above it (weighted groups). */
  capacityUnits(surgeUnits: number): number {
    const instances = this.instances;
    let n = 0;
    for (let k = 0; k < instances.liveCount; k++) {
      const t = instances.live[k]!;
      if (countsTowardCapacity(instances, t)) n += this.units(t);
    }
    return n - surgeUnits;
  }

  /** A new instance: a Spot one of a type with an interruption rate gets its notice time drawn. */
  launched(t: number): void {
    const rate = this.policy.overrides[this.instances.itype[t]!]!.spotInterruptionRate;
    if (this.instances.market[t] !== Market.Spot || rate <= 0 || !this.random) return;
    const u = this.random.next();
    const notice = this.engine.now + (-Math.log(1 - u) / rate) * 3600;
    if (notice < this.durationS) this.warn(t, notice);
  }

  /**
   * EC2 will interrupt Spot instance t: its rebalance recommendation `lead` before `noticeS`
   * (or together with the notice when that is already past), the notice at `noticeS`, the
   * interruption two minutes on.
   */
  warn(t: number, noticeS: number): void {
    // An instance already marked for an earlier (or the same) interruption keeps that one; a later draw gives way to an earlier fault.
    if (this.warnedBy(t, noticeS)) return;
    const g = (this.generation[t] ?? 0) + 1;
    this.generation[t] = g;
    this.noticeAt[t] = noticeS;
    const early = noticeS - this.policy.rebalanceRecommendationLeadS;
    const at = early >= this.engine.now ? early : noticeS;
    this.engine.schedule(at, this.kRecommendation, t, g);
  }

  /** Whether instance t's interruption notice is due at or before `noticeS`. */
  warnedBy(t: number, noticeS: number): boolean {
    const at = this.noticeAt[t];
    return at !== undefined && at <= noticeS;
  }

  private stale(t: number, g: number): boolean {
    const state = this.instances.lifecycle[t];
    return this.generation[t] !== g || state === Lifecycle.Terminated || state === Lifecycle.Detached;
  }

  private recommendation(t: number, g: number): void {
    if (this.stale(t, g)) return;
    const now = this.engine.now;
    const instances = this.instances;
    this.log.add(now, 'spot', { instance: instances.id(t), group: this.group.name, state: 'rebalance-recommendation' });
    this.engine.schedule(this.noticeAt[t]!, this.kNotice, t, g);
    if (this.capacityRebalance && instances.lifecycle[t] === Lifecycle.InService && !this.atRisk.has(t)) this.replaceAhead(t);
  }

  /** Capacity Rebalancing: launch a replacement for at-risk instance t, beyond maxSize by at most 10 % of desired (at least one). */
  private replaceAhead(t: number): void {
    const group = this.group;
    if (group.suspended('Launch')) return;
    const over = Math.max(1, Math.floor(0.1 * group.desired));
    if (group.capacity() + group.surge + this.units(t) > group.maxSize + over) {
      if (!this.deferred.includes(t)) this.deferred.push(t);
      return;
    }
    // In the at-risk instance's zone, which it is about to leave (so zone balance holds). No
    // activity is logged for a launch that cannot happen (every zone impaired).
    const zone = this.instances.zone[t]!;
    if (group.launchZone(zone) < 0) return;
    const now = this.engine.now;
    this.log.add(now, 'scaling', { instance: this.instances.id(t), group: group.name, cause: rebalanceRecommendationLaunchCause(now) });
    if (!group.launchSurge(zone)) return;
    this.replacing.set(group.lastLaunched, t);
    this.atRisk.add(t);
  }

  private notice(t: number, g: number): void {
    if (this.stale(t, g)) return;
    const now = this.engine.now;
    this.log.add(now, 'spot', { instance: this.instances.id(t), group: this.group.name, state: 'interruption-notice', value: now + INTERRUPTION_NOTICE_S });
    this.engine.schedule(now + INTERRUPTION_NOTICE_S, this.kInterrupt, t, g);
  }

  private interrupt(t: number, g: number): void {
    if (this.stale(t, g)) return;
    this.interruptions++;
    this.forget(t);
    this.group.terminateNow(t, spotInterruptionCause(this.engine.now));
  }

  /** At-risk instance t no longer waits for its replacement: the replacement counts toward capacity. */
  private forget(t: number): void {
    if (!this.atRisk.delete(t)) return;
    for (const [replacement, old] of this.replacing) {
      if (old !== t) continue;
      this.replacing.delete(replacement);
      this.group.endSurge(this.units(replacement));
      return;
    }
  }

  /** Instance t is InService: if it replaces an at-risk instance, that one is taken out now. */
  inService(t: number): void {
    const old = this.replacing.get(t);
    if (old === undefined) return;
    this.replacing.delete(t);
    this.atRisk.delete(old);
    this.group.endSurge(this.units(t));
    if (this.instances.lifecycle[old] !== Lifecycle.InService) return;
    const now = this.engine.now;
    this.log.add(now, 'scaling', { instance: this.instances.id(old), group: this.group.name, cause: rebalanceRecommendationTerminateCause(now) });
    this.group.beginTermination(old, false);
    // Room again: the next at-risk instance that had to wait gets its replacement.
    while (this.deferred.length > 0) {
      const next = this.deferred.shift()!;
      if (this.instances.lifecycle[next] === Lifecycle.InService && !this.atRisk.has(next)) {
        this.replaceAhead(next);
        return;
      }
    }
  }

  /**
   * Instance t is gone. An at-risk instance taken out otherwise (scale-in, zone rebalancing)
   * lets its replacement count toward capacity; a replacement that never reached InService
   * leaves its at-risk instance to the normal path.
   */
  terminated(t: number): void {
    this.forget(t);
    const old = this.replacing.get(t);
    if (old === undefined) return;
    this.replacing.delete(t);
    this.atRisk.delete(old);
    this.group.endSurge(this.units(t));
  }
}

/** Whether instance t counts toward the group's capacity: launching, InService, or Terminating while it is replaced. */
function countsTowardCapacity(instances: Instances, t: number): boolean {
  const s = instances.lifecycle[t];
  if (s === Lifecycle.Pending || s === Lifecycle.PendingWait || s === Lifecycle.InService) return true;
  return (s === Lifecycle.Terminating || s === Lifecycle.TerminatingWait) && instances.replacing[t] === 1;
}

/**
 * Injected faults (contract section 1), applied at their times in the order given:
 * - fail-target: instances stop answering requests and health checks; EC2 still reports them
 *   running, so only the load balancer's health checks notice;
 * - terminate-target: instances die; EC2 sees it and the group replaces them;
 * - fail-zone: every instance in the zone fails, including any launched there while it lasts,
 *   and the group cannot launch into the zone until it recovers;
 * - slow-target: service times of the chosen instances are multiplied by `factor`;
 * - fail-health-check: the chosen instances' health-check endpoint fails while they go on serving
 *   requests (a wrong path, a dependency the check tests), so the load balancer marks them unhealthy.
 * - spot-interruption: EC2 interrupts Spot instances of the group (a mixed instances policy's):
 *   each gets its rebalance recommendation, its two-minute interruption notice at the fault's
 *   time, then the interruption (spot.ts). The instances are chosen when the recommendation
 *   comes, `rebalanceRecommendationLead` before the notice.
 * Victims are drawn from the `faults` random stream among the InService instances that match.
 */
import type { Engine } from '../engine/engine.ts';
import type { RandomStream } from '../engine/random.ts';
import type { Fault, Scenario } from '../scenario/types.ts';

/** What the faults of one Auto Scaling group read: the zones, and the faults that act on the group (fail-zone acts on every group). */
export type FaultScenario = Pick<Scenario, 'zones' | 'faults'>;
import type { EventLog } from './event-log.ts';
import type { AutoScalingGroup } from './autoscaling/group.ts';
import type { Servers } from './compute/servers.ts';
import type { WorkDropper } from './target-group/target-group.ts';
import { Lifecycle, type Instances } from './autoscaling/instances.ts';
import { Market } from './autoscaling/spot.ts';

export class Faults {
  private readonly victims = new Map<number, number[]>();
  private readonly failedZones = new Map<number, number>();
  private readonly kStart: number;
  private readonly kEnd: number;

  constructor(
    private readonly engine: Engine,
    private readonly scenario: FaultScenario,
    private readonly instances: Instances,
    private readonly servers: Servers,
    private readonly group: AutoScalingGroup,
    private readonly dropper: WorkDropper,
    private readonly stream: RandomStream,
    private readonly log: EventLog,
  ) {
    this.kStart = engine.register((i) => this.begin(i));
    this.kEnd = engine.register((i) => this.end(i));
    group.onLaunch = (t) => {
      const fault = this.failedZones.get(instances.zone[t]!);
      if (fault !== undefined) {
        this.fail(t);
        this.victims.get(fault)!.push(t);
      }
    };
  }

  scheduleAll(): void {
    const lead = this.group.mixed?.policy.rebalanceRecommendationLeadS ?? 0;
    this.scenario.faults.forEach((f, i) => this.engine.schedule(f.action === 'spot-interruption' ? Math.max(0, f.atS - lead) : f.atS, this.kStart, i));
  }

  private begin(i: number): void {
    const f = this.scenario.faults[i]!;
    if (f.action === 'set-weights') return; // the load balancer's, scheduled by the world
    const now = this.engine.now;
    const instances = this.instances;
    if (f.action === 'spot-interruption') {
      this.interruptSpot(f);
      return;
    }
    if (f.action === 'fail-zone') {
      const z = this.scenario.zones.indexOf(f.zone);
      const list: number[] = [];
      for (let k = 0; k < instances.liveCount; k++) {
        const t = instances.live[k]!;
        if (instances.zone[t] === z && instances.lifecycle[t] !== Lifecycle.Terminated) {
          this.fail(t);
          list.push(t);
        }
      }
      this.victims.set(i, list);
      this.failedZones.set(z, i);
      this.group.impairedZones.add(z); // launches into the zone fail while it is out
      this.log.add(now, 'fault', { zone: f.zone, state: 'fail-zone' });
    } else {
      const chosen = this.choose(f);
      this.victims.set(i, chosen);
      for (const t of chosen) {
        const id = instances.id(t);
        if (f.action === 'fail-target') {
          this.fail(t);
          this.log.add(now, 'fault', { instance: id, state: 'fail-target' });
        } else if (f.action === 'fail-health-check') {
          this.servers.checkFailDepth[instances.server[t]!]!++;
          this.log.add(now, 'fault', { instance: id, state: 'fail-health-check' });
        } else if (f.action === 'slow-target') {
          this.servers.slowFactor[instances.server[t]!]! *= f.factor;
          this.log.add(now, 'fault', { instance: id, state: 'slow-target', value: f.factor });
        } else {
          this.log.add(now, 'fault', { instance: id, state: 'terminate-target' });
          this.group.terminateNow(t, 'terminate-target fault: the instance stopped unexpectedly');
        }
      }
    }
    if ('forS' in f && f.forS !== null) this.engine.schedule(now + f.forS, this.kEnd, i);
  }

  private end(i: number): void {
    const f = this.scenario.faults[i]!;
    if (f.action === 'set-weights') return;
    const now = this.engine.now;
    const instances = this.instances;
    const list = this.victims.get(i) ?? [];
    if (f.action === 'fail-zone') {
      const z = this.scenario.zones.indexOf(f.zone);
      this.failedZones.delete(z);
      this.group.impairedZones.delete(z);
      for (const t of list) this.servers.failDepth[instances.server[t]!]!--;
      this.log.add(now, 'fault', { zone: f.zone, state: 'recover-zone' });
    } else if (f.action === 'fail-target') {
      for (const t of list) {
        this.servers.failDepth[instances.server[t]!]!--;
        if (instances.lifecycle[t] !== Lifecycle.Terminated) this.log.add(now, 'fault', { instance: instances.id(t), state: 'recover-target' });
      }
    } else if (f.action === 'fail-health-check') {
      for (const t of list) {
        this.servers.checkFailDepth[instances.server[t]!]!--;
        if (instances.lifecycle[t] !== Lifecycle.Terminated) this.log.add(now, 'fault', { instance: instances.id(t), state: 'recover-health-check' });
      }
    } else if (f.action === 'slow-target') {
      for (const t of list) {
        this.servers.slowFactor[instances.server[t]!]! /= f.factor;
        if (instances.lifecycle[t] !== Lifecycle.Terminated) this.log.add(now, 'fault', { instance: instances.id(t), state: 'recover-target' });
      }
    }
  }

  /** A spot-interruption fault: the matching InService Spot instances (a fraction of them, rounded up, or `count`) are warned. */
  private interruptSpot(f: Extract<Fault, { action: 'spot-interruption' }>): void {
    const mixed = this.group.mixed;
    if (!mixed) return;
    const instances = this.instances;
    const z = f.zone === null ? -1 : this.scenario.zones.indexOf(f.zone);
    const type = f.instanceType === null ? -1 : mixed.policy.overrides.findIndex((o) => o.instanceType === f.instanceType);
    const pool: number[] = [];
    for (let k = 0; k < instances.liveCount; k++) {
      const t = instances.live[k]!;
      if (instances.lifecycle[t] !== Lifecycle.InService || instances.market[t] !== Market.Spot || mixed.warnedBy(t, f.atS)) continue;
      if ((z < 0 || instances.zone[t] === z) && (type < 0 || instances.itype[t] === type)) pool.push(t);
    }
    const wanted = f.fraction === null ? f.count : Math.ceil(f.fraction * pool.length - 1e-9);
    const chosen = this.draw(pool, wanted);
    this.log.add(this.engine.now, 'fault', { name: this.group.name, state: 'spot-interruption', value: chosen.length });
    for (const t of chosen) mixed.warn(t, f.atS);
  }

  private fail(t: number): void {
    const s = this.instances.server[t]!;
    if (this.servers.failDepth[s]!++ === 0) this.dropper.dropServerWork(s, null);
  }

  /** `count` distinct InService instances (in the zone, if given), drawn without replacement. */
  private choose(f: Exclude<Fault, { action: 'fail-zone' | 'set-weights' | 'spot-interruption' }>): number[] {
    const instances = this.instances;
    const z = f.zone === null ? -1 : this.scenario.zones.indexOf(f.zone);
    const pool: number[] = [];
    for (let k = 0; k < instances.liveCount; k++) {
      const t = instances.live[k]!;
      if (instances.lifecycle[t] === Lifecycle.InService && (z < 0 || instances.zone[t] === z)) pool.push(t);
    }
    return this.draw(pool, f.count);
  }

  /** `count` distinct items of `pool` drawn without replacement (the pool is shuffled in part). */
  private draw(pool: number[], count: number): number[] {
    const n = Math.min(count, pool.length);
    for (let k = 0; k < n; k++) {
      const j = k + Math.floor(this.stream.next() * (pool.length - k));
      [pool[k], pool[j]] = [pool[j]!, pool[k]!];
    }
    return pool.slice(0, n);
  }
}

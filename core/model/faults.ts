/**
 * Injected faults (contract section 1), applied at their times in the order given:
 * - fail-target: instances stop answering requests and health checks; EC2 still reports them
 *   running, so only the load balancer's health checks notice;
 * - terminate-target: instances die; EC2 sees it and the group replaces them;
 * - fail-zone: every instance in the zone fails, including any launched there while it lasts,
 *   and the group cannot launch into the zone until it recovers;
 * - slow-target: service times of the chosen instances are multiplied by `factor`.
 * Victims are drawn from the `faults` random stream among the InService instances that match.
 */
import type { Engine } from '../engine/engine.ts';
import type { RandomStream } from '../engine/random.ts';
import type { Fault, Scenario } from '../scenario/types.ts';
import type { EventLog } from './event-log.ts';
import type { AutoScalingGroup } from './auto-scaling-group.ts';
import type { RequestPath } from './request-path.ts';
import { Lifecycle, type TargetTable } from './targets.ts';

export class Faults {
  private readonly victims = new Map<number, number[]>();
  private readonly failedZones = new Map<number, number>();
  private readonly kStart: number;
  private readonly kEnd: number;

  constructor(
    private readonly engine: Engine,
    private readonly scenario: Scenario,
    private readonly targets: TargetTable,
    private readonly group: AutoScalingGroup,
    private readonly requests: RequestPath,
    private readonly stream: RandomStream,
    private readonly log: EventLog,
  ) {
    this.kStart = engine.register((i) => this.begin(i));
    this.kEnd = engine.register((i) => this.end(i));
    group.onLaunch = (t) => {
      const fault = this.failedZones.get(targets.zone[t]!);
      if (fault !== undefined) {
        this.fail(t);
        this.victims.get(fault)!.push(t);
      }
    };
  }

  scheduleAll(): void {
    this.scenario.faults.forEach((f, i) => this.engine.schedule(f.atS, this.kStart, i));
  }

  private begin(i: number): void {
    const f = this.scenario.faults[i]!;
    const now = this.engine.now;
    const targets = this.targets;
    if (f.action === 'fail-zone') {
      const z = this.scenario.zones.indexOf(f.zone);
      const list: number[] = [];
      for (let t = 0; t < targets.count; t++) {
        if (targets.zone[t] === z && targets.lifecycle[t] !== Lifecycle.Terminated) {
          this.fail(t);
          list.push(t);
        }
      }
      this.victims.set(i, list);
      this.failedZones.set(z, i);
      this.group.impairedZones.add(z); // launches into the zone fail while it is out
      this.log.add(now, 'fault', f.zone, 'fail-zone');
    } else {
      const chosen = this.choose(f);
      this.victims.set(i, chosen);
      for (const t of chosen) {
        const id = targets.id(t);
        if (f.action === 'fail-target') {
          this.fail(t);
          this.log.add(now, 'fault', id, 'fail-target');
        } else if (f.action === 'slow-target') {
          targets.slowFactor[t]! *= f.factor;
          this.log.add(now, 'fault', id, `slow-target x${f.factor}`);
        } else {
          this.log.add(now, 'fault', id, 'terminate-target');
          this.group.terminateNow(t, 'terminate-target fault: the instance stopped unexpectedly');
        }
      }
    }
    if ('forS' in f && f.forS !== null) this.engine.schedule(now + f.forS, this.kEnd, i);
  }

  private end(i: number): void {
    const f = this.scenario.faults[i]!;
    const now = this.engine.now;
    const targets = this.targets;
    const list = this.victims.get(i) ?? [];
    if (f.action === 'fail-zone') {
      const z = this.scenario.zones.indexOf(f.zone);
      this.failedZones.delete(z);
      this.group.impairedZones.delete(z);
      for (const t of list) targets.failDepth[t]!--;
      this.log.add(now, 'fault', f.zone, 'recover-zone');
    } else if (f.action === 'fail-target') {
      for (const t of list) {
        targets.failDepth[t]!--;
        if (targets.lifecycle[t] !== Lifecycle.Terminated) this.log.add(now, 'fault', targets.id(t), 'recover-target');
      }
    } else if (f.action === 'slow-target') {
      for (const t of list) {
        targets.slowFactor[t]! /= f.factor;
        if (targets.lifecycle[t] !== Lifecycle.Terminated) this.log.add(now, 'fault', targets.id(t), 'recover-target');
      }
    }
  }

  private fail(t: number): void {
    if (this.targets.failDepth[t]!++ === 0) this.requests.dropTargetWork(t, null);
  }

  /** `count` distinct InService instances (in the zone, if given), drawn without replacement. */
  private choose(f: Exclude<Fault, { action: 'fail-zone' }>): number[] {
    const targets = this.targets;
    const z = f.zone === null ? -1 : this.scenario.zones.indexOf(f.zone);
    const pool: number[] = [];
    for (let t = 0; t < targets.count; t++) {
      if (targets.lifecycle[t] === Lifecycle.InService && (z < 0 || targets.zone[t] === z)) pool.push(t);
    }
    const n = Math.min(f.count, pool.length);
    for (let k = 0; k < n; k++) {
      const j = k + Math.floor(this.stream.next() * (pool.length - k));
      [pool[k], pool[j]] = [pool[j]!, pool[k]!];
    }
    return pool.slice(0, n);
  }
}

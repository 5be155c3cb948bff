/**
 * The group's warm pool (AS-WP): instances launched and initialised ahead of need, parked
 * Stopped (the default), Running or Hibernated, that start faster than a new launch when the
 * group scales out. The pool holds (MaxGroupPreparedCapacity, else MaxSize) − desired
 * instances, at least its MinSize. Only a Running pool's instances are billed for compute.
 */
import type { Engine } from '../../engine/engine.ts';
import type { WarmPool as WarmPoolSpec } from '../../scenario/types.ts';
import { Lifecycle, type Instances } from './instances.ts';

export class WarmPool {
  constructor(
    private readonly spec: WarmPoolSpec | null,
    private readonly instances: Instances,
    private readonly engine: Engine,
  ) {}

  get enabled(): boolean {
    return Boolean(this.spec);
  }

  get reuseOnScaleIn(): boolean {
    return this.spec?.reuseOnScaleIn ?? false;
  }

  /** How many instances the pool should hold for a group of `desired` at most `maxSize`. */
  targetSize(maxSize: number, desired: number): number {
    if (!this.spec) return 0;
    return Math.max(this.spec.minSize, (this.spec.maxGroupPreparedCapacity ?? maxSize) - desired);
  }

  /** Instances in the pool or booting into it. */
  size(): number {
    return this.instances.inState(Lifecycle.Warmed) + this.instances.inState(Lifecycle.WarmedPending);
  }

  /** A parked instance to start, preferably in `zone`, never in an impaired zone; -1 if none. */
  pick(zone: number, impairedZones: ReadonlySet<number>): number {
    const t = this.instances;
    let chosen = -1;
    if (t.inState(Lifecycle.Warmed) === 0) return chosen;
    for (let k = 0; k < t.liveCount; k++) {
      const i = t.live[k]!;
      if (t.lifecycle[i] !== Lifecycle.Warmed || impairedZones.has(t.zone[i]!)) continue;
      if (chosen < 0 || (t.zone[i] === zone && t.zone[chosen] !== zone)) chosen = i;
    }
    return chosen;
  }

  /** Parks an instance, stopping its compute billing unless the pool runs. */
  park(i: number): void {
    const t = this.instances;
    t.setLifecycle(i, Lifecycle.Warmed);
    t.inServiceS[i] = NaN;
    if (this.spec?.poolState !== 'Running') t.unbilledSinceS[i] = this.engine.now;
  }

  /** Takes an instance out of the pool (to start it, or to terminate it): billing resumes. */
  unpark(i: number): void {
    const t = this.instances;
    if (!Number.isNaN(t.unbilledSinceS[i]!)) {
      t.unbilledS[i]! += this.engine.now - t.unbilledSinceS[i]!;
      t.unbilledSinceS[i] = NaN;
    }
  }

  /** Seconds instance i was not billed for compute up to `endS`. */
  unbilledSeconds(i: number, endS: number): number {
    const t = this.instances;
    const parkedNow = Number.isNaN(t.unbilledSinceS[i]!) ? 0 : endS - t.unbilledSinceS[i]!;
    return t.unbilledS[i]! + parkedNow;
  }
}

/**
 * Target health checks, as the load balancer runs them (ALB-HC, aws-behaviour §3).
 *
 * Each registered target is checked every `interval`, on its own phase. A check passes at once
 * when the target answers; a failed target does not answer and the check fails when its
 * `timeout` runs out. `unhealthyThreshold` consecutive failures make a target unhealthy and
 * `healthyThreshold` consecutive passes make it healthy again, except that a newly registered
 * target (state `initial`) is healthy after one passing check. Checks stop when the target is
 * deregistered. This version checks liveness only: an overloaded but live target still passes.
 */
import type { Engine } from '../engine/engine.ts';
import type { RandomStream } from '../engine/random.ts';
import type { HealthCheck } from '../scenario/types.ts';
import type { EventLog } from './event-log.ts';
import { Health, Registration, type TargetTable } from './targets.ts';

export class HealthChecker {
  /** Bumped when a target's checks stop, so its pending check events are ignored. */
  private generation: Int32Array;
  private readonly kCheck: number;
  private readonly kFailResult: number;
  /** Called when a target's health state changes. */
  onChange: (t: number, health: Health) => void = () => {};

  constructor(
    private readonly engine: Engine,
    private readonly spec: HealthCheck,
    private readonly targets: TargetTable,
    private readonly stream: RandomStream,
    private readonly log: EventLog,
  ) {
    this.generation = new Int32Array(targets.capacity);
    this.kCheck = engine.register((t, gen) => this.check(t, gen));
    this.kFailResult = engine.register((t, gen) => {
      if (gen === this.generation[t]) this.record(t, false);
    });
  }

  /** Makes room for targets added since (the target table grows). */
  ensureCapacity(): void {
    if (this.generation.length < this.targets.capacity) {
      const g = new Int32Array(this.targets.capacity);
      g.set(this.generation);
      this.generation = g;
    }
  }

  /** Starts checking target t; its first check comes within one interval. */
  start(t: number): void {
    this.ensureCapacity();
    this.targets.passes[t] = 0;
    this.targets.fails[t] = 0;
    const phase = this.stream.next() * this.spec.intervalS;
    this.engine.schedule(this.engine.now + phase, this.kCheck, t, this.generation[t]!);
  }

  stop(t: number): void {
    this.generation[t]!++;
  }

  private check(t: number, gen: number): void {
    if (gen !== this.generation[t]) return;
    const targets = this.targets;
    if (targets.registration[t] === Registration.None) return;
    const now = this.engine.now;
    this.engine.schedule(now + this.spec.intervalS, this.kCheck, t, gen);
    if (targets.failDepth[t]! > 0) this.engine.schedule(now + this.spec.timeoutS, this.kFailResult, t, gen);
    else this.record(t, true);
  }

  private record(t: number, passed: boolean): void {
    const targets = this.targets;
    const health = targets.health[t]!;
    if (passed) {
      targets.passes[t]!++;
      targets.fails[t] = 0;
      if (health === Health.Healthy) return;
      if (health === Health.Initial || targets.passes[t]! >= this.spec.healthyThreshold) this.set(t, Health.Healthy);
    } else {
      targets.fails[t]!++;
      targets.passes[t] = 0;
      if (health !== Health.Unhealthy && targets.fails[t]! >= this.spec.unhealthyThreshold) this.set(t, Health.Unhealthy);
    }
  }

  private set(t: number, health: Health): void {
    this.targets.health[t] = health;
    this.log.add(this.engine.now, 'health', this.targets.id(t), health === Health.Healthy ? 'healthy' : 'unhealthy');
    this.onChange(t, health);
  }
}

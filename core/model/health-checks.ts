/**
 * Target health checks, as the load balancer runs them (ALB-HC, aws-behaviour §3).
 *
 * Each registered target is checked every `interval`, on its own phase. By default a check tests
 * liveness: a live target passes at once, a failed one does not answer and the check fails when
 * its `timeout` runs out. With `servedByTarget` the check is a request the target serves in
 * turn: it waits in the same queue as client requests, passes when the response comes within
 * `timeout`, fails when the timeout runs out first or at once when a full queue refuses the
 * connection — so overload makes targets unhealthy, as real HTTP checks can. `unhealthyThreshold` consecutive failures make a target unhealthy and
 * `healthyThreshold` consecutive passes make it healthy again, except that a newly registered
 * target (state `initial`) is healthy after one passing check. Checks stop when the target is
 * deregistered.
 */
import type { Engine } from '../engine/engine.ts';
import type { RandomStream } from '../engine/random.ts';
import type { HealthCheck } from '../scenario/types.ts';
import type { EventLog } from './event-log.ts';
import type { RequestPath } from './request-path.ts';
import { Health, Registration, type TargetTable } from './targets.ts';

export class HealthChecker {
  /** Bumped when a target's checks stop, so its pending check events are ignored. */
  private generation: Int32Array;
  /** The sequence number of each target's latest check, and whether its result is in. */
  private sequence: Int32Array;
  private resolved: Uint8Array;
  private readonly kCheck: number;
  private readonly kFailResult: number;
  private readonly kTimeout: number;
  /** Called when a target's health state changes. */
  onChange: (t: number, health: Health) => void = () => {};

  constructor(
    private readonly engine: Engine,
    private readonly spec: HealthCheck,
    private readonly targets: TargetTable,
    private readonly stream: RandomStream,
    private readonly log: EventLog,
    private readonly requests: RequestPath,
  ) {
    this.generation = new Int32Array(targets.capacity);
    this.sequence = new Int32Array(targets.capacity);
    this.resolved = new Uint8Array(targets.capacity);
    this.kTimeout = engine.register((t, seq) => this.resolve(t, seq, false));
    requests.onCheckResponse = (t, seq) => this.resolve(t, seq, true);
    this.kCheck = engine.register((t, gen) => this.check(t, gen));
    this.kFailResult = engine.register((t, gen) => {
      if (gen === this.generation[t]) this.record(t, false);
    });
  }

  /** Makes room for targets added since (the target table grows). */
  ensureCapacity(): void {
    const capacity = this.targets.capacity;
    if (this.generation.length < capacity) {
      const grow = <T extends Int32Array | Uint8Array>(a: T, make: (n: number) => T): T => {
        const b = make(capacity);
        b.set(a);
        return b;
      };
      this.generation = grow(this.generation, (n) => new Int32Array(n));
      this.sequence = grow(this.sequence, (n) => new Int32Array(n));
      this.resolved = grow(this.resolved, (n) => new Uint8Array(n));
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
    this.sequence[t]!++; // a check still in flight no longer counts
  }

  private check(t: number, gen: number): void {
    if (gen !== this.generation[t]) return;
    const targets = this.targets;
    if (targets.registration[t] === Registration.None) return;
    const now = this.engine.now;
    this.engine.schedule(now + this.spec.intervalS, this.kCheck, t, gen);
    if (targets.failDepth[t]! > 0) this.engine.schedule(now + this.spec.timeoutS, this.kFailResult, t, gen);
    else if (!this.spec.servedByTarget) this.record(t, true);
    else {
      const seq = ++this.sequence[t]!;
      this.resolved[t] = 0;
      if (this.requests.enqueueHealthCheck(t, seq)) this.engine.schedule(now + this.spec.timeoutS, this.kTimeout, t, seq);
      else this.resolve(t, seq, false); // connection refused
    }
  }

  /** The first of a check's response and its timeout decides it. */
  private resolve(t: number, seq: number, passed: boolean): void {
    if (seq !== this.sequence[t] || this.resolved[t] || this.targets.registration[t] === Registration.None) return;
    this.resolved[t] = 1;
    this.record(t, passed);
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

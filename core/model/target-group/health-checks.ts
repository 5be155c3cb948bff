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
 * deregistered. One checker serves one target group; its state lives in the members' rows.
 */
import type { Engine } from '../../engine/engine.ts';
import type { RandomStream } from '../../engine/random.ts';
import type { HealthCheck } from '../../scenario/types.ts';
import type { Servers } from '../compute/servers.ts';
import { Health, Registration, type Members } from './members.ts';

/** Where a health check that the target serves goes (the request path): false if the connection is refused. */
export interface CheckTransport {
  enqueueHealthCheck(member: number, server: number, seq: number): boolean;
}

export class HealthChecker {
  private readonly kCheck: number;
  private readonly kFailResult: number;
  private readonly kTimeout: number;

  constructor(
    private readonly engine: Engine,
    private readonly spec: HealthCheck,
    private readonly members: Members,
    private readonly servers: Servers,
    private readonly stream: RandomStream,
    private readonly transport: CheckTransport,
    /** Called when a member's health state changes. */
    private readonly changed: (m: number, health: Health) => void,
  ) {
    this.kTimeout = engine.register((m, seq) => this.resolve(m, seq, false));
    this.kCheck = engine.register((m, gen) => this.check(m, gen));
    this.kFailResult = engine.register((m, gen) => {
      if (gen === this.members.checkGeneration[m]) this.record(m, false);
    });
  }

  /** Starts checking member m; its first check comes within one interval. */
  start(m: number): void {
    const members = this.members;
    members.passes[m] = 0;
    members.fails[m] = 0;
    const phase = this.stream.next() * this.spec.intervalS;
    this.engine.schedule(this.engine.now + phase, this.kCheck, m, members.checkGeneration[m]!);
  }

  stop(m: number): void {
    this.members.checkGeneration[m]!++;
    this.members.checkSequence[m]!++; // a check still in flight no longer counts
  }

  /** The target answered the check with sequence number `seq`. */
  response(m: number, seq: number): void {
    this.resolve(m, seq, true);
  }

  private check(m: number, gen: number): void {
    const members = this.members;
    if (gen !== members.checkGeneration[m]) return;
    if (members.registration[m] === Registration.None) return;
    const now = this.engine.now;
    const s = members.server[m]!;
    this.engine.schedule(now + this.spec.intervalS, this.kCheck, m, gen);
    if (this.servers.failDepth[s]! > 0) this.engine.schedule(now + this.spec.timeoutS, this.kFailResult, m, gen);
    else if (this.servers.checkFailDepth[s]! > 0) this.record(m, false); // the endpoint answers, with a failing code
    else if (!this.spec.servedByTarget) this.record(m, true);
    else {
      const seq = ++members.checkSequence[m]!;
      members.checkResolved[m] = 0;
      if (this.transport.enqueueHealthCheck(m, s, seq)) this.engine.schedule(now + this.spec.timeoutS, this.kTimeout, m, seq);
      else this.resolve(m, seq, false); // connection refused
    }
  }

  /** The first of a check's response and its timeout decides it. */
  private resolve(m: number, seq: number, passed: boolean): void {
    const members = this.members;
    if (seq !== members.checkSequence[m] || members.checkResolved[m] || members.registration[m] === Registration.None) return;
    members.checkResolved[m] = 1;
    this.record(m, passed);
  }

  private record(m: number, passed: boolean): void {
    const members = this.members;
    const health = members.health[m]!;
    if (passed) {
      members.passes[m]!++;
      members.fails[m] = 0;
      if (health === Health.Healthy) return;
      if (health === Health.Initial || members.passes[m]! >= this.spec.healthyThreshold) this.changed(m, Health.Healthy);
    } else {
      members.fails[m]!++;
      members.passes[m] = 0;
      if (health !== Health.Unhealthy && members.fails[m]! >= this.spec.unhealthyThreshold) this.changed(m, Health.Unhealthy);
    }
  }
}

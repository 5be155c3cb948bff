/**
 * The Auto Scaling group's instances: launching, booting, registering with the target group,
 * and terminating (AS-LC, aws-behaviour §6.2).
 *
 * The group starts at its desired capacity with every instance InService, registered and healthy
 * (a scenario starts from a running system). A launch goes to the zone with the fewest instances
 * (AS-BEN); the instance is Pending for its boot time, then InService and registered, and the
 * load balancer routes to it after its first passing health check. An instance that EC2 sees
 * stop is replaced at once (AS-HC). Billing runs per second from launch to termination.
 */
import type { Engine } from '../engine/engine.ts';
import type { Sampler } from '../engine/distributions.ts';
import type { Scenario } from '../scenario/types.ts';
import type { EventLog } from './event-log.ts';
import type { HealthChecker } from './health-checks.ts';
import type { LoadBalancer } from './load-balancer.ts';
import type { RequestPath } from './request-path.ts';
import { Health, Lifecycle, Registration, type TargetTable } from './targets.ts';

export class Fleet {
  desired: number;
  inService = 0;
  pending = 0;
  capacityMin = Infinity;
  capacityMax = 0;
  private readonly kBoot: number;
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
  ) {
    this.desired = scenario.autoScaling.desiredCapacity;
    this.kBoot = engine.register((t) => this.boot(t));
  }

  /** The running system at time 0. */
  startInService(): void {
    const perZone = this.scenario.autoScaling.initialInstancesPerZone;
    const zones = perZone ? this.scenario.zones.flatMap((z, i) => Array<number>(perZone[z] ?? 0).fill(i)) : [];
    for (let k = 0; k < this.desired; k++) {
      const t = this.add(zones[k]);
      const targets = this.targets;
      targets.lifecycle[t] = Lifecycle.InService;
      targets.inServiceS[t] = 0;
      targets.registration[t] = Registration.Registered;
      targets.health[t] = Health.Healthy;
      this.inService++;
      this.log.add(0, 'in_service', targets.id(t));
      this.log.add(0, 'register', targets.id(t), this.scenario.loadBalancer.targetGroup.name);
      this.log.add(0, 'health', targets.id(t), 'healthy');
      this.health.start(t);
    }
    this.pending = 0;
    this.lb.invalidate();
    this.observeCapacity();
  }

  /** Launches one instance; it becomes InService after its boot time. */
  launch(): number {
    const t = this.add();
    this.engine.schedule(this.engine.now + this.bootTime(), this.kBoot, t);
    return t;
  }

  private add(zoneIndex?: number): number {
    const targets = this.targets;
    const zone = zoneIndex ?? this.zoneWithFewest();
    const t = targets.add(zone, this.engine.now);
    this.lb.ensureCapacity(targets.capacity);
    this.pending++;
    this.log.add(this.engine.now, 'launch', targets.id(t), this.scenario.zones[zone]!);
    this.onLaunch(t);
    return t;
  }

  private zoneWithFewest(): number {
    const zoneCounts = new Int32Array(this.scenario.zones.length);
    const targets = this.targets;
    for (let i = 0; i < targets.count; i++) if (targets.lifecycle[i] !== Lifecycle.Terminated) zoneCounts[targets.zone[i]!]!++;
    let zone = 0;
    for (let z = 1; z < zoneCounts.length; z++) if (zoneCounts[z]! < zoneCounts[zone]!) zone = z;
    return zone;
  }

  private boot(t: number): void {
    const targets = this.targets;
    if (targets.lifecycle[t] !== Lifecycle.Pending) return;
    const now = this.engine.now;
    targets.lifecycle[t] = Lifecycle.InService;
    targets.inServiceS[t] = now;
    targets.lastChange[t] = now;
    this.pending--;
    this.inService++;
    this.log.add(now, 'in_service', targets.id(t));
    targets.registration[t] = Registration.Registered;
    targets.health[t] = Health.Initial;
    this.log.add(now, 'register', targets.id(t), this.scenario.loadBalancer.targetGroup.name);
    this.health.start(t);
    this.lb.invalidate();
    this.observeCapacity();
  }

  /** The instance is gone (EC2 sees it): requests in flight get 502 and it is replaced. */
  terminate(t: number, cause: string): void {
    const targets = this.targets;
    const state = targets.lifecycle[t];
    if (state === Lifecycle.Terminated) return;
    const now = this.engine.now;
    this.requests.dropTargetWork(t, 502);
    targets.lifecycle[t] = Lifecycle.Terminated;
    targets.terminateS[t] = now;
    targets.registration[t] = Registration.None;
    this.health.stop(t);
    if (state === Lifecycle.InService) this.inService--;
    else this.pending--;
    this.lb.invalidate();
    this.log.add(now, 'terminate', targets.id(t), cause);
    this.observeCapacity();
    if (this.inService + this.pending < this.desired) this.launch();
  }

  private observeCapacity(): void {
    this.capacityMin = Math.min(this.capacityMin, this.inService);
    this.capacityMax = Math.max(this.capacityMax, this.inService);
  }

  /** Instance-hours billed up to `endS` (per second, launch to termination). */
  instanceHours(endS: number): number {
    const targets = this.targets;
    let seconds = 0;
    for (let i = 0; i < targets.count; i++) {
      const stop = Number.isNaN(targets.terminateS[i]!) ? endS : targets.terminateS[i]!;
      seconds += stop - targets.launchS[i]!;
    }
    return seconds / 3600;
  }
}

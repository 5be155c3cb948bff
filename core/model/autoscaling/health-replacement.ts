/**
 * Replacing unhealthy instances (AS-HC): with health-check type ELB, the group checks its
 * instances every GROUP_HEALTH_CHECK_INTERVAL_S and replaces those a target group reports
 * unhealthy once their grace period is over, terminating first and launching after, at most
 * 10 % of the desired capacity (at least one) at a time.
 */
import type { Engine } from '../../engine/engine.ts';
import type { AutoScaling, SuspendableProcess } from '../../scenario/types.ts';
import type { EventLog } from '../event-log.ts';
import { unhealthyCause } from './activity.ts';
import { Lifecycle, type Instances } from './instances.ts';

/** How often the group checks instance health [inferred: AWS says "periodically"]. */
export const GROUP_HEALTH_CHECK_INTERVAL_S = 10;

/** What health replacement needs of its group. */
export interface ReplacingGroup {
  readonly name: string;
  readonly desired: number;
  readonly replacingInTermination: number;
  suspended(process: SuspendableProcess): boolean;
  unhealthyByElb(t: number): boolean;
  beginTermination(t: number, replacing: boolean): void;
  /** Told of each instance taken out for failing its ELB health check (an instance refresh watches its new instances). */
  onUnhealthy(t: number): void;
}

export class HealthReplacement {
  private readonly kTick: number;

  constructor(
    private readonly group: ReplacingGroup,
    private readonly instances: Instances,
    private readonly engine: Engine,
    private readonly spec: AutoScaling,
    private readonly log: EventLog,
  ) {
    this.kTick = engine.register(() => this.tick());
  }

  start(): void {
    this.engine.schedule(this.engine.now + GROUP_HEALTH_CHECK_INTERVAL_S, this.kTick);
  }

  private tick(): void {
    const instances = this.instances;
    const group = this.group;
    const now = this.engine.now;
    this.engine.schedule(now + GROUP_HEALTH_CHECK_INTERVAL_S, this.kTick);
    if (group.suspended('HealthCheck') || group.suspended('ReplaceUnhealthy')) return;
    const grace = this.spec.healthCheckGracePeriodS;
    let replacing = group.replacingInTermination;
    const allowed = Math.max(1, Math.floor(0.1 * group.desired));
    for (let k = 0; k < instances.liveCount && replacing < allowed; k++) {
      const t = instances.live[k]!;
      if (instances.lifecycle[t] !== Lifecycle.InService || !group.unhealthyByElb(t)) continue;
      if (now < instances.inServiceS[t]! + grace) continue;
      this.log.add(now, 'scaling', { instance: instances.id(t), group: group.name, cause: unhealthyCause(now, 'ELB') });
      group.onUnhealthy(t);
      group.beginTermination(t, true);
      replacing++;
    }
  }
}

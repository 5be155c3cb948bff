/**
 * AZRebalance (AS-BEN): when the group's zones differ by more than one instance and nothing else
 * is going on, the group launches one instance in the emptiest zone first and, when it is
 * InService, terminates one in the fullest zone. The extra instance does not count toward the
 * desired capacity while it waits for its partner's termination, so the group may exceed its
 * maximum by the rebalancing headroom (10 % or one instance).
 */
import type { Engine } from '../../engine/engine.ts';
import type { GroupScenario, SuspendableProcess } from '../../scenario/types.ts';
import type { EventLog } from '../event-log.ts';
import type { TerminationCandidate } from './termination.ts';
import { rebalanceLaunchesAllowed, rebalancePlan } from './az-balance.ts';
import { rebalanceLaunchCause, rebalanceTerminateCause } from './activity.ts';
import { Lifecycle, type Instances } from './instances.ts';

/** What a rebalance needs of its group. */
export interface RebalancingGroup {
  readonly name: string;
  readonly pending: number;
  readonly maxSize: number;
  /** An instance refresh is running: it balances zones with its own launches, so no rebalance starts. */
  readonly refreshing: boolean;
  suspended(process: SuspendableProcess): boolean;
  availableZoneCounts(): Record<string, number>;
  capacity(): number;
  /** Launches an instance in `zone` (counted pending, announced); returns its row. */
  add(zone: number): number;
  boot(t: number): void;
  chooseToTerminate(candidates: TerminationCandidate[], count: number): string[];
  beginTermination(t: number, replacing: boolean): void;
}

export class AzRebalance {
  /** The extra instance a rebalance launched and has not yet balanced with a termination (-1: none). */
  extra = -1;
  /** The zone that will lose an instance once the extra one is InService. */
  private outOf = -1;

  constructor(
    private readonly group: RebalancingGroup,
    private readonly instances: Instances,
    private readonly engine: Engine,
    private readonly scenario: GroupScenario,
    private readonly log: EventLog,
  ) {}

  /** Once a minute: start a rebalance if the zones are uneven and the group is otherwise quiet. */
  tick(): void {
    const group = this.group;
    if (this.scenario.zones.length < 2) return; // one zone is always balanced: no plan to work out each minute
    if (this.extra >= 0 || group.pending > 0 || group.refreshing || group.suspended('AZRebalance') || group.suspended('Launch')) return;
    const plan = rebalancePlan(group.availableZoneCounts());
    const [into] = plan.launch;
    const [outOf] = plan.terminate;
    if (!into || !outOf || rebalanceLaunchesAllowed(plan, group.capacity(), group.maxSize) === 0) return;
    const now = this.engine.now;
    this.log.add(now, 'scaling', { name: group.name, group: group.name, cause: rebalanceLaunchCause(now) });
    const t = group.add(this.scenario.zones.indexOf(into.zone));
    this.extra = t;
    this.outOf = this.scenario.zones.indexOf(outOf.zone);
    group.boot(t);
  }

  /** Instance t is InService: if it is the extra one, terminate one in the zone the plan over-populated. */
  inService(t: number): void {
    if (t !== this.extra) return;
    const instances = this.instances;
    const zone = this.outOf;
    this.extra = -1;
    const candidates: TerminationCandidate[] = [];
    for (let k = 0; k < instances.liveCount; k++) {
      const i = instances.live[k]!;
      if (instances.lifecycle[i] === Lifecycle.InService && instances.zone[i] === zone) {
        candidates.push({ id: String(i), zone: this.scenario.zones[zone]!, launchS: instances.launchS[i]!, protectedFromScaleIn: false });
      }
    }
    const [victim] = this.group.chooseToTerminate(candidates, 1);
    if (victim === undefined) return;
    this.log.add(this.engine.now, 'scaling', { name: this.group.name, group: this.group.name, cause: rebalanceTerminateCause(this.engine.now) });
    this.group.beginTermination(Number(victim), false);
  }

  /** Instance t terminated: an extra one that never reached InService ends the rebalance. */
  terminated(t: number): void {
    if (t === this.extra) this.extra = -1;
  }
}

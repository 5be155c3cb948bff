/**
 * Closing a period (one row of timeseries.csv, one CloudWatch period): healthy and unhealthy
 * hosts, the group's InService / Pending / desired counts, and the average CPU of the InService
 * instances over the period, from each server's busy-slot integral. It also keeps each
 * instance's load per period, which the web app's fleet view shows.
 */
import type { Scenario } from '../scenario/types.ts';
import type { AutoScalingGroup } from './autoscaling/group.ts';
import { Lifecycle, type Instances } from './autoscaling/instances.ts';
import type { Servers } from './compute/servers.ts';
import type { Metrics } from './metrics.ts';
import type { TargetGroup } from './target-group/target-group.ts';
import { grown } from './table.ts';

export class PeriodCloser {
  /** The load series of instance t, as far as the run got. */
  instanceLoad(t: number): { firstPeriod: number; load: Float32Array } | null {
    const s = this.loadSeries[t];
    return s ? { firstPeriod: s.firstPeriod, load: s.load.subarray(0, s.length) } : null;
  }

  private record(t: number, load: number): void {
    const period = this.metrics.periods;
    let s = this.loadSeries[t];
    if (!s) s = this.loadSeries[t] = { firstPeriod: period, load: new Float32Array(8), length: 0 };
    const k = period - s.firstPeriod;
    if (k >= s.load.length) s.load = grown(s.load, Math.max(k + 1, s.load.length * 2));
    s.load.fill(Number.NaN, s.length, k);
    s.load[k] = load;
    s.length = k + 1;
  }

  /** Busy-slot integral of each instance's server at the start of the current period. */
  private busyMark = new Float64Array(0);
  /** Each instance's load (busy slots / slots) in each period of its life, from its first. */
  private readonly loadSeries: { firstPeriod: number; load: Float32Array; length: number }[] = [];
  private startS = 0;

  constructor(
    private readonly scenario: Scenario,
    private readonly instances: Instances,
    private readonly servers: Servers,
    private readonly targetGroups: readonly TargetGroup[],
    private readonly group: AutoScalingGroup,
    private readonly metrics: Metrics,
  ) {}

  close(now: number): void {
    const start = this.startS;
    const { instances, servers } = this;
    const { idleCpu } = this.scenario.instance;
    let healthy = 0;
    let unhealthy = 0;
    for (const tg of this.targetGroups) {
      const counts = tg.hostCounts();
      healthy += counts.healthy;
      unhealthy += counts.unhealthy;
    }
    let cpuSeconds = 0;
    let serviceSeconds = 0;
    if (this.busyMark.length < instances.capacity) this.busyMark = grown(this.busyMark, instances.capacity);
    // The live fleet and the instances terminated since the last period close (gone during this period).
    for (let k = 0; k < instances.liveCount; k++) {
      const t = instances.live[k]!;
      const s = instances.server[t]!;
      const concurrency = servers.concurrency[s]!;
      let load = NaN;
      const gone = instances.terminateS[t]!;
      if (!(gone < start) && instances.launchS[t]! <= now) {
        if (instances.lifecycle[t] !== Lifecycle.Terminated) servers.flushBusy(s, now);
        const busySeconds = servers.busyIntegral[s]! - this.busyMark[t]!;
        const end = Number.isNaN(gone) ? now : Math.min(gone, now);
        const alive = end - Math.max(start, instances.launchS[t]!);
        load = alive > 0 ? busySeconds / (concurrency * alive) : 0;
        const inServiceFrom = instances.inServiceS[t]!;
        if (!Number.isNaN(inServiceFrom)) {
          const inService = end - Math.max(start, inServiceFrom);
          if (inService > 0) {
            serviceSeconds += inService;
            cpuSeconds += idleCpu * inService + ((100 - idleCpu) * busySeconds) / concurrency;
          }
        }
      }
      if (!Number.isNaN(load)) this.record(t, load);
      this.busyMark[t] = servers.busyIntegral[s]!;
    }
    instances.compact();
    this.metrics.closePeriod({
      timeS: now,
      healthyHosts: healthy,
      unhealthyHosts: unhealthy,
      inService: this.group.inService,
      pending: this.group.pending,
      desiredCapacity: this.group.desired,
      cpuAvgPct: serviceSeconds > 0 ? cpuSeconds / serviceSeconds : NaN,
    });
    this.startS = now;
  }
}

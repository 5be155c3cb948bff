/**
 * Closing a period (one row of timeseries.csv, one CloudWatch period): healthy and unhealthy
 * hosts, the group's InService / Pending / desired counts, and the average CPU of the InService
 * instances over the period, from each server's busy-slot integral. It also keeps each
 * instance's load per period, which the web app's fleet view shows.
 */
import type { AutoScalingGroup } from './autoscaling/group.ts';
import { Lifecycle, type Instances } from './autoscaling/instances.ts';
import type { Servers } from './compute/servers.ts';
import type { Metrics } from './metrics.ts';
import type { TargetGroup } from './target-group/target-group.ts';
import { grown } from './table.ts';
import type { TopologyMetrics } from './topology-metrics.ts';

/** One Auto Scaling group as a period close sees it: its table, its counts, its instances' idle CPU. */
export interface Fleet {
  instances: Instances;
  group: AutoScalingGroup;
  idleCpu: number;
}

export class PeriodCloser {
  /** The load series of instance t of group g, as far as the run got. */
  instanceLoad(g: number, t: number): { firstPeriod: number; load: Float32Array } | null {
    const s = this.loadSeries[g]![t];
    return s ? { firstPeriod: s.firstPeriod, load: s.load.subarray(0, s.length) } : null;
  }

  private record(g: number, t: number, load: number): void {
    const period = this.metrics.periods;
    const series = this.loadSeries[g]!;
    let s = series[t];
    // Never room for more periods than the run has left: a long-lived instance's series ends
    // exactly as long as the run instead of up to twice that.
    const left = this.metrics.periodCount - (s ? s.firstPeriod : period);
    if (!s) s = series[t] = { firstPeriod: period, load: new Float32Array(Math.max(1, Math.min(8, left))), length: 0 };
    const k = period - s.firstPeriod;
    if (k >= s.load.length) s.load = grown(s.load, Math.max(k + 1, Math.min(left, s.load.length * 2)));
    s.load.fill(Number.NaN, s.length, k);
    s.load[k] = load;
    s.length = k + 1;
  }

  /** Busy-slot integral of each instance's server at the start of the current period, per group. */
  private readonly busyMark: Float64Array[];
  /** Each instance's load (busy slots / slots) in each period of its life, from its first, per group. */
  private readonly loadSeries: { firstPeriod: number; load: Float32Array; length: number }[][];
  private startS = 0;
  private readonly healthy: Int32Array;
  private readonly unhealthy: Int32Array;
  private readonly inService: Int32Array;
  private readonly desired: Int32Array;
  private readonly cpu: Float64Array;

  constructor(
    private readonly fleets: readonly Fleet[],
    private readonly servers: Servers,
    private readonly targetGroups: readonly TargetGroup[],
    private readonly metrics: Metrics,
    private readonly topology: TopologyMetrics,
  ) {
    this.busyMark = fleets.map(() => new Float64Array(0));
    this.loadSeries = fleets.map(() => []);
    this.healthy = new Int32Array(targetGroups.length);
    this.unhealthy = new Int32Array(targetGroups.length);
    this.inService = new Int32Array(fleets.length);
    this.desired = new Int32Array(fleets.length);
    this.cpu = new Float64Array(fleets.length);
  }

  close(now: number): void {
    const start = this.startS;
    const servers = this.servers;
    let healthy = 0;
    let unhealthy = 0;
    this.targetGroups.forEach((tg, i) => {
      const counts = tg.hostCounts();
      healthy += counts.healthy;
      unhealthy += counts.unhealthy;
      this.healthy[i] = counts.healthy;
      this.unhealthy[i] = counts.unhealthy;
    });
    let cpuSeconds = 0;
    let serviceSeconds = 0;
    let inServiceAll = 0;
    let pendingAll = 0;
    let desiredAll = 0;
    this.fleets.forEach(({ instances, group, idleCpu }, g) => {
      let groupCpuSeconds = 0;
      let groupServiceSeconds = 0;
      if (this.busyMark[g]!.length < instances.capacity) this.busyMark[g] = grown(this.busyMark[g]!, instances.capacity);
      const busyMark = this.busyMark[g]!;
      // The live fleet and the instances terminated since the last period close (gone during this period).
      for (let k = 0; k < instances.liveCount; k++) {
        const t = instances.live[k]!;
        const s = instances.server[t]!;
        const concurrency = servers.concurrency[s]!;
        let load = NaN;
        const gone = instances.terminateS[t]!;
        if (!(gone < start) && instances.launchS[t]! <= now) {
          if (instances.lifecycle[t] !== Lifecycle.Terminated) servers.flushBusy(s, now);
          const busySeconds = servers.busyIntegral[s]! - busyMark[t]!;
          const end = Number.isNaN(gone) ? now : Math.min(gone, now);
          const alive = end - Math.max(start, instances.launchS[t]!);
          load = alive > 0 ? busySeconds / (concurrency * alive) : 0;
          const inServiceFrom = instances.inServiceS[t]!;
          if (!Number.isNaN(inServiceFrom)) {
            const inService = end - Math.max(start, inServiceFrom);
            if (inService > 0) {
              groupServiceSeconds += inService;
              groupCpuSeconds += idleCpu * inService + ((100 - idleCpu) * busySeconds) / concurrency;
            }
          }
        }
        if (!Number.isNaN(load)) this.record(g, t, load);
        busyMark[t] = servers.busyIntegral[s]!;
      }
      instances.compact();
      cpuSeconds += groupCpuSeconds;
      serviceSeconds += groupServiceSeconds;
      inServiceAll += group.inService;
      pendingAll += group.pending;
      desiredAll += group.desired;
      this.inService[g] = group.inService;
      this.desired[g] = group.desired;
      this.cpu[g] = groupServiceSeconds > 0 ? groupCpuSeconds / groupServiceSeconds : NaN;
    });
    this.topology.closePeriod(this.metrics.periods, { healthy: this.healthy, unhealthy: this.unhealthy, inService: this.inService, desired: this.desired, cpuAvgPct: this.cpu });
    this.metrics.closePeriod({
      timeS: now,
      healthyHosts: healthy,
      unhealthyHosts: unhealthy,
      inService: inServiceAll,
      pending: pendingAll,
      desiredCapacity: desiredAll,
      cpuAvgPct: serviceSeconds > 0 ? cpuSeconds / serviceSeconds : NaN,
    });
    this.startS = now;
  }
}

/**
 * What the simulated fleet publishes to CloudWatch, once a minute (aws-behaviour §5):
 *
 * - the load balancer's metrics (AWS/ApplicationELB, or AWS/NetworkELB / AWS/ELB by type), one
 *   datapoint a minute and only while there is traffic, so alarms see real missing data (ALB-CW),
 *   except RequestCountPerTarget, which reports 0 in a minute without requests (AS-TT);
 *   HealthyHostCount / UnHealthyHostCount every minute, one sample per load-balancer node;
 *   TargetResponseTime as a statistic set with a histogram, so percentile alarms work;
 * - AWS/EC2 CPUUtilization for the group (AutoScalingGroupName), every 5 minutes with basic
 *   monitoring or every minute with detailed monitoring (EC2-MON), leaving out instances still in
 *   their warm-up, as scaling policies see it (AS-DIW); NetworkIn / NetworkOut likewise, from the
 *   bytes each request moves. AWS also publishes these per instance (InstanceId); they are not
 *   stored here, since no alarm, policy or output reads them (the scenario format names no
 *   InstanceId dimension), and a metric per instance ever launched would grow with churn;
 * - AWS/AutoScaling group metrics every minute (AS-MET);
 * - CWAgent cpu_usage_active for the group, a high-resolution metric every 10 s, as the
 *   CloudWatch agent publishes it with metrics_collection_interval 10 (CW-PUB), only when an
 *   alarm reads it (`publishAgent`, driven by the scaling controller).
 *
 * A datapoint is stamped with the start of the interval it covers and becomes visible
 * `publicationDelayS` after that interval ends [observed: about a minute; a parameter].
 */
import { grown } from '../table.ts';
import type { MetricDimension, MetricSpec, GroupScenario } from '../../scenario/types.ts';
import type { AutoScalingGroup } from '../autoscaling/group.ts';
import { copyCounts, type Counts, type Metrics } from '../metrics.ts';
import type { RequestPath } from '../request-path.ts';
import { Lifecycle, type Instances } from '../autoscaling/instances.ts';
import type { Servers } from '../compute/servers.ts';
import { MetricStore, metricKey } from './metric-store.ts';
import { Histogram } from '../../report/histogram.ts';

/** The metrics a policy's own alarm reads (each metric of a metric math alarm). */
function metricsOf(p: GroupScenario['autoScaling']['policies'][number]): readonly MetricSpec[] {
  if (p.type === 'StepScaling' || p.type === 'SimpleScaling') return p.alarm.math ? p.alarm.math.metrics : [p.alarm];
  if (p.type !== 'TargetTrackingScaling' || typeof p.metric === 'string') return [];
  return p.metric.customized.math ? p.metric.customized.math.metrics : [p.metric.customized];
}

/** Every metric the group's policies and the standalone alarms reading the group read, policies first. */
function metricsRead(scenario: GroupScenario): readonly MetricSpec[] {
  const specs = scenario.autoScaling.policies.flatMap((p) => metricsOf(p));
  for (const a of scenario.alarms ?? []) specs.push(...(a.math ? a.math.metrics : [a]));
  return specs;
}

/** Whether any alarm takes a percentile of response time (TargetResponseTime / Latency). */
function readsLatencyPercentile(scenario: GroupScenario): boolean {
  return metricsRead(scenario).some((spec) => /^p\d/.test(spec.statistic) && (spec.metric === 'TargetResponseTime' || spec.metric === 'Latency'));
}

/** Bytes a request brings in and its response takes out [elbsim parameters for NetworkIn/Out]. */
export const REQUEST_BYTES = 1_024;
export const RESPONSE_BYTES = 16_384;

export const GROUP_DIMENSION = 'AutoScalingGroupName';

/** The CloudWatch agent's collection interval for its high-resolution CPU metric [elbsim value]. */
export const AGENT_INTERVAL_S = 10;
/**
 * How long after its interval ends an agent datapoint becomes visible: the agent's
 * force_flush_interval, set to 10 s for high-resolution alarms (its default is 60 s) [elbsim value].
 */
export const AGENT_FLUSH_S = 10;

/** Whether any policy's alarm or metric, or a standalone alarm on the group, reads the CloudWatch agent's namespace. */
export function readsAgent(scenario: GroupScenario): boolean {
  return metricsRead(scenario).some((spec) => spec.namespace === 'CWAgent');
}

const ELB_NAMESPACE = { application: 'AWS/ApplicationELB', network: 'AWS/NetworkELB', classic: 'AWS/ELB' } as const;

/** Where an ELB metric's figures come from: a target group, or the load balancer (`dimension` says which; null: the group's default). */
export interface ElbSource {
  dimension: MetricDimension | null;
  /** Running request counts. */
  counts: () => Counts;
  /** Registered hosts by health. */
  hosts: () => { healthy: number; unhealthy: number };
  /** The load balancer's own answers so far (redirects, fixed responses): for a source that covers the whole load balancer, else null. */
  answered: (() => { redirects: number; fixed: number }) | null;
}

/** The dimensions the group's policies and standalone alarms read ELB metrics by, besides the default, in first-use order. */
export function dimensionsRead(scenario: GroupScenario): MetricDimension[] {
  const seen = new Map<string, MetricDimension>();
  for (const spec of metricsRead(scenario)) if (spec.dimension) seen.set(`${spec.dimension.name}=${spec.dimension.value}`, spec.dimension);
  return [...seen.values()];
}

function dimensionKey(d: MetricDimension | null): Record<string, string> | undefined {
  return d ? { [d.name]: d.value } : undefined;
}

export class CloudWatchPublisher {
  /** Retention grows to the longest alarm window (alarms ask for it); predictive reads only the last interval. */
  readonly store = new MetricStore({ retentionS: 600 });
  /** The running counts at the last minute, per ELB source. */
  private readonly last: Counts[];
  private readonly lastAnswered: { redirects: number; fixed: number }[];
  private cpuMark: Float64Array = new Float64Array(0);
  private requestMark: Float64Array = new Float64Array(0);
  private cpuWindowStartS = 0;
  private agentMark: Float64Array = new Float64Array(0);
  private agentWindowStartS = 0;
  /** EC2 monitoring interval: 300 s basic, 60 s detailed. */
  readonly cpuIntervalS: number;
  private readonly elbNamespace: string;

  constructor(
    private readonly scenario: GroupScenario,
    private readonly instances: Instances,
    private readonly servers: Servers,
    /** The ELB figures the group's policies read: first the default (its first target group), then each dimension they name. */
    private readonly sources: readonly ElbSource[],
    private readonly metrics: Metrics,
    private readonly requests: RequestPath,
    private readonly group: AutoScalingGroup,
    readonly publicationDelayS: number,
  ) {
    this.last = sources.map((src) => src.counts());
    this.lastAnswered = sources.map((src) => src.answered?.() ?? { redirects: 0, fixed: 0 });
    this.cpuIntervalS = scenario.instance.detailedMonitoring ? 60 : 300;
    this.elbNamespace = ELB_NAMESPACE[scenario.loadBalancerType];
    if (readsLatencyPercentile(scenario)) metrics.minuteHistogram = new Histogram();
  }

  /** The key an alarm on (namespace, metric) reads: EC2 and Auto Scaling metrics by group, ELB metrics by their dimension (null: the default). */
  keyFor(namespace: string, metric: string, dimension: MetricDimension | null = null): string {
    if (namespace === 'AWS/EC2' || namespace === 'AWS/AutoScaling' || namespace === 'CWAgent') return metricKey(namespace, metric, { [GROUP_DIMENSION]: this.group.name });
    return metricKey(namespace, metric, dimensionKey(dimension));
  }

  /** Publishes the minute that ends at `nowS`. */
  publishMinute(nowS: number): void {
    const from = nowS - 60;
    const visible = nowS + this.publicationDelayS;
    const put = (namespace: string, metric: string, value: number | Parameters<MetricStore['put']>[2]) =>
      this.store.put(this.keyFor(namespace, metric), from, value, visible);
    const m = this.metrics;
    this.sources.forEach((source, k) => {
      const put = (namespace: string, metric: string, value: number | Parameters<MetricStore['put']>[2]) =>
        this.store.put(this.keyFor(namespace, metric, source.dimension), from, value, visible);
      const now = source.counts();
      const last = this.last[k]!;
      const arrivals = now.requests - last.requests;
      const routed = arrivals - (now.e503 - last.e503);
      const ok = now.ok - last.ok;
      const elb5xx = now.e502 - last.e502 + (now.e503 - last.e503) + (now.e504 - last.e504);
      const ns = this.elbNamespace;
      const alb = ns === 'AWS/ApplicationELB';

      // Health, every minute, one sample per node.
      const { healthy, unhealthy } = source.hosts();
      const nodes = this.scenario.zones.length;
      put(ns, 'HealthyHostCount', { sum: healthy * nodes, sampleCount: nodes, min: healthy, max: healthy });
      put(ns, 'UnHealthyHostCount', { sum: unhealthy * nodes, sampleCount: nodes, min: unhealthy, max: unhealthy });

      // RequestCountPerTarget is the one ELB metric that reports zeros: with no requests its
      // datapoint is 0, not missing, which is what lets target tracking on it scale in to 0 (AS-TT).
      if (alb && arrivals === 0) put(ns, 'RequestCountPerTarget', 0);
      if (arrivals > 0) {
        put(ns, alb ? 'RequestCount' : ns === 'AWS/ELB' ? 'RequestCount' : 'NewFlowCount', routed);
        if (alb) put(ns, 'RequestCountPerTarget', routed / Math.max(1, healthy));
        put(ns, alb ? 'ActiveConnectionCount' : ns === 'AWS/ELB' ? 'SurgeQueueLength' : 'ActiveFlowCount', this.requests.unanswered);
        if (ok > 0) {
          put(ns, alb ? 'TargetResponseTime' : 'Latency', {
            sum: (now.latSumMs - last.latSumMs) / 1000,
            sampleCount: ok,
            min: m.minuteLatMinMs / 1000,
            max: m.minuteLatMaxMs / 1000,
            ...(m.minuteHistogram ? { histogram: m.minuteHistogram, histogramScale: 0.001 } : {}),
          });
          put(ns, alb ? 'HTTPCode_Target_2XX_Count' : 'HTTPCode_Backend_2XX', ok);
        }
        if (elb5xx > 0) put(ns, alb ? 'HTTPCode_ELB_5XX_Count' : 'HTTPCode_ELB_5XX', elb5xx);
        if (alb) {
          for (const [code, n] of [['502', now.e502 - last.e502], ['503', now.e503 - last.e503], ['504', now.e504 - last.e504]] as const) {
            if (n > 0) put(ns, `HTTPCode_ELB_${code}_Count`, n);
          }
        }
      }
      copyCounts(last, now); // into the same object: one that lived to the next minute would outlive young-generation GCs
      // HTTP_Redirect_Count and HTTP_Fixed_Response_Count: the load balancer's own answers, reported when non-zero (ALB-CW).
      if (alb && source.answered) {
        const a = source.answered();
        const before = this.lastAnswered[k]!;
        if (a.redirects > before.redirects) put(ns, 'HTTP_Redirect_Count', a.redirects - before.redirects);
        if (a.fixed > before.fixed) put(ns, 'HTTP_Fixed_Response_Count', a.fixed - before.fixed);
        before.redirects = a.redirects;
        before.fixed = a.fixed;
      }
    });

    const g = this.group;
    put('AWS/AutoScaling', 'GroupDesiredCapacity', g.desired);
    put('AWS/AutoScaling', 'GroupInServiceInstances', g.inService);
    put('AWS/AutoScaling', 'GroupPendingInstances', g.pending);
    put('AWS/AutoScaling', 'GroupMinSize', g.minSize);
    put('AWS/AutoScaling', 'GroupMaxSize', g.maxSize);
    put('AWS/AutoScaling', 'GroupTotalInstances', g.inService + g.pending);

    if (nowS - this.cpuWindowStartS >= this.cpuIntervalS - 1e-9) this.publishInstances(nowS);
  }

  /**
   * The agent's CPU for the group over the 10 s that end at `nowS` (instances past their
   * warm-up, as for the EC2 group metric): one datapoint stamped with the interval's start,
   * visible AGENT_FLUSH_S after it ends. Called every 10 s by the scaling controller.
   */
  publishAgent(nowS: number): void {
    const t = this.instances;
    const servers = this.servers;
    if (this.agentMark.length < t.capacity) this.agentMark = grown(this.agentMark, t.capacity);
    const from = this.agentWindowStartS;
    const { idleCpu } = this.scenario.instance;
    let sum = 0;
    let min = Infinity;
    let max = -Infinity;
    let n = 0;
    for (let k = 0; k < t.liveCount; k++) {
      const i = t.live[k]!;
      const s = t.server[i]!;
      const inService = t.lifecycle[i] === Lifecycle.InService;
      if (inService) servers.flushBusy(s, nowS);
      const busy = servers.busyIntegral[s]! - this.agentMark[i]!;
      this.agentMark[i] = servers.busyIntegral[s]!;
      if (!inService || t.warmupEndS[i]! > nowS) continue;
      const since = Math.max(from, t.inServiceS[i]!);
      const concurrency = servers.concurrency[s]!;
      const value = since < nowS ? idleCpu + ((100 - idleCpu) * busy) / (concurrency * (nowS - since)) : idleCpu;
      sum += value;
      if (value < min) min = value;
      if (value > max) max = value;
      n++;
    }
    if (n > 0) this.store.put(this.keyFor('CWAgent', 'cpu_usage_active'), from, { sum, sampleCount: n, min, max }, nowS + AGENT_FLUSH_S);
    this.agentWindowStartS = nowS;
  }

  /** The group's CPU and network over the monitoring interval that ends now. */
  private publishInstances(nowS: number): void {
    const t = this.instances;
    const servers = this.servers;
    const from = this.cpuWindowStartS;
    const visible = nowS + this.publicationDelayS;
    if (this.cpuMark.length < t.capacity) {
      this.cpuMark = grown(this.cpuMark, t.capacity);
      this.requestMark = grown(this.requestMark, t.capacity);
    }
    const { idleCpu } = this.scenario.instance;
    const cpu = { sum: 0, min: Infinity, max: -Infinity };
    let bytesIn = 0;
    let bytesOut = 0;
    let n = 0;
    for (let k = 0; k < t.liveCount; k++) {
      const i = t.live[k]!;
      const inService = t.lifecycle[i] === Lifecycle.InService;
      const s = t.server[i]!;
      if (inService) servers.flushBusy(s, nowS);
      const busy = servers.busyIntegral[s]! - this.cpuMark[i]!;
      const served = servers.requests[s]! - this.requestMark[i]!;
      this.cpuMark[i] = servers.busyIntegral[s]!;
      this.requestMark[i] = servers.requests[s]!;
      const concurrency = servers.concurrency[s]!;
      if (!inService) continue;
      const since = Math.max(from, t.inServiceS[i]!);
      const value = since < nowS ? idleCpu + ((100 - idleCpu) * busy) / (concurrency * (nowS - since)) : idleCpu;
      if (t.warmupEndS[i]! > nowS) continue; // warming instances stay out of the group's metric
      cpu.sum += value;
      cpu.min = Math.min(cpu.min, value);
      cpu.max = Math.max(cpu.max, value);
      bytesIn += served * REQUEST_BYTES;
      bytesOut += served * RESPONSE_BYTES;
      n++;
    }
    if (n > 0) {
      this.store.put(this.keyFor('AWS/EC2', 'CPUUtilization'), from, { sum: cpu.sum, sampleCount: n, min: cpu.min, max: cpu.max }, visible);
      this.store.put(this.keyFor('AWS/EC2', 'NetworkIn'), from, { sum: bytesIn, sampleCount: n, min: bytesIn / n, max: bytesIn / n }, visible);
      this.store.put(this.keyFor('AWS/EC2', 'NetworkOut'), from, { sum: bytesOut, sampleCount: n, min: bytesOut / n, max: bytesOut / n }, visible);
    }
    this.cpuWindowStartS = nowS;
  }
}

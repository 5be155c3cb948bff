/**
 * Claims tests: what each bundled scenario's description says about its run, checked against the
 * run. Each claim names the words of the description that state a figure (`text`, which must
 * appear in the description verbatim and show the figure as `shown`), the figure measured from
 * the run with the scenario's own seed, the value the words state, and the tolerance within which
 * the run must agree. A model change that moves a figure past its tolerance fails here, and so
 * does a description edited without its claim: words and numbers cannot drift apart.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatIssues, parseScenario, simulate, type RunResult } from '../../core/index.ts';

interface Claim {
  /** Words of the description that state the figure. */
  text: string;
  /** How the figure is written inside `text` (default: the value with thousands separators). */
  shown?: string;
  value: number;
  tolerance: number;
  measure: (r: RunResult) => number;
}

const elb = (r: RunResult) => r.summary.elb5xx['502'] + r.summary.elb5xx['503'] + r.summary.elb5xx['504'];
const maxOf = (a: Float64Array) => Math.max(...Array.from(a).filter((x) => !Number.isNaN(x)));
const meanOf = (a: Float64Array) => Array.from(a).reduce((s, x) => s + x, 0) / a.length;
/** Time of the first scaling activity whose description matches `pattern`. */
const firstScaling = (pattern: RegExp) => (r: RunResult) => r.events.find((e) => e.kind === 'scaling' && pattern.test(e.detail))?.timeS ?? Number.NaN;
const raise = /from (\d+) to (\d+)/;
const firstRaise = (r: RunResult) => r.events.find((e) => e.kind === 'scaling' && raise.test(e.detail) && Number(raise.exec(e.detail)![2]) > Number(raise.exec(e.detail)![1]))?.timeS ?? Number.NaN;
/** The largest value of a time-series column in the periods ending in (fromS, toS]. */
const maxIn = (column: Float64Array, times: Float64Array, fromS: number, toS: number) => {
  let most = -Infinity;
  times.forEach((t, i) => {
    if (t > fromS && t <= toS) most = Math.max(most, column[i]!);
  });
  return most;
};
/** The smallest value of a time-series column in the periods ending in (fromS, toS]. */
const minIn = (column: Float64Array, times: Float64Array, fromS: number, toS: number) => {
  let least = Infinity;
  times.forEach((t, i) => {
    if (t > fromS && t <= toS) least = Math.min(least, column[i]!);
  });
  return least;
};
/** Minutes between an instance refresh's successive replacements. */
const refreshGapsMin = (r: RunResult) => {
  const times = r.events.filter((e) => e.kind === 'scaling' && /taken out of service in response to an instance refresh/.test(e.detail)).map((e) => e.timeS);
  return times.slice(1).map((t, i) => (t - times[i]!) / 60);
};
/** The scale-in activities after `fromS`: when each happened and the capacity it left. */
const scaleIns = (r: RunResult, fromS: number) =>
  r.events.flatMap((e) => {
    const m = e.kind === 'scaling' && e.timeS > fromS ? raise.exec(e.detail) : null;
    return m && Number(m[2]) < Number(m[1]) ? [{ timeS: e.timeS, to: Number(m[2]) }] : [];
  });
/** The sum of a time-series column over the periods ending in (fromS, toS]. */
const sumIn = (column: Float64Array, times: Float64Array, fromS: number, toS: number) => {
  let sum = 0;
  times.forEach((t, i) => {
    if (t > fromS && t <= toS) sum += column[i]!;
  });
  return sum;
};
/** When the `n`-th health transition to `state` after `fromS` happened (n from 1). */
const nthHealth = (r: RunResult, state: string, fromS: number, n: number) => r.events.filter((e) => e.kind === 'health' && e.detail === state && e.timeS > fromS)[n - 1]?.timeS ?? Number.NaN;

const tg = (r: RunResult, name: string) => r.summary.targetGroups![name]!;
const group = (r: RunResult, name: string) => r.summary.autoScalingGroups![name]!;
const extra = (r: RunResult, column: string) => r.extraSeries.find((s) => s.column === column)!.values;
const share = (r: RunResult, name: string) => tg(r, name).requests / r.summary.requests;

export const CLAIMS: Record<string, Claim[]> = {
  'path-routing-api-and-web': [
    { text: '71,769 redirects', value: 71769, tolerance: 0, measure: (r) => r.summary.redirects! },
    { text: 'the API group goes from 2 to 17 instances', shown: '17', value: 17, tolerance: 0, measure: (r) => group(r, 'api').capacity.max },
    { text: 'the web group stays at 2 throughout', shown: '2', value: 2, tolerance: 0, measure: (r) => group(r, 'web').capacity.max },
    { text: 'never passes about 43 %', shown: '43', value: 43, tolerance: 1, measure: (r) => maxOf(extra(r, 'cpu_avg_pct__web')) },
    { text: '105 requests get a 502 before it reaches 5', shown: '105', value: 105, tolerance: 0, measure: (r) => {
      const firstAt5 = r.timeseries.time_s[extra(r, 'in_service__api').findIndex((n) => n >= 5)]!;
      return sumIn(r.timeseries.elb_5xx, r.timeseries.time_s, 0, firstAt5);
    } },
    { text: '1,407 more get one while it grows from 5 to 10', shown: '1,407', value: 1407, tolerance: 0, measure: (r) => {
      const times = r.timeseries.time_s;
      const inService = extra(r, 'in_service__api');
      return sumIn(r.timeseries.elb_5xx, times, times[inService.findIndex((n) => n >= 5)]!, times[inService.findIndex((n) => n >= 10)]!);
    } },
    { text: '1,512 requests get a 502 in all', shown: '1,512', value: 1512, tolerance: 0, measure: (r) => r.summary.elb5xx['502'] },
  ],
  'canary-90-10': [
    { text: 'receives 10.0 % of', shown: '10.0', value: 0.1, tolerance: 0.0005, measure: (r) => share(r, 'canary') },
    { text: '72,015 of 719,025', shown: '72,015', value: 72015, tolerance: 0, measure: (r) => tg(r, 'canary').requests },
    { text: '72,015 of 719,025', shown: '719,025', value: 719025, tolerance: 0, measure: (r) => r.summary.requests },
    { text: 'is 224 ms against 85 ms', shown: '224', value: 224, tolerance: 0.5, measure: (r) => tg(r, 'canary').latencyMsMean },
    { text: 'is 224 ms against 85 ms', shown: '85', value: 85, tolerance: 0.5, measure: (r) => tg(r, 'stable').latencyMsMean },
    { text: 'average (99 ms)', shown: '99', value: 99, tolerance: 0.5, measure: (r) => r.summary.latencyMs.mean },
  ],
  'blue-green-cutover': [
    { text: '0 load-balancer 5xx', shown: '0', value: 0, tolerance: 0, measure: elb },
    { text: 'blue served 225,046 requests', shown: '225,046', value: 225046, tolerance: 0, measure: (r) => tg(r, 'blue').requests },
    { text: "62 ms against blue's 258 ms", shown: '62', value: 62, tolerance: 0.5, measure: (r) => tg(r, 'green').latencyMsMean },
    { text: "62 ms against blue's 258 ms", shown: '258', value: 258, tolerance: 0.5, measure: (r) => tg(r, 'blue').latencyMsMean },
    { text: 'until a set-weights action at 20:00', shown: '20:00', value: 0, tolerance: 0, measure: (r) => maxIn(extra(r, 'requests__green'), r.timeseries.time_s, 0, 1200) },
    { text: 'moves everything to green', shown: 'everything', value: 0, tolerance: 0, measure: (r) => maxIn(extra(r, 'requests__blue'), r.timeseries.time_s, 1860, 3600) },
  ],
  'hybrid-weighted-dns': [
    { text: 'receives 20.0 % of the', shown: '20.0', value: 0.2, tolerance: 0.0005, measure: (r) => r.summary.loadBalancers!['datacenter']!.requests / r.summary.requests },
    { text: '(71,931 of 360,174)', shown: '71,931', value: 71931, tolerance: 0, measure: (r) => tg(r, 'dc-web').requests },
    { text: '(71,931 of 360,174)', shown: '360,174', value: 360174, tolerance: 0, measure: (r) => r.summary.requests },
    { text: 'between 18 % and 22 %', shown: '18', value: 0.18, tolerance: 0.005, measure: (r) => Math.min(...Array.from(extra(r, 'requests__dc-web')).map((v, i) => v / r.timeseries.requests[i]!)) },
    { text: 'between 18 % and 22 %', shown: '22', value: 0.22, tolerance: 0.005, measure: (r) => Math.max(...Array.from(extra(r, 'requests__dc-web')).map((v, i) => v / r.timeseries.requests[i]!)) },
    { text: '70 ms on average against 50 ms', shown: '70', value: 70, tolerance: 0.5, measure: (r) => tg(r, 'dc-web').latencyMsMean },
    { text: '70 ms on average against 50 ms', shown: '50', value: 50, tolerance: 0.5, measure: (r) => tg(r, 'cloud-web').latencyMsMean },
  ],
  'hybrid-on-premises': [
    { text: 'receives 20.0 % of the', shown: '20.0', value: 0.2, tolerance: 0.0005, measure: (r) => share(r, 'datacenter') },
    { text: '(86,178 of 431,947)', shown: '86,178', value: 86178, tolerance: 0, measure: (r) => tg(r, 'datacenter').requests },
    { text: '(86,178 of 431,947)', shown: '431,947', value: 431947, tolerance: 0, measure: (r) => r.summary.requests },
    { text: 'in 75 ms on average against 60 ms', shown: '75', value: 75, tolerance: 0.5, measure: (r) => tg(r, 'datacenter').latencyMsMean },
    { text: 'in 75 ms on average against 60 ms', shown: '60', value: 60, tolerance: 0.5, measure: (r) => tg(r, 'cloud').latencyMsMean },
    { text: "only the cloud group's 4 instances are billed", shown: '4', value: 4, tolerance: 0, measure: (r) => r.summary.instanceHours },
  ],
  'daily-cycle-predictive': [
    { text: 'from 2 to 16 instances', shown: '16', value: 16, tolerance: 0, measure: (r) => r.summary.capacity.max },
    { text: 'from 2 to 16 instances', shown: '2', value: 2, tolerance: 0, measure: (r) => r.summary.capacity.min },
    { text: '54 instances are launched', value: 54, tolerance: 4, measure: (r) => r.summary.targets.length },
  ],
  'flash-sale-health-check-cascade': [
    { text: 'cascade from 00:32', shown: '00:32', value: 32 * 60, tolerance: 60, measure: firstScaling(/ELB system health check failure/) },
    { text: 'About half of all requests fail', shown: 'half', value: 0.5, tolerance: 0.05, measure: (r) => elb(r) / r.summary.requests },
  ],
  'flash-sale-target-tracking': [
    { text: 'first scale-out, at 00:34', shown: '00:34', value: 34 * 60, tolerance: 60, measure: firstRaise },
    { text: 'capacity climbs to 16', value: 16, tolerance: 0, measure: (r) => r.summary.capacity.max },
    { text: '107,173 requests with 502', value: 107_173, tolerance: 107_173 * 0.03, measure: (r) => r.summary.elb5xx['502'] },
    { text: '(7 % of', shown: '7', value: 7, tolerance: 0.5, measure: (r) => (100 * elb(r)) / r.summary.requests },
    { text: '1,543,234', value: 1_543_234, tolerance: 0, measure: (r) => r.summary.requests },
    { text: 'comes back down only at 01:13', shown: '01:13', value: 73 * 60, tolerance: 60, measure: (r) => scaleIns(r, 3600)[0]?.timeS ?? Number.NaN },
    { text: 'in three activities a minute apart', shown: 'three', value: 3, tolerance: 0, measure: (r) => scaleIns(r, 3600).length },
    { text: '16 to 14, 8 and\n  then 3 instances', shown: '14', value: 14, tolerance: 0, measure: (r) => scaleIns(r, 3600)[0]?.to ?? Number.NaN },
    { text: '16 to 14, 8 and\n  then 3 instances', shown: '8', value: 8, tolerance: 0, measure: (r) => scaleIns(r, 3600)[1]?.to ?? Number.NaN },
    { text: '16 to 14, 8 and\n  then 3 instances', shown: '3', value: 3, tolerance: 0, measure: (r) => scaleIns(r, 3600)[2]?.to ?? Number.NaN },
  ],
  'gallery-cross-zone-off-unequal-zones': [
    { text: '89,232 and 90,578 requests', shown: '89,232', value: 89_232, tolerance: 3000, measure: (r) => Math.min(...r.summary.targets.filter((t) => t.zone === 'us-east-1b').map((t) => t.requests)) },
    { text: '89,232 and 90,578 requests', shown: '90,578', value: 90_578, tolerance: 3000, measure: (r) => Math.max(...r.summary.targets.filter((t) => t.zone === 'us-east-1b').map((t) => t.requests)) },
    { text: '42,786 to 48,122', shown: '42,786', value: 42_786, tolerance: 3000, measure: (r) => Math.min(...r.summary.targets.filter((t) => t.zone === 'us-east-1a').map((t) => t.requests)) },
    { text: '42,786 to 48,122', shown: '48,122', value: 48_122, tolerance: 3000, measure: (r) => Math.max(...r.summary.targets.filter((t) => t.zone === 'us-east-1a').map((t) => t.requests)) },
    { text: 'twice as much', shown: 'twice', value: 2, tolerance: 0.25, measure: (r) => {
      const mean = (zone: string) => { const t = r.summary.targets.filter((x) => x.zone === zone); return t.reduce((s, x) => s + x.requests, 0) / t.length; };
      return mean('us-east-1b') / mean('us-east-1a');
    } },
  ],
  'gallery-fail-open-broken-health-checks': [
    { text: 'answers\n  259 requests with 502', shown: '259', value: 259, tolerance: 259 * 0.1, measure: (r) => sumIn(r.timeseries.elb_5xx, r.timeseries.time_s, 10 * 60, 11 * 60) },
    { text: '0 healthy hosts and 6\n  unhealthy', shown: '0', value: 0, tolerance: 0, measure: (r) => maxIn(r.timeseries.healthy_hosts, r.timeseries.time_s, 11 * 60, 30 * 60) },
    { text: '0 healthy hosts and 6\n  unhealthy', shown: '6', value: 6, tolerance: 0, measure: (r) => maxIn(r.timeseries.unhealthy_hosts, r.timeseries.time_s, 11 * 60, 30 * 60) },
    { text: 'and not one error', shown: 'not one', value: 0, tolerance: 0, measure: (r) => maxIn(r.timeseries.elb_5xx, r.timeseries.time_s, 12 * 60, 30 * 60) },
    { text: 'the first two to pass carry everything for 4.4 s', shown: '4.4', value: 4.4, tolerance: 0.05, measure: (r) => nthHealth(r, 'healthy', 30 * 60, 3) - nthHealth(r, 'healthy', 30 * 60, 2) },
    { text: 'and 3 more\n  requests get a 502', shown: '3', value: 3, tolerance: 0, measure: (r) => sumIn(r.timeseries.elb_5xx, r.timeseries.time_s, 30 * 60, r.scenario.durationS) },
  ],
  'gallery-several-target-tracking-policies': [
    { text: 'scale-out at 00:34', shown: '00:34', value: 34 * 60, tolerance: 60, measure: firstRaise },
    { text: 'from 3 to 9', shown: '9', value: 9, tolerance: 0, measure: (r) => Number(/to (\d+)/.exec(r.events.find((e) => e.kind === 'scaling' && e.subject === 'requests-per-target')?.detail ?? '')?.[1]) },
    { text: '14 at 00:37', shown: '14', value: 14, tolerance: 0, measure: (r) => r.summary.capacity.max },
    { text: 'AlarmLow goes into ALARM at 00:51', shown: '00:51', value: 51 * 60, tolerance: 60, measure: (r) => r.events.find((e) => e.kind === 'alarm' && e.timeS > 40 * 60 && e.subject.endsWith('AlarmLow-requests-per-target') && e.detail === 'ALARM')?.timeS ?? Number.NaN },
    { text: "joins it at 00:54", shown: '00:54', value: 54 * 60, tolerance: 60, measure: (r) => r.events.find((e) => e.kind === 'scaling' && e.timeS > 40 * 60 && /from (\d+) to (\d+)/.test(e.detail) && Number(/from (\d+)/.exec(e.detail)![1]) > Number(/to (\d+)/.exec(e.detail)![1]))?.timeS ?? Number.NaN },
  ],
  'high-resolution-alarm-10s': [
    { text: 'at 00:10:40, 39 s after the spike', shown: '00:10:40', value: 640, tolerance: 10, measure: firstRaise },
    { text: 'the 4,019 requests that get 502', shown: '4,019', value: 4019, tolerance: 4019 * 0.05, measure: (r) => r.summary.elb5xx['502'] },
  ],
  'high-resolution-alarm-1min': [
    { text: 'at 00:14:00, about four minutes', shown: '00:14:00', value: 840, tolerance: 60, measure: firstRaise },
    { text: 'the 11,877 requests that get 502', shown: '11,877', value: 11877, tolerance: 11877 * 0.05, measure: (r) => r.summary.elb5xx['502'] },
  ],
  'health-check-default': [{ text: '1,318 requests get 504', value: 1318, tolerance: 60, measure: (r) => r.summary.elb5xx['504'] }],
  'health-check-fast': [{ text: '247 requests get 504', value: 247, tolerance: 25, measure: (r) => r.summary.elb5xx['504'] }],
  'steady-state': [
    { text: 'p50 35 ms', shown: '35', value: 35, tolerance: 2, measure: (r) => r.summary.latencyMs.p50 },
    { text: 'p99 233 ms', shown: '233', value: 233, tolerance: 10, measure: (r) => r.summary.latencyMs.p99 },
    { text: 'CPU around 43 %', shown: '43', value: 43, tolerance: 1.5, measure: (r) => meanOf(r.timeseries.cpu_avg_pct) },
    { text: 'no 5xx', shown: 'no', value: 0, tolerance: 0, measure: (r) => elb(r) + r.summary.target5xx },
  ],
  'step-scaling-ramp': [
    { text: '11 instances at most', value: 11, tolerance: 0, measure: (r) => r.summary.capacity.max },
    { text: '23.10\n  instance-hours', shown: '23.10', value: 23.1, tolerance: 0.5, measure: (r) => r.summary.instanceHours },
  ],
  'target-tracking-ramp': [
    { text: '13 instances at most', value: 13, tolerance: 0, measure: (r) => r.summary.capacity.max },
    { text: '25.33 instance-hours', value: 25.33, tolerance: 0.5, measure: (r) => r.summary.instanceHours },
  ],
  'traffic-spike': [
    { text: 'a peak of 944 ms', value: 944, tolerance: 30, measure: (r) => maxOf(r.timeseries.latency_p99_ms) },
    { text: '183,540 requests with 502', value: 183_540, tolerance: 183_540 * 0.03, measure: (r) => r.summary.elb5xx['502'] },
  ],
  'instance-refresh-under-load': [
    { text: 'is Successful at 00:31:40', shown: '00:31:40', value: 1900, tolerance: 30, measure: firstScaling(/is Successful/) },
    { text: 'It starts at 00:10', shown: '00:10', value: 600, tolerance: 0, measure: firstScaling(/is InProgress/) },
    { text: 'replaces an instance every 2 minutes 10 seconds', shown: '2 minutes 10 seconds', value: 130 / 60, tolerance: 0.02, measure: (r) => Math.min(...refreshGapsMin(r)) },
    { text: 'replaces an instance every 2 minutes 10 seconds', shown: '2 minutes 10 seconds', value: 130 / 60, tolerance: 0.05, measure: (r) => Math.max(...refreshGapsMin(r)) },
    { text: 'Healthy hosts never drop below 9', shown: '9', value: 9, tolerance: 0, measure: (r) => minIn(r.timeseries.healthy_hosts, r.timeseries.time_s, 600, 1920) },
    { text: '0 of\n  1,078,049 get a 5xx', shown: '0', value: 0, tolerance: 0, measure: elb },
    { text: '0 of\n  1,078,049 get a 5xx', shown: '1,078,049', value: 1_078_049, tolerance: 0, measure: (r) => r.summary.requests },
    { text: 'from 34.8 ms to 23.8 ms', shown: '34.8', value: 34.8, tolerance: 1, measure: (r) => r.timeseries.latency_p50_ms[8]! },
    { text: 'from 34.8 ms to 23.8 ms', shown: '23.8', value: 23.8, tolerance: 1, measure: (r) => r.timeseries.latency_p50_ms[r.timeseries.latency_p50_ms.length - 1]! },
  ],
  'instance-refresh-rollback': [
    { text: 'failing the ELB health check at 00:12:10', shown: '00:12:10', value: 730, tolerance: 30, measure: firstScaling(/ELB system health check failure/) },
    { text: 'rolls back\n  (RollbackInProgress) at the same moment', shown: 'same moment', value: 0, tolerance: 10, measure: (r) => firstScaling(/is RollbackInProgress/)(r) - firstScaling(/ELB system health check failure/)(r) },
    { text: 'RollbackSuccessful at 00:15:30', shown: '00:15:30', value: 930, tolerance: 30, measure: firstScaling(/is RollbackSuccessful/) },
    { text: 'Healthy hosts never drop below 9', shown: '9', value: 9, tolerance: 0, measure: (r) => minIn(r.timeseries.healthy_hosts, r.timeseries.time_s, 600, 960) },
    { text: 'no request fails', shown: 'no', value: 0, tolerance: 0, measure: elb },
    { text: '13 instances were launched in all', shown: '13', value: 13, tolerance: 0, measure: (r) => r.summary.targets.length },
  ],
  'spot-interruptions-no-rebalancing': [
    { text: 'interrupts 4 Spot instances', shown: '4', value: 4, tolerance: 0, measure: (r) => r.summary.spotInterruptions! },
    { text: '(692 in\n  all)', shown: '692', value: 692, tolerance: 40, measure: (r) => r.summary.elb5xx['502'] },
    { text: 'drops to 4 InService instances', shown: '4', value: 4, tolerance: 0, measure: (r) => r.summary.capacity.min },
    { text: 'reaches 5,945 ms', shown: '5,945', value: 5945, tolerance: 400, measure: (r) => maxOf(r.timeseries.latency_p99_ms) },
    { text: '(4,867 ms over the run)', shown: '4,867', value: 4867, tolerance: 300, measure: (r) => r.summary.latencyMs.p99 },
    { text: '$0.1133 On-Demand', shown: '0.1133', value: 0.1133, tolerance: 0.0001, measure: (r) => r.summary.costOnDemand! },
    { text: '$0.068 Spot', shown: '0.068', value: 0.068, tolerance: 0.0005, measure: (r) => r.summary.costSpot! },
  ],
  'spot-interruptions-capacity-rebalancing': [
    { text: 'InService a minute later', shown: 'a minute', value: 60, tolerance: 0, measure: (r) => {
      const launch = r.events.find((e) => e.kind === 'scaling' && /launched in response to an EC2 instance rebalance recommendation/.test(e.detail))!;
      const replacement = r.events.find((e) => e.kind === 'launch' && e.timeS === launch.timeS)!;
      return r.events.find((e) => e.kind === 'in_service' && e.instance === replacement.instance)!.timeS - launch.timeS;
    } },
    { text: 'at\n  8, 9 and 10 minutes', shown: '8, 9 and 10', value: 8 * 60 + 9 * 60 + 10 * 60, tolerance: 0, measure: (r) =>
      r.events.filter((e) => e.kind === 'scaling' && /launched in response to an EC2 instance rebalance recommendation/.test(e.detail) && e.timeS < 900).reduce((sum, e) => sum + e.timeS, 0) },
    { text: '0 get 502', shown: '0', value: 0, tolerance: 0, measure: elb },
    { text: 'never drops below 6', shown: '6', value: 6, tolerance: 0, measure: (r) => r.summary.capacity.min },
    { text: 'peaks at 7', shown: '7', value: 7, tolerance: 0, measure: (r) => r.summary.capacity.max },
    { text: 'EC2 interrupts 0 instances', shown: '0', value: 0, tolerance: 0, measure: (r) => r.summary.spotInterruptions! },
    { text: 'the p99 over the run is 804 ms', shown: '804', value: 804, tolerance: 60, measure: (r) => r.summary.latencyMs.p99 },
    { text: '$0.0697 Spot for 4.07 instance-hours', shown: '0.0697', value: 0.0697, tolerance: 0.0005, measure: (r) => r.summary.costSpot! },
    { text: '$0.0697 Spot for 4.07 instance-hours', shown: '4.07', value: 4.07, tolerance: 0.01, measure: (r) => r.summary.instanceHours },
  ],
  'warmup-right': [{ text: 'three steps to 12', value: 12, tolerance: 0, measure: (r) => r.summary.capacity.max }],
  'warmup-too-short': [
    { text: 'overshoots to 17', value: 17, tolerance: 0, measure: (r) => r.summary.capacity.max },
    { text: '26 instances launched', value: 26, tolerance: 2, measure: (r) => r.summary.targets.length },
  ],
  'zone-outage-cross-zone-off': [{ text: '3,052 requests that get\n  504', shown: '3,052', value: 3052, tolerance: 150, measure: (r) => r.summary.elb5xx['504'] }],
  'zone-outage-composite-alarm': [
    { text: 'elb-5xx-high goes to ALARM at 720 s', value: 720, tolerance: 0, measure: (r) => r.summary.alarms!['elb-5xx-high']!.firstAlarmS ?? Number.NaN },
    { text: 'latency-high joins it at 780 s', value: 780, tolerance: 0, measure: (r) => r.summary.alarms!['latency-high']!.firstAlarmS ?? Number.NaN },
    { text: 'page-oncall\n  pages at 780 s', value: 780, tolerance: 0, measure: (r) => r.summary.alarms!['page-oncall']!.firstAlarmS ?? Number.NaN },
    { text: 'for 120 s, once', value: 120, tolerance: 0, measure: (r) => r.summary.alarms!['page-oncall']!.timeInAlarmS },
    { text: 'for 120 s, once', shown: 'once', value: 1, tolerance: 0, measure: (r) => r.summary.alarms!['page-oncall']!.transitionsToAlarm },
    { text: 'stayed in ALARM for 660 s', value: 660, tolerance: 0, measure: (r) => r.summary.alarms!['latency-high']!.timeInAlarmS },
  ],
  'zone-outage-cross-zone-on': [
    { text: 'get 504: 1,785 of them', shown: '1,785', value: 1785, tolerance: 90, measure: (r) => r.summary.elb5xx['504'] },
    { text: 'their p99 is at most 296 ms in any minute', shown: '296', value: 296, tolerance: 20, measure: (r) => maxOf(r.timeseries.latency_p99_ms) },
    { text: 'p99 of 10 s', shown: '10', value: 10, tolerance: 0.2, measure: (r) => maxOf(r.timeseries.client_latency_p99_ms) / 1000 },
  ],
};

const dir = join(import.meta.dirname, '../../scenarios');

/** The description as its YAML folds it: lines joined with spaces. */
function description(name: string): { raw: string; folded: string; result: () => RunResult } {
  const file = join(dir, `${name}.yaml`);
  const parsed = parseScenario(readFileSync(file, 'utf8'), file);
  if (!parsed.ok) throw new Error(formatIssues(parsed.errors));
  const scenario = parsed.scenario;
  return { raw: scenario.description, folded: scenario.description.replace(/\s+/g, ' '), result: () => simulate(scenario) };
}

describe('claims: each bundled scenario description states figures its run shows', () => {
  for (const [name, claims] of Object.entries(CLAIMS)) {
    it(`${name}: ${claims.map((c) => `“${c.text.replace(/\s+/g, ' ')}”`).join(', ')}`, () => {
      const d = description(name);
      for (const claim of claims) {
        const text = claim.text.replace(/\s+/g, ' ');
        expect(d.folded, `the description of ${name} says “${text}”`).toContain(text);
        const shown = claim.shown ?? claim.value.toLocaleString('en-US');
        expect(text, `“${text}” writes the figure ${claim.value} as ${shown}`).toContain(shown);
      }
      const r = d.result();
      for (const claim of claims) {
        const measured = claim.measure(r);
        expect(Math.abs(measured - claim.value), `${name}: “${claim.text.replace(/\s+/g, ' ')}” — the run shows ${measured}, the words say ${claim.value} ± ${claim.tolerance}`).toBeLessThanOrEqual(claim.tolerance);
      }
    });
  }
});

describe('claims cover the gallery', () => {
  it('every bundled scenario has at least one claim', async () => {
    const { readdirSync } = await import('node:fs');
    const names = readdirSync(dir).filter((f) => f.endsWith('.yaml')).map((f) => f.replace(/\.yaml$/, '')).sort();
    expect(names.filter((n) => !(n in CLAIMS))).toEqual([]);
  });
});

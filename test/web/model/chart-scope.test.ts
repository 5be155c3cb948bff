import { beforeEach, describe, expect, it } from 'vitest';
import type { NamedSeries } from '../../../core/report/types.ts';
import { capacitySeries } from '../../../web/charts/capacity-chart.ts';
import { cpuReferences, cpuSeries } from '../../../web/charts/cpu-chart.ts';
import { latencySeries } from '../../../web/charts/latency-chart.ts';
import { requestsSeries } from '../../../web/charts/requests-chart.ts';
import type { ChartOptions, ChartRun } from '../../../web/charts/types.ts';
import { ALL, findScope, scopeOptions, scopeRun, type ChartScope } from '../../../web/model/chart-scope.ts';
import { CHART_THEMES } from '../../../web/theme.ts';
import { scenarioFromYaml } from '../../support/scenario.ts';
import { DURATION_S, fixtureRun, fixtureTimeseries, PERIOD_S } from '../fixtures/run-result.ts';
import { installMiniDom } from '../support/mini-dom.ts';

const N = DURATION_S / PERIOD_S;
const series = (column: string, f: (i: number) => number): NamedSeries => ({ column, decimals: 0, values: Float64Array.from({ length: N }, (_, i) => f(i)) });

/** stable (group v1, target tracking at 40 %) and canary (group v2), plus an IP-only target group. */
const SCENARIO = scenarioFromYaml(`
name: scoped
duration: ${DURATION_S}
period: ${PERIOD_S}
zones: [us-east-1a]
traffic: { rate: 10 }
loadBalancer:
  listeners:
    - protocol: HTTP
      port: 80
      defaultActions: { forward: [{ targetGroup: stable, weight: 80 }, { targetGroup: canary, weight: 10 }, { targetGroup: dc, weight: 10 }] }
  targetGroups:
    - { name: stable, autoScalingGroup: v1 }
    - { name: canary, autoScalingGroup: v2 }
    - name: dc
      targetType: ip
      targets: [{ ip: 10.0.0.1, zone: on-premises }]
autoScalingGroups:
  - name: v1
    desiredCapacity: 4
    minSize: 2
    maxSize: 8
    policies: [{ type: TargetTrackingScaling, metric: ASGAverageCPUUtilization, targetValue: 40 }]
  - { name: v2, desiredCapacity: 1 }
`);

const EXTRA: NamedSeries[] = [
  series('requests__stable', (i) => 800 + i),
  series('responses_2xx__stable', (i) => 790 + i),
  series('elb_5xx__stable', () => 1),
  series('latency_mean_ms__stable', () => 85),
  series('healthy_hosts__stable', () => 4),
  series('requests__canary', (i) => 100 + i),
  series('responses_2xx__canary', (i) => 99 + i),
  series('elb_5xx__canary', () => 0),
  series('latency_mean_ms__canary', () => 227),
  series('healthy_hosts__canary', () => 1),
  series('in_service__v1', () => 4),
  series('desired_capacity__v1', () => 4),
  series('cpu_avg_pct__v1', () => 35),
  series('in_service__v2', () => 1),
  series('desired_capacity__v2', () => 1),
  series('cpu_avg_pct__v2', () => 70),
];

const run = { scenario: SCENARIO, timeseries: fixtureTimeseries(), extraSeries: EXTRA };
const options: ChartOptions = { width: 640, height: 240, theme: CHART_THEMES.light };

function chartRun(scope: ChartScope): ChartRun {
  const s = scopeRun(run, scope);
  return { label: 'A', durationS: DURATION_S, periodS: PERIOD_S, timeseries: s.timeseries, columns: s.columns, scenario: { autoScalingGroups: s.autoScalingGroups } };
}

beforeEach(() => installMiniDom());

describe('chart scope options', () => {
  it('all, then every target group, then every Auto Scaling group', () => {
    expect(scopeOptions([run]).map((o) => o.id)).toEqual(['all', 'tg:stable', 'tg:canary', 'tg:dc', 'asg:v1', 'asg:v2']);
    expect(scopeOptions([run])[1]!.label).toBe('Target group stable');
  });
  it('none for a run without extra series (the one-group shorthand): the selector hides', () => {
    const shorthand = fixtureRun();
    expect(scopeOptions([shorthand])).toEqual([]);
  });
  it('a comparison offers each name once; an unknown id falls back to all', () => {
    expect(scopeOptions([run, run]).length).toBe(6);
    expect(findScope(scopeOptions([run]), 'tg:nope')).toBe(ALL);
    expect(findScope(scopeOptions([run]), 'asg:v2').scope).toEqual({ kind: 'group', name: 'v2' });
  });
});

describe('scoping a run', () => {
  it('all: the contract columns, untouched', () => {
    const s = scopeRun(run, { kind: 'all' });
    expect(s.timeseries).toBe(run.timeseries);
    expect(s.columns).toBeNull();
  });

  it("a target group: its own traffic, 5xx, latency and healthy hosts, and its group's capacity and CPU", () => {
    const s = scopeRun(run, { kind: 'target-group', name: 'canary' });
    expect(Array.from(s.timeseries.requests).slice(0, 2)).toEqual([100, 101]);
    expect(s.timeseries.latency_mean_ms[0]).toBe(227);
    expect(s.timeseries.cpu_avg_pct[0]).toBe(70);
    expect([...s.columns!].sort()).toEqual(
      ['cpu_avg_pct', 'desired_capacity', 'elb_5xx', 'healthy_hosts', 'in_service', 'latency_mean_ms', 'requests', 'responses_2xx', 'time_s'].sort(),
    );
    expect(s.autoScalingGroups.map((g) => g.name)).toEqual(['v2']);
  });

  it('an IP target group has no group: no capacity or CPU columns', () => {
    const s = scopeRun({ ...run, extraSeries: [...EXTRA, series('requests__dc', () => 100)] }, { kind: 'target-group', name: 'dc' });
    expect(s.columns!.has('requests')).toBe(true);
    expect(s.columns!.has('in_service')).toBe(false);
    expect(s.autoScalingGroups).toEqual([]);
  });

  it("an Auto Scaling group: its capacity and CPU, and the traffic of the one target group it serves alone", () => {
    const s = scopeRun(run, { kind: 'group', name: 'v1' });
    expect(s.timeseries.in_service[0]).toBe(4);
    expect(s.timeseries.cpu_avg_pct[0]).toBe(35);
    expect(s.timeseries.requests[0]).toBe(800);
    expect(s.autoScalingGroups.map((g) => g.name)).toEqual(['v1']);
  });
});

describe('the charts drawn for a scope', () => {
  it('requests: the target group rate replaces the aggregate, 5xx is the load balancer only', () => {
    const all = requestsSeries([chartRun({ kind: 'all' })], options);
    const canary = requestsSeries([chartRun({ kind: 'target-group', name: 'canary' })], options);
    expect(all.map((s) => s.label)).toEqual(['requests', '2xx', '5xx (ELB + target)']);
    expect(canary.map((s) => s.label)).toEqual(['requests', '2xx', '5xx (ELB)']);
    expect(canary[0]!.values[0]).toBeCloseTo(100 / PERIOD_S, 12);
    expect(all[0]!.values[0]).toBeCloseTo(600 / PERIOD_S, 12);
  });

  it('latency: only the mean (the run writes no percentiles per target group)', () => {
    expect(latencySeries([chartRun({ kind: 'target-group', name: 'stable' })], options).map((s) => s.label)).toEqual(['mean']);
    expect(latencySeries([chartRun({ kind: 'all' })], options).length).toBe(4);
  });

  it("capacity and CPU: the group's in service, desired, healthy hosts, CPU, and only its own target line", () => {
    const group = chartRun({ kind: 'group', name: 'v1' });
    expect(capacitySeries([group], options).map((s) => s.label)).toEqual(['desired', 'in service', 'healthy']);
    expect(cpuSeries([group], options)[0]!.values[0]).toBe(35);
    expect(cpuReferences([group], options).map((r) => r.label)).toEqual(['target 40%']);
    expect(cpuReferences([chartRun({ kind: 'group', name: 'v2' })], options)).toEqual([]);
  });
});

describe('a scoped group of one instance', () => {
  it('the capacity chart ticks whole instances only (no 200m, 400m…)', async () => {
    const { capacityChart } = await import('../../../web/charts/capacity-chart.ts');
    const svg = capacityChart([chartRun({ kind: 'group', name: 'v2' })], options) as unknown as { querySelectorAll(s: string): { textContent: string }[] };
    const ticks = svg.querySelectorAll('g.axis-y .tick text').map((t) => t.textContent);
    expect(ticks).toEqual(['0', '1']);
  });
});

describe('load balancer scope (several load balancers)', () => {
  it('offers each load balancer, and sums its rules, target groups and hosts', async () => {
    const { simulate } = await import('../../../core/index.ts');
    const { bundledScenario } = await import('../../support/scenario.ts');
    const r = simulate(bundledScenario('hybrid-weighted-dns'));
    const options = scopeOptions([r]);
    expect(options.map((o) => o.id).slice(0, 3)).toEqual(['all', 'lb:cloud', 'lb:datacenter']);
    const cloud = scopeRun(r, { kind: 'load-balancer', name: 'cloud' });
    const dc = scopeRun(r, { kind: 'load-balancer', name: 'datacenter' });
    for (let i = 0; i < r.timeseries.requests.length; i++) {
      // The two load balancers' requests add up to the run's, period by period.
      expect(cloud.timeseries.requests[i]! + dc.timeseries.requests[i]!).toBe(r.timeseries.requests[i]);
      expect(cloud.timeseries.responses_2xx[i]! + dc.timeseries.responses_2xx[i]!).toBe(r.timeseries.responses_2xx[i]);
    }
    expect(dc.timeseries.healthy_hosts[5]).toBe(2);
    expect(cloud.autoScalingGroups.map((g) => g.name)).toEqual(['web']);
    expect(dc.autoScalingGroups).toEqual([]);
    // The on-premises round trip shows in the datacenter's latency.
    expect(dc.timeseries.latency_mean_ms[10]! - cloud.timeseries.latency_mean_ms[10]!).toBeGreaterThan(10);
  });
});

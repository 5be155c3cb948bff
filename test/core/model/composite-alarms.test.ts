/**
 * Standalone and composite alarms in whole runs (CW-ALARM, CW-COMP). A zone outage behind an
 * ALB with cross-zone off: the load balancer answers 504s for about two minutes while clients
 * still resolve the failed zone, and the six targets left run hotter, so p99 latency rises for
 * the whole outage. "Would a composite of 5xx high AND latency high have paged?" Yes, from
 * 780 s to 900 s. Each minute's datapoint is visible a minute after it ends (publicationDelay
 * 60 s): the 1,539 5xx of minute 600–660 s put the 5xx alarm in ALARM at 720 s, the p99 of
 * 758 ms in minute 660–720 s puts the latency alarm there at 780 s. The 5xx alarm leaves ALARM
 * only at 900 s: minutes without 5xx publish no datapoint, and its evaluation range (N + 2 = 3
 * periods) still holds the 543 of minute 660–720 s as its newest real datapoint at 840 s.
 */
import { describe, expect, it } from 'vitest';
import { simulate } from '../../../core/index.ts';
import type { RunResult } from '../../../core/index.ts';
import { scenarioFromYaml } from '../../support/scenario.ts';
import { alarmBands } from '../../../web/model/alarm-bands.ts';

const OUTAGE = `
name: zone outage, composite alarm
seed: 1
duration: 30m
zones: [us-east-1a, us-east-1b, us-east-1c]
traffic: { rate: 100 }
loadBalancer: { type: application, crossZone: false }
autoScaling: { minSize: 9, maxSize: 9, desiredCapacity: 9 }
instance:
  concurrency: 1
  serviceTime: { distribution: exponential, mean: 50ms }
faults:
  - { at: 10m, action: fail-zone, zone: us-east-1b, for: 10m }
cloudWatch:
  alarms:
    - name: elb-5xx-high
      namespace: AWS/ApplicationELB
      metric: HTTPCode_ELB_5XX_Count
      statistic: Sum
      period: 60s
      evaluationPeriods: 1
      threshold: 100
      comparisonOperator: GreaterThanThreshold
      treatMissingData: notBreaching
    - name: latency-high
      namespace: AWS/ApplicationELB
      metric: TargetResponseTime
      statistic: p99
      period: 60s
      evaluationPeriods: 1
      threshold: 0.6
      comparisonOperator: GreaterThanThreshold
  compositeAlarms:
    - name: page-oncall
      alarmRule: ALARM("elb-5xx-high") AND ALARM("latency-high")
    - name: page-or-deploy
      alarmRule: ALARM(page-oncall) OR INSUFFICIENT_DATA(latency-high)
`;

const alarmEvents = (r: RunResult) => r.events.filter((e) => e.kind === 'alarm').map((e) => `${e.timeS} ${e.subject} ${e.detail}`);

describe('a composite alarm over a zone outage', () => {
  const run = simulate(scenarioFromYaml(OUTAGE));

  it('pages at 780 s, when the latency alarm joins the 5xx alarm, and clears at 900 s with the 5xx alarm', () => {
    const events = alarmEvents(run);
    expect(events.filter((e) => / page-oncall /.test(e))).toEqual(['0 page-oncall OK', '780 page-oncall ALARM', '900 page-oncall OK']);
    expect(events.filter((e) => / elb-5xx-high /.test(e))).toEqual(['60 elb-5xx-high OK', '720 elb-5xx-high ALARM', '900 elb-5xx-high OK']);
    expect(events).toContain('780 latency-high ALARM');
  });

  it('a composite alarm starts in INSUFFICIENT_DATA, is evaluated at creation, and after that is only ever OK or ALARM', () => {
    const events = alarmEvents(run).filter((e) => / page-or-deploy /.test(e));
    // At creation latency-high is INSUFFICIENT_DATA (no evaluation yet), so the rule holds; it
    // stays so at 60 s (no datapoint visible yet) and goes OK at 120 s.
    expect(events[0]).toBe('0 page-or-deploy ALARM');
    expect(alarmEvents(run)).toContain('120 latency-high OK');
    expect(events[1]).toBe('120 page-or-deploy OK');
    expect(events.some((e) => e.endsWith('INSUFFICIENT_DATA'))).toBe(false);
  });

  it('a composite naming a composite changes in the same evaluation as its child', () => {
    const events = alarmEvents(run);
    expect(events).toContain('780 page-or-deploy ALARM');
    expect(events.indexOf('780 page-or-deploy ALARM')).toBeGreaterThan(events.indexOf('780 page-oncall ALARM'));
  });

  it("summary.json gives each alarm's time in ALARM, transitions to ALARM and first ALARM", () => {
    const a = run.summary.alarms!;
    expect(Object.keys(a)).toEqual(['elb-5xx-high', 'latency-high', 'page-oncall', 'page-or-deploy']);
    expect(a['page-oncall']).toEqual({ type: 'composite', stateAtEnd: 'OK', timeInAlarmS: 120, transitionsToAlarm: 1, firstAlarmS: 780 });
    expect(a['elb-5xx-high']).toEqual({ type: 'metric', stateAtEnd: 'OK', timeInAlarmS: 180, transitionsToAlarm: 1, firstAlarmS: 720 });
    expect(a['page-or-deploy']!.transitionsToAlarm).toBe(2);
    expect(a['page-or-deploy']!.firstAlarmS).toBe(0);
    // The latency alarm's time in ALARM adds up from its own events.
    const lat = run.events.filter((e) => e.kind === 'alarm' && e.subject === 'latency-high');
    let inAlarm = 0;
    lat.forEach((e, i) => {
      if (e.detail === 'ALARM') inAlarm += (lat[i + 1]?.timeS ?? run.scenario.durationS) - e.timeS;
    });
    expect(a['latency-high']!.timeInAlarmS).toBe(inAlarm);
    expect(a['latency-high']!.transitionsToAlarm).toBe(lat.filter((e) => e.detail === 'ALARM').length);
  });

  it('the alarms change nothing else: the same run without them has the same time series and non-alarm events', () => {
    const without = simulate(scenarioFromYaml(OUTAGE.slice(0, OUTAGE.indexOf('cloudWatch:'))));
    expect(without.summary.alarms).toBeUndefined();
    expect(without.timeseries).toEqual(run.timeseries);
    expect(without.events).toEqual(run.events.filter((e) => e.kind !== 'alarm'));
  });

  it("the web app's alarm bands show a composite alarm like any other: OK from its creation, ALARM 780-900 s", () => {
    const band = alarmBands(run.events, run.scenario.durationS).find((b) => b.name === 'page-oncall')!;
    expect(band.segments).toEqual([
      { startS: 0, endS: 780, state: 'OK' },
      { startS: 780, endS: 900, state: 'ALARM' },
      { startS: 900, endS: 1800, state: 'OK' },
    ]);
  });

  it('is deterministic: the same seed gives the same alarm events and summary', () => {
    const again = simulate(scenarioFromYaml(OUTAGE));
    expect(alarmEvents(again)).toEqual(alarmEvents(run));
    expect(again.summary.alarms).toEqual(run.summary.alarms);
  });
});

describe('standalone alarms with 10 s periods and several groups', () => {
  it("a CWAgent 10 s alarm on a group without policies is evaluated every 10 s, on that group's metric", () => {
    const yaml = `
name: hi-res
duration: 10m
zones: [us-east-1a, us-east-1b]
traffic: { rate: [[0, 5], [300, 5], [300.001, 60], [600, 60]] }
autoScalingGroups:
  - name: web
    minSize: 2
    maxSize: 2
    instance: { concurrency: 2, serviceTime: { distribution: constant, value: 50ms } }
  - name: api
    minSize: 2
    maxSize: 2
    instance: { concurrency: 2, serviceTime: { distribution: constant, value: 50ms } }
cloudWatch:
  alarms:
    - { name: web-cpu, autoScalingGroup: web, namespace: CWAgent, metric: cpu_usage_active, statistic: Average, period: 10s, evaluationPeriods: 2, threshold: 30, comparisonOperator: GreaterThanThreshold }
`;
    const r = simulate(scenarioFromYaml(yaml));
    const events = r.events.filter((e) => e.kind === 'alarm');
    expect(events.length).toBeGreaterThan(0);
    for (const e of events) expect(e.timeS % 10).toBe(0);
    const alarm = events.find((e) => e.detail === 'ALARM')!;
    expect(alarm.timeS).toBeGreaterThan(300);
    expect(alarm.timeS).toBeLessThanOrEqual(360);
  });
});

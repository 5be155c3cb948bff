/**
 * The stateful alarm over the metric store: the sliding window, the state it keeps, and the
 * reasons it gives (CW-ALARM https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/AlarmThatSendsEmail.html;
 * aws-behaviour.md §5.6).
 */
import { describe, expect, it } from 'vitest';
import { Alarm } from '../../../../core/model/cloudwatch/alarm.ts';
import { MetricStore, metricKey } from '../../../../core/model/cloudwatch/metric-store.ts';
import type { AlarmSpec } from '../../../../core/scenario/types.ts';

const CPU = metricKey('AWS/EC2', 'CPUUtilization', { AutoScalingGroupName: 'web' });

function spec(overrides: Partial<AlarmSpec> = {}): AlarmSpec {
  return {
    namespace: 'AWS/EC2',
    metric: 'CPUUtilization',
    statistic: 'Average',
    dimension: null,
    periodS: 60,
    evaluationPeriods: 3,
    datapointsToAlarm: 3,
    threshold: 50,
    comparisonOperator: 'GreaterThanThreshold',
    treatMissingData: 'missing',
    ...overrides,
  };
}

describe('sliding window (CW-ALARM: evaluated every minute over Period × EvaluationPeriods)', () => {
  it('Period 300, N = 1: at the end of minute 5 it uses minutes 1–5, at the end of minute 6 minutes 2–6', () => {
    const store = new MetricStore({ retentionS: 3600 });
    const alarm = new Alarm('cpu', spec({ periodS: 300, evaluationPeriods: 1, datapointsToAlarm: 1, statistic: 'Sum' }), store, CPU);
    // Minute k (1-based) covers [(k−1)·60, k·60) and carries the value 10^(k−1), so a Sum names its minutes.
    for (let k = 1; k <= 6; k++) store.put(CPU, (k - 1) * 60, 10 ** (k - 1));
    const at5 = alarm.evaluate(300);
    expect(at5.points.at(-1)).toBe(11_111); // minutes 1–5
    expect(at5.timesS.at(-1)).toBe(0);
    const at6 = alarm.evaluate(360);
    expect(at6.points.at(-1)).toBe(111_110); // minutes 2–6
    expect(at6.timesS.at(-1)).toBe(60);
  });

  it('fetches the evaluation range N + 2 periods back, oldest first: window i = [now − (i+1)·P, now − i·P)', () => {
    const store = new MetricStore({ retentionS: 3600 });
    const alarm = new Alarm('cpu', spec(), store, CPU);
    for (let t = 0; t < 600; t += 60) store.put(CPU, t, t / 60);
    const e = alarm.evaluate(600);
    expect(e.timesS).toEqual([300, 360, 420, 480, 540]);
    expect(e.points).toEqual([5, 6, 7, 8, 9]);
    expect(alarm.range).toBe(5);
    expect(store.retentionS).toBeGreaterThanOrEqual(5 * 60);
  });

  it('evaluates 10-s and 30-s periods every 10 s, longer ones every 60 s; rejects a 45-s period', () => {
    const store = new MetricStore({ retentionS: 60 });
    expect(new Alarm('a', spec({ periodS: 10 }), store, CPU).evaluationIntervalS).toBe(10);
    expect(new Alarm('b', spec({ periodS: 300 }), store, CPU).evaluationIntervalS).toBe(60);
    expect(() => new Alarm('c', spec({ periodS: 45 }), store, CPU)).toThrow(/Period/);
  });
});

describe('alarm state over time', () => {
  it('starts in INSUFFICIENT_DATA ("Unchecked: Initial alarm creation") and stays there without data', () => {
    const alarm = new Alarm('cpu', spec(), new MetricStore({ retentionS: 3600 }), CPU);
    expect(alarm.state).toBe('INSUFFICIENT_DATA');
    expect(alarm.stateReason).toBe('Unchecked: Initial alarm creation');
    const e = alarm.evaluate(300);
    expect(e).toMatchObject({ state: 'INSUFFICIENT_DATA', previous: 'INSUFFICIENT_DATA', changed: false });
  });

  it('3 of 3 above 50 %: OK, then ALARM at the third breaching minute, with AWS-style reason', () => {
    const store = new MetricStore({ retentionS: 3600 });
    const alarm = new Alarm('cpu', spec(), store, CPU);
    const values = [20, 30, 25, 69.9, 70.4, 72.1];
    const log: [number, string][] = [];
    values.forEach((v, k) => {
      store.put(CPU, k * 60, v);
      const e = alarm.evaluate((k + 1) * 60);
      if (e.changed) log.push([e.nowS, e.state]);
    });
    expect(log).toEqual([
      [60, 'OK'],
      [360, 'ALARM'],
    ]);
    expect(alarm.stateReason).toBe(
      'Threshold Crossed: 3 datapoints [72.1 (00:05:00), 70.4 (00:04:00), 69.9 (00:03:00)] were greater than the threshold (50.0).',
    );
    expect(alarm.stateChangedAtS).toBe(360);
  });

  it('keeps reporting ALARM every evaluation while it lasts (Auto Scaling re-invokes its action each minute)', () => {
    const store = new MetricStore({ retentionS: 3600 });
    const alarm = new Alarm('cpu', spec({ evaluationPeriods: 1, datapointsToAlarm: 1 }), store, CPU);
    const states: string[] = [];
    for (let k = 0; k < 4; k++) {
      store.put(CPU, k * 60, 90);
      const e = alarm.evaluate((k + 1) * 60);
      states.push(`${e.state}:${e.changed}`);
    }
    expect(states).toEqual(['ALARM:true', 'ALARM:false', 'ALARM:false', 'ALARM:false']);
  });

  it('0---- with breaching stays OK, then goes to ALARM once the 0 leaves the range (CW-ALARM, second row)', () => {
    const store = new MetricStore({ retentionS: 3600 });
    const alarm = new Alarm('cpu', spec({ treatMissingData: 'breaching' }), store, CPU);
    store.put(CPU, 0, 10);
    expect(alarm.evaluate(300).state).toBe('OK'); // range [0, 300): 0 - - - -
    const e = alarm.evaluate(360); // range [60, 360): - - - - -
    expect(e.state).toBe('ALARM');
    expect(e.reason).toBe(
      'Threshold Crossed: no datapoints were received for 3 periods and 3 missing datapoints were treated as [Breaching].',
    );
  });

  it('a metric that stops (an idle load balancer) takes a `missing` alarm to INSUFFICIENT_DATA once its range is empty (§8 item 8)', () => {
    const store = new MetricStore({ retentionS: 3600 });
    const alarm = new Alarm('requests', spec({ comparisonOperator: 'LessThanThreshold', threshold: 100, statistic: 'Sum' }), store, CPU);
    for (let k = 0; k < 5; k++) store.put(CPU, k * 60, 500);
    const states = [300, 360, 420, 480, 540, 600].map((t) => alarm.evaluate(t).state);
    expect(states).toEqual(['OK', 'OK', 'OK', 'OK', 'OK', 'INSUFFICIENT_DATA']);
    expect(alarm.stateReason).toBe('Insufficient Data: no datapoints were received for 5 periods.');
  });

  it('publication delay: a datapoint published 90 s late is not seen by the evaluation before it appears', () => {
    const store = new MetricStore({ retentionS: 3600 });
    const alarm = new Alarm('cpu', spec({ evaluationPeriods: 1, datapointsToAlarm: 1 }), store, CPU);
    store.put(CPU, 0, 90, 150); // minute 0–60, visible at 150 s
    expect(alarm.evaluate(120).state).toBe('INSUFFICIENT_DATA');
    expect(alarm.evaluate(180).state).toBe('ALARM'); // the range [0, 180) now holds it
  });

  it('M of N reasons name the minimum for the transition, as in AWS’s EventBridge example', () => {
    const store = new MetricStore({ retentionS: 3600 });
    const alarm = new Alarm('cpu', spec({ datapointsToAlarm: 2, comparisonOperator: 'GreaterThanOrEqualToThreshold' }), store, CPU);
    [10, 50, 10, 50].forEach((v, k) => store.put(CPU, k * 60, v));
    alarm.evaluate(240);
    expect(alarm.stateReason).toBe(
      'Threshold Crossed: 2 out of the last 3 datapoints [50.0 (00:03:00), 50.0 (00:01:00)] were greater than or equal to ' +
        'the threshold (50.0) (minimum 2 datapoints for INSUFFICIENT_DATA -> ALARM transition).',
    );
    store.put(CPU, 240, 10);
    alarm.evaluate(300);
    expect(alarm.stateReason).toBe(
      'Threshold Crossed: 2 out of the last 3 datapoints [10.0 (00:04:00), 10.0 (00:02:00)] were not greater than or equal to ' +
        'the threshold (50.0) (minimum 2 datapoints for ALARM -> OK transition).',
    );
  });

  it('premature-alarm rule over time: one breach then silence alarms after two more minutes, not before', () => {
    const store = new MetricStore({ retentionS: 3600 });
    const alarm = new Alarm('cpu', spec(), store, CPU);
    store.put(CPU, 240, 90); // - - - - X at 300 s
    expect([300, 360, 420].map((t) => alarm.evaluate(t).state)).toEqual(['INSUFFICIENT_DATA', 'INSUFFICIENT_DATA', 'ALARM']);
    expect(alarm.stateReason).toBe(
      'Threshold Crossed: 1 datapoint [90.0 (00:04:00)] was greater than the threshold (50.0), ' +
        'the oldest at least 3 periods old and every newer datapoint breaching or missing.',
    );
  });
});

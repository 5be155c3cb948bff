/**
 * The alarms Auto Scaling creates for a target tracking policy (AS-TT
 * https://docs.aws.amazon.com/autoscaling/ec2/userguide/as-scaling-target-tracking.html; shapes
 * observed in OBS-TT1 https://github.com/aws/copilot-cli/issues/4233; aws-behaviour.md §6.7).
 */
import { describe, expect, it } from 'vitest';
import { Alarm } from '../../../../core/model/cloudwatch/alarm.ts';
import { MetricStore, metricKey } from '../../../../core/model/cloudwatch/metric-store.ts';
import {
  HIGH_DATAPOINTS,
  LOW_DATAPOINTS,
  LOW_RATIO,
  metricGranularityS,
  predefinedMetricSpec,
  targetTrackingAlarms,
  targetTrackingPeriodS,
} from '../../../../core/model/cloudwatch/target-tracking-alarms.ts';

describe('target tracking alarms (AS-TT; shapes [observed], OBS-TT1)', () => {
  it('exports the observed shape: 3 high datapoints, 15 low datapoints, low threshold 0.9 × target', () => {
    expect([HIGH_DATAPOINTS, LOW_DATAPOINTS, LOW_RATIO]).toEqual([3, 15, 0.9]);
  });

  it('CPU target 50 %: AlarmHigh > 50 for 3 of 3 minutes, AlarmLow < 45 for 15 of 15, missing data = missing', () => {
    const { high, low } = targetTrackingAlarms({ metric: 'ASGAverageCPUUtilization', targetValue: 50, disableScaleIn: false });
    expect(high).toEqual({
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
    });
    expect(low).toMatchObject({
      evaluationPeriods: 15,
      datapointsToAlarm: 15,
      threshold: 45,
      comparisonOperator: 'LessThanThreshold',
      treatMissingData: 'missing',
    });
  });

  it('DisableScaleIn: no AlarmLow (CFN-POL "DisableScaleIn")', () => {
    expect(targetTrackingAlarms({ metric: 'ASGAverageCPUUtilization', targetValue: 50, disableScaleIn: true }).low).toBeNull();
  });

  it('ALBRequestCountPerTarget uses RequestCountPerTarget Sum; a customized metric is used as given', () => {
    const alb = targetTrackingAlarms({ metric: 'ALBRequestCountPerTarget', targetValue: 1000, disableScaleIn: false });
    expect(alb.high).toMatchObject({ namespace: 'AWS/ApplicationELB', metric: 'RequestCountPerTarget', statistic: 'Sum' });
    const custom = { namespace: 'AWS/ApplicationELB' as const, metric: 'TargetResponseTime', statistic: 'p90' as const, dimension: null };
    expect(targetTrackingAlarms({ metric: { customized: custom }, targetValue: 0.2, disableScaleIn: false }).high).toMatchObject(custom);
    expect(targetTrackingAlarms({ metric: custom, targetValue: 0.2, disableScaleIn: false }).low!.threshold).toBeCloseTo(0.18, 12);
  });

  it('the shape is a parameter: 1/1 high and 15/15 low at 70 % as ECS capacity providers show (OBS-TT2)', () => {
    const { high, low } = targetTrackingAlarms(
      { metric: 'ASGAverageCPUUtilization', targetValue: 60, disableScaleIn: false },
      { highDatapoints: 1, lowRatio: 0.7 },
    );
    expect([high.evaluationPeriods, high.datapointsToAlarm, low!.threshold]).toEqual([1, 1, 42]);
  });

  it('in use: CPU at 80 % alarms high after 3 minutes; at 40 % alarms low only after 15 (slow scale-in, §8 item 7)', () => {
    const { high, low } = targetTrackingAlarms({ metric: 'ASGAverageCPUUtilization', targetValue: 50, disableScaleIn: false });
    const key = metricKey('AWS/EC2', 'CPUUtilization', { AutoScalingGroupName: 'web' });
    const firstAlarmS = (value: number, spec: typeof high) => {
      const store = new MetricStore({ retentionS: 60 });
      const alarm = new Alarm('tt', spec, store, key);
      for (let k = 0; k < 30; k++) {
        store.put(key, k * 60, value);
        if (alarm.evaluate((k + 1) * 60).state === 'ALARM') return (k + 1) * 60;
      }
      return null;
    };
    expect(firstAlarmS(80, high)).toBe(180);
    expect(firstAlarmS(40, low!)).toBe(900);
    expect(firstAlarmS(46, low!)).toBeNull();
  });

  it('rejects a non-positive target and a low ratio outside (0, 1)', () => {
    expect(() => targetTrackingAlarms({ metric: 'ASGAverageCPUUtilization', targetValue: 0, disableScaleIn: false })).toThrow();
    expect(() =>
      targetTrackingAlarms({ metric: 'ASGAverageCPUUtilization', targetValue: 50, disableScaleIn: false }, { lowRatio: 1 }),
    ).toThrow();
  });
});

describe('the alarm period follows the metric granularity (AS-TT, EC2-MON)', () => {
  const cases = [
    ['ASGAverageCPUUtilization', false, 300],
    ['ASGAverageCPUUtilization', true, 60],
    ['ASGAverageNetworkIn', false, 300],
    ['ASGAverageNetworkIn', true, 60],
    ['ASGAverageNetworkOut', false, 300],
    ['ASGAverageNetworkOut', true, 60],
    ['ALBRequestCountPerTarget', false, 60],
    ['ALBRequestCountPerTarget', true, 60],
  ] as const;
  for (const [metric, detailed, period] of cases) {
    it(`${metric}, ${detailed ? 'detailed' : 'basic'} monitoring: both alarms use ${period}-s periods, 3 of 3 and 15 of 15`, () => {
      const periodS = targetTrackingPeriodS(metricGranularityS(predefinedMetricSpec(metric), detailed));
      expect(periodS).toBe(period);
      const { high, low } = targetTrackingAlarms({ metric, targetValue: 50, disableScaleIn: false }, { periodS });
      expect([high.periodS, high.evaluationPeriods, low!.periodS, low!.evaluationPeriods]).toEqual([period, 3, period, 15]);
    });
  }

  it('a 5-minute CPU metric puts AlarmHigh in ALARM with 5-minute periods, never with 1-minute ones', () => {
    const store = new MetricStore({ retentionS: 3600 });
    const key = metricKey('AWS/EC2', 'CPUUtilization', { AutoScalingGroupName: 'web' });
    // One datapoint every 5 minutes at 100 %, each visible a minute after its interval ends.
    for (let t = 0; t < 3600; t += 300) store.put(key, t, 100, t + 360);
    const make = (periodS: number) => new Alarm('a', targetTrackingAlarms({ metric: 'ASGAverageCPUUtilization', targetValue: 50, disableScaleIn: false }, { periodS }).high, store, key);
    const fiveMin = make(300);
    const oneMin = make(60);
    const states = (a: Alarm) => Array.from({ length: 50 }, (_, k) => a.evaluate(60 * (k + 1)).state);
    expect(states(fiveMin)).toContain('ALARM');
    expect(states(oneMin)).not.toContain('ALARM');
  });
});

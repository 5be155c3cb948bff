/**
 * High-resolution alarms in scenario files (CW-ALARM, CW-PUB): the CloudWatch agent's 10-s CPU
 * metric is a namespace an alarm may read; 10 s and 30 s periods on a standard-resolution metric
 * are allowed (as PutMetricAlarm allows them) but warned about.
 */
import { describe, expect, it } from 'vitest';
import { errorOf, minimalWith, parse, scenarioOf } from './helpers.ts';

const withAlarm = (alarm: string) =>
  minimalWith(`autoScaling:
  minSize: 2
  maxSize: 6
  policies:
    - name: out
      type: StepScaling
      adjustmentType: ChangeInCapacity
      alarm: ${alarm}
      stepAdjustments: [{ lowerBound: 0, scalingAdjustment: 1 }]
instance: { detailedMonitoring: true }
`);

describe('high-resolution alarms', () => {
  it('CWAgent cpu_usage_active with a 10 s period: valid, no warning, read as written', () => {
    const yaml = withAlarm('{ namespace: CWAgent, metric: cpu_usage_active, statistic: Average, period: 10s, evaluationPeriods: 3, threshold: 60, comparisonOperator: GreaterThanThreshold }');
    const result = parse(yaml);
    expect(result.ok && result.warnings).toEqual([]);
    const p = scenarioOf(yaml).autoScaling.policies[0]!;
    expect(p.type === 'StepScaling' && [p.alarm.namespace, p.alarm.metric, p.alarm.periodS]).toEqual(['CWAgent', 'cpu_usage_active', 10]);
  });

  it('a 30 s period on a standard-resolution ELB metric is accepted with a warning naming the high-resolution metric', () => {
    const result = parse(withAlarm('{ namespace: AWS/ApplicationELB, metric: RequestCount, statistic: Sum, period: 30s, evaluationPeriods: 3, threshold: 60, comparisonOperator: GreaterThanThreshold }'));
    expect(result.ok).toBe(true);
    expect(result.ok && result.warnings.map((w) => w.message)).toEqual([expect.stringMatching(/standard-resolution metric .* 30s period .*CWAgent cpu_usage_active/)]);
  });

  it('an unknown CWAgent metric names the one elbsim publishes', () => {
    expect(errorOf(withAlarm('{ namespace: CWAgent, metric: mem_used_percent, statistic: Average, period: 10s, evaluationPeriods: 3, threshold: 60, comparisonOperator: GreaterThanThreshold }'))).toMatch(/`mem_used_percent` is not a CWAgent metric elbsim publishes; allowed: cpu_usage_active/);
  });
});

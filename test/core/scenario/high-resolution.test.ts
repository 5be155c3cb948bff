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
    const p = scenarioOf(yaml).autoScalingGroups[0]!.policies[0]!;
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

describe('metric math alarms (CW-MATH)', () => {
  const math = (expression: string, ids = ['m1', 'm2']) =>
    withAlarm(`{ expression: "${expression}", metrics: [${ids.map((id) => `{ id: ${id}, namespace: AWS/ApplicationELB, metric: RequestCount, statistic: Sum }`).join(', ')}], period: 60s, evaluationPeriods: 2, threshold: 1, comparisonOperator: GreaterThanThreshold }`);

  it('an expression over two metrics resolves with its metrics, and the first metric as the alarm\u2019s own', () => {
    const p = scenarioOf(math('100 * m1 / m2')).autoScalingGroups[0]!.policies[0]!;
    expect(p.type === 'StepScaling' && p.alarm.math).toEqual({
      expression: '100 * m1 / m2',
      metrics: [
        { id: 'm1', namespace: 'AWS/ApplicationELB', metric: 'RequestCount', statistic: 'Sum', dimension: null },
        { id: 'm2', namespace: 'AWS/ApplicationELB', metric: 'RequestCount', statistic: 'Sum', dimension: null },
      ],
    });
  });

  it('an id the expression uses but no metric has is an error at the expression', () => {
    expect(errorOf(math('m1 / m3'))).toMatch(/alarm\.expression: `m3` in `m1 \/ m3` is not the id of one of this alarm's metrics \(m1, m2\)/);
  });

  it('ids must start with a lowercase letter and be unique', () => {
    expect(errorOf(math('M1', ['M1']))).toMatch(/metrics\.0\.id: `M1` is not a metric id/);
    expect(errorOf(math('m1', ['m1', 'm1']))).toMatch(/metrics\.1\.id: `m1` is already the id of metric 0/);
  });
});

describe('a customized target-tracking metric as metric math', () => {
  const tt = (customized: string) =>
    minimalWith(`loadBalancer: { type: application }
autoScaling:
  minSize: 2
  maxSize: 6
  policies:
    - { name: tt, type: TargetTrackingScaling, targetValue: 300, metric: { customized: ${customized} } }
`);

  it('resolves with its metrics', () => {
    const p = scenarioOf(tt('{ expression: "r / h", metrics: [{ id: r, namespace: AWS/ApplicationELB, metric: RequestCount, statistic: Sum }, { id: h, namespace: AWS/ApplicationELB, metric: HealthyHostCount, statistic: Average }] }')).autoScalingGroups[0]!.policies[0]!;
    expect(p.type === 'TargetTrackingScaling' && typeof p.metric !== 'string' && p.metric.customized.math?.expression).toBe('r / h');
  });

  it('an unknown id is an error at the expression', () => {
    expect(errorOf(tt('{ expression: "r / x", metrics: [{ id: r, namespace: AWS/ApplicationELB, metric: RequestCount, statistic: Sum }] }'))).toMatch(/customized\.expression: `x` in `r \/ x` is not the id/);
  });
});

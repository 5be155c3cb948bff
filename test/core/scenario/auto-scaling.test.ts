/**
 * The Auto Scaling group (aws-behaviour.md §6): sizes with min ≤ desired ≤ max, group defaults,
 * scaling policies with their alarms, and scheduled actions — validated against the contract's
 * "Scaling" section and resolved with durations in seconds and AWS's fallbacks filled in.
 */
import { describe, expect, it } from 'vitest';
import { errorOf, errorsOf, minimalWith, parse, scenarioOf } from './helpers.ts';
import { formatIssue } from '../../../core/scenario/format.ts';

const group = (yaml: string) => minimalWith(`autoScaling:\n${yaml.replace(/^/gm, '  ')}\n`);
const sizes = (yaml: string) => {
  const { minSize, desiredCapacity, maxSize } = scenarioOf(group(yaml)).autoScalingGroups[0]!;
  return [minSize, desiredCapacity, maxSize];
};

describe('group sizes', () => {
  it('no autoScaling block: a fixed fleet of 2 (min = desired = max = 2)', () => {
    expect(scenarioOf(minimalWith('')).autoScalingGroups[0]!).toMatchObject({ minSize: 2, desiredCapacity: 2, maxSize: 2 });
  });

  it('a block without sizes keeps the fixed fleet of 2', () => {
    expect(sizes('healthCheckType: ELB')).toEqual([2, 2, 2]);
  });

  it('only desiredCapacity: a fixed fleet of that size', () => {
    expect(sizes('desiredCapacity: 5')).toEqual([5, 5, 5]);
  });

  it('minSize and maxSize: desiredCapacity defaults to minSize (CFN-ASG)', () => {
    expect(sizes('{ minSize: 2, maxSize: 10 }')).toEqual([2, 2, 10]);
  });

  it('minSize, desiredCapacity and maxSize as given', () => {
    expect(sizes('{ minSize: 0, desiredCapacity: 4, maxSize: 10 }')).toEqual([0, 4, 10]);
  });

  it('maxSize without minSize is an error (AWS requires both)', () => {
    expect(errorOf(group('maxSize: 10'))).toBe('scenarios/x.yaml:5:3: autoScaling.minSize: required key is missing: give minSize with maxSize (AWS MinSize)');
  });

  it('minSize without maxSize is an error (AWS requires both)', () => {
    expect(errorOf(group('minSize: 1\ndesiredCapacity: 3'))).toBe('scenarios/x.yaml:5:3: autoScaling.maxSize: required key is missing: give maxSize with minSize (AWS MaxSize)');
  });

  it('minSize above maxSize is an error at minSize', () => {
    expect(errorOf(group('minSize: 5\nmaxSize: 3'))).toBe('scenarios/x.yaml:5:12: autoScaling.minSize: minSize 5 is more than maxSize 3');
  });

  it.each([
    ['{ minSize: 2, desiredCapacity: 1, maxSize: 4 }', '1 is outside the group\'s size; allowed minSize 2 to maxSize 4'],
    ['{ minSize: 2, desiredCapacity: 5, maxSize: 4 }', '5 is outside the group\'s size; allowed minSize 2 to maxSize 4'],
  ])('desiredCapacity outside [min, max]: %s', (yaml, message) => {
    expect(errorOf(group(yaml))).toContain(`autoScaling.desiredCapacity: ${message}`);
  });
});

describe('group settings', () => {
  it('health check type, grace period, cooldown and warm-up resolve to seconds', () => {
    const as = scenarioOf(group('healthCheckType: ELB\nhealthCheckGracePeriod: 5m\ndefaultCooldown: 2m\ndefaultInstanceWarmup: 90s')).autoScalingGroups[0]!;
    expect(as).toMatchObject({ healthCheckType: 'ELB', healthCheckGracePeriodS: 300, defaultCooldownS: 120, defaultInstanceWarmupS: 90 });
  });

  it('an unknown health check type lists EC2 and ELB', () => {
    expect(errorOf(group('healthCheckType: elb'))).toContain('autoScaling.healthCheckType: `elb` is not allowed; allowed: EC2 or ELB (AWS HealthCheckType) (did you mean `ELB`?)');
  });
});

const CPU_ALARM = '{ namespace: AWS/EC2, metric: CPUUtilization, statistic: Average, period: 5m, evaluationPeriods: 2, threshold: 80, comparisonOperator: GreaterThanThreshold }';

describe('scaling policies', () => {
  it('the contract example: target tracking, step and simple policies resolve with seconds and fallbacks', () => {
    const yaml = group(`minSize: 2
maxSize: 10
defaultCooldown: 200s
policies:
  - name: cpu-50
    type: TargetTrackingScaling
    metric: ASGAverageCPUUtilization
    targetValue: 50
    estimatedInstanceWarmup: 120s
  - name: latency-steps
    type: StepScaling
    adjustmentType: ChangeInCapacity
    metricAggregationType: Average
    alarm:
      namespace: AWS/ApplicationELB
      metric: TargetResponseTime
      statistic: p99
      period: 60s
      evaluationPeriods: 3
      datapointsToAlarm: 2
      threshold: 0.5
      comparisonOperator: GreaterThanThreshold
      treatMissingData: missing
    stepAdjustments:
      - { lowerBound: 0, upperBound: 0.5, scalingAdjustment: 1 }
      - { lowerBound: 0.5, scalingAdjustment: 3 }
  - name: simple-out
    type: SimpleScaling
    adjustmentType: ChangeInCapacity
    scalingAdjustment: 2
    cooldown: 300s
    alarm: ${CPU_ALARM}`);
    const [tt, step, simple] = scenarioOf(yaml).autoScalingGroups[0]!.policies;
    expect(tt).toEqual({ type: 'TargetTrackingScaling', name: 'cpu-50', metric: 'ASGAverageCPUUtilization', targetValue: 50, disableScaleIn: false, estimatedInstanceWarmupS: 120 });
    expect(step).toEqual({
      type: 'StepScaling',
      name: 'latency-steps',
      adjustmentType: 'ChangeInCapacity',
      minAdjustmentMagnitude: null,
      metricAggregationType: 'Average',
      estimatedInstanceWarmupS: 200,
      alarm: { namespace: 'AWS/ApplicationELB', metric: 'TargetResponseTime', statistic: 'p99', dimension: null, periodS: 60, evaluationPeriods: 3, datapointsToAlarm: 2, threshold: 0.5, comparisonOperator: 'GreaterThanThreshold', treatMissingData: 'missing' },
      stepAdjustments: [
        { lowerBound: 0, upperBound: 0.5, scalingAdjustment: 1 },
        { lowerBound: 0.5, upperBound: null, scalingAdjustment: 3 },
      ],
    });
    expect(simple).toMatchObject({ type: 'SimpleScaling', name: 'simple-out', scalingAdjustment: 2, cooldownS: 300, alarm: { periodS: 300, datapointsToAlarm: 2, treatMissingData: 'missing' } });
  });

  it('warm-up falls back to defaultInstanceWarmup, then defaultCooldown; simple cooldown to defaultCooldown (AS-WARMCOOL)', () => {
    const tt = '{ type: TargetTrackingScaling, metric: ALBRequestCountPerTarget, targetValue: 100 }';
    const simple = `{ type: SimpleScaling, adjustmentType: ExactCapacity, scalingAdjustment: 4, alarm: ${CPU_ALARM} }`;
    const withWarmup = scenarioOf(group(`defaultInstanceWarmup: 45s\npolicies: [${tt}, ${simple}]`)).autoScalingGroups[0]!.policies;
    expect(withWarmup[0]).toMatchObject({ name: 'policy-1', estimatedInstanceWarmupS: 45 });
    expect(withWarmup[1]).toMatchObject({ name: 'policy-2', cooldownS: 300 });
    const withoutWarmup = scenarioOf(group(`defaultCooldown: 100s\npolicies: [${tt}]`)).autoScalingGroups[0]!.policies;
    expect(withoutWarmup[0]).toMatchObject({ estimatedInstanceWarmupS: 100 });
  });

  it('a customized target-tracking metric names namespace, metric and statistic', () => {
    const yaml = group('policies:\n  - { type: TargetTrackingScaling, targetValue: 0.2, metric: { customized: { namespace: AWS/ApplicationELB, metric: TargetResponseTime, statistic: p90 } } }');
    expect(scenarioOf(yaml).autoScalingGroups[0]!.policies[0]).toMatchObject({ metric: { customized: { namespace: 'AWS/ApplicationELB', metric: 'TargetResponseTime', statistic: 'p90' } } });
  });

  it.each([
    ['{ type: TargetScaling }', '`TargetScaling` is not a scaling policy type; allowed: TargetTrackingScaling, StepScaling, SimpleScaling or PredictiveScaling'],
    ['{ targetValue: 50 }', 'autoScaling.policies.0.type: required key is missing; allowed: TargetTrackingScaling, StepScaling, SimpleScaling or PredictiveScaling'],
    ['{ type: TargetTrackingScaling, metric: CPU, targetValue: 50 }', '`CPU` is not a predefined metric; allowed: ASGAverageCPUUtilization, ALBRequestCountPerTarget, ASGAverageNetworkIn or ASGAverageNetworkOut'],
    ['{ type: TargetTrackingScaling, metric: ASGAverageCPUUtilization, targetValue: 0 }', 'autoScaling.policies.0.targetValue: 0 is too small; must be more than 0 (AWS TargetValue)'],
    ['{ type: TargetTrackingScaling, metric: ASGAverageCPUUtilization, targetValue: 50, cooldown: 60s }', 'unknown key `cooldown`'],
    [`{ type: SimpleScaling, adjustmentType: ChangeCapacity, scalingAdjustment: 1, alarm: ${CPU_ALARM} }`, '`ChangeCapacity` is not an adjustment type; allowed: ChangeInCapacity, ExactCapacity or PercentChangeInCapacity (AWS AdjustmentType) (did you mean `ChangeInCapacity`?)'],
    [`{ type: SimpleScaling, adjustmentType: ChangeInCapacity, scalingAdjustment: 1, minAdjustmentMagnitude: 2, alarm: ${CPU_ALARM} }`, 'autoScaling.policies.0.minAdjustmentMagnitude: only applies to adjustmentType PercentChangeInCapacity'],
    ['{ type: SimpleScaling, adjustmentType: ChangeInCapacity, scalingAdjustment: 1 }', 'autoScaling.policies.0.alarm: required key is missing'],
  ])('%s', (policy, message) => {
    expect(errorsOf(group(`policies:\n  - ${policy}`)).join('\n')).toContain(message);
  });

  it('policy names must be unique', () => {
    const tt = (name: string) => `{ name: ${name}, type: TargetTrackingScaling, metric: ASGAverageCPUUtilization, targetValue: 50 }`;
    expect(errorOf(group(`policies:\n  - ${tt('a')}\n  - ${tt('a')}`))).toContain('autoScaling.policies.1.name: `a` is already the name of item 0; names must be unique');
  });

  it('ALBRequestCountPerTarget needs an application load balancer', () => {
    const yaml = group('policies: [{ type: TargetTrackingScaling, metric: ALBRequestCountPerTarget, targetValue: 100 }]') + 'loadBalancer: { type: network }\n';
    expect(errorOf(yaml)).toContain('ALBRequestCountPerTarget needs an application load balancer; this scenario has a network one');
  });
});

describe('alarms', () => {
  const stepWith = (alarm: string, steps = '[{ lowerBound: 0, scalingAdjustment: 1 }]') =>
    group(`policies:\n  - type: StepScaling\n    adjustmentType: ChangeInCapacity\n    alarm: ${alarm}\n    stepAdjustments: ${steps}`);
  const alarm = (changes: Record<string, string>) => {
    const fields: Record<string, string> = { namespace: 'AWS/EC2', metric: 'CPUUtilization', statistic: 'Average', period: '60s', evaluationPeriods: '3', threshold: '70', comparisonOperator: 'GreaterThanThreshold', ...changes };
    return `{ ${Object.entries(fields).filter(([, v]) => v !== '').map(([k, v]) => `${k}: ${v}`).join(', ')} }`;
  };

  it.each([
    [{ statistic: 'p99.9' }, 'p99.9'],
    [{ statistic: 'p100' }, 'p100'],
    [{ statistic: 'p0' }, 'p0'],
    [{ statistic: 'SampleCount' }, 'SampleCount'],
  ])('statistic %j is accepted', (change, statistic) => {
    expect(scenarioOf(stepWith(alarm(change))).autoScalingGroups[0]!.policies[0]).toMatchObject({ alarm: { statistic } });
  });

  it.each([
    [{ statistic: 'p101' }, 'statistic: `p101` is not a statistic; allowed: Average, Sum, Minimum, Maximum, SampleCount or a percentile p0 to p100'],
    [{ statistic: 'average' }, '(did you mean `Average`?)'],
    [{ namespace: 'AWS/Lambda' }, 'namespace: `AWS/Lambda` is not a namespace elbsim publishes; allowed: AWS/EC2, AWS/ApplicationELB, AWS/NetworkELB, AWS/ELB or CWAgent'],
    [{ metric: 'CPUUtilisation' }, 'metric: `CPUUtilisation` is not an AWS/EC2 metric elbsim publishes (did you mean `CPUUtilization`?)'],
    [{ period: '45s' }, 'period: 45s is not a CloudWatch period; allowed 10s, 30s or a multiple of 60s'],
    [{ evaluationPeriods: '0' }, 'evaluationPeriods: 0 is too small; allowed 1 or more (AWS EvaluationPeriods)'],
    [{ datapointsToAlarm: '4' }, 'datapointsToAlarm: 4 is more than evaluationPeriods (3); M of N needs M ≤ N'],
    [{ comparisonOperator: 'GreaterThan' }, '`GreaterThan` is not a comparison operator; allowed: GreaterThanOrEqualToThreshold, GreaterThanThreshold, LessThanThreshold or LessThanOrEqualToThreshold'],
    [{ treatMissingData: 'notbreaching' }, '`notbreaching` is not allowed; allowed: missing, notBreaching, breaching or ignore (AWS TreatMissingData) (did you mean `notBreaching`?)'],
    [{ threshold: '' }, 'alarm.threshold: required key is missing'],
    [{ namespace: 'AWS/NetworkELB', metric: 'ActiveFlowCount' }, 'alarm.namespace: AWS/NetworkELB metrics come from a network load balancer; this scenario has an application one'],
  ])('%j', (change, message) => {
    expect(errorsOf(stepWith(alarm(change))).join('\n')).toContain(message);
  });

  it('a CPU alarm faster than basic monitoring gets a warning, not an error', () => {
    const result = parse(stepWith(alarm({})));
    expect(result.ok).toBe(true);
    expect(result.warnings.map(formatIssue)).toEqual([
      'scenarios/x.yaml:8:88: autoScaling.policies.0.alarm.period: EC2 publishes CPUUtilization every 5 minutes without instance.detailedMonitoring, so a 1m period sees missing data in most periods',
    ]);
    expect(parse(stepWith(alarm({})) + 'instance: { detailedMonitoring: true }\n').warnings).toEqual([]);
  });

  it.each([
    ['[{ scalingAdjustment: 1 }]', 'stepAdjustments.0: a step needs lowerBound, upperBound or both'],
    ['[{ lowerBound: 1, upperBound: 1, scalingAdjustment: 1 }]', 'stepAdjustments.0.upperBound: upperBound 1 must be more than lowerBound 1'],
    ['[{ lowerBound: 0, upperBound: 10, scalingAdjustment: 1 }, { lowerBound: 5, scalingAdjustment: 2 }]', 'stepAdjustments.1.lowerBound: step overlaps step 0 (upperBound 10)'],
    ['[{ lowerBound: 0, upperBound: 10, scalingAdjustment: 1 }, { lowerBound: 20, scalingAdjustment: 2 }]', 'stepAdjustments.1.lowerBound: step leaves a gap after step 0 (upperBound 10)'],
    ['[]', 'stepAdjustments: must list at least 1 step adjustment'],
  ])('step adjustments %s', (steps, message) => {
    expect(errorsOf(stepWith(alarm({}), steps)).join('\n')).toContain(message);
  });

  it('the AWS step-scaling example (AS-STEP) is valid: scale-in steps below the threshold, scale-out above', () => {
    const steps = '[{ upperBound: -20, scalingAdjustment: -3 }, { lowerBound: -20, upperBound: -10, scalingAdjustment: -1 }, { lowerBound: -10, upperBound: 0, scalingAdjustment: 0 }, { lowerBound: 0, upperBound: 10, scalingAdjustment: 0 }, { lowerBound: 10, upperBound: 20, scalingAdjustment: 1 }, { lowerBound: 20, scalingAdjustment: 3 }]';
    const policy = scenarioOf(stepWith(alarm({ period: '5m' }), steps)).autoScalingGroups[0]!.policies[0]!;
    expect(policy.type === 'StepScaling' && policy.stepAdjustments.map((s) => [s.lowerBound, s.upperBound])).toEqual([
      [null, -20], [-20, -10], [-10, 0], [0, 10], [10, 20], [20, null],
    ]);
  });
});

describe('scheduled actions', () => {
  it('`at` and `recurrence` actions resolve with seconds, null for what is not set, and default names', () => {
    const as = scenarioOf(group('minSize: 1\nmaxSize: 10\nscheduledActions:\n  - { at: 30m, desiredCapacity: 8 }\n  - { name: mornings, recurrence: "0 9 * * MON-FRI", minSize: 2, maxSize: 6 }')).autoScalingGroups[0]!;
    expect(as.scheduledActions).toEqual([
      { name: 'scheduled-1', atS: 1800, recurrence: null, desiredCapacity: 8, minSize: null, maxSize: null },
      { name: 'mornings', atS: null, recurrence: '0 9 * * MON-FRI', desiredCapacity: null, minSize: 2, maxSize: 6 },
    ]);
  });

  it.each([
    ['{ desiredCapacity: 3 }', 'give `at` (a time) or `recurrence` (a cron expression)'],
    ['{ at: 1m, recurrence: "* * * * *", desiredCapacity: 3 }', 'give either `at` or `recurrence`, not both'],
    ['{ at: 1m }', 'give at least one of desiredCapacity, minSize and maxSize'],
    ['{ at: 1m, minSize: 4, maxSize: 2 }', 'scheduledActions.0.minSize: minSize 4 is more than maxSize 2'],
    ['{ at: 1m, minSize: 4, desiredCapacity: 2 }', 'scheduledActions.0.desiredCapacity: desiredCapacity 2 is less than minSize 4'],
    ['{ at: 2h, desiredCapacity: 2 }', 'scheduledActions.0.at: 2h is not before the end of the run (duration 1h)'],
    ['{ recurrence: "0 9 * *", desiredCapacity: 2 }', '`0 9 * *` has 4 fields; a cron expression has 5: minute hour day-of-month month day-of-week'],
    ['{ recurrence: "61 * * * *", desiredCapacity: 2 }', '`61` is not a minute (0–59) in cron expression `61 * * * *`'],
    ['{ recurrence: "0 9 * * FUN", desiredCapacity: 2 }', '`FUN` is not a day of week (0–7 or SUN–SAT)'],
    ['{ recurrence: "*/0 * * * *", desiredCapacity: 2 }', 'step `0` in the minute field must be a whole number of at least 1'],
    ['{ recurrence: "0 17-9 * * *", desiredCapacity: 2 }', 'range `17-9` in the hour field runs backwards'],
  ])('%s', (action, message) => {
    expect(errorsOf(group(`scheduledActions:\n  - ${action}`)).join('\n')).toContain(message);
  });

  it('two actions at the same time are an error (AWS refuses them)', () => {
    expect(errorOf(group('scheduledActions:\n  - { at: 10m, desiredCapacity: 2 }\n  - { at: 600, desiredCapacity: 2 }'))).toContain(
      'autoScaling.scheduledActions.1.at: item 0 already starts at 10m; AWS does not allow two scheduled actions at the same time',
    );
  });

  it.each(['*/15 * * * *', '0 0 1 JAN,jul *', '30 8-18/2 * * 1-5', '0 0 * * 7'])('cron %s is accepted', (cron) => {
    expect(scenarioOf(group(`scheduledActions: [{ recurrence: "${cron}", desiredCapacity: 2 }]`)).autoScalingGroups[0]!.scheduledActions[0]!.recurrence).toBe(cron);
  });
});

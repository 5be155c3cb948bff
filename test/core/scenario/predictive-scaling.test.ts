/**
 * Predictive scaling policies (aws-behaviour.md §6.10, AS-PRED, CFN-PRED): AWS's defaults
 * (ForecastOnly, SchedulingBufferTime 300 s, HonorMaxCapacity, buffer 0), its ranges, the rules
 * between keys (MaxCapacityBuffer only with IncreaseMaxCapacity, one ForecastAndScale policy
 * per group, request counts only behind an ALB) and the 24 h of history a forecast needs.
 */
import { describe, expect, it } from 'vitest';
import { formatIssue } from '../../../core/scenario/format.ts';
import { errorOf, errorsOf, parse, scenarioOf } from './helpers.ts';

/** A two-day run, long enough for a forecast, with a group that may grow. */
const withPolicies = (policies: string, extra = '') =>
  `name: t\nduration: 2d\nzones: [us-east-1a, us-east-1b]\n${extra}autoScaling:\n  minSize: 1\n  maxSize: 10\n  policies:\n${policies.replace(/^/gm, '    ')}\n`;
const one = (fields: string) => withPolicies(`- { type: PredictiveScaling, ${fields} }`);

describe('predictive scaling: defaults and resolution', () => {
  it('only type, metric and targetValue: ForecastOnly, 300 s buffer, HonorMaxCapacity, buffer 0, name policy-1', () => {
    expect(scenarioOf(one('metric: ASGAverageCPUUtilization, targetValue: 40')).autoScalingGroups[0]!.policies).toEqual([
      {
        type: 'PredictiveScaling',
        name: 'policy-1',
        metric: 'ASGAverageCPUUtilization',
        targetValue: 40,
        mode: 'ForecastOnly',
        schedulingBufferTimeS: 300,
        maxCapacityBreachBehavior: 'HonorMaxCapacity',
        maxCapacityBuffer: 0,
      },
    ]);
  });

  it('every key given: durations in seconds, AWS example buffer of 10 %', () => {
    const yaml = withPolicies(`- name: forecast
  type: PredictiveScaling
  metric: ALBRequestCountPerTarget
  targetValue: 1000
  mode: ForecastAndScale
  schedulingBufferTime: 10m
  maxCapacityBreachBehavior: IncreaseMaxCapacity
  maxCapacityBuffer: 10`);
    expect(scenarioOf(yaml).autoScalingGroups[0]!.policies[0]).toEqual({
      type: 'PredictiveScaling',
      name: 'forecast',
      metric: 'ALBRequestCountPerTarget',
      targetValue: 1000,
      mode: 'ForecastAndScale',
      schedulingBufferTimeS: 600,
      maxCapacityBreachBehavior: 'IncreaseMaxCapacity',
      maxCapacityBuffer: 10,
    });
  });

  it('IncreaseMaxCapacity without maxCapacityBuffer takes 0 %', () => {
    expect(scenarioOf(one('metric: ASGAverageCPUUtilization, targetValue: 40, maxCapacityBreachBehavior: IncreaseMaxCapacity')).autoScalingGroups[0]!.policies[0]).toMatchObject({ maxCapacityBuffer: 0 });
  });

  it.each([
    ['schedulingBufferTime: 0s', { schedulingBufferTimeS: 0 }],
    ['schedulingBufferTime: 3599s', { schedulingBufferTimeS: 3599 }],
    ['maxCapacityBreachBehavior: IncreaseMaxCapacity, maxCapacityBuffer: 0', { maxCapacityBuffer: 0 }],
    ['maxCapacityBreachBehavior: IncreaseMaxCapacity, maxCapacityBuffer: 100', { maxCapacityBuffer: 100 }],
    ['targetValue: 0.5', { targetValue: 0.5 }],
  ])('edge %s is accepted', (fields, resolved) => {
    const yaml = one(`metric: ASGAverageCPUUtilization, ${fields.includes('targetValue') ? '' : 'targetValue: 40, '}${fields}`);
    expect(scenarioOf(yaml).autoScalingGroups[0]!.policies[0]).toMatchObject(resolved);
  });

  it('mixes with dynamic policies', () => {
    const yaml = withPolicies('- { type: TargetTrackingScaling, metric: ASGAverageCPUUtilization, targetValue: 50 }\n- { type: PredictiveScaling, metric: ASGAverageCPUUtilization, targetValue: 50, mode: ForecastAndScale }');
    expect(scenarioOf(yaml).autoScalingGroups[0]!.policies.map((p) => [p.type, p.name])).toEqual([
      ['TargetTrackingScaling', 'policy-1'],
      ['PredictiveScaling', 'policy-2'],
    ]);
  });
});

describe('predictive scaling: errors', () => {
  it('an out-of-range buffer time is reported at its value, with the AWS name', () => {
    expect(errorOf(one('metric: ASGAverageCPUUtilization, targetValue: 40, schedulingBufferTime: 1h'))).toBe(
      'scenarios/x.yaml:8:107: autoScaling.policies.0.schedulingBufferTime: 1h is out of range; allowed 0s up to but not including 1h (3600s) (AWS SchedulingBufferTime)',
    );
  });

  it.each([
    ['metric: ASGAverageCPUUtilization, targetValue: 0', 'policies.0.targetValue: 0 is too small; must be more than 0 (AWS TargetValue)'],
    ['metric: ASGAverageCPUUtilization, targetValue: 40, schedulingBufferTime: -5s', 'policies.0.schedulingBufferTime: -5s: a duration cannot be negative'],
    ['metric: ASGAverageCPUUtilization, targetValue: 40, maxCapacityBreachBehavior: IncreaseMaxCapacity, maxCapacityBuffer: 101', 'policies.0.maxCapacityBuffer: 101 is out of range; allowed 0 to 100 (AWS MaxCapacityBuffer)'],
    ['metric: ASGAverageCPUUtilization, targetValue: 40, maxCapacityBreachBehavior: IncreaseMaxCapacity, maxCapacityBuffer: 2.5', 'policies.0.maxCapacityBuffer: 2.5 is not a whole number'],
    ['metric: ASGAverageCPUUtilization, targetValue: 40, mode: forecastAndScale', '`forecastAndScale` is not allowed; allowed: ForecastOnly or ForecastAndScale (AWS Mode) (did you mean `ForecastAndScale`?)'],
    ['metric: ASGAverageCPUUtilization, targetValue: 40, maxCapacityBreachBehavior: Honor', '`Honor` is not allowed; allowed: HonorMaxCapacity or IncreaseMaxCapacity (AWS MaxCapacityBreachBehavior) (did you mean `HonorMaxCapacity`?)'],
    ['targetValue: 40', 'policies.0.metric: required key is missing; allowed: ASGAverageCPUUtilization or ALBRequestCountPerTarget'],
    ['metric: ASGAverageCPUUtilization', 'policies.0.targetValue: required key is missing'],
    ['metric: ASGAverageCPUUtilisation, targetValue: 40', '`ASGAverageCPUUtilisation` is not a predictive scaling metric; allowed: ASGAverageCPUUtilization or ALBRequestCountPerTarget (AWS PredefinedMetricType) (did you mean `ASGAverageCPUUtilization`?)'],
    ['metric: ASGAverageNetworkIn, targetValue: 40', '`ASGAverageNetworkIn` is not forecast by elbsim\'s predictive scaling; allowed: ASGAverageCPUUtilization or ALBRequestCountPerTarget'],
    ['metric: ASGCPUUtilization, targetValue: 40', '`ASGCPUUtilization` is AWS\'s name for the metric pair; elbsim names it by its scaling metric: use ASGAverageCPUUtilization'],
    ['metric: ALBRequestCount, targetValue: 40', 'use ALBRequestCountPerTarget'],
    ['metric: ASGAverageCPUUtilization, targetValue: 40, estimatedInstanceWarmup: 1m', 'unknown key `estimatedInstanceWarmup`; allowed here: name, type, metric, targetValue, mode, schedulingBufferTime, maxCapacityBreachBehavior, maxCapacityBuffer'],
    ['metric: ASGAverageCPUUtilization, targetValue: 40, schedulingBuffer: 1m', 'unknown key `schedulingBuffer` (did you mean `schedulingBufferTime`?)'],
  ])('%s', (fields, message) => {
    expect(errorsOf(one(fields)).join('\n')).toContain(message);
  });

  it('maxCapacityBuffer without IncreaseMaxCapacity is an error at the key (AWS: cannot be used otherwise)', () => {
    expect(errorOf(one('metric: ASGAverageCPUUtilization, targetValue: 40, maxCapacityBuffer: 10'))).toBe(
      'scenarios/x.yaml:8:85: autoScaling.policies.0.maxCapacityBuffer: only applies to maxCapacityBreachBehavior IncreaseMaxCapacity (AWS MaxCapacityBuffer)',
    );
  });

  it('a misspelt policy type suggests PredictiveScaling', () => {
    expect(errorOf(withPolicies('- { type: Predictive, metric: ASGAverageCPUUtilization, targetValue: 40 }'))).toContain(
      '`Predictive` is not a scaling policy type; allowed: TargetTrackingScaling, StepScaling, SimpleScaling or PredictiveScaling (did you mean `PredictiveScaling`?)',
    );
  });

  it('only one predictive policy may use ForecastAndScale; ForecastOnly ones may sit beside it', () => {
    const p = (mode: string) => `- { type: PredictiveScaling, metric: ASGAverageCPUUtilization, targetValue: 40, mode: ${mode} }`;
    expect(scenarioOf(withPolicies([p('ForecastAndScale'), p('ForecastOnly'), p('ForecastOnly')].join('\n'))).autoScalingGroups[0]!.policies).toHaveLength(3);
    expect(errorOf(withPolicies([p('ForecastOnly'), p('ForecastAndScale'), p('ForecastAndScale')].join('\n')))).toBe(
      'scenarios/x.yaml:10:91: autoScaling.policies.2.mode: item 1 already scales on its forecast; AWS lets only one predictive policy per group use ForecastAndScale (the others may be ForecastOnly)',
    );
  });

  it('ALBRequestCountPerTarget needs an application load balancer', () => {
    const yaml = withPolicies('- { type: PredictiveScaling, metric: ALBRequestCountPerTarget, targetValue: 100 }', 'loadBalancer: { type: classic }\n');
    expect(errorOf(yaml)).toBe('scenarios/x.yaml:9:42: autoScaling.policies.0.metric: ALBRequestCountPerTarget needs an application load balancer; this scenario has a classic one');
  });

  it('names are unique across all policy types', () => {
    const yaml = withPolicies('- { name: a, type: TargetTrackingScaling, metric: ASGAverageCPUUtilization, targetValue: 50 }\n- { name: a, type: PredictiveScaling, metric: ASGAverageCPUUtilization, targetValue: 50 }');
    expect(errorOf(yaml)).toContain('autoScaling.policies.1.name: `a` is already the name of item 0; names must be unique');
  });
});

describe('predictive scaling: history', () => {
  it('a run of 24 h or less gets a warning: AWS forecasts only after 24 h of history', () => {
    const yaml = one('metric: ASGAverageCPUUtilization, targetValue: 40, mode: ForecastAndScale').replace('duration: 2d', 'duration: 24h');
    const result = parse(yaml);
    expect(result.ok).toBe(true);
    expect(result.warnings.map(formatIssue)).toEqual([
      'scenarios/x.yaml:8:15: autoScaling.policies.0.type: predictive scaling needs 24h of history before its first forecast (AWS), and this run lasts 1d, so `policy-1` never forecasts or scales',
    ]);
  });

  it('a longer run gets no warning', () => {
    expect(parse(one('metric: ASGAverageCPUUtilization, targetValue: 40')).warnings).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { cpuTargets } from '../../../web/model/policies.ts';
import { fixtureScenario } from '../fixtures/run-result.ts';
import { scenarioFromYaml } from '../../support/scenario.ts';

describe('cpuTargets', () => {
  it('target tracking on ASGAverageCPUUtilization gives its target value', () => {
    expect(cpuTargets(fixtureScenario())).toEqual([{ policy: 'cpu-50', value: 50 }]);
  });
  it('ignores other metrics and policy types, and scenarios without policies', () => {
    const scenario = scenarioFromYaml(`
name: other policies
duration: 600
zones: [us-east-1a, us-east-1b]
autoScaling:
  minSize: 2
  maxSize: 10
  policies:
    - { name: rps, type: TargetTrackingScaling, metric: ALBRequestCountPerTarget, targetValue: 1000 }
    - name: steps
      type: StepScaling
      adjustmentType: ChangeInCapacity
      alarm: { namespace: AWS/EC2, metric: CPUUtilization, statistic: Average, period: 60, evaluationPeriods: 1, threshold: 70, comparisonOperator: GreaterThanThreshold }
      stepAdjustments: [{ lowerBound: 0, scalingAdjustment: 1 }]
`);
    expect(scenario.autoScalingGroups[0]!.policies.map((p) => p.type)).toEqual(['TargetTrackingScaling', 'StepScaling']);
    expect(cpuTargets(scenario)).toEqual([]);
    expect(cpuTargets(scenarioFromYaml('name: no policies\nduration: 600\nzones: [us-east-1a, us-east-1b]\n'))).toEqual([]);
    expect(cpuTargets(undefined)).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { cpuTargets } from '../../../web/model/policies.ts';
import { fixtureScenario } from '../fixtures/run-result.ts';

describe('cpuTargets', () => {
  it('target tracking on ASGAverageCPUUtilization gives its target value', () => {
    expect(cpuTargets(fixtureScenario())).toEqual([{ policy: 'cpu-50', value: 50 }]);
  });
  it('ignores other metrics and policy types, and scenarios without policies', () => {
    const scenario = fixtureScenario();
    scenario.autoScaling = {
      ...scenario.autoScaling,
      policies: [
        { name: 'rps', type: 'TargetTrackingScaling', metric: 'ALBRequestCountPerTarget', targetValue: 1000 },
        { name: 'steps', type: 'StepScaling' },
      ] as never,
    };
    expect(cpuTargets(scenario)).toEqual([]);
    expect(cpuTargets(undefined)).toEqual([]);
  });
});

/**
 * The test scenario builder: patches in the file form merge onto the base as documented, and
 * go through the real parser, so a mistake in a fixture fails with the parser's located message.
 */
import { describe, expect, it } from 'vitest';
import { BASE_FILE, buildScenario, fixedFleet, mergeFile } from './build.ts';
import { scenarioFromYaml } from './scenario.ts';

describe('mergeFile', () => {
  it('merges mappings key by key, replaces lists and scalars, and drops keys set to null', () => {
    const merged = mergeFile(
      { a: { b: 1, c: { d: 2 } }, list: [1, 2], gone: { x: 1 }, kept: 'yes' },
      { a: { c: { e: 3 } }, list: [3] },
      { a: { b: 4 }, gone: null, kept: undefined },
    );
    expect(merged).toEqual({ a: { b: 4, c: { d: 2, e: 3 } }, list: [3] });
  });

  it('leaves its inputs alone', () => {
    const base = { a: { b: 1 } };
    mergeFile(base, { a: { b: 2 } });
    expect(base).toEqual({ a: { b: 1 } });
  });
});

describe('buildScenario', () => {
  it('with no patch is the base file as the parser resolves it', () => {
    const yaml = 'name: test\nduration: 600\nzones: [us-east-1a, us-east-1b]\ntraffic: { rate: 20 }\nautoScaling: { minSize: 4, maxSize: 4, desiredCapacity: 4 }\n';
    expect(buildScenario()).toEqual(scenarioFromYaml(yaml));
    expect(BASE_FILE['autoScaling']).toEqual(fixedFleet(4));
  });

  it('reads a patch in the file form: units, defaults by type and fallbacks are the parser\'s', () => {
    const s = buildScenario({
      duration: '1h',
      loadBalancer: { type: 'classic', targetGroup: { healthCheck: { interval: '10s' } } },
      autoScaling: { minSize: 1, maxSize: 3, desiredCapacity: null, policies: [{ type: 'TargetTrackingScaling', metric: 'ASGAverageCPUUtilization', targetValue: 50 }] },
      instance: { serviceTime: { distribution: 'exponential', mean: '50ms' } },
      faults: [{ at: '5m', action: 'fail-target' }],
    });
    expect(s.durationS).toBe(3600);
    expect(s.targetGroups[0]!.healthCheck).toMatchObject({ intervalS: 10, healthyThreshold: 10 }); // CLB default threshold
    expect(s.autoScalingGroups[0]!).toMatchObject({ minSize: 1, maxSize: 3, desiredCapacity: 1 }); // the base's 4 removed: AWS's default, minSize
    expect(s.autoScalingGroups[0]!.policies[0]).toMatchObject({ name: 'policy-1', estimatedInstanceWarmupS: 300 }); // DefaultCooldown
    expect(s.autoScalingGroups[0]!.instance.serviceTime).toEqual({ distribution: 'exponential', mean: 0.05 });
    expect(s.faults).toEqual([{ atS: 300, action: 'fail-target', count: 1, zone: null, forS: null, group: 0 }]);
  });

  it('throws with the parser\'s messages, naming the key, when the patch is invalid', () => {
    expect(() => buildScenario({ loadBalancer: { targetGroup: { healthCheck: { interval: '3s' } } } })).toThrow(
      /loadBalancer\.targetGroup\.healthCheck\.interval.*3s is out of range; allowed 5s to 300s/,
    );
    expect(() => buildScenario({ faults: [{ at: 900, action: 'fail-target' }] })).toThrow(/faults\.0\.at|faults\[0\]\.at/);
  });
});

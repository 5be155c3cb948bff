/**
 * Instance refresh (StartInstanceRefresh) in whole runs, from AWS's documentation (AS-IR,
 * AS-IRDEF, AS-IMP): MinHealthyPercentage 90 by default, "rounded up"; 100 % replaces one
 * instance at a time; MaxHealthyPercentage above 100 launches new instances before terminating;
 * checkpoints pause for CheckpointDelay; SkipMatching leaves matching instances; AutoRollback
 * undoes a refresh whose new instances fail their health checks. The healthy capacity is
 * sampled every second from the world's own tables (see healthySeries).
 */
import { describe, expect, it } from 'vitest';
import type { World } from '../../../../core/world.ts';
import { Lifecycle } from '../../../../core/model/autoscaling/instances.ts';
import { refreshBounds } from '../../../../core/model/autoscaling/refresh.ts';
import type { Scenario } from '../../../../core/index.ts';
import { buildScenario, type FileMapping } from '../../../support/build.ts';
import { healthySeries } from '../../../support/refresh-sampling.ts';

function refreshScenario(preferences: FileMapping, extra: FileMapping = {}, instance: FileMapping = { serviceTimeFactor: 0.8 }): Scenario {
  return buildScenario(
    {
      duration: 3600,
      traffic: { rate: 150 },
      loadBalancer: { targetGroup: { deregistrationDelay: 15, healthCheck: { interval: 10, healthyThreshold: 2, unhealthyThreshold: 2 } } },
      autoScaling: { minSize: 2, maxSize: 20, desiredCapacity: 10, healthCheckType: 'ELB', actions: [{ name: 'deploy', at: 300, action: 'start-instance-refresh', preferences: { instanceWarmup: 60, ...preferences }, desiredConfiguration: { instance } }] },
      instance: { concurrency: 4, serviceTime: { distribution: 'exponential', mean: '50ms' }, bootTime: 60 },
    },
    extra,
  );
}

const statuses = (w: World) => w.refresh[0]!.history.map((h) => h.status);
const events = (w: World, re: RegExp) => w.log.events.filter((e) => e.kind === 'scaling' && re.test(e.detail));

describe('refreshBounds: MinHealthyPercentage rounded up (AWS), MaxHealthyPercentage down', () => {
  it.each([
    [10, 90, 100, 9, 10],
    [4, 90, 100, 4, 4],
    [3, 50, 150, 2, 4],
    [7, 0, 200, 0, 14],
    [1, 100, 110, 1, 1],
  ])('desired %i, min %i %%, max %i %% -> %i healthy, %i total', (desired, min, max, minHealthy, maxTotal) => {
    expect(refreshBounds(desired, min, max)).toEqual({ minHealthy, maxTotal });
  });
});

describe('a refresh with the defaults (MinHealthyPercentage 90, MaxHealthyPercentage 100)', () => {
  const { world, healthy, total } = healthySeries(refreshScenario({}), 60);

  it('replaces every instance and ends Successful', () => {
    expect(statuses(world)).toEqual(['InProgress', 'Successful']);
    const replaced = events(world, /in response to an instance refresh\.$/).map((e) => e.instance);
    expect(replaced.sort()).toEqual(Array.from({ length: 10 }, (_, i) => `i-${String(i + 1).padStart(4, '0')}`));
    for (let t = 0; t < world.instanceTables[0]!.count; t++) {
      if (world.instanceTables[0]!.lifecycle[t] === Lifecycle.InService) expect(world.instanceTables[0]!.version[t]).toBe(1);
    }
  });

  it('keeps 9 of 10 healthy (90 % of 10) and never more than 10 in service or pending: one at a time', () => {
    expect(Math.min(...healthy)).toBe(9);
    expect(Math.max(...total)).toBe(10);
  });
});

describe('MaxHealthyPercentage above 100: launch before terminating', () => {
  const { world, healthy, total } = healthySeries(refreshScenario({ minHealthyPercentage: 100, maxHealthyPercentage: 130 }), 60);

  it('never below 10 healthy, never above 13 instances, done in batches of 3', () => {
    expect(statuses(world)).toEqual(['InProgress', 'Successful']);
    expect(Math.min(...healthy)).toBe(10);
    expect(Math.max(...total)).toBe(13);
    const launches = events(world, /launched in response to an instance refresh/);
    expect(launches.filter((e) => e.timeS === 300)).toHaveLength(3);
  });
});

describe('MinHealthyPercentage 100 with MaxHealthyPercentage 100: one at a time (AS-IRDEF)', () => {
  it('goes one instance below the group, never two', () => {
    const { world, healthy } = healthySeries(refreshScenario({ minHealthyPercentage: 100 }, { autoScaling: { desiredCapacity: 4 } }), 60);
    expect(statuses(world)).toEqual(['InProgress', 'Successful']);
    expect(Math.min(...healthy)).toBe(3);
  });
});

describe('SuspendProcesses InstanceRefresh', () => {
  it('a suspended refresh starts but replaces nothing', () => {
    const { world } = healthySeries(refreshScenario({}, { autoScaling: { suspendedProcesses: ['InstanceRefresh'] } }), 60);
    expect(statuses(world)).toEqual(['InProgress']);
    expect(events(world, /in response to an instance refresh/)).toHaveLength(0);
  });
});

describe('checkpoints and SkipMatching', () => {
  it('pauses at 50 % for the CheckpointDelay, then finishes', () => {
    const { world } = healthySeries(refreshScenario({ minHealthyPercentage: 80, checkpointPercentages: [50], checkpointDelay: '10m' }), 60);
    const h = world.refresh[0]!.history;
    expect(h.map((x) => x.status)).toEqual(['InProgress', 'Checkpoint', 'Successful']);
    const checkpoint = h[1]!;
    const replacedBefore = events(world, /taken out of service in response to an instance refresh/).filter((e) => e.timeS <= checkpoint.timeS);
    expect(replacedBefore).toHaveLength(5);
    const after = events(world, /taken out of service in response to an instance refresh/).filter((e) => e.timeS > checkpoint.timeS);
    expect(after[0]!.timeS).toBeGreaterThanOrEqual(checkpoint.timeS + 600);
  });

  it('SkipMatching: a second refresh to the same configuration replaces nothing', () => {
    const second = { name: 'again', at: 2400, action: 'start-instance-refresh', preferences: { skipMatching: true }, desiredConfiguration: { instance: { serviceTimeFactor: 0.8 } } };
    const scenario = buildScenario(
      { duration: 3600, traffic: { rate: 150 }, autoScaling: { minSize: 2, maxSize: 20, desiredCapacity: 10, healthCheckType: 'ELB', actions: [{ name: 'deploy', at: 300, action: 'start-instance-refresh', preferences: { instanceWarmup: 60 }, desiredConfiguration: { instance: { serviceTimeFactor: 0.8 } } }, second] } },
      { loadBalancer: { targetGroup: { deregistrationDelay: 15, healthCheck: { interval: 10, healthyThreshold: 2 } } }, instance: { concurrency: 4, serviceTime: { distribution: 'exponential', mean: '50ms' } } },
    );
    const { world } = healthySeries(scenario, 60);
    const again = world.refresh[0]!.history.filter((x) => x.name === 'again');
    expect(again.map((x) => x.status)).toEqual(['InProgress', 'Successful']);
    expect(events(world, /refresh again is InProgress/)[0]!.detail).toContain('replacing 0 instances');
  });
});

describe('a release that fails its health checks', () => {
  const bad = { failsHealthChecks: true };

  it('with AutoRollback: Failed detection, RollbackInProgress, RollbackSuccessful; the group ends on the old version, all healthy', () => {
    const { world } = healthySeries(refreshScenario({ autoRollback: true }, {}, bad), 60);
    expect(statuses(world)).toEqual(['InProgress', 'RollbackInProgress', 'RollbackSuccessful']);
    expect(events(world, /RollbackInProgress/)[0]!.detail).toMatch(/failed its load balancer health checks/);
    let inService = 0;
    for (let t = 0; t < world.instanceTables[0]!.count; t++) {
      if (world.instanceTables[0]!.lifecycle[t] !== Lifecycle.InService) continue;
      inService++;
      expect(world.instanceTables[0]!.version[t]).toBe(0);
    }
    expect(inService).toBe(10);
    expect(world.targetGroups[0]!.hostCounts()).toEqual({ healthy: 10, unhealthy: 0 });
  });

  it('without AutoRollback: Failed, and the group keeps the new configuration (its replacements fail too)', () => {
    const { world } = healthySeries(refreshScenario({}, {}, bad), 60);
    expect(statuses(world)).toEqual(['InProgress', 'Failed']);
    expect(world.groups[0]!.currentVersion).toBe(1);
  });
});

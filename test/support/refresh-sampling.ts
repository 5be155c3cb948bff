/**
 * Samples a run with an instance refresh every second, from the world's own tables, for the
 * refresh tests: healthy capacity (InService, past the refresh's warm-up, healthy in every target
 * group) and InService plus Pending instances, while the refresh is InProgress.
 */
import { World } from '../../core/world.ts';
import { Lifecycle } from '../../core/model/autoscaling/instances.ts';
import type { Scenario } from '../../core/index.ts';

export interface Sampled {
  world: World;
  /** Per second while the refresh is InProgress: healthy warmed InService instances, and InService + Pending. */
  healthy: number[];
  total: number[];
}

/**
 * Runs `scenario`, sampling every second: InService instances every target group reports healthy
 * and past the refresh's warm-up (the fleet of time 0 counts as warmed up), and InService plus
 * Pending ones, while a refresh is InProgress (not during a rollback).
 */
export function healthySeries(scenario: Scenario, warmupS: number, seed = scenario.seed): Sampled {
  const world = new World(scenario, { seed, periods: Math.ceil(scenario.durationS / scenario.periodS), onRoute: null });
  world.start();
  const healthy: number[] = [];
  const total: number[] = [];
  const { members, targetGroups } = world;
  const instances = world.instanceTables[0]!;
  for (let s = 1; s <= scenario.durationS; s++) {
    world.engine.runUntil(s);
    const h = world.refresh[0]!.history;
    const status = h.length > 0 ? h[h.length - 1]!.status : null;
    if (status !== 'InProgress' && status !== 'Checkpoint') continue;
    let ok = 0;
    let all = 0;
    for (let t = 0; t < instances.count; t++) {
      const state = instances.lifecycle[t];
      if (state === Lifecycle.Pending || state === Lifecycle.PendingWait) all++;
      if (state !== Lifecycle.InService) continue;
      all++;
      const since = instances.inServiceS[t]!;
      const warmed = since === 0 || s >= since + warmupS;
      const server = instances.server[t]!;
      const healthyEverywhere = targetGroups.every((tg) => members.health[tg.memberOf(server)] === 1);
      if (warmed && healthyEverywhere) ok++;
    }
    healthy.push(ok);
    total.push(all);
  }
  return { world, healthy, total };
}


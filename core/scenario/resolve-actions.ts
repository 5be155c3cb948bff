/**
 * Resolves the group's timed operations (`autoScaling.actions`, action-schema.ts): names default
 * to `action-N` and must be unique, each falls inside the run, and an instance refresh's
 * preferences get their defaults: the percentages from the group's instance maintenance policy,
 * else 90 and 100 (AS-IRDEF), kept at most 100 apart (AS-IMP); the warm-up from
 * DefaultInstanceWarmup, else the HealthCheckGracePeriod (AS-WARMCOOL); the checkpoint delay
 * 3600 s.
 */
import type { Finding } from './issues.ts';
import type { GroupActionFile } from './action-schema.ts';
import { formatDuration } from './duration.ts';
import { checkUnique, nameOf } from './resolve-scaling.ts';
import type { GroupAction } from './types.ts';


/** What the timed actions need of the group: its warm-up and grace period (the refresh warm-up falls back on them, AS-WARMCOOL). */
export interface ActionContext {
  defaultInstanceWarmupS: number;
  healthCheckGracePeriodS: number;
  /** The group's instance maintenance policy: the refresh's default percentages (AS-IRDEF). */
  maintenance: { minHealthyPercentage: number; maxHealthyPercentage: number } | null;
  durationS?: number;
}

/**
 * The group's timed actions: names default to `action-N` and must be unique; each must fall
 * inside the run. An instance refresh's warm-up falls back to DefaultInstanceWarmup, else the
 * HealthCheckGracePeriod (AS-IRDEF); its checkpoint delay defaults to 3600 s.
 */
export function resolveGroupActions(actions: readonly GroupActionFile[], context: ActionContext, errors: Finding[], base: readonly (string | number)[] = ['autoScaling']): GroupAction[] {
  const ACTIONS = [...base, 'actions'];
  const resolved = actions.map((a, i): GroupAction => {
    if (context.durationS !== undefined && a.at >= context.durationS) {
      errors.push({ path: [...ACTIONS, i, 'at'], anchor: 'value', message: `${formatDuration(a.at)} is not before the end of the run (duration ${formatDuration(context.durationS)})` });
    }
    const name = nameOf(a, 'action', i);
    switch (a.action) {
      case 'set-desired-capacity':
        return { name, atS: a.at, action: a.action, desiredCapacity: a.desiredCapacity, honorCooldown: a.honorCooldown };
      case 'enter-standby':
      case 'detach-instances':
        return { name, atS: a.at, action: a.action, count: a.count, shouldDecrementDesiredCapacity: a.shouldDecrementDesiredCapacity };
      case 'exit-standby':
      case 'attach-instances':
        return { name, atS: a.at, action: a.action, count: a.count };
      case 'start-instance-refresh': {
        const p = a.preferences;
        const warmupS = p.instanceWarmup ?? (context.defaultInstanceWarmupS > 0 ? context.defaultInstanceWarmupS : context.healthCheckGracePeriodS);
        const minPct = p.minHealthyPercentage ?? context.maintenance?.minHealthyPercentage ?? 90;
        const maxPct = p.maxHealthyPercentage ?? context.maintenance?.maxHealthyPercentage ?? 100;
        if (maxPct - minPct > 100) {
          const which = p.maxHealthyPercentage === undefined ? 'minHealthyPercentage' : 'maxHealthyPercentage';
          errors.push({ path: [...ACTIONS, i, 'preferences', which], anchor: p.minHealthyPercentage === undefined && p.maxHealthyPercentage === undefined ? 'key' : 'value', message: `MaxHealthyPercentage ${maxPct} would be more than 100 above MinHealthyPercentage ${minPct} (one of them from the group's instanceMaintenancePolicy); AWS allows a difference of at most 100` });
        }
        const v = a.desiredConfiguration.instance;
        return {
          name,
          atS: a.at,
          action: a.action,
          preferences: {
            minHealthyPercentage: minPct,
            maxHealthyPercentage: maxPct,
            instanceWarmupS: warmupS,
            checkpointPercentages: [...(p.checkpointPercentages ?? [])],
            checkpointDelayS: p.checkpointDelay ?? 3600,
            skipMatching: p.skipMatching,
            autoRollback: p.autoRollback,
          },
          desiredConfiguration: { serviceTimeFactor: v.serviceTimeFactor, bootTime: v.bootTime ? { ...v.bootTime } : null, failsHealthChecks: v.failsHealthChecks },
        };
      }
    }
  });
  checkUnique(resolved.map((a) => a.name), ACTIONS, errors);
  return resolved;
}

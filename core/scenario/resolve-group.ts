/**
 * Resolves the group settings of group-schema.ts against the rest of the scenario: the fleet's
 * zones at time 0 must be the scenario's zones and add up to the desired capacity; lifecycle
 * hooks get names (`hook-N`, unique as AWS requires) and durations in seconds; a warm pool is
 * null when absent. Warnings point at settings that are valid but almost certainly not meant:
 * a launch hook that abandons every launch (AS-HOOK), a warm pool that can never hold an
 * instance (AS-WP).
 */
import type { Finding } from './issues.ts';
import type { LifecycleHookFile, WarmPoolFile } from './group-schema.ts';
import { formatDuration } from './duration.ts';
import { checkUnique } from './resolve-scaling.ts';
import { didYouMean } from './suggest.ts';
import type { LifecycleHook, WarmPool } from './types.ts';

type Base = readonly (string | number)[];

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * Instances per zone at time 0, with every scenario zone listed (0 where the file leaves it
 * out), in the scenario's zone order. `desired` is the resolved desired capacity; `desiredGiven`
 * whether the file wrote it, for the message.
 */
export function resolveInitialZones(
  perZone: Readonly<Record<string, number>>,
  zones: readonly string[] | undefined,
  desired: number,
  desiredGiven: boolean,
  errors: Finding[],
  base: Base,
): Record<string, number> {
  const PER_ZONE = [...base, 'initialInstancesPerZone'];
  if (zones) {
    for (const zone of Object.keys(perZone)) {
      if (!zones.includes(zone)) errors.push({ path: [...PER_ZONE, zone], anchor: 'key', message: `\`${zone}\` is not one of the scenario's zones (${zones.join(', ')})${didYouMean(zone, zones)}` });
    }
  }
  const total = Object.values(perZone).reduce((sum, n) => sum + n, 0);
  if (total !== desired) {
    const capacity = `desiredCapacity is ${desired}${desiredGiven ? '' : ' (the default)'}`;
    errors.push({ path: [...PER_ZONE], anchor: 'value', message: `the zones add up to ${plural(total, 'instance')} but ${capacity}; the counts must add up to the desired capacity` });
  }
  if (!zones) return { ...perZone };
  return Object.fromEntries(zones.map((zone) => [zone, perZone[zone] ?? 0]));
}

/** A hook that does not call CompleteLifecycleAction within its heartbeat timeout lets DefaultResult decide. */
function checkHook(hook: LifecycleHook, i: number, given: LifecycleHookFile, warnings: Finding[], HOOKS: Base): void {
  const timesOut = hook.completesAfterS === null || hook.completesAfterS > hook.heartbeatTimeoutS;
  if (!timesOut) return;
  const path = given.completesAfter === undefined ? [...HOOKS, i] : [...HOOKS, i, 'completesAfter'];
  const timeout = `heartbeatTimeout ${formatDuration(hook.heartbeatTimeoutS)}`;
  const why = hook.completesAfterS === null ? `without completesAfter, \`${hook.name}\` never completes` : `completesAfter ${formatDuration(hook.completesAfterS)} is longer than ${timeout}`;
  if (hook.transition === 'autoscaling:EC2_INSTANCE_LAUNCHING' && hook.defaultResult === 'ABANDON') {
    warnings.push({ path, anchor: 'value', message: `${why}, so every launch waits out the ${timeout} and is then abandoned (DefaultResult ABANDON): no launched instance reaches InService` });
  } else if (hook.completesAfterS !== null) {
    warnings.push({ path, anchor: 'value', message: `${why}; the timeout ends the wait first and DefaultResult ${hook.defaultResult} applies` });
  }
}

export function resolveLifecycleHooks(hooks: readonly LifecycleHookFile[], errors: Finding[], warnings: Finding[], base: Base): LifecycleHook[] {
  const HOOKS = [...base, 'lifecycleHooks'];
  const resolved = hooks.map((h, i): LifecycleHook => {
    const hook: LifecycleHook = {
      name: h.name ?? `hook-${i + 1}`,
      transition: h.transition,
      heartbeatTimeoutS: h.heartbeatTimeout,
      defaultResult: h.defaultResult,
      completesAfterS: h.completesAfter ?? null,
    };
    checkHook(hook, i, h, warnings, HOOKS);
    return hook;
  });
  checkUnique(resolved.map((h) => h.name), HOOKS, errors);
  return resolved;
}

export interface GroupLimits {
  minSize: number;
  maxSize: number;
  /** Scheduled actions or predictive scaling may move the limits during the run. */
  limitsMayChange: boolean;
}

/**
 * The warm pool, or null. Its size is (maxGroupPreparedCapacity, else maxSize) − desired, at
 * least its minSize (AS-WP); AWS accepts any maxGroupPreparedCapacity of 0 or more, so a pool
 * that can never hold an instance is only a warning.
 */
export function resolveWarmPool(pool: WarmPoolFile | undefined, group: GroupLimits, warnings: Finding[], base: Base): WarmPool | null {
  if (!pool) return null;
  const prepared = pool.maxGroupPreparedCapacity ?? group.maxSize;
  if (pool.minSize === 0 && prepared <= group.minSize && !group.limitsMayChange) {
    const what = pool.maxGroupPreparedCapacity === undefined ? `the group's maxSize (${prepared})` : `maxGroupPreparedCapacity ${prepared}`;
    warnings.push({
      path: [...base, 'warmPool', ...(pool.maxGroupPreparedCapacity === undefined ? [] : ['maxGroupPreparedCapacity'])],
      anchor: 'value',
      message: `the warm pool stays empty: its size is ${what} minus the desired capacity, which never falls below minSize ${group.minSize}, and warmPool.minSize is 0`,
    });
  }
  return {
    minSize: pool.minSize,
    maxGroupPreparedCapacity: pool.maxGroupPreparedCapacity ?? null,
    poolState: pool.poolState,
    reuseOnScaleIn: pool.reuseOnScaleIn,
    warmStartTime: { ...pool.warmStartTime },
  };
}

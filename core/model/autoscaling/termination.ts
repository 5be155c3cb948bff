/**
 * Which instances a scale-in terminates: AZ balance first, then the group's termination
 * policies in order, and never an instance protected from scale-in (AS-TERM, AS-PROT;
 * aws-behaviour §6.11, §6.12).
 *
 * For each instance to remove, Auto Scaling finds the Availability Zone (or zones, if tied) with
 * the most instances among those that still hold at least one unprotected instance, and applies
 * the termination policies to the unprotected instances there. Balance outranks every policy.
 *
 * The policies, each narrowing the candidates until one is left:
 * - `Default`: instances on the oldest launch template version (configurations before
 *   templates), then those closest to the next billing hour, then one at random.
 * - `OldestLaunchTemplate`: the oldest launch template version.
 * - `ClosestToNextInstanceHour`: the least time left in the current billing hour, counted from
 *   launch (an instance launched at 0 is 10 min from its next hour at 50 min).
 * - `OldestInstance` / `NewestInstance`: the earliest / latest launch.
 * - `OldestLaunchConfiguration`, `AllocationStrategy`: accepted and ignored — elbsim has no
 *   launch configurations, and with a mixed instances policy the group picks the market to
 *   scale in from before these policies run (group.ts `scaleInMixed`).
 * When the listed policies leave a tie, the default policy decides [inferred: AWS requires
 * `Default` to be last when listed]. An instance without `launchTemplateVersion` counts as on
 * the current version (newest).
 *
 * If every remaining instance is protected, fewer ids than asked come back; AWS still lowers the
 * desired capacity and reports `ALL_PROTECTED_MESSAGE` (activity.ts).
 *
 * Randomness: one draw from `random` (uniform in [0, 1)) per genuine tie, none otherwise.
 */

import type { TerminationPolicyName } from '../../scenario/types.ts';

/** AWS's predefined termination policies (the scenario type is the one list of them). */
export type TerminationPolicy = TerminationPolicyName;

export interface TerminationCandidate {
  id: string;
  zone: string;
  launchS: number;
  /** Launch template version the instance was launched from; absent = the current one. */
  launchTemplateVersion?: number;
  protectedFromScaleIn: boolean;
}

const HOUR_S = 3600;
/** Launch times and clocks are whole or near-whole seconds; closer than this counts as a tie. */
const TIE_EPSILON = 1e-9;

/** Seconds until the instance's next billing hour starts, hours counted from its launch. */
export function secondsToNextInstanceHour(launchS: number, nowS: number): number {
  const intoHour = (((nowS - launchS) % HOUR_S) + HOUR_S) % HOUR_S;
  return HOUR_S - intoHour;
}

/** The candidates with the smallest `key` (ties kept, in input order). */
function keepSmallest(candidates: readonly TerminationCandidate[], key: (c: TerminationCandidate) => number): TerminationCandidate[] {
  let best = Infinity;
  for (const c of candidates) best = Math.min(best, key(c));
  return candidates.filter((c) => key(c) <= best + TIE_EPSILON);
}

function pickAtRandom(candidates: readonly TerminationCandidate[], random: () => number): TerminationCandidate[] {
  if (candidates.length <= 1) return [...candidates];
  const index = Math.min(candidates.length - 1, Math.floor(random() * candidates.length));
  return [candidates[index]!];
}

function applyPolicy(policy: TerminationPolicy, candidates: TerminationCandidate[], nowS: number, random: () => number): TerminationCandidate[] {
  switch (policy) {
    case 'Default': {
      const oldest = keepSmallest(candidates, (c) => c.launchTemplateVersion ?? Infinity);
      const closest = keepSmallest(oldest, (c) => secondsToNextInstanceHour(c.launchS, nowS));
      return pickAtRandom(closest, random);
    }
    case 'OldestLaunchTemplate':
      return keepSmallest(candidates, (c) => c.launchTemplateVersion ?? Infinity);
    case 'ClosestToNextInstanceHour':
      return keepSmallest(candidates, (c) => secondsToNextInstanceHour(c.launchS, nowS));
    case 'OldestInstance':
      return keepSmallest(candidates, (c) => c.launchS);
    case 'NewestInstance':
      return keepSmallest(candidates, (c) => -c.launchS);
    case 'OldestLaunchConfiguration':
    case 'AllocationStrategy':
      return candidates;
  }
}

/** The unprotected instances of the zone(s) with the most instances among zones that have one. */
export function candidatesInFullestZones(instances: readonly TerminationCandidate[]): TerminationCandidate[] {
  const counts = new Map<string, number>();
  const hasUnprotected = new Set<string>();
  for (const i of instances) {
    counts.set(i.zone, (counts.get(i.zone) ?? 0) + 1);
    if (!i.protectedFromScaleIn) hasUnprotected.add(i.zone);
  }
  let most = 0;
  for (const zone of hasUnprotected) most = Math.max(most, counts.get(zone)!);
  return instances.filter((i) => !i.protectedFromScaleIn && counts.get(i.zone) === most);
}

/**
 * The ids of up to `count` instances to terminate, in the order chosen. `policies` are the
 * group's `TerminationPolicies` (empty = `Default`); `nowS` is the simulated time (for billing
 * hours); `random` a uniform source in [0, 1) used only to break ties.
 */
export function chooseInstancesToTerminate(
  instances: readonly TerminationCandidate[],
  count: number,
  policies: readonly TerminationPolicy[],
  nowS: number,
  random: () => number,
): string[] {
  const order: TerminationPolicy[] = policies[policies.length - 1] === 'Default' ? [...policies] : [...policies, 'Default'];
  let remaining = [...instances];
  const chosen: string[] = [];
  for (let n = 0; n < Math.floor(count); n++) {
    let candidates = candidatesInFullestZones(remaining);
    if (candidates.length === 0) break;
    for (const policy of order) {
      if (candidates.length <= 1) break;
      candidates = applyPolicy(policy, candidates, nowS, random);
    }
    const victim = candidates[0]!;
    chosen.push(victim.id);
    remaining = remaining.filter((i) => i !== victim);
  }
  return chosen;
}

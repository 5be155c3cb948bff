/**
 * Keeping the group spread evenly over its Availability Zones (AS-BEN, AS-AZDIST, AS-SUSP;
 * aws-behaviour §6.11).
 *
 * Launches go to the enabled zone with the fewest instances; if that zone cannot launch, the
 * next-fewest is tried (`balanced-best-effort`, the default). AWS picks a random subnet within a
 * zone and does not say how it breaks ties between zones; elbsim takes the zone listed first in
 * the group's zone list, so runs are reproducible without a random draw.
 *
 * When zones fall out of balance — a failed zone recovers, instances are terminated or
 * detached — the AZRebalance process evens them out by launching in the short zones first and
 * only then terminating in the long ones, so capacity never dips. While it does, the group may
 * exceed MaxSize by 10 % of MaxSize or 1 instance, whichever is greater.
 */

/** Instance counts per zone; a zone missing from the record has 0. */
export type ZoneCounts = Readonly<Record<string, number>>;

/**
 * The zone for the next launch: the one in `availableZones` (the group's zones that can launch
 * now, in the group's order) with the fewest instances; ties go to the first listed. Null when
 * no zone is available.
 */
export function zoneForLaunch(countsByZone: ZoneCounts, availableZones: readonly string[]): string | null {
  let best: string | null = null;
  let fewest = Infinity;
  for (const zone of availableZones) {
    const count = countsByZone[zone] ?? 0;
    if (count < fewest) {
      best = zone;
      fewest = count;
    }
  }
  return best;
}

/**
 * How far the group may exceed MaxSize while rebalancing: 10 % of `maxSize` or 1, whichever is
 * greater. 10 % is rounded down to whole instances [inferred: AWS gives no rounding].
 */
export function rebalanceHeadroom(maxSize: number): number {
  return Math.max(1, Math.floor(maxSize / 10));
}

export interface ZoneShift {
  zone: string;
  count: number;
}

export interface RebalancePlan {
  /** The balanced count of every zone: each within 1 of the others, the total unchanged. */
  target: Record<string, number>;
  /** Zones to launch in first, with how many each, in the group's zone order. */
  launch: ZoneShift[];
  /** Zones to terminate in once the launches are in service, with how many each. */
  terminate: ZoneShift[];
  /** Instances to move: the sum of `launch` counts, equal to the sum of `terminate` counts. */
  moves: number;
}

/**
 * What AZRebalance would do with `countsByZone`: list every enabled zone, in the group's order
 * (a zone with no instances as 0). The total N spreads as floor(N / Z) per zone, with the
 * N mod Z spare instances left in the zones that already hold the most (first listed on ties),
 * so the fewest instances move.
 */
export function rebalancePlan(countsByZone: ZoneCounts): RebalancePlan {
  const zones = Object.keys(countsByZone);
  const total = zones.reduce((sum, z) => sum + countsByZone[z]!, 0);
  const target: Record<string, number> = {};
  if (zones.length === 0) return { target, launch: [], terminate: [], moves: 0 };
  const base = Math.floor(total / zones.length);
  let spare = total - base * zones.length;
  const byCountDescending = zones.map((zone, index) => ({ zone, index, count: countsByZone[zone]! }));
  byCountDescending.sort((a, b) => b.count - a.count || a.index - b.index);
  for (const { zone } of byCountDescending) {
    target[zone] = base + (spare > 0 ? 1 : 0);
    if (spare > 0) spare--;
  }
  const launch: ZoneShift[] = [];
  const terminate: ZoneShift[] = [];
  for (const zone of zones) {
    const difference = target[zone]! - countsByZone[zone]!;
    if (difference > 0) launch.push({ zone, count: difference });
    if (difference < 0) terminate.push({ zone, count: -difference });
  }
  return { target, launch, terminate, moves: launch.reduce((sum, s) => sum + s.count, 0) };
}

/**
 * How many of a plan's launches may start now, with `currentTotal` instances in the group
 * (pending ones included): the rest wait until terminations bring the group back under
 * MaxSize plus the headroom.
 */
export function rebalanceLaunchesAllowed(plan: RebalancePlan, currentTotal: number, maxSize: number): number {
  const room = maxSize + rebalanceHeadroom(maxSize) - currentTotal;
  return Math.max(0, Math.min(plan.moves, room));
}

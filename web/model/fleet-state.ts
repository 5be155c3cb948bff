/**
 * The fleet at one moment of a run, derived from the event log: which instances exist, in
 * which zone, and where each is in its life (EC2 Auto Scaling lifecycle + load balancer health).
 *
 * The log is the single source of truth, as it is for `events.csv`:
 *   launch → pending (Auto Scaling `Pending`: booting, not yet able to pass a health check);
 *   in_service / register → warming (InService and registered, but the target group's health
 *     checks have not yet passed `healthyThreshold` times: AWS's `initial` state);
 *   health healthy → in service; health unhealthy → unhealthy;
 *   drain / deregister → draining (deregistration delay: finishing in-flight requests);
 *   terminate → terminated.
 * Faults are an overlay, not a lifecycle state: a failed target stays InService to EC2 (it is
 * the load balancer's health checks that find it out), so a tile shows "failed" as a badge over
 * whatever state the log gives it. Instances running at time 0 start InService and healthy
 * (contract: "a scenario starts from a running system").
 */
import { loadInPeriod, type InstanceLoad, type SimEvent, type TargetSummary } from '../../core/report/types.ts';
import { formatClock } from '../format/clock.ts';
import { formatPercent } from '../format/numbers.ts';

export const LIFECYCLES = ['pending', 'warming', 'in_service', 'unhealthy', 'draining', 'terminated'] as const;
export type Lifecycle = (typeof LIFECYCLES)[number];

export const LIFECYCLE_LABELS: Record<Lifecycle, string> = {
  pending: 'pending',
  warming: 'warming',
  in_service: 'in service',
  unhealthy: 'unhealthy',
  draining: 'draining',
  terminated: 'terminated',
};

export interface InstanceState {
  id: string;
  zone: string;
  lifecycle: Lifecycle;
  /** Stopped answering (fail-target, fail-zone, terminate-target) and not recovered. */
  failed: boolean;
  /** Service-time multiplier of an active slow-target fault, else null. */
  slowFactor: number | null;
  /** Busy fraction of its worker slots in the period containing the cursor; NaN when unknown. */
  load: number;
  launchS: number;
  /** When the current lifecycle state began. */
  sinceS: number;
  /** With a mixed instances policy: its type and market (`c5.large Spot`). */
  purchase?: string;
  /** A Spot instance that has had its interruption notice: when EC2 interrupts it. */
  interruptionAtS?: number;
}

export interface ZoneColumn {
  zone: string;
  failed: boolean;
  instances: InstanceState[];
}

export interface FleetSnapshot {
  timeS: number;
  zones: ZoneColumn[];
  counts: Record<Lifecycle, number>;
  failed: number;
}

export interface FleetInput {
  zones: readonly string[];
  events: readonly SimEvent[];
  /** The summary's targets: the roster (instances running at time 0 may have no launch event). */
  targets?: readonly TargetSummary[];
  instanceLoad?: Readonly<InstanceLoad>;
  periodS: number;
}

interface Mutable {
  id: string;
  zone: string;
  lifecycle: Lifecycle;
  failed: boolean;
  slowFactor: number | null;
  launchS: number;
  sinceS: number;
  order: number;
  purchase?: string;
  interruptionAtS?: number;
}

/** Index of the first event later than `timeS` (events are in time order). */
export function eventsUpTo(events: readonly SimEvent[], timeS: number): number {
  let lo = 0;
  let hi = events.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (events[mid]!.timeS <= timeS) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The row of the time series whose period contains `timeS` (rows end at period boundaries). */
export function periodIndex(timeS: number, periodS: number, rows: number): number {
  if (rows <= 0 || !(periodS > 0)) return -1;
  const index = Math.ceil(timeS / periodS) - 1;
  return Math.min(rows - 1, Math.max(0, index));
}

/** Derives the fleet at `timeS` from the run's events (pure: the same input gives the same snapshot). */
export function fleetAt(input: FleetInput, timeS: number): FleetSnapshot {
  const instances = new Map<string, Mutable>();
  const zoneFailed = new Map<string, boolean>();
  let order = 0;

  const ensure = (id: string, zone: string, atS: number, lifecycle: Lifecycle): Mutable => {
    let inst = instances.get(id);
    if (!inst) {
      inst = { id, zone, lifecycle, failed: false, slowFactor: null, launchS: atS, sinceS: atS, order: order++ };
      instances.set(id, inst);
    }
    return inst;
  };
  const move = (inst: Mutable, lifecycle: Lifecycle, atS: number): void => {
    if (inst.lifecycle === 'terminated' || inst.lifecycle === lifecycle) return;
    inst.lifecycle = lifecycle;
    inst.sinceS = atS;
  };

  const targetZone = new Map<string, string>();
  for (const target of input.targets ?? []) {
    targetZone.set(target.id, target.zone);
    // Instances running from the start may be announced by no launch event at all.
    if (target.launchS <= 0 && timeS >= 0) ensure(target.id, target.zone, 0, 'in_service');
  }

  const end = eventsUpTo(input.events, timeS);
  for (let i = 0; i < end; i++) {
    const event = input.events[i]!;
    const at = event.timeS;
    // Every event but alarms, scaling activities and zone faults is about one instance.
    const id = event.instance ?? '';
    switch (event.kind) {
      case 'launch': {
        // Launched at time 0 = part of the initial, already running fleet.
        const initial: Lifecycle = at <= 0 ? 'in_service' : 'pending';
        const inst = ensure(id, event.zone ?? targetZone.get(id) ?? '?', at, initial);
        move(inst, initial, at);
        if (event.state !== null) inst.purchase = event.state; // a mixed instances policy's type and market
        break;
      }
      case 'spot': {
        if (event.state === 'interruption-notice' && event.value !== null) ensure(id, targetZone.get(id) ?? '?', at, 'in_service').interruptionAtS = event.value;
        break;
      }
      case 'in_service':
      case 'register': {
        const inst = ensure(id, targetZone.get(id) ?? '?', at, 'warming');
        // The initial fleet is InService and healthy at time 0.
        if (at <= 0) move(inst, 'in_service', at);
        else if (inst.lifecycle === 'pending') move(inst, 'warming', at);
        break;
      }
      case 'health': {
        const inst = ensure(id, targetZone.get(id) ?? '?', at, 'warming');
        if (inst.lifecycle === 'draining') break;
        if (event.state === 'healthy') move(inst, 'in_service', at);
        else if (event.state === 'unhealthy') move(inst, 'unhealthy', at);
        break;
      }
      case 'drain':
      case 'deregister': {
        const inst = ensure(id, targetZone.get(id) ?? '?', at, 'draining');
        move(inst, 'draining', at);
        break;
      }
      case 'terminate': {
        const inst = ensure(id, targetZone.get(id) ?? '?', at, 'terminated');
        move(inst, 'terminated', at);
        inst.failed = false;
        inst.slowFactor = null;
        break;
      }
      case 'fault': {
        const action = event.state ?? '';
        if (event.instance !== null) {
          const inst = ensure(id, targetZone.get(id) ?? '?', at, 'in_service');
          if (action === 'recover-target') {
            inst.failed = false;
            inst.slowFactor = null;
          } else if (action === 'slow-target') {
            inst.slowFactor = event.value;
          } else if (action === 'fail-target' || action === 'terminate-target') {
            inst.failed = inst.lifecycle !== 'terminated';
          }
        } else if (event.zone !== null) {
          if (action === 'fail-zone') zoneFailed.set(event.zone, true);
          else if (action === 'recover-zone') zoneFailed.set(event.zone, false);
        }
        break;
      }
      default:
        break; // alarms and scaling activities do not change an instance directly
    }
  }

  const zoneNames = [...input.zones];
  for (const inst of instances.values()) if (!zoneNames.includes(inst.zone)) zoneNames.push(inst.zone);

  const counts = Object.fromEntries(LIFECYCLES.map((l) => [l, 0])) as Record<Lifecycle, number>;
  let failedCount = 0;
  const rank = (inst: Mutable): number => (inst.lifecycle === 'terminated' ? 1 : 0);
  const zones: ZoneColumn[] = zoneNames.map((zone) => {
    const inZone = [...instances.values()]
      .filter((inst) => inst.zone === zone)
      .sort((a, b) => rank(a) - rank(b) || a.order - b.order);
    const zoneDown = zoneFailed.get(zone) ?? false;
    return {
      zone,
      failed: zoneDown,
      instances: inZone.map((inst) => {
        const failed = inst.lifecycle !== 'terminated' && (inst.failed || zoneDown);
        counts[inst.lifecycle]++;
        if (failed) failedCount++;
        const series = input.instanceLoad?.[inst.id];
        const row = series ? periodIndex(timeS, input.periodS, series.firstPeriod + series.load.length) : -1;
        const load = inst.lifecycle === 'terminated' || !series || row < 0 ? Number.NaN : loadInPeriod(series, row);
        return {
          id: inst.id,
          zone: inst.zone,
          lifecycle: inst.lifecycle,
          failed,
          slowFactor: inst.lifecycle === 'terminated' ? null : inst.slowFactor,
          load,
          launchS: inst.launchS,
          sinceS: inst.sinceS,
          ...(inst.purchase !== undefined ? { purchase: inst.purchase } : {}),
          ...(inst.interruptionAtS !== undefined && inst.lifecycle !== 'terminated' ? { interruptionAtS: inst.interruptionAtS } : {}),
        };
      }),
    };
  });
  return { timeS, zones, counts, failed: failedCount };
}

/** A tile's accessible name and tooltip: `i-0003 · us-east-1c · in service · load 47% · since 00:05:11`. */
export function instanceLabel(inst: InstanceState): string {
  const parts = [inst.id, inst.zone, LIFECYCLE_LABELS[inst.lifecycle]];
  if (inst.failed) parts.push('failed (fault)');
  if (inst.slowFactor) parts.push(`slow ×${inst.slowFactor}`);
  if (inst.purchase) parts.push(inst.purchase);
  if (inst.interruptionAtS !== undefined) parts.push(`Spot interruption at ${formatClock(inst.interruptionAtS, true)}`);
  if (Number.isFinite(inst.load)) parts.push(`load ${formatPercent(inst.load)}`);
  parts.push(`since ${formatClock(inst.sinceS, true)}`);
  return parts.join(' · ');
}

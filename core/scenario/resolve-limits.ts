/**
 * The limits of limits.ts that depend on several keys at once: output periods (duration ÷
 * period), expected requests (the rate schedule integrated over the run) and requests in flight
 * (peak rate × idle timeout, or the fleet's slots and queues, whichever is smaller). Single keys
 * are bounded by the schema itself.
 */
import type { Finding } from './issues.ts';
import { formatCount, LIMITS, limitText } from './limits.ts';
import type { RatePoint } from './types.ts';

/**
 * The requests a run is expected to see: the integral of the piecewise-linear rate schedule from
 * 0 to `durationS`, the rate held before the first point and after the last. O(points).
 */
export function expectedRequests(rate: readonly (readonly [number, number])[], durationS: number): number {
  if (rate.length === 0 || durationS <= 0) return 0;
  let total = 0;
  const first = rate[0]!;
  total += first[1] * Math.min(first[0], durationS);
  for (let i = 1; i < rate.length; i++) {
    const [t0, r0] = rate[i - 1]!;
    const [t1, r1] = rate[i]!;
    if (t0 >= durationS) break;
    const end = Math.min(t1, durationS);
    const rEnd = r0 + ((r1 - r0) * (end - t0)) / (t1 - t0);
    total += ((r0 + rEnd) / 2) * (end - t0);
  }
  const last = rate[rate.length - 1]!;
  if (last[0] < durationS) total += last[1] * (durationS - last[0]);
  return total;
}

/** The highest rate of the schedule over the run. */
export function peakRate(rate: readonly RatePoint[] | readonly (readonly [number, number])[]): number {
  let peak = 0;
  for (const point of rate) peak = Math.max(peak, point[1]);
  return peak;
}

export interface LimitInputs {
  durationS?: number;
  periodS?: number;
  rate?: readonly RatePoint[];
  idleTimeoutS?: number;
  concurrency?: number;
  queueLimit?: number;
  /** The largest fleet the group can ever have (maxSize and every scheduled size). */
  maxFleet?: number;
  /** Where the group's queueLimit is in the file (`instance.queueLimit`, or a group's). */
  queueLimitPath: readonly (string | number)[];
}

function over(errors: Finding[], path: Finding['path'], message: string): void {
  errors.push({ path, message, anchor: 'value' });
}

/** Checks the cross-key limits on what is known (absent parts are skipped). */
export function checkRunLimits(inputs: LimitInputs, errors: Finding[]): void {
  const { durationS, periodS, rate, idleTimeoutS, concurrency, queueLimit, maxFleet } = inputs;
  if (durationS !== undefined && periodS !== undefined && periodS > 0) {
    const periods = Math.ceil(durationS / periodS - 1e-9);
    if (periods > LIMITS.periods.max) {
      over(errors, ['duration'], `${formatCount(periods)} output periods (duration ÷ period) are too many; ${limitText('periods')}; use a longer period or a shorter run`);
    }
  }
  if (rate !== undefined && durationS !== undefined) {
    const requests = expectedRequests(rate, durationS);
    if (requests > LIMITS.expectedRequests.max) {
      over(errors, ['traffic', 'rate'], `the run expects ${formatCount(requests)} requests (the rate over the duration), too many; ${limitText('expectedRequests')}`);
    }
  }
  if (rate !== undefined && idleTimeoutS !== undefined && concurrency !== undefined && queueLimit !== undefined && maxFleet !== undefined) {
    const byRate = peakRate(rate) * idleTimeoutS;
    const byFleet = maxFleet * (concurrency + queueLimit);
    const inFlight = Math.min(byRate, byFleet);
    if (inFlight > LIMITS.inFlight.max) {
      over(errors, [...inputs.queueLimitPath],
        `up to ${formatCount(inFlight)} requests could be in flight at once (the peak rate ${formatCount(peakRate(rate))}/s × idle timeout ${idleTimeoutS} s = ${formatCount(byRate)}, ` +
          `fleet ${formatCount(maxFleet)} × (concurrency ${concurrency} + queueLimit ${queueLimit}) = ${formatCount(byFleet)}); ${limitText('inFlight')}; lower queueLimit or loadBalancer.idleTimeout`);
    }
  }
}

/** What sizes the rule tables and the per-name output columns (resolve-topology.ts's topology). */
export interface TopologyLimitInputs {
  loadBalancers: readonly { listeners: readonly { rules: readonly unknown[] }[] }[];
  targetGroups: number;
  autoScalingGroups: number;
  clientGroups: number;
  requestClasses: number;
  durationS: number | undefined;
  periodS: number | undefined;
  /** Where the traffic's classes or client groups are given, if they are (the rule-check message points there). */
  trafficPath: readonly (string | number)[];
}

/**
 * The cross-key limits of the topology: the rule checks made before the run (every listener's
 * rules, and its default action, against every client group × request class) and the per-name
 * output cells (output periods × the `<metric>__<name>` columns: 2, then 5 per target group, 3
 * per Auto Scaling group and one per rule or default action, counted as if they were written).
 */
export function checkTopologyLimits(inputs: TopologyLimitInputs, errors: Finding[]): void {
  let checks = 0;
  let actions = 0;
  for (const lb of inputs.loadBalancers) {
    for (const listener of lb.listeners) {
      checks += inputs.clientGroups * inputs.requestClasses * (listener.rules.length + 1);
      actions += listener.rules.length + 1;
    }
  }
  if (checks > LIMITS.ruleTableChecks.max) {
    errors.push({ path: [...inputs.trafficPath], anchor: 'key', message:
      `${formatCount(inputs.clientGroups)} client groups × ${formatCount(inputs.requestClasses)} request classes against ${formatCount(actions)} rules and default actions make ${formatCount(checks)} rule checks, too many; ${limitText('ruleTableChecks')}; use fewer client groups or request classes` });
  }
  const { durationS, periodS } = inputs;
  if (durationS === undefined || periodS === undefined || periodS <= 0) return;
  const periods = Math.ceil(durationS / periodS - 1e-9);
  const columns = 2 + 5 * inputs.targetGroups + 3 * inputs.autoScalingGroups + actions;
  if (periods * columns > LIMITS.outputCells.max) {
    errors.push({ path: ['duration'], anchor: 'value', message:
      `${formatCount(periods)} output periods × ${formatCount(columns)} per-name columns (${inputs.targetGroups} target groups, ${inputs.autoScalingGroups} Auto Scaling groups, ${actions} rules and default actions) make ${formatCount(periods * columns)} cells, too many; ${limitText('outputCells')}; use a longer period or a shorter run` });
  }
}

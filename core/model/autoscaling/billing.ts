/**
 * Billing (AS-BILL): EC2 bills instances per second from launch to termination; a warm pool's
 * Stopped or Hibernated instances are not billed for compute while parked.
 */
import type { Instances } from './instances.ts';
import type { WarmPool } from './warm-pool.ts';

/** Instance-hours billed up to `endS`. */
export function instanceHours(instances: Instances, pool: WarmPool, endS: number): number {
  let seconds = 0;
  for (let i = 0; i < instances.count; i++) seconds += billedSeconds(instances, pool, i, endS);
  return seconds / 3600;
}

/** Seconds instance i is billed for up to `endS`: launch to termination (or `endS`), less its parked time in the warm pool. */
function billedSeconds(instances: Instances, pool: WarmPool, i: number, endS: number): number {
  const stop = Number.isNaN(instances.terminateS[i]!) ? endS : instances.terminateS[i]!;
  return stop - instances.launchS[i]! - pool.unbilledSeconds(i, endS);
}

/**
 * Cost up to `endS` at each instance's own price, On-Demand and Spot apart: `price(i)` is the
 * instance's $/hour, negative for a Spot instance (its Spot price).
 */
export function instanceCosts(instances: Instances, pool: WarmPool, endS: number, price: (i: number) => number): { onDemand: number; spot: number } {
  let onDemand = 0;
  let spot = 0;
  for (let i = 0; i < instances.count; i++) {
    const hours = billedSeconds(instances, pool, i, endS) / 3600;
    const p = price(i);
    if (p < 0) spot -= hours * p;
    else onDemand += hours * p;
  }
  return { onDemand, spot };
}

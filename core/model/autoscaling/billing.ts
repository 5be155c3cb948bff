/**
 * Billing (AS-BILL): EC2 bills instances per second from launch to termination; a warm pool's
 * Stopped or Hibernated instances are not billed for compute while parked.
 */
import type { Instances } from './instances.ts';
import type { WarmPool } from './warm-pool.ts';

/** Instance-hours billed up to `endS`. */
export function instanceHours(instances: Instances, pool: WarmPool, endS: number): number {
  let seconds = 0;
  for (let i = 0; i < instances.count; i++) {
    const stop = Number.isNaN(instances.terminateS[i]!) ? endS : instances.terminateS[i]!;
    seconds += stop - instances.launchS[i]! - pool.unbilledSeconds(i, endS);
  }
  return seconds / 3600;
}

/**
 * Instance warm-up (AS-DIW, AS-WARMCOOL; aws-behaviour §6.4): each policy's own
 * EstimatedInstanceWarmup (resolved along policy → DefaultInstanceWarmup → DefaultCooldown)
 * decides which instances that policy counts as still warming up, as AWS does.
 *
 * The group metric (CPU, network) leaves warming instances out, and elbsim publishes one group
 * metric, not one per policy: it excludes an instance for the longest warm-up of the group's
 * policies (`groupMetricWarmupS`). So a policy with a shorter warm-up reads a metric that
 * leaves a new instance out for at most (longest − its own) seconds more than AWS would, and
 * never for less than its own warm-up. With one warm-up for all (DefaultInstanceWarmup and no
 * per-policy value, the setting AWS recommends) there is no difference.
 */

/**
 * How long the group metric leaves a new InService instance out: the longest warm-up among the
 * policies that use one, or the group's DefaultInstanceWarmup when no policy does.
 */
export function groupMetricWarmupS(defaultInstanceWarmupS: number, policyWarmupsS: readonly number[]): number {
  if (policyWarmupsS.length === 0) return Math.max(0, defaultInstanceWarmupS);
  return Math.max(0, ...policyWarmupsS);
}

/** Whether an instance InService since `inServiceS` is still in a warm-up of `warmupS` at `nowS`. */
export function stillWarming(inServiceS: number, warmupS: number, nowS: number): boolean {
  return inServiceS + warmupS > nowS;
}

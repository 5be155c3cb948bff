/**
 * The Auto Scaling group's settings beyond sizes, policies and scheduled actions, with AWS's
 * names, defaults and ranges (aws-behaviour.md §6.1, §6.11–6.14): the fleet's zones at time 0,
 * termination policies, scale-in protection, lifecycle hooks (`PutLifecycleHook`), a warm pool
 * (`PutWarmPool`) and suspended processes (`SuspendProcesses`). Also the top-level `cloudWatch`
 * block: settings AWS does not document a value for (§5.6, §6.7), which elbsim makes parameters.
 *
 * Rules that need another part of the scenario (zones, desired capacity) are checked in
 * resolve-group.ts. Part of schema.ts, split out to keep files short.
 */
import * as z from 'zod';
import type { Distribution, LifecycleHook, SuspendableProcess, TerminationPolicyName } from './types.ts';
import { distribution } from './distribution.ts';
import { list, section, strictObject } from './objects.ts';
import { didYouMean, listAllowed } from './suggest.ts';
import { compositeAlarm, standaloneAlarm } from './alarm-schema.ts';
import { describe, duration, fail, flag, integer, MISSING, number, oneOf, text } from './values.ts';

/** AWS's predefined termination policies (AS-TERM); a Lambda custom policy is not modelled. */
export const TERMINATION_POLICIES = [
  'Default', 'AllocationStrategy', 'OldestLaunchTemplate', 'OldestLaunchConfiguration', 'ClosestToNextInstanceHour', 'NewestInstance', 'OldestInstance',
] as const satisfies readonly TerminationPolicyName[];

/** The processes elbsim models that `SuspendProcesses` can stop (AS-SUSP). */
export const SUSPENDABLE_PROCESSES = [
  'Launch', 'Terminate', 'HealthCheck', 'ReplaceUnhealthy', 'AZRebalance', 'AlarmNotification', 'ScheduledActions', 'InstanceRefresh',
] as const satisfies readonly SuspendableProcess[];

/** AWS processes that exist but have nothing to act on in elbsim. */
const UNMODELLED_PROCESSES: Readonly<Record<string, string>> = {
  AddToLoadBalancer: 'every instance registers with the target group',
};

const LAUNCHING = 'autoscaling:EC2_INSTANCE_LAUNCHING';
const TERMINATING = 'autoscaling:EC2_INSTANCE_TERMINATING';

/** AWS's `LifecycleTransition` values, and the short forms elbsim also accepts. */
export const LIFECYCLE_TRANSITIONS: Readonly<Record<string, LifecycleHook['transition']>> = {
  [LAUNCHING]: LAUNCHING,
  [TERMINATING]: TERMINATING,
  launching: LAUNCHING,
  terminating: TERMINATING,
};

/** elbsim's stand-in for the time a warm-pool instance takes to reach InService [observed ~30 s, OBS-WP]. */
export const DEFAULT_WARM_START_S = 30;

/** A name from a fixed list, with a dedicated message for names AWS has but elbsim does not model. */
function named<const T extends string>(values: readonly T[], what: string, aws: string, unmodelled: (value: string) => string | undefined) {
  return z.unknown().transform((value, ctx): T => {
    if (value === undefined) return fail(ctx, `${MISSING}; allowed: ${listAllowed(values)}`);
    if (typeof value === 'string' && (values as readonly string[]).includes(value)) return value as T;
    const why = typeof value === 'string' ? unmodelled(value) : undefined;
    if (why) return fail(ctx, `${describe(value)} ${why}; allowed: ${listAllowed(values)} (AWS ${aws})`);
    const hint = typeof value === 'string' ? didYouMean(value, values) : '';
    return fail(ctx, `${describe(value)} is not ${what}; allowed: ${listAllowed(values)} (AWS ${aws})${hint}`);
  });
}

const terminationPolicy = named(TERMINATION_POLICIES, 'a termination policy', 'TerminationPolicies', (v) =>
  v.startsWith('arn:') ? 'is a custom termination policy (a Lambda function), which elbsim does not model' : undefined,
);

/** AWS: `Default`, when listed, must come last (AS-TERM). */
export const terminationPolicies = list(terminationPolicy, { min: 1, what: 'termination policy', unique: true }).superRefine((items, ctx) => {
  const at = items.indexOf('Default');
  if (at >= 0 && at < items.length - 1) {
    ctx.addIssue({ code: 'custom', path: [at], message: 'Default must be the last termination policy listed (AWS applies the others first and Default to what they leave tied); move it to the end' });
  }
});

const suspendableProcess = named(SUSPENDABLE_PROCESSES, 'a process elbsim models', 'SuspendProcesses', (v) =>
  Object.hasOwn(UNMODELLED_PROCESSES, v) ? `is an AWS process elbsim does not model (${UNMODELLED_PROCESSES[v]})` : undefined,
);

export const suspendedProcesses = list(suspendableProcess, { what: 'process', unique: true });

/** Zone → instances at time 0. Whether the zones exist and the counts add up is checked in resolve-group.ts. */
export const initialInstancesPerZone = z.record(z.string(), integer({ min: 0, limit: 'fleetSize' }));

const transition = oneOf(Object.keys(LIFECYCLE_TRANSITIONS), { what: 'a lifecycle transition', aws: 'LifecycleTransition' }).transform((t) => LIFECYCLE_TRANSITIONS[t]!);

export const lifecycleHook = strictObject({
  name: text({ nonEmpty: true }).optional(),
  transition,
  heartbeatTimeout: duration({ min: 30, max: 7200, aws: 'HeartbeatTimeout' }).default(3600),
  defaultResult: oneOf(['ABANDON', 'CONTINUE'], { aws: 'DefaultResult' }).default('ABANDON'),
  completesAfter: duration().optional(),
});

/** AWS allows up to 50 lifecycle hooks per group (AS-Q); several may share a transition, and all of them run. */
export const MAX_LIFECYCLE_HOOKS = 50;

export const lifecycleHooks = list(lifecycleHook).superRefine((hooks, ctx) => {
  if (hooks.length > MAX_LIFECYCLE_HOOKS) {
    ctx.addIssue({ code: 'custom', path: [MAX_LIFECYCLE_HOOKS], message: `${hooks.length} lifecycle hooks are more than AWS allows per group (${MAX_LIFECYCLE_HOOKS})` });
  }
});

export const warmPool = strictObject({
  minSize: integer({ min: 0, aws: 'MinSize', limit: 'fleetSize' }).default(0),
  maxGroupPreparedCapacity: integer({
    limit: 'fleetSize',
    rule: (n) => (n < 0 ? `${n} is too small; allowed 0 or more (AWS MaxGroupPreparedCapacity); leave the key out for the group's maxSize, as AWS's -1 does` : undefined),
  }).optional(),
  poolState: oneOf(['Stopped', 'Running', 'Hibernated'], { aws: 'PoolState' }).default('Stopped'),
  reuseOnScaleIn: flag().default(false),
  warmStartTime: distribution().default((): Distribution => ({ distribution: 'constant', value: DEFAULT_WARM_START_S })),
});

/** AlarmLow sits strictly below the target, or it would fire whenever AlarmHigh is quiet (the model refuses 1 too). */
function lowRatio(ratio: number, shown: string): string | undefined {
  return ratio > 0 && ratio < 1 ? undefined : `${shown} is out of range; allowed more than 0 and less than 1 (the scale-in alarm's threshold as a fraction of the target value, observed 0.7 to 0.9)`;
}

/**
 * CloudWatch settings AWS documents no value for: when a minute's datapoint becomes visible to
 * alarms [observed ~1 min], and the shape of the alarms a target tracking policy creates
 * [observed 3 of 3 above the target, 15 of 15 below 90 % of it, OBS-TT1].
 */
export const cloudWatch = section({
  publicationDelay: duration({ min: 0, max: 600 }).default(60),
  targetTrackingHighDatapoints: integer({ min: 1, max: 60 }).default(3),
  targetTrackingLowDatapoints: integer({ min: 1, max: 60 }).default(15),
  targetTrackingLowRatio: number({ rule: lowRatio }).default(0.9),
  // Alarms with no action, for their state alone (resolve-alarms.ts): metric alarms, and composite alarms over them.
  alarms: list(standaloneAlarm, { what: 'alarm' }).optional(),
  compositeAlarms: list(compositeAlarm, { what: 'composite alarm' }).optional(),
});

export type LifecycleHookFile = z.output<typeof lifecycleHook>;
export type WarmPoolFile = z.output<typeof warmPool>;
export type CloudWatchFile = z.output<typeof cloudWatch>;

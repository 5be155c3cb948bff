/**
 * The scenario schema of the group's timed operations and replacement settings, with AWS's
 * names, defaults and ranges: `autoScaling.actions` (SetDesiredCapacity, EnterStandby,
 * ExitStandby, DetachInstances, AttachInstances, StartInstanceRefresh and its Preferences),
 * `maxInstanceLifetime` (AS-MIL) and `instanceMaintenancePolicy` (AS-IMP). Resolved by
 * resolve-actions.ts. Part of schema.ts, split out to keep files short.
 */
import * as z from 'zod';
import { distribution } from './distribution.ts';
import { AT_KEY, list, strictObject } from './objects.ts';
import { duration, flag, integer, number, text } from './values.ts';

const name = text({ nonEmpty: true }).optional();

/** AWS takes at most 20 instance ids per EnterStandby, ExitStandby, DetachInstances and AttachInstances call. */
export const INSTANCES_PER_CALL = 20;

const instanceCount = integer({ min: 1, max: INSTANCES_PER_CALL, aws: 'InstanceIds (up to 20 per call)' }).default(1);
const shouldDecrement = flag();

/** AWS: MaxHealthyPercentage at most 100 above MinHealthyPercentage (AS-IMP). */
function checkHealthyRange(p: { minHealthyPercentage?: number | undefined; maxHealthyPercentage?: number | undefined }, ctx: z.RefinementCtx): void {
  if (p.minHealthyPercentage !== undefined && p.maxHealthyPercentage !== undefined && p.maxHealthyPercentage - p.minHealthyPercentage > 100) {
    ctx.addIssue({ code: 'custom', path: ['maxHealthyPercentage'], message: `${p.maxHealthyPercentage} is more than 100 above minHealthyPercentage ${p.minHealthyPercentage}; AWS allows a difference of at most 100` });
  }
}

/**
 * The group's InstanceMaintenancePolicy (AS-IMP): both percentages, as AWS requires. It is the
 * default of an instance refresh's preferences, and above 100 % it makes replacements for the
 * maximum instance lifetime launch before they terminate.
 */
export const instanceMaintenancePolicy = strictObject({
  minHealthyPercentage: integer({ min: 0, max: 100, aws: 'MinHealthyPercentage' }),
  maxHealthyPercentage: integer({ min: 100, max: 200, aws: 'MaxHealthyPercentage' }),
}).superRefine(checkHealthyRange);

/** StartInstanceRefresh `Preferences` (AS-IR, AS-IRDEF): defaults are the CLI/SDK ones (90 and 100), or the group's instance maintenance policy. */
const refreshPreferences = strictObject({
  minHealthyPercentage: integer({ min: 0, max: 100, aws: 'MinHealthyPercentage' }).optional(),
  maxHealthyPercentage: integer({ min: 100, max: 200, aws: 'MaxHealthyPercentage' }).optional(),
  instanceWarmup: duration({ min: 0, aws: 'InstanceWarmup' }).optional(),
  checkpointPercentages: list(integer({ min: 1, max: 100, aws: 'CheckpointPercentages' }), { unique: true }).optional(),
  checkpointDelay: duration({ min: 0, max: 172800, aws: 'CheckpointDelay' }).optional(),
  skipMatching: flag().default(false),
  autoRollback: flag().default(false),
}).superRefine((p, ctx) => {
  checkHealthyRange(p, ctx);
  const points = p.checkpointPercentages ?? [];
  points.forEach((v, i) => {
    if (i > 0 && v <= points[i - 1]!) ctx.addIssue({ code: 'custom', path: ['checkpointPercentages', i], message: `${v} is not above ${points[i - 1]}; checkpoints go in ascending order (AWS CheckpointPercentages)` });
  });
  if (p.checkpointDelay !== undefined && points.length === 0) {
    ctx.addIssue({ code: 'custom', path: ['checkpointDelay'], message: 'only applies with checkpointPercentages (AWS CheckpointDelay)', params: AT_KEY });
  }
});

/** StartInstanceRefresh `DesiredConfiguration`: what the new "launch template version" changes about the instances. */
const desiredConfiguration = strictObject({
  instance: strictObject({
    serviceTimeFactor: number({ above: 0 }).default(1),
    bootTime: distribution().optional(),
    failsHealthChecks: flag().default(false),
  }),
});

/** `autoScaling.actions[]`: one manual or API operation at `at`, selected by `action`. */
export const groupAction = z.discriminatedUnion('action', [
  strictObject({ name, at: duration(), action: z.literal('set-desired-capacity'), desiredCapacity: integer({ min: 0, aws: 'DesiredCapacity', limit: 'fleetSize' }), honorCooldown: flag().default(false) }),
  strictObject({ name, at: duration(), action: z.literal('enter-standby'), count: instanceCount, shouldDecrementDesiredCapacity: shouldDecrement }),
  strictObject({ name, at: duration(), action: z.literal('exit-standby'), count: instanceCount }),
  strictObject({ name, at: duration(), action: z.literal('detach-instances'), count: instanceCount, shouldDecrementDesiredCapacity: shouldDecrement }),
  strictObject({ name, at: duration(), action: z.literal('attach-instances'), count: instanceCount }),
  strictObject({ name, at: duration(), action: z.literal('start-instance-refresh'), preferences: refreshPreferences.default(() => refreshPreferences.parse({})), desiredConfiguration }),
]);

export type GroupActionFile = z.output<typeof groupAction>;

/** AWS `MaxInstanceLifetime`: 0 (not set) or at least 86,400 s, one day (AS-MIL). */
export const maxInstanceLifetime = duration({
  aws: 'MaxInstanceLifetime',
  rule: (s, shown) => (s === 0 || s >= 86400 ? undefined : `${shown} is out of range; allowed 0s (not set) or at least 1d (86400s) (AWS MaxInstanceLifetime)`),
});

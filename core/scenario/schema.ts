/**
 * The scenario file schema: every key, its default and its allowed range, with AWS's names for
 * what they mirror. Defaults are the AWS API defaults. The user-facing reference,
 * docs/scenario-reference.md, is generated from this file (`npm run docs:reference`). Defaults that depend on the load balancer type (cross-zone,
 * algorithm, health check settings) are tables here, applied by resolve.ts, because a key's
 * default cannot depend on a sibling inside zod. Scaling policies, alarms and scheduled actions
 * live in scaling-schema.ts; the group's other settings and the `cloudWatch` block in
 * group-schema.ts.
 */
import * as z from 'zod';
import type { Distribution, RatePoint } from './types.ts';
import { distribution } from './distribution.ts';
import { list, section, strictObject } from './objects.ts';
import { rateSchedule } from './rate-schedule.ts';
import { cloudWatch, initialInstancesPerZone, lifecycleHooks, suspendedProcesses, terminationPolicies, warmPool } from './group-schema.ts';
import { cloudWatchPeriod, policy, scheduledAction } from './scaling-schema.ts';
import { groupAction, instanceMaintenancePolicy, maxInstanceLifetime } from './action-schema.ts';
import { duration, flag, integer, number, oneOf, text } from './values.ts';
import { clientGroupSchema, requestClassSchema } from './topology-schema.ts';
import { mixedInstancesPolicy } from './spot-schema.ts';

export { ALGORITHMS, ALGORITHMS_BY_TYPE, CROSS_ZONE_DEFAULT, DEFAULT_ALGORITHM, HEALTH_CHECK_DEFAULTS, HEALTH_CHECK_TIMEOUT_MAX, LOAD_BALANCER_TYPES, LOAD_BALANCER_DEFAULTS, SLOW_START_TYPES, TARGET_GROUP_DEFAULTS } from './load-balancer-schema.ts';
import { dns, loadBalancer, loadBalancerItem, LOAD_BALANCER_DEFAULTS, TARGET_GROUP_DEFAULTS } from './load-balancer-schema.ts';

/**
 * Without an `autoScaling` block the fleet is fixed at this many instances. With the block,
 * sizes resolve as: none given → this fixed fleet; only desiredCapacity → a fixed fleet of that
 * size; otherwise minSize and maxSize are both required (AWS requires both) and desiredCapacity
 * defaults to minSize (CFN-ASG).
 */
export const DEFAULT_FLEET_SIZE = 2;

/** Not an AWS value: light load for the default fleet (2 × 2 slots at 100 ms mean ⇒ 40 req/s). */
export const DEFAULT_RATE = 10;

export const FAULT_ACTIONS = ['fail-target', 'terminate-target', 'fail-zone', 'slow-target', 'fail-health-check', 'spot-interruption', 'set-weights'] as const;

/** Figures an `expect:` block may bound (`elbsim check`). */
export const EXPECT_FIGURES = [
  'latencyMsP50', 'latencyMsP99', 'latencyMsMean', 'elb5xxRate', 'cost', 'capacityMax', 'instanceHours', 'healthyHostsMin', 'requests',
  'clientLatencyMsP50', 'clientLatencyMsP99', 'clientLatencyMsMean',
] as const;
export type ExpectFigure = (typeof EXPECT_FIGURES)[number];


/**
 * Output times are written to the millisecond, so a run that ends between two milliseconds would
 * write its last, partial period with the same time as the one before it (10.0004 s with 10 s
 * periods: two rows at 10.000).
 */
function wholeMilliseconds(seconds: number, shown: string): string | undefined {
  const ms = seconds * 1000;
  return Math.abs(ms - Math.round(ms)) <= 1e-6 * Math.max(1, ms) ? undefined : `${shown} is not a whole number of milliseconds; output times are written to the millisecond, so give the run's length in whole milliseconds`;
}

const traffic = section({
  rate: rateSchedule().default((): RatePoint[] => [[0, DEFAULT_RATE]]),
  arrivals: oneOf(['poisson', 'uniform'], { what: 'an arrival process' }).default('poisson'),
  clients: integer({ min: 1, limit: 'clients' }).optional(),
  clientGroups: list(clientGroupSchema, { min: 1, what: 'client group', limit: 'clientGroups' }).optional(),
  requests: list(requestClassSchema, { min: 1, what: 'request class', limit: 'requestClasses' }).optional(),
});

/** Distinct client addresses when the file gives neither `clients` nor `clientGroups`. */
export const DEFAULT_CLIENTS = 1000;

const autoScalingShape = {
  minSize: integer({ min: 0, aws: 'MinSize', limit: 'fleetSize' }).optional(),
  maxSize: integer({ min: 0, aws: 'MaxSize', limit: 'fleetSize' }).optional(),
  desiredCapacity: integer({ min: 0, aws: 'DesiredCapacity', limit: 'fleetSize' }).optional(),
  healthCheckType: oneOf(['EC2', 'ELB'], { aws: 'HealthCheckType' }).default('EC2'),
  healthCheckGracePeriod: duration({ min: 0, aws: 'HealthCheckGracePeriod' }).default(0),
  defaultCooldown: duration({ min: 0, aws: 'DefaultCooldown' }).default(300),
  defaultInstanceWarmup: duration({ min: 0, max: 3600, aws: 'DefaultInstanceWarmup' }).default(0),
  initialInstancesPerZone: initialInstancesPerZone.optional(),
  policies: list(policy).default(() => []),
  scheduledActions: list(scheduledAction).default(() => []),
  terminationPolicies: terminationPolicies.default(() => ['Default' as const]),
  newInstancesProtectedFromScaleIn: flag().default(false),
  lifecycleHooks: lifecycleHooks.default(() => []),
  warmPool: warmPool.optional(),
  suspendedProcesses: suspendedProcesses.default(() => []),
  instanceMaintenancePolicy: instanceMaintenancePolicy.optional(),
  maxInstanceLifetime: maxInstanceLifetime.default(0),
  actions: list(groupAction).default(() => []),
  mixedInstancesPolicy: mixedInstancesPolicy.optional(),
  capacityRebalance: flag().default(false),
};

const autoScaling = strictObject(autoScalingShape);

/** The group settings when the `autoScaling` block is absent or leaves them out. */
export const AUTO_SCALING_DEFAULTS = autoScaling.parse({});

const instanceShape = {
  type: text({ nonEmpty: true }).default('c5.large'),
  pricePerHour: number({ min: 0, limit: 'pricePerHour' }).default(0.085),
  bootTime: distribution().default((): Distribution => ({ distribution: 'constant', value: 60 })),
  concurrency: integer({ min: 1, limit: 'concurrency' }).default(2),
  queueLimit: integer({ min: 0, limit: 'queueLimit' }).default(100),
  serviceTime: distribution().default((): Distribution => ({ distribution: 'exponential', mean: 0.1 })),
  idleCpu: number({ min: 0, max: 100 }).default(2),
  detailedMonitoring: flag().default(false),
};

/** `instance` at the top level is optional (absent with `autoScalingGroups`); a group's `instance` is a block with defaults. */
const instance = strictObject(instanceShape);

/** What every instance runs when the file leaves `instance` out. */
export const INSTANCE_DEFAULTS = instance.parse({});

/** AWS Auto Scaling group names: 1–255 characters; elbsim also keeps them to letters, digits, `-`, `_` and `.`, since they name output columns. */
const groupName = text({ nonEmpty: true }).superRefine((name, ctx) => {
  if (!/^[A-Za-z0-9._-]{1,255}$/.test(name)) ctx.addIssue({ code: 'custom', message: `\`${name}\` is not a group name elbsim accepts; use letters, digits, \`-\`, \`_\` and \`.\` (it names output columns)` });
});

const autoScalingGroupItem = strictObject({ name: groupName, ...autoScalingShape, instance: section(instanceShape) });

const count = integer({ min: 1, limit: 'fleetSize' }).default(1);
const zone = text({ nonEmpty: true }).optional();
const lasting = duration({ above: 0 }).optional();
/** Which Auto Scaling group's instances a fault acts on (default: the first); fail-zone acts on every group. */
const faultGroup = text({ nonEmpty: true }).optional();

export const faultSchema = z.discriminatedUnion('action', [
  strictObject({ at: duration(), action: z.literal('fail-target'), count, zone, for: lasting, autoScalingGroup: faultGroup }),
  strictObject({ at: duration(), action: z.literal('terminate-target'), count, zone, autoScalingGroup: faultGroup }),
  strictObject({ at: duration(), action: z.literal('fail-zone'), zone: text({ nonEmpty: true }), for: lasting }),
  strictObject({ at: duration(), action: z.literal('slow-target'), count, zone, factor: number({ above: 0 }), for: lasting, autoScalingGroup: faultGroup }),
  strictObject({ at: duration(), action: z.literal('fail-health-check'), count, zone, for: lasting, autoScalingGroup: faultGroup }),
  strictObject({
    at: duration(),
    action: z.literal('spot-interruption'),
    count: integer({ min: 1, limit: 'fleetSize' }).optional(),
    fraction: number({ above: 0, max: 1 }).optional(),
    zone,
    instanceType: text({ nonEmpty: true }).optional(),
    autoScalingGroup: faultGroup,
  }),
  // Not a fault: an operator's change of a weighted forward (blue/green, canary steps), timed like one.
  strictObject({
    at: duration(),
    action: z.literal('set-weights'),
    loadBalancer: text({ nonEmpty: true }).optional(),
    listener: integer({ min: 1, max: 65535 }).optional(),
    rule: z.union([integer({ min: 1, max: 50000 }), z.literal('default')]).default('default'),
    weights: z.record(z.string(), integer({ min: 0, max: 999, aws: 'TargetGroupTuple.Weight' })),
  }),
]);

const bound = strictObject({ min: number().optional(), max: number().optional() }).superRefine((b, ctx) => {
  if (b.min === undefined && b.max === undefined) ctx.addIssue({ code: 'custom', message: 'give min, max or both' });
  if (b.min !== undefined && b.max !== undefined && b.min > b.max) ctx.addIssue({ code: 'custom', path: ['min'], message: `min ${b.min} is more than max ${b.max}` });
});

const expect = section(Object.fromEntries(EXPECT_FIGURES.map((f) => [f, bound.optional()])) as Record<ExpectFigure, z.ZodOptional<typeof bound>>);

export const ScenarioFileSchema = strictObject(
  {
    name: text({ nonEmpty: true }),
    description: text().default(''),
    seed: integer({ min: 0 }).default(1),
    duration: duration({ above: 0, limit: 'durationS', rule: wholeMilliseconds }),
    period: duration({ rule: cloudWatchPeriod }).default(60),
    zones: list(text({ nonEmpty: true }), { min: 1, what: 'Availability Zone', unique: true }),
    traffic,
    loadBalancer: loadBalancer.optional(),
    loadBalancers: list(loadBalancerItem, { min: 1, what: 'load balancer', limit: 'loadBalancers' }).optional(),
    dns: dns.optional(),
    autoScaling: autoScaling.optional(),
    instance: instance.optional(),
    autoScalingGroups: list(autoScalingGroupItem, { min: 1, what: 'Auto Scaling group', limit: 'autoScalingGroups' }).optional(),
    faults: list(faultSchema).default(() => []),
    cloudWatch,
    expect,
  },
);

/** A scenario file after schema validation: durations in seconds, type-dependent keys optional. */
export type ScenarioFile = z.output<typeof ScenarioFileSchema>;
export type ScenarioFileKey = keyof typeof ScenarioFileSchema.shape;
export type LoadBalancerFile = typeof LOAD_BALANCER_DEFAULTS;
export type DnsFile = NonNullable<ScenarioFile['dns']>;
export type AutoScalingFile = NonNullable<ScenarioFile['autoScaling']>;
export type AutoScalingGroupFile = NonNullable<ScenarioFile['autoScalingGroups']>[number];
export type InstanceFile = typeof INSTANCE_DEFAULTS;
export type TargetGroupFile = NonNullable<LoadBalancerFile['targetGroups']>[number];
export type ShorthandTargetGroupFile = typeof TARGET_GROUP_DEFAULTS;
export type FaultFile = ScenarioFile['faults'][number];

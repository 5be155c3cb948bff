/**
 * The scenario file schema: every key, its default and its allowed range, with AWS's names for
 * what they mirror. Defaults are the AWS API defaults. The user-facing reference,
 * docs/scenario-reference.md, is generated from this file (`npm run docs:reference`). Defaults that depend on the load balancer type (cross-zone,
 * algorithm, health check settings) are tables here, applied by resolve.ts, because a key's
 * default cannot depend on a sibling inside zod. Scaling policies, alarms and scheduled actions
 * live in scaling-schema.ts; the group's other settings and the `cloudWatch` block in
 * group-schema.ts.
 */
import { z } from 'zod';
import type { Algorithm, Distribution, HealthCheck, LoadBalancerType, RatePoint } from './types.ts';
import { distribution } from './distribution.ts';
import { list, section, strictObject } from './objects.ts';
import { rateSchedule } from './rate-schedule.ts';
import { cloudWatch, initialInstancesPerZone, lifecycleHooks, suspendedProcesses, terminationPolicies, warmPool } from './group-schema.ts';
import { cloudWatchPeriod, policy, scheduledAction } from './scaling-schema.ts';
import { groupAction, instanceMaintenancePolicy, maxInstanceLifetime } from './action-schema.ts';
import { duration, flag, integer, number, oneOf, text } from './values.ts';

export const LOAD_BALANCER_TYPES = ['application', 'network', 'classic'] as const satisfies readonly LoadBalancerType[];

export const ALGORITHMS = ['round_robin', 'least_outstanding_requests', 'weighted_random', 'random', 'power_of_two_choices', 'flow_hash'] as const satisfies readonly Algorithm[];

/**
 * Algorithms each type accepts. `random` and `power_of_two_choices` are not AWS algorithms; they
 * are allowed for what-if studies wherever a request is routed on its own (application and
 * classic), but not on a network load balancer, which routes flows by hash and nothing else.
 * Classic has no algorithm setting in AWS (HTTP listeners use least outstanding requests, TCP
 * listeners round robin), so both are allowed there.
 */
export const ALGORITHMS_BY_TYPE: Readonly<Record<LoadBalancerType, readonly Algorithm[]>> = {
  application: ['round_robin', 'least_outstanding_requests', 'weighted_random', 'random', 'power_of_two_choices'],
  network: ['flow_hash'],
  classic: ['round_robin', 'least_outstanding_requests', 'random', 'power_of_two_choices'],
};

/** ALB: `round_robin` (ALB-TG); NLB: flow hash (ELB-HOW); CLB: HTTP listeners use LOR (ELB-HOW). */
export const DEFAULT_ALGORITHM: Readonly<Record<LoadBalancerType, Algorithm>> = {
  application: 'round_robin',
  network: 'flow_hash',
  classic: 'least_outstanding_requests',
};

/** ALB always on at load balancer level; NLB off; CLB on as the console creates it (ELB-HOW, CLB-XZ). */
export const CROSS_ZONE_DEFAULT: Readonly<Record<LoadBalancerType, boolean>> = {
  application: true,
  network: false,
  classic: true,
};

/** Health check defaults by type (aws-behaviour.md §3.1: ALB-HC, NLB-HC, CLB-HC). */
export const HEALTH_CHECK_DEFAULTS: Readonly<Record<LoadBalancerType, HealthCheck>> = {
  application: { intervalS: 30, timeoutS: 5, healthyThreshold: 5, unhealthyThreshold: 2, servedByTarget: false },
  network: { intervalS: 30, timeoutS: 10, healthyThreshold: 5, unhealthyThreshold: 2, servedByTarget: false },
  classic: { intervalS: 30, timeoutS: 5, healthyThreshold: 10, unhealthyThreshold: 2, servedByTarget: false },
};

/** The health check timeout's upper bound: 120 s for ALB and NLB, 60 s for CLB. */
export const HEALTH_CHECK_TIMEOUT_MAX: Readonly<Record<LoadBalancerType, number>> = {
  application: 120,
  network: 120,
  classic: 60,
};

/** Slow start exists only on Application Load Balancer target groups (ALB-TG). */
export const SLOW_START_TYPES: readonly LoadBalancerType[] = ['application'];

/**
 * Without an `autoScaling` block the fleet is fixed at this many instances. With the block,
 * sizes resolve as: none given → this fixed fleet; only desiredCapacity → a fixed fleet of that
 * size; otherwise minSize and maxSize are both required (AWS requires both) and desiredCapacity
 * defaults to minSize (CFN-ASG).
 */
export const DEFAULT_FLEET_SIZE = 2;

/** Not an AWS value: light load for the default fleet (2 × 2 slots at 100 ms mean ⇒ 40 req/s). */
export const DEFAULT_RATE = 10;

export const FAULT_ACTIONS = ['fail-target', 'terminate-target', 'fail-zone', 'slow-target', 'fail-health-check'] as const;

/** Figures an `expect:` block may bound (`elbsim check`). */
export const EXPECT_FIGURES = [
  'latencyMsP50', 'latencyMsP99', 'latencyMsMean', 'elb5xxRate', 'cost', 'capacityMax', 'instanceHours', 'healthyHostsMin', 'requests',
  'clientLatencyMsP50', 'clientLatencyMsP99', 'clientLatencyMsMean',
] as const;
export type ExpectFigure = (typeof EXPECT_FIGURES)[number];

const NOT_YET = 'is not supported by this version of elbsim yet';

/**
 * Output times are written to the millisecond, so a run that ends between two milliseconds would
 * write its last, partial period with the same time as the one before it (10.0004 s with 10 s
 * periods: two rows at 10.000).
 */
function wholeMilliseconds(seconds: number, shown: string): string | undefined {
  const ms = seconds * 1000;
  return Math.abs(ms - Math.round(ms)) <= 1e-6 * Math.max(1, ms) ? undefined : `${shown} is not a whole number of milliseconds; output times are written to the millisecond, so give the run's length in whole milliseconds`;
}

const slowStart = duration({
  aws: 'slow_start.duration_seconds',
  rule: (s, shown) => (s === 0 || (s >= 30 && s <= 900) ? undefined : `${shown} is out of range; allowed 0s (off) or 30s to 900s (AWS slow_start.duration_seconds)`),
});

const healthCheck = section({
  interval: duration({ min: 5, max: 300, aws: 'HealthCheckIntervalSeconds' }).optional(),
  timeout: duration({ min: 2, max: 120, aws: 'HealthCheckTimeoutSeconds' }).optional(),
  healthyThreshold: integer({ min: 2, max: 10, aws: 'HealthyThresholdCount' }).optional(),
  unhealthyThreshold: integer({ min: 2, max: 10, aws: 'UnhealthyThresholdCount' }).optional(),
  servedByTarget: z.boolean().optional(),
});

const loadBalancer = section(
  {
    type: oneOf(LOAD_BALANCER_TYPES, { what: 'a load balancer type' }).default('application'),
    crossZone: flag().optional(),
    idleTimeout: duration({ min: 1, max: 4000, aws: 'idle_timeout.timeout_seconds' }).default(60),
    targetGroup: section({
      name: text({ nonEmpty: true }).default('default'),
      algorithm: oneOf(ALGORITHMS, { what: 'a routing algorithm', aws: 'load_balancing.algorithm.type' }).optional(),
      deregistrationDelay: duration({ min: 0, max: 3600, aws: 'deregistration_delay.timeout_seconds' }).default(300),
      slowStart: slowStart.default(0),
      healthCheck,
    }),
  },
  {
    notSupported: {
      listeners: `\`loadBalancer.listeners\` (several target groups / listener rules) ${NOT_YET}; use loadBalancer.targetGroup`,
      targetGroups: `\`loadBalancer.targetGroups\` (several target groups, ip and lambda targets) ${NOT_YET}; use loadBalancer.targetGroup`,
      scheme: `\`loadBalancer.scheme\` (internet-facing / internal) ${NOT_YET}; every load balancer is internet-facing`,
    },
  },
);

const traffic = section(
  {
    rate: rateSchedule().default((): RatePoint[] => [[0, DEFAULT_RATE]]),
    arrivals: oneOf(['poisson', 'uniform'], { what: 'an arrival process' }).default('poisson'),
    clients: integer({ min: 1, limit: 'clients' }).default(1000),
  },
  { notSupported: { requests: `\`traffic.requests\` (a mix of hosts, paths and methods) ${NOT_YET}` } },
);

const autoScaling = strictObject({
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
});

/** The group settings when the `autoScaling` block is absent or leaves them out. */
export const AUTO_SCALING_DEFAULTS = autoScaling.parse({});

const instance = section({
  type: text({ nonEmpty: true }).default('c5.large'),
  pricePerHour: number({ min: 0, limit: 'pricePerHour' }).default(0.085),
  bootTime: distribution().default((): Distribution => ({ distribution: 'constant', value: 60 })),
  concurrency: integer({ min: 1, limit: 'concurrency' }).default(2),
  queueLimit: integer({ min: 0, limit: 'queueLimit' }).default(100),
  serviceTime: distribution().default((): Distribution => ({ distribution: 'exponential', mean: 0.1 })),
  idleCpu: number({ min: 0, max: 100 }).default(2),
  detailedMonitoring: flag().default(false),
});

const count = integer({ min: 1, limit: 'fleetSize' }).default(1);
const zone = text({ nonEmpty: true }).optional();
const lasting = duration({ above: 0 }).optional();

export const faultSchema = z.discriminatedUnion('action', [
  strictObject({ at: duration(), action: z.literal('fail-target'), count, zone, for: lasting }),
  strictObject({ at: duration(), action: z.literal('terminate-target'), count, zone }),
  strictObject({ at: duration(), action: z.literal('fail-zone'), zone: text({ nonEmpty: true }), for: lasting }),
  strictObject({ at: duration(), action: z.literal('slow-target'), count, zone, factor: number({ above: 0 }), for: lasting }),
  strictObject({ at: duration(), action: z.literal('fail-health-check'), count, zone, for: lasting }),
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
    loadBalancer,
    autoScaling: autoScaling.optional(),
    instance,
    faults: list(faultSchema).default(() => []),
    cloudWatch,
    expect,
  },
  { notSupported: { autoScalingGroups: `\`autoScalingGroups\` (several Auto Scaling groups) ${NOT_YET}; use autoScaling and instance` } },
);

/** A scenario file after schema validation: durations in seconds, type-dependent keys optional. */
export type ScenarioFile = z.output<typeof ScenarioFileSchema>;
export type ScenarioFileKey = keyof typeof ScenarioFileSchema.shape;
export type LoadBalancerFile = ScenarioFile['loadBalancer'];
export type AutoScalingFile = NonNullable<ScenarioFile['autoScaling']>;
export type FaultFile = ScenarioFile['faults'][number];

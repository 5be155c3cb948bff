/**
 * The load balancer's part of the scenario file: the type tables (defaults and allowed values by
 * load balancer type), target groups (the shorthand `targetGroup` and the full form's
 * `targetGroups`), the load balancer itself (`loadBalancer`, or each item of `loadBalancers`)
 * and the Route 53 record in front of several (`dns`). Listeners and rules are in
 * topology-schema.ts.
 */
import * as z from 'zod';
import type { Algorithm, HealthCheck, LoadBalancerType } from './types.ts';
import { list, section, strictObject } from './objects.ts';
import { duration, flag, integer, oneOf, text } from './values.ts';
import { ipTargetSchema, listenerSchema } from './topology-schema.ts';

const NOT_YET = 'is not supported by this version of elbsim yet';

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

/** A target group's settings, in the shorthand `loadBalancer.targetGroup` and in each `loadBalancer.targetGroups` item. */
const targetGroupShape = {
  algorithm: oneOf(ALGORITHMS, { what: 'a routing algorithm', aws: 'load_balancing.algorithm.type' }).optional(),
  deregistrationDelay: duration({ min: 0, max: 3600, aws: 'deregistration_delay.timeout_seconds' }).default(300),
  slowStart: slowStart.default(0),
  healthCheck,
};

const shorthandTargetGroup = strictObject({ name: text({ nonEmpty: true }).default('default'), ...targetGroupShape });

/** The shorthand target group when the file leaves it out. */
export const TARGET_GROUP_DEFAULTS = shorthandTargetGroup.parse({});

/** AWS target group names: 1–32 letters, digits and hyphens, not starting or ending with a hyphen. */
const targetGroupName = text({ nonEmpty: true }).superRefine((name, ctx) => {
  if (!/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,30}[A-Za-z0-9])?$/.test(name)) ctx.addIssue({ code: 'custom', message: `\`${name}\` is not a target group name; AWS allows 1 to 32 letters, digits and hyphens, not starting or ending with a hyphen` });
});

const targetGroupItem = strictObject(
  {
    name: targetGroupName,
    targetType: oneOf(['instance', 'ip'], { what: 'a target type', aws: 'TargetType' }).default('instance'),
    autoScalingGroup: text({ nonEmpty: true }).optional(),
    targets: list(ipTargetSchema, { min: 1, what: 'target', limit: 'ipTargets' }).optional(),
    ...targetGroupShape,
  },
  { notSupported: { function: `Lambda targets (\`targetType: lambda\`, \`function\`) ${NOT_YET}` } },
);

const loadBalancerShape = {
  name: text({ nonEmpty: true }).default('lb'),
  type: oneOf(LOAD_BALANCER_TYPES, { what: 'a load balancer type' }).default('application'),
  crossZone: flag().optional(),
  idleTimeout: duration({ min: 1, max: 4000, aws: 'idle_timeout.timeout_seconds' }).default(60),
  targetGroup: shorthandTargetGroup.optional(),
  listeners: list(listenerSchema, { min: 1, what: 'listener', limit: 'listeners' }).optional(),
  targetGroups: list(targetGroupItem, { min: 1, what: 'target group', limit: 'targetGroups' }).optional(),
};

const loadBalancerOptions = {
  notSupported: {
    scheme: `\`loadBalancer.scheme\` (internet-facing / internal) ${NOT_YET}; every load balancer is internet-facing`,
  },
};

export const loadBalancer = strictObject(loadBalancerShape, loadBalancerOptions);

/** The load balancer when the file leaves `loadBalancer` out. */
export const LOAD_BALANCER_DEFAULTS = loadBalancer.parse({});

/** AWS load balancer names: 1–32 letters, digits and hyphens. */
const loadBalancerName = text({ nonEmpty: true }).superRefine((name, ctx) => {
  if (!/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,30}[A-Za-z0-9])?$/.test(name)) ctx.addIssue({ code: 'custom', message: `\`${name}\` is not a load balancer name; AWS allows 1 to 32 letters, digits and hyphens, not starting or ending with a hyphen` });
});

export const loadBalancerItem = strictObject({ ...loadBalancerShape, name: loadBalancerName }, loadBalancerOptions);

/** Route 53 record weights (0–255) and the record's TTL, cached by each client (R53-WEIGHTED). */
export const dns = strictObject({
  routing: oneOf(['simple', 'weighted'], { what: 'a routing policy' }).default('weighted'),
  ttl: duration({ min: 0, max: 172800, aws: 'TTL' }).default(60),
  records: list(strictObject({ loadBalancer: text({ nonEmpty: true }), weight: integer({ min: 0, max: 255, aws: 'Weight' }).default(1) }), { min: 1, what: 'record', limit: 'dnsRecords' }),
});


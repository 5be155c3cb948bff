/**
 * The validated, fully resolved scenario: every default filled in, every duration in seconds.
 *
 * This is what the simulator consumes. The scenario file a user writes (contract section 1) is
 * parsed and checked by `parse.ts` / `schema.ts` and turned into this shape; nothing downstream
 * ever sees a unit string or a missing key. Names follow AWS (see aws-behaviour.md), with the
 * unit last (`intervalS`, `bootTimeS`).
 */

import type { Distribution } from './distribution-types.ts';

export type { Distribution } from './distribution-types.ts';

export type LoadBalancerType = 'application' | 'network' | 'classic';

/**
 * `random` and `power_of_two_choices` are not AWS algorithms: they exist for what-if studies.
 * `flow_hash` is the Network Load Balancer's only algorithm.
 */
export type Algorithm =
  | 'round_robin'
  | 'least_outstanding_requests'
  | 'weighted_random'
  | 'random'
  | 'power_of_two_choices'
  | 'flow_hash';

export interface HealthCheck {
  intervalS: number;
  timeoutS: number;
  healthyThreshold: number;
  unhealthyThreshold: number;
  /**
   * elbsim: true makes the check a request the target serves in turn, waiting in the same queue
   * as client requests, so an overloaded target fails it by timeout or a refused connection, as
   * real HTTP checks can. Default false: the check tests only that the target is alive.
   */
  servedByTarget: boolean;
}

/**
 * A fixed server registered by address (`targetType: ip`), e.g. on premises: never launched,
 * replaced or terminated by Auto Scaling.
 */
export interface IpTarget {
  ip: string;
  /** Index into the scenario's zones, or -1 for `on-premises` (outside the VPC: every node's scope, as AWS's zone `all`). */
  zone: number;
  /** Network round trip added to every response (on-premises links). */
  networkLatencyS: number;
  concurrency: number;
  queueLimit: number;
  serviceTime: Distribution;
}

export type TargetType = 'instance' | 'ip';

export interface TargetGroup {
  name: string;
  targetType: TargetType;
  algorithm: Algorithm;
  deregistrationDelayS: number;
  /** 0 = off; otherwise 30–900 s. */
  slowStartS: number;
  healthCheck: HealthCheck;
  /** The Auto Scaling group whose instances register here (index into autoScalingGroups), or -1. */
  autoScalingGroup: number;
  /** Fixed targets registered by address. */
  ipTargets: IpTarget[];
  /** The load balancer whose listeners forward here (index into loadBalancers). */
  loadBalancer: number;
}

/** A listener rule's conditions (ALB-LST, matched by core/plan/rules.ts); null / empty: the condition type is not used. */
export interface QueryMatch {
  /** null: any key. */
  key: string | null;
  value: string;
}

export interface RuleConditions {
  pathPattern: readonly string[] | null;
  hostHeader: readonly string[] | null;
  httpHeader: readonly { name: string; values: readonly string[] }[];
  httpRequestMethod: readonly string[] | null;
  queryString: readonly (readonly QueryMatch[])[];
  sourceIp: readonly string[] | null;
}


export type Action =
  | { type: 'forward'; to: { targetGroup: number; weight: number }[] }
  | { type: 'redirect'; statusCode: 301 | 302 }
  | { type: 'fixed-response'; statusCode: number };

export interface Rule {
  priority: number;
  conditions: RuleConditions;
  action: Action;
}

export interface Listener {
  protocol: string;
  port: number;
  /** In ascending priority. */
  rules: Rule[];
  defaultAction: Action;
}

export interface LoadBalancer {
  name: string;
  type: LoadBalancerType;
  crossZone: boolean;
  idleTimeoutS: number;
  listeners: Listener[];
}

/**
 * How clients reach the load balancers: a Route 53 record, simple (one load balancer) or weighted
 * (each answer picks a record with probability weight / sum; all 0: equally), cached by each
 * client for the record's TTL.
 */
export interface DnsRecord {
  routing: 'simple' | 'weighted';
  ttlS: number;
  records: { loadBalancer: number; weight: number }[];
}

/** One kind of request clients send (`traffic.requests`), drawn by weight. */
export interface RequestClass {
  name: string;
  weight: number;
  method: string;
  host: string;
  path: string;
  headers: Record<string, string>;
  query: [key: string, value: string][];
  /** The listener port it is sent to. */
  port: number;
}

/** Clients that share a source address block (`sourceIp` conditions match on it). */
export interface ClientGroup {
  name: string;
  count: number;
  sourceIp: string;
}

/** A point of a piecewise-linear rate schedule: [time s, requests per second]. */
export type RatePoint = readonly [timeS: number, rate: number];

export interface Traffic {
  /** Piecewise-linear schedule, sorted by time, held constant after its last point and before its first. A constant rate is one point at 0. */
  rate: RatePoint[];
  arrivals: 'poisson' | 'uniform';
  /** Distinct client addresses in all (the sum of the client groups). */
  clients: number;
  /** Client index ranges, in order: group g holds the next `count` clients. */
  clientGroups: ClientGroup[];
  /** What clients send, by weight; one class `GET /` on the first listener's port unless given. */
  requests: RequestClass[];
}

export type HealthCheckType = 'EC2' | 'ELB';

export type * from './scaling-types.ts';
import type { SpotInterruptionFault, SpotSettings } from './spot-types.ts';
import type {
  CloudWatchSettings,
  GroupAction,
  GroupAlarms, ScenarioAlarms, // cloudWatch.alarms and compositeAlarms
  InstanceMaintenancePolicy,
  LifecycleHook,
  ScalingPolicy,
  ScheduledAction,
  TerminationPolicyName,
  WarmPool,
} from './scaling-types.ts';

export interface AutoScaling extends SpotSettings {
  minSize: number;
  maxSize: number;
  desiredCapacity: number;
  healthCheckType: HealthCheckType;
  healthCheckGracePeriodS: number;
  defaultCooldownS: number;
  /** 0 = not set (AWS: unset). */
  defaultInstanceWarmupS: number;
  /**
   * Instances per zone at time 0, when the run should start from an unbalanced fleet (zone name
   * → count, summing to desiredCapacity). null: spread evenly, fewest first, as AWS launches.
   */
  initialInstancesPerZone: Record<string, number> | null;
  /** Scaling policies (contract "Scaling"), validated, durations in seconds, fallbacks resolved. */
  policies: ScalingPolicy[];
  scheduledActions: ScheduledAction[];
  /** AWS `TerminationPolicies`; default `['Default']`. */
  terminationPolicies: TerminationPolicyName[];
  /** AWS `NewInstancesProtectedFromScaleIn`; default false. */
  newInstancesProtectedFromScaleIn: boolean;
  /** AWS lifecycle hooks (`PutLifecycleHook`); default none. */
  lifecycleHooks: LifecycleHook[];
  /** AWS warm pool (`PutWarmPool`); default none (null). */
  warmPool: WarmPool | null;
  /** AWS `SuspendProcesses`; default none. */
  suspendedProcesses: SuspendableProcess[];
  /** AWS `InstanceMaintenancePolicy`; default none (null). */
  instanceMaintenancePolicy: InstanceMaintenancePolicy | null;
  /** AWS `MaxInstanceLifetime` in seconds; 0 = not set (the default). */
  maxInstanceLifetimeS: number;
  /** Manual and API operations at their times (SetDesiredCapacity, standby, detach/attach, instance refresh); default none. */
  actions: GroupAction[];
}

/** The Auto Scaling processes elbsim models that can be suspended (AS-SUSP). */
export type SuspendableProcess = 'Launch' | 'Terminate' | 'HealthCheck' | 'ReplaceUnhealthy' | 'AZRebalance' | 'AlarmNotification' | 'ScheduledActions' | 'InstanceRefresh';

export interface Instance {
  type: string;
  pricePerHour: number;
  bootTime: Distribution;
  concurrency: number;
  queueLimit: number;
  serviceTime: Distribution;
  idleCpu: number;
  detailedMonitoring: boolean;
}

/** An Auto Scaling group with the instances it launches (`autoScalingGroups[]`, or the shorthand `autoScaling` + `instance`). */
export interface AutoScalingGroup extends AutoScaling {
  name: string;
  instance: Instance;
}

/** `group`: the Auto Scaling group (index) whose instances a fault picks from; fail-zone hits every group. */
export type Fault =
  | { atS: number; action: 'fail-target'; count: number; zone: string | null; forS: number | null; group: number }
  | { atS: number; action: 'terminate-target'; count: number; zone: string | null; group: number }
  | { atS: number; action: 'fail-zone'; zone: string; forS: number | null }
  | { atS: number; action: 'slow-target'; count: number; zone: string | null; factor: number; forS: number | null; group: number }
  /** The health-check endpoint fails (e.g. a wrong path or a dependency it checks) while the application serves. */
  | { atS: number; action: 'fail-health-check'; count: number; zone: string | null; forS: number | null; group: number }
  | SpotInterruptionFault
  /** Changes a weighted forward's weights (blue/green, canary steps): `listener` index, rule priority (null: the default action), one weight per target group of the forward. */
  | { atS: number; action: 'set-weights'; loadBalancer: number; listener: number; priority: number | null; weights: number[] };

export interface Scenario extends ScenarioAlarms {
  name: string;
  description: string;
  seed: number;
  durationS: number;
  periodS: number;
  zones: string[];
  traffic: Traffic;
  dns: DnsRecord;
  loadBalancers: LoadBalancer[];
  targetGroups: TargetGroup[];
  autoScalingGroups: AutoScalingGroup[];
  faults: Fault[];
  /** CloudWatch settings elbsim makes parameters of (AWS documents no value). */
  cloudWatch: CloudWatchSettings;
  /** Expectations for `elbsim check` (batches issue); kept raw until then. */
  expect: Record<string, { min?: number; max?: number }>;
}

/** A problem found in a scenario file, located as precisely as the file allows. */
export interface ScenarioIssue {
  file: string;
  /** 1-based; absent when the key is missing or the location is unknown. */
  line?: number;
  column?: number;
  /** Dotted key path, e.g. `loadBalancer.targetGroup.healthCheck.interval`. */
  path: string;
  message: string;
}

export type ParseResult =
  | { ok: true; scenario: Scenario; warnings: ScenarioIssue[] }
  | { ok: false; errors: ScenarioIssue[]; warnings: ScenarioIssue[] };

/**
 * What one Auto Scaling group's components (the group, its scaling policies, its CloudWatch
 * metrics) read of the scenario: the group with its instance settings, and the run's frame.
 */
export interface GroupScenario extends GroupAlarms {
  zones: string[];
  durationS: number;
  cloudWatch: CloudWatchSettings;
  autoScaling: AutoScalingGroup;
  instance: Instance;
  /** The type of the load balancer in front of the group's target groups. */
  loadBalancerType: LoadBalancerType;
}

/**
 * The validated, fully resolved scenario: every default filled in, every duration in seconds.
 *
 * This is what the simulator consumes. The scenario file a user writes (contract section 1) is
 * parsed and checked by `parse.ts` / `schema.ts` and turned into this shape; nothing downstream
 * ever sees a unit string or a missing key. Names follow AWS (see aws-behaviour.md), with the
 * unit last (`intervalS`, `bootTimeS`).
 */

/** A random quantity in seconds. A bare duration in the file becomes `constant`. */
export type Distribution =
  | { distribution: 'constant'; value: number }
  | { distribution: 'exponential'; mean: number }
  | { distribution: 'lognormal'; mean: number; cv: number }
  | { distribution: 'uniform'; min: number; max: number };

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
}

export interface TargetGroup {
  name: string;
  algorithm: Algorithm;
  deregistrationDelayS: number;
  /** 0 = off; otherwise 30–900 s. */
  slowStartS: number;
  healthCheck: HealthCheck;
}

export interface LoadBalancer {
  type: LoadBalancerType;
  crossZone: boolean;
  idleTimeoutS: number;
  targetGroup: TargetGroup;
}

/** A point of a piecewise-linear rate schedule: [time s, requests per second]. */
export type RatePoint = readonly [timeS: number, rate: number];

export interface Traffic {
  /** Piecewise-linear schedule, sorted by time, held constant after its last point and before its first. A constant rate is one point at 0. */
  rate: RatePoint[];
  arrivals: 'poisson' | 'uniform';
  clients: number;
}

export type HealthCheckType = 'EC2' | 'ELB';

/** The CloudWatch namespaces elbsim publishes metrics in. */
export type CloudWatchNamespace = 'AWS/EC2' | 'AWS/ApplicationELB' | 'AWS/NetworkELB' | 'AWS/ELB';

/** `Average`, `Sum`, `Minimum`, `Maximum`, `SampleCount`, or a percentile `p0`…`p100` (`p99.9`). */
export type Statistic = 'Average' | 'Sum' | 'Minimum' | 'Maximum' | 'SampleCount' | `p${string}`;

export type ComparisonOperator =
  | 'GreaterThanOrEqualToThreshold'
  | 'GreaterThanThreshold'
  | 'LessThanThreshold'
  | 'LessThanOrEqualToThreshold';

export type TreatMissingData = 'missing' | 'notBreaching' | 'breaching' | 'ignore';

/** One CloudWatch metric and how to aggregate it (AWS's metric names, e.g. `TargetResponseTime`). */
export interface MetricSpec {
  namespace: CloudWatchNamespace;
  metric: string;
  statistic: Statistic;
}

/** A metric alarm, as `PutMetricAlarm` takes it. */
export interface AlarmSpec extends MetricSpec {
  periodS: number;
  evaluationPeriods: number;
  /** M of "M out of N"; defaults to `evaluationPeriods`. */
  datapointsToAlarm: number;
  threshold: number;
  comparisonOperator: ComparisonOperator;
  treatMissingData: TreatMissingData;
}

export type PredefinedMetric =
  | 'ASGAverageCPUUtilization'
  | 'ALBRequestCountPerTarget'
  | 'ASGAverageNetworkIn'
  | 'ASGAverageNetworkOut';

export type AdjustmentType = 'ChangeInCapacity' | 'ExactCapacity' | 'PercentChangeInCapacity';

/** Bounds are relative to the alarm threshold, as in the AWS API; null is -∞ / +∞. */
export interface StepAdjustment {
  lowerBound: number | null;
  upperBound: number | null;
  scalingAdjustment: number;
}

export interface TargetTrackingPolicy {
  type: 'TargetTrackingScaling';
  name: string;
  metric: PredefinedMetric | { customized: MetricSpec };
  targetValue: number;
  disableScaleIn: boolean;
  /** Resolved: the policy's own value, else the group's defaultInstanceWarmup if set, else defaultCooldown. */
  estimatedInstanceWarmupS: number;
}

export interface StepScalingPolicy {
  type: 'StepScaling';
  name: string;
  adjustmentType: AdjustmentType;
  /** PercentChangeInCapacity only; null when not given. */
  minAdjustmentMagnitude: number | null;
  metricAggregationType: 'Average' | 'Minimum' | 'Maximum';
  /** Resolved as for target tracking. */
  estimatedInstanceWarmupS: number;
  alarm: AlarmSpec;
  /** In the order written; ranges neither overlap nor leave gaps. */
  stepAdjustments: StepAdjustment[];
}

export interface SimpleScalingPolicy {
  type: 'SimpleScaling';
  name: string;
  adjustmentType: AdjustmentType;
  scalingAdjustment: number;
  minAdjustmentMagnitude: number | null;
  /** Resolved: the policy's own cooldown, else the group's defaultCooldown. */
  cooldownS: number;
  alarm: AlarmSpec;
}

/**
 * Predictive scaling (AS-PRED, CFN-PRED): forecasts each hour's load from the run's own history
 * (at least 24 h) and, in ForecastAndScale mode, raises the desired capacity before the hour.
 */
export interface PredictiveScalingPolicy {
  type: 'PredictiveScaling';
  name: string;
  /** The load/scaling metric pair, by its predefined scaling metric. */
  metric: 'ASGAverageCPUUtilization' | 'ALBRequestCountPerTarget';
  targetValue: number;
  mode: 'ForecastOnly' | 'ForecastAndScale';
  /** AWS `SchedulingBufferTime`: launch this long before the hour; default 300 s, under 3600 s. */
  schedulingBufferTimeS: number;
  maxCapacityBreachBehavior: 'HonorMaxCapacity' | 'IncreaseMaxCapacity';
  /** IncreaseMaxCapacity only: 0–100 %. */
  maxCapacityBuffer: number;
}

export type ScalingPolicy = TargetTrackingPolicy | StepScalingPolicy | SimpleScalingPolicy | PredictiveScalingPolicy;

/** Sets any of desired/min/max once (`atS`) or on a 5-field UTC cron (`recurrence`). */
export interface ScheduledAction {
  name: string;
  /** Exactly one of `atS` and `recurrence` is non-null. */
  atS: number | null;
  recurrence: string | null;
  desiredCapacity: number | null;
  minSize: number | null;
  maxSize: number | null;
}

export interface AutoScaling {
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
   * → count, summing to desiredCapacity). Absent: spread evenly, fewest first, as AWS launches.
   */
  initialInstancesPerZone?: Record<string, number>;
  /** Scaling policies (contract "Scaling"), validated, durations in seconds, fallbacks resolved. */
  policies: ScalingPolicy[];
  scheduledActions: ScheduledAction[];
  /** AWS `TerminationPolicies`; default `['Default']`. */
  terminationPolicies?: TerminationPolicyName[];
  /** AWS `NewInstancesProtectedFromScaleIn`; default false. */
  newInstancesProtectedFromScaleIn?: boolean;
  /** AWS lifecycle hooks (`PutLifecycleHook`); default none. */
  lifecycleHooks?: LifecycleHook[];
  /** AWS warm pool (`PutWarmPool`); default none. */
  warmPool?: WarmPool | null;
  /** AWS `SuspendProcesses`; default none. */
  suspendedProcesses?: SuspendableProcess[];
}

/** The Auto Scaling processes elbsim models that can be suspended (AS-SUSP). */
export type SuspendableProcess = 'Launch' | 'Terminate' | 'HealthCheck' | 'ReplaceUnhealthy' | 'AZRebalance' | 'AlarmNotification' | 'ScheduledActions';

export type TerminationPolicyName =
  | 'Default'
  | 'AllocationStrategy'
  | 'OldestLaunchTemplate'
  | 'OldestLaunchConfiguration'
  | 'ClosestToNextInstanceHour'
  | 'NewestInstance'
  | 'OldestInstance';

export interface LifecycleHook {
  name: string;
  transition: 'autoscaling:EC2_INSTANCE_LAUNCHING' | 'autoscaling:EC2_INSTANCE_TERMINATING';
  /** AWS `HeartbeatTimeout`: 30–7200 s, default 3600 s. */
  heartbeatTimeoutS: number;
  /** AWS `DefaultResult` when the timeout runs out: ABANDON (default) or CONTINUE. */
  defaultResult: 'ABANDON' | 'CONTINUE';
  /**
   * How long the hook's own work takes before it calls CompleteLifecycleAction with CONTINUE
   * (elbsim's stand-in for the user's automation); null: it never completes and the heartbeat
   * timeout decides.
   */
  completesAfterS: number | null;
}

export interface WarmPool {
  /** AWS `MinSize` of the pool; default 0. */
  minSize: number;
  /** AWS `MaxGroupPreparedCapacity`; null: the group's maxSize. Pool size = this − desired, at least minSize. */
  maxGroupPreparedCapacity: number | null;
  /** AWS `PoolState`: Stopped (default), Running or Hibernated. Only Running pool instances are billed for compute. */
  poolState: 'Stopped' | 'Running' | 'Hibernated';
  /** AWS `InstanceReusePolicy.ReuseOnScaleIn`: scaled-in instances go back to the pool. */
  reuseOnScaleIn: boolean;
  /** Time from leaving the pool to InService (elbsim parameter; AWS: "as little as ~30 s"). */
  warmStartTime: Distribution;
}

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

export type Fault =
  | { atS: number; action: 'fail-target'; count: number; zone: string | null; forS: number | null }
  | { atS: number; action: 'terminate-target'; count: number; zone: string | null }
  | { atS: number; action: 'fail-zone'; zone: string; forS: number | null }
  | { atS: number; action: 'slow-target'; count: number; zone: string | null; factor: number; forS: number | null };

export interface CloudWatchSettings {
  /** How long after its minute ends a datapoint becomes visible to alarms [observed ~1 min]; default 60 s. */
  publicationDelayS: number;
  /** Target tracking's alarm shapes [observed]: 3 of 3 above target, 15 of 15 below 90 % of it. */
  targetTrackingHighDatapoints: number;
  targetTrackingLowDatapoints: number;
  targetTrackingLowRatio: number;
}

export interface Scenario {
  name: string;
  description: string;
  seed: number;
  durationS: number;
  periodS: number;
  zones: string[];
  traffic: Traffic;
  loadBalancer: LoadBalancer;
  autoScaling: AutoScaling;
  instance: Instance;
  faults: Fault[];
  /** CloudWatch settings elbsim makes parameters of (AWS documents no value). */
  cloudWatch?: CloudWatchSettings;
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

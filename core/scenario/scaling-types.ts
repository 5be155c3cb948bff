/**
 * The Auto Scaling and CloudWatch part of the resolved scenario: scaling policies and their
 * alarms, scheduled actions, lifecycle hooks, the warm pool. Names follow AWS's APIs
 * (PutScalingPolicy, PutMetricAlarm, PutLifecycleHook, PutWarmPool), durations in seconds.
 */
import type { Distribution } from './distribution-types.ts';

/**
 * The CloudWatch namespaces elbsim publishes metrics in. `CWAgent` is the CloudWatch agent on
 * the instances publishing a high-resolution (10 s) CPU metric by AutoScalingGroupName.
 */
export type CloudWatchNamespace = 'AWS/EC2' | 'AWS/ApplicationELB' | 'AWS/NetworkELB' | 'AWS/ELB' | 'CWAgent';

/** `Average`, `Sum`, `Minimum`, `Maximum`, `SampleCount`, or a percentile `p0`…`p100` (`p99.9`). */
export type Statistic = 'Average' | 'Sum' | 'Minimum' | 'Maximum' | 'SampleCount' | `p${string}`;

export type ComparisonOperator =
  | 'GreaterThanOrEqualToThreshold'
  | 'GreaterThanThreshold'
  | 'LessThanThreshold'
  | 'LessThanOrEqualToThreshold';

export type TreatMissingData = 'missing' | 'notBreaching' | 'breaching' | 'ignore';

/** One CloudWatch metric and how to aggregate it (AWS's metric names, e.g. `TargetResponseTime`). */
/** The dimension an ELB metric is read by; null: the group's first target group (AWS's TargetGroup dimension). */
export interface MetricDimension {
  name: 'TargetGroup' | 'LoadBalancer';
  value: string;
}

export interface MetricSpec {
  namespace: CloudWatchNamespace;
  metric: string;
  statistic: Statistic;
  dimension: MetricDimension | null;
}

/** One metric of a metric math alarm, named by its id in the expression (PutMetricAlarm `Metrics`). */
export interface MathMetric extends MetricSpec {
  id: string;
}

/**
 * A metric alarm, as `PutMetricAlarm` takes it. With `math`, the alarm watches an expression over
 * several metrics (CW-MATH); its own namespace/metric/statistic are then those of the first
 * metric, for code that only needs to know where the data comes from.
 */
export interface AlarmSpec extends MetricSpec {
  math?: { expression: string; metrics: MathMetric[] };
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
  /** `customized.math`: a metric math expression (CW-MATH) instead of one metric, as AS-TT allows. */
  metric: PredefinedMetric | { customized: MetricSpec & { math?: AlarmSpec['math'] } };
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


/**
 * What an instance refresh rolls out (StartInstanceRefresh `DesiredConfiguration`): elbsim's
 * stand-in for a new launch template version, as changes to the instances it launches. A field
 * left null keeps the group's value.
 */
export interface LaunchTemplateVersion {
  /** Service times of the new version's instances are this many times the group's (1: unchanged). */
  serviceTimeFactor: number;
  /** The new version's boot time; null: the group's `instance.bootTime`. */
  bootTime: Distribution | null;
  /** The new version's health-check endpoint fails (a bad release): its instances never pass a target-group health check. */
  failsHealthChecks: boolean;
}

/** AWS `InstanceMaintenancePolicy` (AS-IMP): healthy capacity bounds during replacements, in percent of desired. */
export interface InstanceMaintenancePolicy {
  minHealthyPercentage: number;
  maxHealthyPercentage: number;
}

/** StartInstanceRefresh `Preferences` (AS-IR, AS-IRDEF, AS-IMP), durations in seconds. */
export interface RefreshPreferences {
  /** 0–100, default 90 (or the instance maintenance policy's): healthy, warmed-up InService capacity kept, as a percentage of desired capacity, rounded up. */
  minHealthyPercentage: number;
  /** 100–200, default 100 (or the instance maintenance policy's): InService plus Pending at most, as a percentage of desired capacity (above 100: launch before terminating). */
  maxHealthyPercentage: number;
  /** Resolved: the refresh's own value, else DefaultInstanceWarmup if set, else HealthCheckGracePeriod. */
  instanceWarmupS: number;
  /** Percentages of the instances to replace at which the refresh pauses, ascending; empty: none. */
  checkpointPercentages: number[];
  /** Pause at each checkpoint; default 3600 s. */
  checkpointDelayS: number;
  /** Replace only instances whose configuration differs from the new one (default false: all). */
  skipMatching: boolean;
  /** Roll back to the previous configuration when the refresh fails. */
  autoRollback: boolean;
}

/**
 * A manual or API operation on the group at a time (contract "Scaling": `autoScaling.actions`),
 * by AWS's API names: SetDesiredCapacity, EnterStandby, ExitStandby, DetachInstances,
 * AttachInstances, StartInstanceRefresh. The instances an action moves are picked by count (AWS
 * takes instance ids): the longest-running ones first.
 */
export type GroupAction =
  | { name: string; atS: number; action: 'set-desired-capacity'; desiredCapacity: number; honorCooldown: boolean }
  | { name: string; atS: number; action: 'enter-standby'; count: number; shouldDecrementDesiredCapacity: boolean }
  | { name: string; atS: number; action: 'exit-standby'; count: number }
  | { name: string; atS: number; action: 'detach-instances'; count: number; shouldDecrementDesiredCapacity: boolean }
  | { name: string; atS: number; action: 'attach-instances'; count: number }
  | { name: string; atS: number; action: 'start-instance-refresh'; preferences: RefreshPreferences; desiredConfiguration: LaunchTemplateVersion };

/** CloudWatch settings elbsim makes parameters of (the top-level `cloudWatch` block; AWS documents no value). */
export interface CloudWatchSettings {
  /** How long after its minute ends a datapoint becomes visible to alarms [observed ~1 min]; default 60 s. */
  publicationDelayS: number;
  /** Target tracking's alarm shapes [observed]: 3 of 3 above target, 15 of 15 below 90 % of it. */
  targetTrackingHighDatapoints: number;
  targetTrackingLowDatapoints: number;
  targetTrackingLowRatio: number;
}

/** A metric alarm of `cloudWatch.alarms`: evaluated like a policy's alarm, with no action. */
export interface StandaloneAlarm {
  name: string;
  /** The Auto Scaling group (index) whose metrics it reads: its EC2 metrics, and its first target group's by default. */
  group: number;
  spec: AlarmSpec;
}

/** A composite alarm: its state is its AlarmRule over other alarms' states (see core/model/cloudwatch/alarm-rule.ts). */
export interface CompositeAlarm {
  name: string;
  alarmRule: string;
}

/** A scenario's `cloudWatch.alarms` and `compositeAlarms` (the latter in dependency order); absent when none. */
export interface ScenarioAlarms {
  alarms?: StandaloneAlarm[];
  compositeAlarms?: CompositeAlarm[];
}

/** An Auto Scaling group's view: the standalone alarms that read its metrics. */
export interface GroupAlarms {
  alarms?: readonly AlarmSpec[];
}

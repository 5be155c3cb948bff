/**
 * The two CloudWatch alarms EC2 Auto Scaling creates and owns for a target tracking policy,
 * `TargetTracking-<asg>-AlarmHigh-<uuid>` and `…-AlarmLow-<uuid>` (AS-TT; aws-behaviour.md §6.7).
 *
 * AWS does not document their shape. What users report for CPU-type metrics (OBS-TT1,
 * https://github.com/aws/copilot-cli/issues/4233) is a scale-out alarm "metric > target for
 * 3 datapoints within 3 minutes" and a scale-in alarm "metric < lower threshold for 15
 * datapoints within 15 minutes", with the lower threshold observed at roughly 70–90 % of the
 * target. These are the defaults below, all [observed] and therefore parameters:
 * AlarmHigh = metric > target, 3 of 3 one-minute datapoints; AlarmLow = metric < 0.9 × target,
 * 15 of 15 one-minute datapoints, not created when DisableScaleIn is true. Both treat missing
 * data as `missing`, so a metric that stops (an idle load balancer publishes nothing; ALB-CW)
 * leaves them in INSUFFICIENT_DATA and the policy cannot scale (AS-TT; §8 item 8). The
 * exception is RequestCountPerTarget, which reports 0 for a minute without requests, so a
 * policy on ALBRequestCountPerTarget scales in on real zeros, down to 0 if MinSize allows.
 */
import type { AlarmSpec, MetricSpec, PredefinedMetric, TargetTrackingPolicy } from '../../scenario/types.ts';

/** AlarmHigh: datapoints (of as many) above the target before scaling out [observed]. */
export const HIGH_DATAPOINTS = 3;
/** AlarmLow: datapoints (of as many) below the low threshold before scaling in [observed]. */
export const LOW_DATAPOINTS = 15;
/** AlarmLow threshold as a fraction of the target value [observed: 0.7–0.9]. */
export const LOW_RATIO = 0.9;
/** Both alarms use one-minute periods for a metric published every minute [observed]. */
export const TARGET_TRACKING_PERIOD_S = 60;

/**
 * The period of the alarms for a metric published every `granularityS` seconds: the alarms
 * follow the metric's granularity, so with EC2 basic monitoring (one CPU or network datapoint
 * every 5 minutes) they use 5-minute periods, "3 datapoints within 15 minutes" above and "15
 * datapoints within 75 minutes" below [observed on the consoles of such policies; AWS documents
 * only that 5-minute data makes target tracking slower to react, AS-TT, AS-MON]. A one-minute
 * period on a 5-minute metric would see one datapoint in five periods, never 3 of 3.
 */
export function targetTrackingPeriodS(granularityS: number): number {
  return Math.max(TARGET_TRACKING_PERIOD_S, granularityS);
}

/**
 * How often the metric behind a target tracking policy gets a datapoint: EC2 metrics (the
 * ASGAverage… types, and customized AWS/EC2 metrics) every 5 minutes with basic monitoring and
 * every minute with detailed monitoring (EC2-MON); load balancer metrics every minute (ALB-CW).
 */
export function metricGranularityS(metric: MetricSpec & { math?: AlarmSpec['math'] }, detailedMonitoring: boolean): number {
  if (metric.math) return Math.max(...metric.math.metrics.map((m) => metricGranularityS(m, detailedMonitoring)));
  return metric.namespace === 'AWS/EC2' && !detailedMonitoring ? 300 : 60;
}

export interface TargetTrackingAlarmInput {
  metric: MetricSpec | PredefinedMetric | TargetTrackingPolicy['metric'];
  targetValue: number;
  disableScaleIn: boolean;
}

export interface TargetTrackingAlarmOptions {
  highDatapoints?: number;
  lowDatapoints?: number;
  lowRatio?: number;
  periodS?: number;
}

export interface TargetTrackingAlarms {
  high: AlarmSpec;
  /** null when the policy has DisableScaleIn. */
  low: AlarmSpec | null;
}

/**
 * The CloudWatch metric behind each predefined metric type (AS-TT): the ASG-wide average of
 * the instances' EC2 metric (dimension AutoScalingGroupName), or the target group's
 * RequestCountPerTarget, whose Sum is already the per-target average (ALB-CW).
 */
export function predefinedMetricSpec(metric: PredefinedMetric): MetricSpec {
  switch (metric) {
    case 'ASGAverageCPUUtilization':
      return { namespace: 'AWS/EC2', metric: 'CPUUtilization', statistic: 'Average', dimension: null };
    case 'ASGAverageNetworkIn':
      return { namespace: 'AWS/EC2', metric: 'NetworkIn', statistic: 'Average', dimension: null };
    case 'ASGAverageNetworkOut':
      return { namespace: 'AWS/EC2', metric: 'NetworkOut', statistic: 'Average', dimension: null };
    case 'ALBRequestCountPerTarget':
      return { namespace: 'AWS/ApplicationELB', metric: 'RequestCountPerTarget', statistic: 'Sum', dimension: null };
  }
}

function metricSpecOf(metric: TargetTrackingAlarmInput['metric']): MetricSpec {
  if (typeof metric === 'string') return predefinedMetricSpec(metric);
  return 'customized' in metric ? metric.customized : metric;
}

/** The alarm specs Auto Scaling would create for a target tracking policy. */
export function targetTrackingAlarms(
  input: TargetTrackingAlarmInput,
  options: TargetTrackingAlarmOptions = {},
): TargetTrackingAlarms {
  const { highDatapoints = HIGH_DATAPOINTS, lowDatapoints = LOW_DATAPOINTS, lowRatio = LOW_RATIO } = options;
  const periodS = options.periodS ?? TARGET_TRACKING_PERIOD_S;
  if (!(input.targetValue > 0)) throw new Error(`TargetValue must be positive, got ${input.targetValue}`);
  if (!(lowRatio > 0 && lowRatio < 1)) throw new Error(`lowRatio must be in (0, 1), got ${lowRatio}`);
  const metric = metricSpecOf(input.metric);
  const base = { ...metric, periodS, treatMissingData: 'missing' as const };
  const high: AlarmSpec = {
    ...base,
    evaluationPeriods: highDatapoints,
    datapointsToAlarm: highDatapoints,
    threshold: input.targetValue,
    comparisonOperator: 'GreaterThanThreshold',
  };
  const low: AlarmSpec | null = input.disableScaleIn
    ? null
    : {
        ...base,
        evaluationPeriods: lowDatapoints,
        datapointsToAlarm: lowDatapoints,
        threshold: input.targetValue * lowRatio,
        comparisonOperator: 'LessThanThreshold',
      };
  return { high, low };
}

/**
 * CloudWatch for the simulator: a metric store, metric alarms, and the alarms target tracking
 * creates. Pure building blocks: the simulation publishes datapoints and calls `evaluate`.
 */
export { MetricStore, metricKey, type DatapointStats, type SeriesPoint } from './metric-store.ts';
export { percentileOf } from './statistic.ts';
export {
  Alarm,
  evaluateAlarm,
  decideAlarm,
  evaluationRange,
  isBreaching,
  type AlarmEvaluation,
  type AlarmOptions,
  type AlarmState,
  type AlarmDecision,
  type AlarmRule,
} from './alarm.ts';
export { alarmReason, formatClock, formatDouble, INITIAL_REASON } from './alarm-reason.ts';
export {
  targetTrackingAlarms,
  predefinedMetricSpec,
  HIGH_DATAPOINTS,
  LOW_DATAPOINTS,
  LOW_RATIO,
  TARGET_TRACKING_PERIOD_S,
  targetTrackingPeriodS,
  metricGranularityS,
  type TargetTrackingAlarmInput,
  type TargetTrackingAlarmOptions,
  type TargetTrackingAlarms,
} from './target-tracking-alarms.ts';

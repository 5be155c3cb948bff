/**
 * The "Scaling" part of the scenario schema (contract section 1): Auto Scaling policies, the
 * CloudWatch alarms that drive step and simple policies, and scheduled actions. Field names and
 * allowed values follow AWS's `PutScalingPolicy`, `PutMetricAlarm` and
 * `PutScheduledUpdateGroupAction` (aws-behaviour.md §5.5, §6.5–6.10). Defaults that depend on
 * the group (warm-up, cooldown) are filled in by resolve-scaling.ts. Part of schema.ts, split
 * out to keep files short.
 */
import * as z from 'zod';
import type { CloudWatchNamespace } from './types.ts';
import { cron } from './cron.ts';
import { AT_KEY, isMapping, list, strictObject } from './objects.ts';
import { metricOrMathAlarm } from './alarm-forms.ts';
import { didYouMean } from './suggest.ts';
import { compileMetricMath, METRIC_ID } from '../model/cloudwatch/metric-math.ts';
import { describe, duration, fail, flag, integer, MISSING, number, oneOf, text } from './values.ts';

export const POLICY_TYPES = ['TargetTrackingScaling', 'StepScaling', 'SimpleScaling', 'PredictiveScaling'] as const;
export const PREDEFINED_METRICS = ['ASGAverageCPUUtilization', 'ALBRequestCountPerTarget', 'ASGAverageNetworkIn', 'ASGAverageNetworkOut'] as const;
export const ADJUSTMENT_TYPES = ['ChangeInCapacity', 'ExactCapacity', 'PercentChangeInCapacity'] as const;
export const COMPARISON_OPERATORS = ['GreaterThanOrEqualToThreshold', 'GreaterThanThreshold', 'LessThanThreshold', 'LessThanOrEqualToThreshold'] as const;
export const TREAT_MISSING_DATA = ['missing', 'notBreaching', 'breaching', 'ignore'] as const;

/** The metrics elbsim publishes, by namespace, with AWS's names (aws-behaviour.md §5.2–5.4). */
export const METRICS: Readonly<Record<CloudWatchNamespace, readonly string[]>> = {
  'AWS/EC2': ['CPUUtilization', 'NetworkIn', 'NetworkOut', 'StatusCheckFailed'],
  'AWS/ApplicationELB': [
    'RequestCount', 'RequestCountPerTarget', 'TargetResponseTime', 'HealthyHostCount', 'UnHealthyHostCount',
    'HTTPCode_ELB_5XX_Count', 'HTTPCode_ELB_502_Count', 'HTTPCode_ELB_503_Count', 'HTTPCode_ELB_504_Count',
    'HTTPCode_Target_2XX_Count', 'HTTPCode_Target_5XX_Count', 'ActiveConnectionCount', 'NewConnectionCount',
    'RejectedConnectionCount', 'TargetConnectionErrorCount', 'HTTP_Redirect_Count', 'HTTP_Fixed_Response_Count',
  ],
  'AWS/NetworkELB': ['ActiveFlowCount', 'NewFlowCount', 'HealthyHostCount', 'UnHealthyHostCount', 'ProcessedBytes', 'TCP_Target_Reset_Count', 'TCP_ELB_Reset_Count'],
  'AWS/ELB': ['RequestCount', 'Latency', 'HealthyHostCount', 'UnHealthyHostCount', 'SurgeQueueLength', 'SpilloverCount', 'HTTPCode_ELB_5XX', 'HTTPCode_Backend_2XX', 'HTTPCode_Backend_5XX', 'BackendConnectionErrors'],
  // The CloudWatch agent's CPU metric at high resolution (metrics_collection_interval 10 s).
  CWAgent: ['cpu_usage_active'],
};
export const NAMESPACES = Object.keys(METRICS) as CloudWatchNamespace[];

const STATISTIC = /^(Average|Sum|Minimum|Maximum|SampleCount|p(?:100(?:\.0{1,2})?|\d{1,2}(?:\.\d{1,2})?))$/;

/** CloudWatch alarm and metric periods: 10 s, 30 s or a multiple of 60 s (CFN-ALARM). */
export function cloudWatchPeriod(seconds: number, shown: string): string | undefined {
  if (seconds === 10 || seconds === 30 || (seconds > 0 && seconds % 60 === 0)) return undefined;
  return `${shown} is not a CloudWatch period; allowed 10s, 30s or a multiple of 60s`;
}

function statistic() {
  return z.unknown().transform((value, ctx) => {
    if (value === undefined) return fail(ctx, MISSING);
    if (typeof value === 'string' && STATISTIC.test(value)) return value as `p${string}`;
    const hint = typeof value === 'string' ? didYouMean(value, ['Average', 'Sum', 'Minimum', 'Maximum', 'SampleCount']) : '';
    return fail(ctx, `${describe(value)} is not a statistic; allowed: Average, Sum, Minimum, Maximum, SampleCount or a percentile p0 to p100 such as p99 or p99.9${hint}`);
  });
}

/** CloudWatch dimensions an ELB metric can be read by: one target group or one load balancer (default: the group's first target group). */
const dimensions = strictObject({ TargetGroup: text({ nonEmpty: true }).optional(), LoadBalancer: text({ nonEmpty: true }).optional() }).superRefine((d, ctx) => {
  if (d.TargetGroup !== undefined && d.LoadBalancer !== undefined) ctx.addIssue({ code: 'custom', message: 'give one dimension: TargetGroup or LoadBalancer' });
  if (d.TargetGroup === undefined && d.LoadBalancer === undefined) ctx.addIssue({ code: 'custom', message: 'give TargetGroup or LoadBalancer' });
});

export const metricShape = {
  namespace: oneOf(NAMESPACES, { what: 'a namespace elbsim publishes' }),
  metric: text({ nonEmpty: true }),
  statistic: statistic(),
  dimensions: dimensions.optional(),
};

/** The metric must exist in its namespace; dimensions name load balancers and target groups, so only ELB metrics have them. */
export function checkMetric(spec: { namespace: CloudWatchNamespace; metric: string; dimensions?: unknown }, ctx: z.RefinementCtx): void {
  const known = METRICS[spec.namespace];
  if (!known.includes(spec.metric)) {
    ctx.addIssue({ code: 'custom', path: ['metric'], message: `\`${spec.metric}\` is not ${/^[AEIOU]/.test(spec.namespace) ? 'an' : 'a'} ${spec.namespace} metric elbsim publishes${didYouMean(spec.metric, known)}; allowed: ${known.join(', ')}` });
  }
  if (spec.dimensions !== undefined && (spec.namespace === 'AWS/EC2' || spec.namespace === 'CWAgent')) {
    ctx.addIssue({ code: 'custom', path: ['dimensions'], message: `${spec.namespace} metrics are read for the policy's own group (AutoScalingGroupName); dimensions name a TargetGroup or LoadBalancer of an ELB namespace` });
  }
}

export const metricSpec = strictObject(metricShape).superRefine(checkMetric);

export const alarmShape = {
  period: duration({ rule: cloudWatchPeriod }),
  evaluationPeriods: integer({ min: 1, aws: 'EvaluationPeriods', limit: 'evaluationPeriods' }),
  datapointsToAlarm: integer({ min: 1, aws: 'DatapointsToAlarm', limit: 'evaluationPeriods' }).optional(),
  threshold: number(),
  comparisonOperator: oneOf(COMPARISON_OPERATORS, { what: 'a comparison operator' }),
  treatMissingData: oneOf(TREAT_MISSING_DATA, { aws: 'TreatMissingData' }).default('missing'),
};

export function checkDatapoints(a: { datapointsToAlarm?: number | undefined; evaluationPeriods: number }, ctx: z.RefinementCtx): void {
  if (a.datapointsToAlarm !== undefined && a.datapointsToAlarm > a.evaluationPeriods) {
    ctx.addIssue({ code: 'custom', path: ['datapointsToAlarm'], message: `${a.datapointsToAlarm} is more than evaluationPeriods (${a.evaluationPeriods}); M of N needs M ≤ N` });
  }
}

const metricAlarm = strictObject({ ...metricShape, ...alarmShape }).superRefine((a, ctx) => {
  checkMetric(a, ctx);
  checkDatapoints(a, ctx);
});

export const mathMetric = strictObject({ id: text({ nonEmpty: true }), ...metricShape }).superRefine((m, ctx) => {
  if (!METRIC_ID.test(m.id)) ctx.addIssue({ code: 'custom', path: ['id'], message: `\`${m.id}\` is not a metric id; an id starts with a lowercase letter and has only letters, digits and _ (CloudWatch)` });
  checkMetric(m, ctx);
});

/** A metric math alarm (CW-MATH): `expression` over `metrics`, each named by its `id`. */
const mathAlarm = strictObject({ expression: text({ nonEmpty: true }), metrics: list(mathMetric, { min: 1 }), ...alarmShape }).superRefine((a, ctx) => {
  checkDatapoints(a, ctx);
  checkMath(a, ctx);
});

/** Ids unique, and the expression compiles over them. */
export function checkMath(a: { expression: string; metrics: readonly { id: string }[] }, ctx: z.RefinementCtx): void {
  const ids = a.metrics.map((m) => m.id);
  ids.forEach((id, i) => {
    if (ids.indexOf(id) < i) ctx.addIssue({ code: 'custom', path: ['metrics', i, 'id'], message: `\`${id}\` is already the id of metric ${ids.indexOf(id)}; ids must be unique` });
  });
  try {
    compileMetricMath(a.expression, ids);
  } catch (e) {
    ctx.addIssue({ code: 'custom', path: ['expression'], message: (e as Error).message });
  }
}

/** `alarm:` of a step or simple policy: one metric, or a metric math expression (with `expression:`). */
export const alarm = metricOrMathAlarm(metricAlarm, mathAlarm);

/** A customized target-tracking metric given as metric math: `expression` over `metrics` (CW-MATH, AS-TT). */
const mathMetricSpec = strictObject({ expression: text({ nonEmpty: true }), metrics: list(mathMetric, { min: 1 }) }).superRefine((a, ctx) => checkMath(a, ctx));

const customizedMetric = z.unknown().transform((value, ctx) => {
  if (value === undefined) return fail(ctx, MISSING);
  const schema = isMapping(value) && 'expression' in value ? mathMetricSpec : metricSpec;
  const result = schema.safeParse(value);
  if (result.success) return result.data as z.output<typeof metricSpec> | z.output<typeof mathMetricSpec>;
  for (const issue of result.error.issues) ctx.addIssue({ ...issue, code: 'custom' } as never);
  return z.NEVER;
});

/** `metric:` of a target-tracking policy: a predefined metric name, or `{ customized: … }`. */
const trackedMetric = z.unknown().transform((value, ctx) => {
  const schema = isMapping(value) ? strictObject({ customized: customizedMetric }) : oneOf(PREDEFINED_METRICS, { what: 'a predefined metric', aws: 'PredefinedMetricType' });
  const result = schema.safeParse(value);
  if (result.success) return result.data as (typeof PREDEFINED_METRICS)[number] | { customized: z.output<typeof customizedMetric> };
  for (const issue of result.error.issues) ctx.addIssue({ ...issue, code: 'custom' } as never);
  return z.NEVER;
});

const name = text({ nonEmpty: true }).optional();
const warmup = duration({ min: 0, aws: 'EstimatedInstanceWarmup' }).optional();
const adjustmentType = oneOf(ADJUSTMENT_TYPES, { what: 'an adjustment type', aws: 'AdjustmentType' });
const minAdjustmentMagnitude = integer({ min: 1, aws: 'MinAdjustmentMagnitude' }).optional();

function checkMagnitude(p: { adjustmentType: string; minAdjustmentMagnitude?: number | undefined }, ctx: z.RefinementCtx): void {
  if (p.minAdjustmentMagnitude !== undefined && p.adjustmentType !== 'PercentChangeInCapacity') {
    ctx.addIssue({ code: 'custom', path: ['minAdjustmentMagnitude'], message: 'only applies to adjustmentType PercentChangeInCapacity (AWS MinAdjustmentMagnitude)', params: AT_KEY });
  }
}

const stepAdjustment = strictObject({
  lowerBound: number().optional(),
  upperBound: number().optional(),
  scalingAdjustment: integer(),
});

type Step = z.output<typeof stepAdjustment>;

/** AWS: no step open at both ends, one open lower and one open upper at most, no overlaps or gaps (AS-STEP). */
function checkSteps(steps: readonly Step[], adjustment: string, ctx: z.RefinementCtx): void {
  const at = (i: number, key?: string) => ['stepAdjustments', i, ...(key ? [key] : [])];
  steps.forEach((s, i) => {
    if (s.lowerBound === undefined && s.upperBound === undefined) ctx.addIssue({ code: 'custom', path: at(i), message: 'a step needs lowerBound, upperBound or both' });
    else if (s.lowerBound !== undefined && s.upperBound !== undefined && s.lowerBound >= s.upperBound) ctx.addIssue({ code: 'custom', path: at(i, 'upperBound'), message: `upperBound ${s.upperBound} must be more than lowerBound ${s.lowerBound}` });
    if (adjustment === 'ExactCapacity' && s.scalingAdjustment < 0) ctx.addIssue({ code: 'custom', path: at(i, 'scalingAdjustment'), message: `${s.scalingAdjustment} is too small; an ExactCapacity adjustment is a capacity, 0 or more` });
  });
  const order = steps.map((s, i) => ({ s, i })).sort((a, b) => (a.s.lowerBound ?? -Infinity) - (b.s.lowerBound ?? -Infinity));
  for (let k = 1; k < order.length; k++) {
    const prev = order[k - 1]!;
    const next = order[k]!;
    const upper = prev.s.upperBound ?? Infinity;
    const lower = next.s.lowerBound ?? -Infinity;
    if (upper !== lower) {
      const what = upper > lower ? 'overlaps' : 'leaves a gap after';
      ctx.addIssue({ code: 'custom', path: at(next.i, 'lowerBound'), message: `step ${what} step ${prev.i} (upperBound ${prev.s.upperBound ?? 'none'}); AWS step ranges may not overlap or leave gaps` });
    }
  }
}

/** The metric pairs elbsim forecasts, named by their scaling metric as in `PredictiveScalingPolicy`. */
export const PREDICTIVE_METRICS = ['ASGAverageCPUUtilization', 'ALBRequestCountPerTarget'] as const;

/** AWS's metric-pair names (`PredefinedMetricPairSpecification`), pointed at elbsim's names. */
const METRIC_PAIRS: Readonly<Record<string, (typeof PREDICTIVE_METRICS)[number]>> = {
  ASGCPUUtilization: 'ASGAverageCPUUtilization',
  ALBRequestCount: 'ALBRequestCountPerTarget',
};

const predictiveMetric = z.unknown().transform((value, ctx): (typeof PREDICTIVE_METRICS)[number] => {
  if (value === undefined) return fail(ctx, `${MISSING}; allowed: ${PREDICTIVE_METRICS.join(' or ')}`);
  if (typeof value === 'string' && (PREDICTIVE_METRICS as readonly string[]).includes(value)) return value as (typeof PREDICTIVE_METRICS)[number];
  const allowed = `allowed: ${PREDICTIVE_METRICS.join(' or ')}`;
  if (typeof value === 'string' && Object.hasOwn(METRIC_PAIRS, value)) return fail(ctx, `\`${value}\` is AWS's name for the metric pair; elbsim names it by its scaling metric: use ${METRIC_PAIRS[value]}`);
  if (typeof value === 'string' && (PREDEFINED_METRICS as readonly string[]).includes(value)) return fail(ctx, `\`${value}\` is not forecast by elbsim's predictive scaling; ${allowed}`);
  const hint = typeof value === 'string' ? didYouMean(value, PREDICTIVE_METRICS) : '';
  return fail(ctx, `${describe(value)} is not a predictive scaling metric; ${allowed} (AWS PredefinedMetricType)${hint}`);
});

/** AWS `SchedulingBufferTime`: at least 0, under the forecast's one-hour interval (CFN-PRED). */
function schedulingBuffer(seconds: number, shown: string): string | undefined {
  return seconds < 3600 ? undefined : `${shown} is out of range; allowed 0s up to but not including 1h (3600s) (AWS SchedulingBufferTime)`;
}

export const policy = z.discriminatedUnion('type', [
  strictObject({
    name,
    type: z.literal('TargetTrackingScaling'),
    metric: trackedMetric,
    targetValue: number({ above: 0, aws: 'TargetValue' }),
    disableScaleIn: flag().default(false),
    estimatedInstanceWarmup: warmup,
  }),
  strictObject({
    name,
    type: z.literal('StepScaling'),
    adjustmentType,
    minAdjustmentMagnitude,
    metricAggregationType: oneOf(['Average', 'Minimum', 'Maximum'], { aws: 'MetricAggregationType' }).default('Average'),
    estimatedInstanceWarmup: warmup,
    alarm,
    stepAdjustments: list(stepAdjustment, { min: 1, what: 'step adjustment' }),
  }).superRefine((p, ctx) => {
    checkMagnitude(p, ctx);
    checkSteps(p.stepAdjustments, p.adjustmentType, ctx);
  }),
  strictObject({
    name,
    type: z.literal('SimpleScaling'),
    adjustmentType,
    scalingAdjustment: integer({ aws: 'ScalingAdjustment' }),
    minAdjustmentMagnitude,
    cooldown: duration({ min: 0, aws: 'Cooldown' }).optional(),
    alarm,
  }).superRefine(checkMagnitude),
  strictObject({
    name,
    type: z.literal('PredictiveScaling'),
    metric: predictiveMetric,
    targetValue: number({ above: 0, aws: 'TargetValue' }),
    mode: oneOf(['ForecastOnly', 'ForecastAndScale'], { aws: 'Mode' }).default('ForecastOnly'),
    schedulingBufferTime: duration({ rule: schedulingBuffer }).default(300),
    maxCapacityBreachBehavior: oneOf(['HonorMaxCapacity', 'IncreaseMaxCapacity'], { aws: 'MaxCapacityBreachBehavior' }).default('HonorMaxCapacity'),
    maxCapacityBuffer: integer({ min: 0, max: 100, aws: 'MaxCapacityBuffer' }).optional(),
  }).superRefine((p, ctx) => {
    if (p.maxCapacityBuffer !== undefined && p.maxCapacityBreachBehavior !== 'IncreaseMaxCapacity') {
      ctx.addIssue({ code: 'custom', path: ['maxCapacityBuffer'], message: 'only applies to maxCapacityBreachBehavior IncreaseMaxCapacity (AWS MaxCapacityBuffer)', params: AT_KEY });
    }
  }),
]);

export const scheduledAction = strictObject({
  name,
  at: duration().optional(),
  recurrence: cron().optional(),
  desiredCapacity: integer({ min: 0, aws: 'DesiredCapacity', limit: 'fleetSize' }).optional(),
  minSize: integer({ min: 0, aws: 'MinSize', limit: 'fleetSize' }).optional(),
  maxSize: integer({ min: 0, aws: 'MaxSize', limit: 'fleetSize' }).optional(),
}).superRefine((a, ctx) => {
  if ((a.at === undefined) === (a.recurrence === undefined)) {
    ctx.addIssue({ code: 'custom', message: a.at === undefined ? 'give `at` (a time) or `recurrence` (a cron expression)' : 'give either `at` or `recurrence`, not both' });
  }
  if (a.desiredCapacity === undefined && a.minSize === undefined && a.maxSize === undefined) {
    ctx.addIssue({ code: 'custom', message: 'give at least one of desiredCapacity, minSize and maxSize' });
  }
  const { minSize: min, desiredCapacity: desired, maxSize: max } = a;
  if (min !== undefined && max !== undefined && min > max) ctx.addIssue({ code: 'custom', path: ['minSize'], message: `minSize ${min} is more than maxSize ${max}` });
  if (min !== undefined && desired !== undefined && desired < min) ctx.addIssue({ code: 'custom', path: ['desiredCapacity'], message: `desiredCapacity ${desired} is less than minSize ${min}` });
  if (max !== undefined && desired !== undefined && desired > max) ctx.addIssue({ code: 'custom', path: ['desiredCapacity'], message: `desiredCapacity ${desired} is more than maxSize ${max}` });
});

export type PolicyFile = z.output<typeof policy>;
export type ScheduledActionFile = z.output<typeof scheduledAction>;
export type AlarmFile = z.output<typeof alarm>;
export type MathAlarmFile = z.output<typeof mathAlarm>;

/** Whether a parsed alarm is a metric math alarm. */
export function isMathAlarm(a: AlarmFile): a is MathAlarmFile {
  return typeof a.expression === 'string' && Array.isArray(a.metrics);
}

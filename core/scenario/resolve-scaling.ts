/**
 * Resolves scaling policies and scheduled actions against the rest of the scenario: names
 * default to `policy-N` / `scheduled-N` and must be unique, warm-up and cooldown fall back
 * along AWS's chains (policy → DefaultInstanceWarmup → DefaultCooldown, AS-WARMCOOL; simple
 * policy Cooldown → DefaultCooldown, AS-COOL), and metrics must exist on this scenario's load
 * balancer type. Only one predictive policy may scale (AS-PRED: the others forecast only), and
 * one in a run shorter than the 24 h of history it needs gets a warning. Scheduled actions must
 * fall inside the run and not share a start time (AS-SCHED).
 */
import type { Finding } from './issues.ts';
import { isMathAlarm, type AlarmFile, type PolicyFile, type ScheduledActionFile } from './scaling-schema.ts';
import { formatDuration } from './duration.ts';
import type { GroupActionFile } from './action-schema.ts';
import type { AlarmSpec, CloudWatchNamespace, GroupAction, LoadBalancerType, MetricDimension, MetricSpec, ScalingPolicy, ScheduledAction } from './types.ts';

export interface ScalingContext {
  defaultInstanceWarmupS: number;
  defaultCooldownS: number;
  /** Absent when the load balancer section itself is invalid: metric checks are skipped. */
  loadBalancerType?: LoadBalancerType;
  detailedMonitoring?: boolean;
  durationS?: number;
  /** Where the group is in the file: `autoScaling`, or `autoScalingGroups.N`. */
  base: readonly (string | number)[];
}

const NAMESPACE_TYPE: Readonly<Record<Exclude<CloudWatchNamespace, 'AWS/EC2' | 'CWAgent'>, LoadBalancerType>> = {
  'AWS/ApplicationELB': 'application',
  'AWS/NetworkELB': 'network',
  'AWS/ELB': 'classic',
};


/** Predictive scaling forecasts only once the group has this much history (AS-PRED). */
export const PREDICTIVE_HISTORY_S = 24 * 3600;

function withArticle(type: LoadBalancerType): string {
  return type === 'application' ? `an ${type}` : `a ${type}`;
}

function checkRequestMetric(metric: string, path: (string | number)[], context: ScalingContext, errors: Finding[]): void {
  if (metric === 'ALBRequestCountPerTarget' && context.loadBalancerType !== undefined && context.loadBalancerType !== 'application') {
    errors.push({ path: [...path, 'metric'], anchor: 'value', message: `ALBRequestCountPerTarget needs an application load balancer; this scenario has ${withArticle(context.loadBalancerType)} one` });
  }
}

function checkNamespace(spec: Pick<MetricSpec, 'namespace'>, path: (string | number)[], context: ScalingContext, errors: Finding[]): void {
  if (spec.namespace === 'AWS/EC2' || spec.namespace === 'CWAgent' || context.loadBalancerType === undefined) return;
  const needs = NAMESPACE_TYPE[spec.namespace];
  if (needs !== context.loadBalancerType) {
    errors.push({ path: [...path, 'namespace'], anchor: 'value', message: `${spec.namespace} metrics come from ${withArticle(needs)} load balancer; this scenario has ${withArticle(context.loadBalancerType)} one` });
  }
}

type MetricFile = Omit<MetricSpec, 'dimension'> & { dimensions?: { TargetGroup?: string | undefined; LoadBalancer?: string | undefined } | undefined };

function dimensionOf(d: MetricFile['dimensions']): MetricDimension | null {
  if (!d) return null;
  return d.TargetGroup !== undefined ? { name: 'TargetGroup', value: d.TargetGroup } : { name: 'LoadBalancer', value: d.LoadBalancer! };
}

/** How an alarm evaluates, the same for a metric and a metric math alarm. */
function evaluation(a: AlarmFile): Pick<AlarmSpec, 'periodS' | 'evaluationPeriods' | 'datapointsToAlarm' | 'threshold' | 'comparisonOperator' | 'treatMissingData'> {
  return {
    periodS: a.period,
    evaluationPeriods: a.evaluationPeriods,
    datapointsToAlarm: a.datapointsToAlarm ?? a.evaluationPeriods,
    threshold: a.threshold,
    comparisonOperator: a.comparisonOperator,
    treatMissingData: a.treatMissingData,
  };
}

export function toAlarm(a: AlarmFile, path: (string | number)[], context: ScalingContext, errors: Finding[], warnings: Finding[]): AlarmSpec {
  if (isMathAlarm(a)) {
    const metrics = a.metrics.map((m) => ({ id: m.id, namespace: m.namespace, metric: m.metric, statistic: m.statistic, dimension: dimensionOf(m.dimensions) }));
    metrics.forEach((m, i) => checkNamespace(m, [...path, 'metrics', i], context, errors));
    const first = metrics[0]!;
    return {
      namespace: first.namespace,
      metric: first.metric,
      statistic: first.statistic,
      dimension: first.dimension,
      math: { expression: a.expression, metrics },
      ...evaluation(a),
    };
  }
  const spec: AlarmSpec = {
    namespace: a.namespace,
    metric: a.metric,
    statistic: a.statistic,
    dimension: dimensionOf(a.dimensions),
    ...evaluation(a),
  };
  checkNamespace(spec, path, context, errors);
  if (spec.namespace === 'AWS/EC2' && context.detailedMonitoring === false && spec.periodS < 300) {
    warnings.push({ path: [...path, 'period'], anchor: 'value', message: `EC2 publishes ${spec.metric} every 5 minutes without instance.detailedMonitoring, so a ${formatDuration(spec.periodS)} period sees missing data in most periods` });
  } else if (spec.namespace !== 'CWAgent' && spec.periodS < 60) {
    warnings.push({ path: [...path, 'period'], anchor: 'value', message: `${spec.namespace} ${spec.metric} is a standard-resolution metric (one datapoint a minute), so a ${formatDuration(spec.periodS)} period sees missing data in most periods; high-resolution periods need a high-resolution metric such as CWAgent cpu_usage_active` });
  }
  return spec;
}

/** A customized target-tracking metric: one metric, or metric math whose first metric stands for it. */
function customizedOf(c: Record<string, unknown>, path: (string | number)[], context: ScalingContext, errors: Finding[]): MetricSpec & { math?: AlarmSpec['math'] } {
  if (typeof c.expression === 'string' && Array.isArray(c.metrics)) {
    const metrics = (c.metrics as (MetricFile & { id: string })[]).map((m) => ({ id: m.id, namespace: m.namespace, metric: m.metric, statistic: m.statistic, dimension: dimensionOf(m.dimensions) }));
    metrics.forEach((m, i) => checkNamespace(m, [...path, 'metrics', i], context, errors));
    const first = metrics[0]!;
    return { namespace: first.namespace, metric: first.metric, statistic: first.statistic, dimension: first.dimension, math: { expression: c.expression, metrics } };
  }
  const spec = c as unknown as MetricFile;
  checkNamespace(spec, path, context, errors);
  return { namespace: spec.namespace, metric: spec.metric, statistic: spec.statistic, dimension: dimensionOf(spec.dimensions) };
}

export function nameOf(p: { name?: string | undefined }, prefix: string, i: number): string {
  return p.name ?? `${prefix}-${i + 1}`;
}

export function checkUnique(names: string[], base: readonly (string | number)[], errors: Finding[]): void {
  names.forEach((name, i) => {
    const first = names.indexOf(name);
    if (first < i) errors.push({ path: [...base, i, 'name'], anchor: 'value', message: `\`${name}\` is already the name of item ${first}; names must be unique` });
  });
}

export function resolvePolicies(policies: readonly PolicyFile[], context: ScalingContext, errors: Finding[], warnings: Finding[]): ScalingPolicy[] {
  const warmup = (own: number | undefined) => own ?? (context.defaultInstanceWarmupS > 0 ? context.defaultInstanceWarmupS : context.defaultCooldownS);
  const resolved = policies.map((p, i): ScalingPolicy => {
    const path = [...context.base, 'policies', i];
    const name = nameOf(p, 'policy', i);
    switch (p.type) {
      case 'TargetTrackingScaling': {
        if (typeof p.metric === 'string') {
          checkRequestMetric(p.metric, path, context, errors);
        }
        const metric = typeof p.metric === 'string' ? p.metric : { customized: customizedOf(p.metric.customized, [...path, 'metric', 'customized'], context, errors) };
        return { type: p.type, name, metric, targetValue: p.targetValue, disableScaleIn: p.disableScaleIn, estimatedInstanceWarmupS: warmup(p.estimatedInstanceWarmup) };
      }
      case 'StepScaling':
        return {
          type: p.type,
          name,
          adjustmentType: p.adjustmentType,
          minAdjustmentMagnitude: p.minAdjustmentMagnitude ?? null,
          metricAggregationType: p.metricAggregationType,
          estimatedInstanceWarmupS: warmup(p.estimatedInstanceWarmup),
          alarm: toAlarm(p.alarm, [...path, 'alarm'], context, errors, warnings),
          stepAdjustments: p.stepAdjustments.map((s) => ({ lowerBound: s.lowerBound ?? null, upperBound: s.upperBound ?? null, scalingAdjustment: s.scalingAdjustment })),
        };
      case 'SimpleScaling':
        return {
          type: p.type,
          name,
          adjustmentType: p.adjustmentType,
          scalingAdjustment: p.scalingAdjustment,
          minAdjustmentMagnitude: p.minAdjustmentMagnitude ?? null,
          cooldownS: p.cooldown ?? context.defaultCooldownS,
          alarm: toAlarm(p.alarm, [...path, 'alarm'], context, errors, warnings),
        };
      case 'PredictiveScaling':
        checkRequestMetric(p.metric, path, context, errors);
        if (context.durationS !== undefined && context.durationS <= PREDICTIVE_HISTORY_S) {
          warnings.push({ path: [...path, 'type'], anchor: 'value', message: `predictive scaling needs 24h of history before its first forecast (AWS), and this run lasts ${formatDuration(context.durationS)}, so \`${name}\` never forecasts or scales` });
        }
        return {
          type: p.type,
          name,
          metric: p.metric,
          targetValue: p.targetValue,
          mode: p.mode,
          schedulingBufferTimeS: p.schedulingBufferTime,
          maxCapacityBreachBehavior: p.maxCapacityBreachBehavior,
          maxCapacityBuffer: p.maxCapacityBuffer ?? 0,
        };
    }
  });
  resolved.forEach((p, i) => {
    if (p.type !== 'PredictiveScaling' || p.mode !== 'ForecastAndScale') return;
    const first = resolved.findIndex((q) => q.type === 'PredictiveScaling' && q.mode === 'ForecastAndScale');
    if (first < i) errors.push({ path: [...context.base, 'policies', i, 'mode'], anchor: 'value', message: `item ${first} already scales on its forecast; AWS lets only one predictive policy per group use ForecastAndScale (the others may be ForecastOnly)` });
  });
  checkUnique(resolved.map((p) => p.name), [...context.base, 'policies'], errors);
  return resolved;
}

export function resolveScheduledActions(actions: readonly ScheduledActionFile[], context: ScalingContext, errors: Finding[]): ScheduledAction[] {
  const resolved = actions.map((a, i): ScheduledAction => {
    if (a.at !== undefined && context.durationS !== undefined && a.at >= context.durationS) {
      errors.push({ path: [...context.base, 'scheduledActions', i, 'at'], anchor: 'value', message: `${formatDuration(a.at)} is not before the end of the run (duration ${formatDuration(context.durationS)})` });
    }
    return {
      name: nameOf(a, 'scheduled', i),
      atS: a.at ?? null,
      recurrence: a.recurrence ?? null,
      desiredCapacity: a.desiredCapacity ?? null,
      minSize: a.minSize ?? null,
      maxSize: a.maxSize ?? null,
    };
  });
  const starts = new Map<number, number>();
  resolved.forEach((a, i) => {
    if (a.atS === null) return;
    const first = starts.get(a.atS);
    if (first === undefined) starts.set(a.atS, i);
    else errors.push({ path: [...context.base, 'scheduledActions', i, 'at'], anchor: 'value', message: `item ${first} already starts at ${formatDuration(a.atS)}; AWS does not allow two scheduled actions at the same time` });
  });
  checkUnique(resolved.map((a) => a.name), [...context.base, 'scheduledActions'], errors);
  return resolved;
}

/**
 * Scheduled sizes that contradict the group whatever order the actions run in: an action's
 * minSize above every maxSize the group can have (its own and every action's), its maxSize below
 * every minSize, or a desired capacity outside both. AWS refuses such an action when it runs
 * (the new MinSize would exceed MaxSize); the simulator would otherwise record a group with
 * min 9 and max 4. Actions that set both limits are checked against each other by the schema.
 */
export function checkScheduledSizes(actions: readonly ScheduledAction[], group: { minSize: number; maxSize: number }, base: readonly (string | number)[], errors: Finding[], timed: readonly GroupActionFile[] = []): void {
  let highestMax = group.maxSize;
  let lowestMin = group.minSize;
  for (const a of actions) {
    if (a.maxSize !== null) highestMax = Math.max(highestMax, a.maxSize);
    if (a.minSize !== null) lowestMin = Math.min(lowestMin, a.minSize);
  }
  actions.forEach((a, i) => {
    const where = [...base, 'scheduledActions', i];
    if (a.minSize !== null && a.maxSize === null && a.minSize > highestMax) {
      errors.push({ path: [...where, 'minSize'], anchor: 'value', message: `minSize ${a.minSize} is more than the group's maxSize ${group.maxSize}${highestMax > group.maxSize ? ` and every scheduled maxSize (at most ${highestMax})` : ''}; AWS refuses an action that would leave MinSize above MaxSize` });
    }
    if (a.maxSize !== null && a.minSize === null && a.maxSize < lowestMin) {
      errors.push({ path: [...where, 'maxSize'], anchor: 'value', message: `maxSize ${a.maxSize} is less than the group's minSize ${group.minSize}${lowestMin < group.minSize ? ` and every scheduled minSize (at least ${lowestMin})` : ''}; AWS refuses an action that would leave MaxSize below MinSize` });
    }
    const d = a.desiredCapacity;
    if (d === null) return;
    const maxAllowed = a.maxSize ?? highestMax;
    const minAllowed = a.minSize ?? lowestMin;
    if (d > maxAllowed) errors.push({ path: [...where, 'desiredCapacity'], anchor: 'value', message: `desiredCapacity ${d} is more than any maxSize the group can have (at most ${maxAllowed}); AWS refuses a desired capacity above MaxSize` });
    else if (d < minAllowed) errors.push({ path: [...where, 'desiredCapacity'], anchor: 'value', message: `desiredCapacity ${d} is less than any minSize the group can have (at least ${minAllowed}); AWS refuses a desired capacity below MinSize` });
  });
  // A timed set-desired-capacity that no size the group can have allows would only be refused
  // when it runs (SetDesiredCapacity's ValidationError): said now, as for a scheduled action.
  // One within some of those sizes is checked when it runs, against the sizes of that moment.
  timed.forEach((a, i) => {
    if (a.action !== 'set-desired-capacity') return;
    const where = [...base, 'actions', i, 'desiredCapacity'];
    const d = a.desiredCapacity;
    if (d > highestMax) errors.push({ path: where, anchor: 'value', message: `desiredCapacity ${d} is more than any maxSize the group can have (at most ${highestMax}); AWS refuses SetDesiredCapacity above MaxSize` });
    else if (d < lowestMin) errors.push({ path: where, anchor: 'value', message: `desiredCapacity ${d} is less than any minSize the group can have (at least ${lowestMin}); AWS refuses SetDesiredCapacity below MinSize` });
  });
}

/** The largest fleet the group can ever hold: its maxSize or any size a scheduled action sets, times the most a launch-first replacement allows. */
export function largestFleet(actions: readonly ScheduledAction[], group: { maxSize: number; desiredCapacity: number; actions?: readonly GroupAction[]; instanceMaintenancePolicy?: { maxHealthyPercentage: number } | null }): number {
  let largest = Math.max(group.maxSize, group.desiredCapacity);
  for (const a of actions) largest = Math.max(largest, a.maxSize ?? 0, a.minSize ?? 0, a.desiredCapacity ?? 0);
  // Replacements that launch first (MaxHealthyPercentage above 100) run up to that share of the group.
  let ahead = group.instanceMaintenancePolicy?.maxHealthyPercentage ?? 100;
  for (const a of group.actions ?? []) if (a.action === 'start-instance-refresh') ahead = Math.max(ahead, a.preferences.maxHealthyPercentage);
  return Math.floor((largest * ahead) / 100);
}

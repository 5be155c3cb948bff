/**
 * From a schema-checked scenario file to the resolved `Scenario` the simulator runs: defaults
 * that depend on other keys are filled in and the rules that tie keys together are checked
 * (period within the run, group sizes, faults inside the run and in a listed zone, …).
 *
 * It works on whichever top-level parts passed the schema, so a mistake in one part does not
 * hide rule violations in another; the scenario itself is only built when every part is valid
 * and no rule is broken.
 */
import type { Finding } from './issues.ts';
import { formatDuration } from './duration.ts';
import type { CloudWatchFile } from './group-schema.ts';
import { resolveInitialZones, resolveLifecycleHooks, resolveWarmPool } from './resolve-group.ts';
import { resolveLoadBalancer } from './resolve-load-balancer.ts';
import { checkRunLimits } from './resolve-limits.ts';
import { checkScheduledSizes, largestFleet, resolvePolicies, resolveScheduledActions, type ScalingContext } from './resolve-scaling.ts';
import { resolveGroupActions } from './resolve-actions.ts';
import { AUTO_SCALING_DEFAULTS, DEFAULT_FLEET_SIZE, type AutoScalingFile, type FaultFile, type ScenarioFile, type ScenarioFileKey } from './schema.ts';
import { didYouMean } from './suggest.ts';
import type { AutoScaling, CloudWatchSettings, Fault, Scenario } from './types.ts';

/**
 * The top-level parts that passed the schema; an invalid part is absent. When the fault list
 * as a whole is invalid, its valid items are still given (with their indexes) so their zones
 * and times are checked too.
 */
export type Parts = { [K in ScenarioFileKey]?: { value: ScenarioFile[K] } } & {
  validFaults?: { index: number; value: FaultFile }[];
};

export interface Resolution {
  scenario?: Scenario;
  errors: Finding[];
  warnings: Finding[];
}

export const SINGLE_ZONE_WARNING = 'AWS requires at least two Availability Zones for an Application Load Balancer; elbsim allows one';

function error(errors: Finding[], path: Finding['path'], message: string): void {
  errors.push({ path, message, anchor: 'value' });
}

/** Group sizes: see DEFAULT_FLEET_SIZE in schema.ts for the rules. */
function resolveSizes(file: AutoScalingFile | undefined, errors: Finding[]): Pick<AutoScaling, 'minSize' | 'maxSize' | 'desiredCapacity'> {
  const { minSize, maxSize, desiredCapacity } = file ?? {};
  if (minSize === undefined && maxSize === undefined) {
    const size = desiredCapacity ?? DEFAULT_FLEET_SIZE;
    return { minSize: size, maxSize: size, desiredCapacity: size };
  }
  if (minSize === undefined) error(errors, ['autoScaling', 'minSize'], 'required key is missing: give minSize with maxSize (AWS MinSize)');
  if (maxSize === undefined) error(errors, ['autoScaling', 'maxSize'], 'required key is missing: give maxSize with minSize (AWS MaxSize)');
  const min = minSize ?? 0;
  const max = maxSize ?? Math.max(min, desiredCapacity ?? min);
  const desired = desiredCapacity ?? min;
  if (minSize === undefined || maxSize === undefined) return { minSize: min, maxSize: max, desiredCapacity: desired };
  if (min > max) {
    error(errors, ['autoScaling', 'minSize'], `minSize ${min} is more than maxSize ${max}`);
  } else if (desiredCapacity !== undefined && (desired < min || desired > max)) {
    error(errors, ['autoScaling', 'desiredCapacity'], `${desired} is outside the group's size; allowed minSize ${min} to maxSize ${max}`);
  }
  return { minSize: min, maxSize: max, desiredCapacity: desired };
}

type GroupContext = Omit<ScalingContext, 'defaultInstanceWarmupS' | 'defaultCooldownS'> & { zones?: readonly string[] };

function resolveAutoScaling(file: AutoScalingFile | undefined, context: GroupContext, errors: Finding[], warnings: Finding[]): AutoScaling {
  const group = file ?? AUTO_SCALING_DEFAULTS;
  const scaling: ScalingContext = { ...context, defaultInstanceWarmupS: group.defaultInstanceWarmup, defaultCooldownS: group.defaultCooldown };
  const sizes = resolveSizes(file, errors);
  const policies = resolvePolicies(group.policies, scaling, errors, warnings);
  const perZone = group.initialInstancesPerZone;
  const limitsMayChange = group.scheduledActions.length > 0 || policies.some((p) => p.type === 'PredictiveScaling');
  const scheduledActions = resolveScheduledActions(group.scheduledActions, scaling, errors);
  checkScheduledSizes(scheduledActions, sizes, errors);
  return {
    ...sizes,
    healthCheckType: group.healthCheckType,
    healthCheckGracePeriodS: group.healthCheckGracePeriod,
    defaultCooldownS: group.defaultCooldown,
    defaultInstanceWarmupS: group.defaultInstanceWarmup,
    initialInstancesPerZone: perZone ? resolveInitialZones(perZone, context.zones, sizes.desiredCapacity, group.desiredCapacity !== undefined, errors) : null,
    policies,
    scheduledActions,
    terminationPolicies: [...group.terminationPolicies],
    newInstancesProtectedFromScaleIn: group.newInstancesProtectedFromScaleIn,
    lifecycleHooks: resolveLifecycleHooks(group.lifecycleHooks, errors, warnings),
    warmPool: resolveWarmPool(group.warmPool, { ...sizes, limitsMayChange }, warnings),
    suspendedProcesses: [...group.suspendedProcesses],
    instanceMaintenancePolicy: group.instanceMaintenancePolicy ? { ...group.instanceMaintenancePolicy } : null,
    maxInstanceLifetimeS: group.maxInstanceLifetime,
    actions: resolveGroupActions(group.actions, { defaultInstanceWarmupS: group.defaultInstanceWarmup, healthCheckGracePeriodS: group.healthCheckGracePeriod, maintenance: group.instanceMaintenancePolicy ?? null, ...(context.durationS !== undefined ? { durationS: context.durationS } : {}) }, errors),
  };
}

function resolveCloudWatch(file: CloudWatchFile): CloudWatchSettings {
  return {
    publicationDelayS: file.publicationDelay,
    targetTrackingHighDatapoints: file.targetTrackingHighDatapoints,
    targetTrackingLowDatapoints: file.targetTrackingLowDatapoints,
    targetTrackingLowRatio: file.targetTrackingLowRatio,
  };
}

function resolveFault(f: FaultFile, i: number, zones: readonly string[] | undefined, durationS: number | undefined, errors: Finding[], maxFleet: number | undefined, warnings: Finding[]): Fault {
  if (f.action !== 'fail-zone' && maxFleet !== undefined && f.count > maxFleet) {
    warnings.push({ path: ['faults', i, 'count'], anchor: 'value', message: `count ${f.count} is more than the group can ever hold (${maxFleet} instance${maxFleet === 1 ? '' : 's'}); the fault acts on the instances there are` });
  }
  if (durationS !== undefined && f.at >= durationS) {
    error(errors, ['faults', i, 'at'], `${formatDuration(f.at)} is not before the end of the run (duration ${formatDuration(durationS)})`);
  }
  if (f.zone !== undefined && zones !== undefined && !zones.includes(f.zone)) {
    error(errors, ['faults', i, 'zone'], `\`${f.zone}\` is not one of the scenario's zones (${zones.join(', ')})${didYouMean(f.zone, zones)}`);
  }
  const zone = f.zone ?? null;
  switch (f.action) {
    case 'fail-target':
      return { atS: f.at, action: f.action, count: f.count, zone, forS: f.for ?? null };
    case 'terminate-target':
      return { atS: f.at, action: f.action, count: f.count, zone };
    case 'fail-zone':
      return { atS: f.at, action: f.action, zone: f.zone, forS: f.for ?? null };
    case 'slow-target':
      return { atS: f.at, action: f.action, count: f.count, zone, factor: f.factor, forS: f.for ?? null };
    case 'fail-health-check':
      return { atS: f.at, action: f.action, count: f.count, zone, forS: f.for ?? null };
  }
}

/** Checks the rules between parts and builds the scenario when everything is valid. */
export function resolveScenario(parts: Parts, complete: boolean): Resolution {
  const errors: Finding[] = [];
  const warnings: Finding[] = [];
  const durationS = parts.duration?.value;
  const zones = parts.zones?.value;
  const period = parts.period?.value;
  if (period !== undefined && durationS !== undefined && period > durationS) {
    error(errors, ['period'], `${formatDuration(period)} is longer than the run (duration ${formatDuration(durationS)}); the period must fit in the duration`);
  }
  // Network and Classic Load Balancers may run in one zone; only an ALB needs two (ELB-HOW).
  if (zones?.length === 1 && parts.loadBalancer?.value.type === 'application') {
    warnings.push({ path: ['zones'], message: SINGLE_ZONE_WARNING, anchor: 'value' });
  }

  const loadBalancer = parts.loadBalancer && resolveLoadBalancer(parts.loadBalancer.value, errors);
  const autoScaling = parts.autoScaling && resolveAutoScaling(
    parts.autoScaling.value,
    { loadBalancerType: loadBalancer?.type, detailedMonitoring: parts.instance?.value.detailedMonitoring, durationS, zones },
    errors,
    warnings,
  );
  const maxFleet = autoScaling ? largestFleet(autoScaling.scheduledActions, autoScaling) : undefined;
  const faults = parts.faults?.value.map((f, i) => resolveFault(f, i, zones, durationS, errors, maxFleet, warnings));
  for (const { index, value } of parts.validFaults ?? []) resolveFault(value, index, zones, durationS, errors, maxFleet, warnings);
  checkRunLimits({
    durationS,
    periodS: period,
    rate: parts.traffic?.value.rate,
    idleTimeoutS: loadBalancer?.idleTimeoutS,
    concurrency: parts.instance?.value.concurrency,
    queueLimit: parts.instance?.value.queueLimit,
    maxFleet,
  }, errors);

  const { name, description, seed, traffic, instance, cloudWatch, expect } = parts;
  if (!complete || errors.length > 0) return { errors, warnings };
  if (!name || !description || !seed || durationS === undefined || period === undefined || !zones || !traffic || !loadBalancer || !autoScaling || !instance || !faults || !cloudWatch || !expect) {
    return { errors, warnings };
  }
  const scenario: Scenario = {
    name: name.value,
    description: description.value,
    seed: seed.value,
    durationS,
    periodS: period,
    zones: [...zones],
    traffic: { rate: traffic.value.rate.map((p) => [p[0], p[1]] as const), arrivals: traffic.value.arrivals, clients: traffic.value.clients },
    loadBalancer,
    autoScaling,
    instance: {
      type: instance.value.type,
      pricePerHour: instance.value.pricePerHour,
      bootTime: { ...instance.value.bootTime },
      concurrency: instance.value.concurrency,
      queueLimit: instance.value.queueLimit,
      serviceTime: { ...instance.value.serviceTime },
      idleCpu: instance.value.idleCpu,
      detailedMonitoring: instance.value.detailedMonitoring,
    },
    faults,
    cloudWatch: resolveCloudWatch(cloudWatch.value),
    expect: Object.fromEntries(Object.entries(expect.value).filter(([, b]) => b !== undefined).map(([k, b]) => [k, { ...(b as object) }])),
  };
  return { scenario, errors, warnings };
}

/**
 * From a schema-checked scenario file to the resolved `Scenario` the simulator runs: defaults
 * that depend on other keys are filled in and the rules that tie keys together are checked
 * (period within the run, group sizes, faults inside the run and in a listed zone, …).
 *
 * It works on whichever top-level parts passed the schema, so a mistake in one part does not
 * hide rule violations in another; the scenario itself is only built when every part is valid
 * and no rule is broken.
 */
import { resolveAlarms } from './resolve-alarms.ts';
import { findingAt, type Finding } from './issues.ts';
import { formatDuration } from './duration.ts';
import type { CloudWatchFile } from './group-schema.ts';
import { resolveInitialZones, resolveLifecycleHooks, resolveWarmPool } from './resolve-group.ts';
import { checkUniqueNames, resolveTopology } from './resolve-topology.ts';
import { checkDimensions, loadBalancerFiles, resolveSetWeights } from './resolve-references.ts';
import { formatCount, LIMITS, limitText } from './limits.ts';
import { checkRunLimits, checkTopologyLimits } from './resolve-limits.ts';
import { checkScheduledSizes, largestFleet, resolvePolicies, resolveScheduledActions, type ScalingContext } from './resolve-scaling.ts';
import { resolveGroupActions } from './resolve-actions.ts';
import { checkCapacityRebalance, resolveMixedInstancesPolicy, resolveSpotFault } from './resolve-spot.ts';
import { AUTO_SCALING_DEFAULTS, DEFAULT_FLEET_SIZE, INSTANCE_DEFAULTS, type AutoScalingFile, type AutoScalingGroupFile, type FaultFile, type InstanceFile, type ScenarioFile, type ScenarioFileKey } from './schema.ts';
import { didYouMean } from './suggest.ts';
import type { AutoScaling, AutoScalingGroup, CloudWatchSettings, Fault, Instance, Scenario } from './types.ts';

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

/** Group sizes: see DEFAULT_FLEET_SIZE in schema.ts for the rules. */
function resolveSizes(file: AutoScalingFile | undefined, base: Path, errors: Finding[]): Pick<AutoScaling, 'minSize' | 'maxSize' | 'desiredCapacity'> {
  const { minSize, maxSize, desiredCapacity } = file ?? {};
  if (minSize === undefined && maxSize === undefined) {
    const size = desiredCapacity ?? DEFAULT_FLEET_SIZE;
    return { minSize: size, maxSize: size, desiredCapacity: size };
  }
  if (minSize === undefined) findingAt(errors, [...base, 'minSize'], 'required key is missing: give minSize with maxSize (AWS MinSize)');
  if (maxSize === undefined) findingAt(errors, [...base, 'maxSize'], 'required key is missing: give maxSize with minSize (AWS MaxSize)');
  const min = minSize ?? 0;
  const max = maxSize ?? Math.max(min, desiredCapacity ?? min);
  const desired = desiredCapacity ?? min;
  if (minSize === undefined || maxSize === undefined) return { minSize: min, maxSize: max, desiredCapacity: desired };
  if (min > max) {
    findingAt(errors, [...base, 'minSize'], `minSize ${min} is more than maxSize ${max}`);
  } else if (desiredCapacity !== undefined && (desired < min || desired > max)) {
    findingAt(errors, [...base, 'desiredCapacity'], `${desired} is outside the group's size; allowed minSize ${min} to maxSize ${max}`);
  }
  return { minSize: min, maxSize: max, desiredCapacity: desired };
}

type Path = readonly (string | number)[];

type GroupContext = Omit<ScalingContext, 'defaultInstanceWarmupS' | 'defaultCooldownS'> & { zones?: readonly string[] };

function resolveAutoScaling(file: AutoScalingFile | undefined, context: GroupContext, instance: Instance, errors: Finding[], warnings: Finding[]): AutoScaling {
  const group = file ?? AUTO_SCALING_DEFAULTS;
  const base = context.base;
  const scaling: ScalingContext = { ...context, defaultInstanceWarmupS: group.defaultInstanceWarmup, defaultCooldownS: group.defaultCooldown };
  const sizes = resolveSizes(file, base, errors);
  const policies = resolvePolicies(group.policies, scaling, errors, warnings);
  const perZone = group.initialInstancesPerZone;
  const limitsMayChange = group.scheduledActions.length > 0 || policies.some((p) => p.type === 'PredictiveScaling');
  const scheduledActions = resolveScheduledActions(group.scheduledActions, scaling, errors);
  checkScheduledSizes(scheduledActions, sizes, base, errors, group.actions);
  return {
    ...sizes,
    healthCheckType: group.healthCheckType,
    healthCheckGracePeriodS: group.healthCheckGracePeriod,
    defaultCooldownS: group.defaultCooldown,
    defaultInstanceWarmupS: group.defaultInstanceWarmup,
    initialInstancesPerZone: perZone ? resolveInitialZones(perZone, context.zones, sizes.desiredCapacity, group.desiredCapacity !== undefined, errors, base) : null,
    policies,
    scheduledActions,
    terminationPolicies: [...group.terminationPolicies],
    newInstancesProtectedFromScaleIn: group.newInstancesProtectedFromScaleIn,
    lifecycleHooks: resolveLifecycleHooks(group.lifecycleHooks, errors, warnings, base),
    warmPool: resolveWarmPool(group.warmPool, { ...sizes, limitsMayChange }, warnings, base),
    suspendedProcesses: [...group.suspendedProcesses],
    instanceMaintenancePolicy: group.instanceMaintenancePolicy ? { ...group.instanceMaintenancePolicy } : null,
    maxInstanceLifetimeS: group.maxInstanceLifetime,
    actions: resolveGroupActions(group.actions, { defaultInstanceWarmupS: group.defaultInstanceWarmup, healthCheckGracePeriodS: group.healthCheckGracePeriod, maintenance: group.instanceMaintenancePolicy ?? null, ...(context.durationS !== undefined ? { durationS: context.durationS } : {}) }, errors, base),
    mixedInstancesPolicy: group.mixedInstancesPolicy ? resolveMixedInstancesPolicy(group.mixedInstancesPolicy, {
      instance,
      warmPool: group.warmPool !== undefined,
      initialInstancesPerZone: perZone !== undefined,
      maxInstanceLifetimeS: group.maxInstanceLifetime,
      instanceMaintenancePolicy: group.instanceMaintenancePolicy !== undefined,
      instanceRefresh: group.actions.some((a) => a.action === 'start-instance-refresh'),
      desiredCapacity: sizes.desiredCapacity,
    }, errors, warnings, base) : null,
    capacityRebalance: group.capacityRebalance,
  };
}

function resolveInstance(file: InstanceFile): Instance {
  return {
    type: file.type,
    pricePerHour: file.pricePerHour,
    bootTime: { ...file.bootTime },
    concurrency: file.concurrency,
    queueLimit: file.queueLimit,
    serviceTime: { ...file.serviceTime },
    idleCpu: file.idleCpu,
    detailedMonitoring: file.detailedMonitoring,
  };
}

/** The name the shorthand form's one group has (events, metrics' AutoScalingGroupName). */
export const SHORTHAND_GROUP_NAME = 'asg';

/**
 * The Auto Scaling groups: `autoScalingGroups`, or the shorthand `autoScaling` + `instance` as
 * one group. Undefined when a part they need did not pass the schema.
 */
function resolveGroups(parts: Parts, context: Omit<GroupContext, 'base' | 'detailedMonitoring'>, errors: Finding[], warnings: Finding[]): (AutoScalingGroup & { path: Path })[] | undefined {
  if (!parts.autoScalingGroups) return undefined; // the list did not pass the schema
  const list = parts.autoScalingGroups.value;
  if (list) {
    if (parts.autoScaling?.value) findingAt(errors, ['autoScaling'], 'give either autoScaling with instance (one group) or autoScalingGroups (each with its own instance), not both');
    if (parts.instance?.value) findingAt(errors, ['instance'], 'with autoScalingGroups, each group has its own `instance`; move these settings there');
    const groups = list.map((g: AutoScalingGroupFile, i) => {
      const base = ['autoScalingGroups', i];
      const { name, instance, ...settings } = g;
      const own = resolveInstance(instance);
      const resolved = resolveAutoScaling(settings, { ...context, base, detailedMonitoring: instance.detailedMonitoring }, own, errors, warnings);
      checkCapacityRebalance(resolved, base, warnings);
      return { name, ...resolved, instance: own, path: base };
    });
    checkUniqueNames(groups.map((g) => g.name), ['autoScalingGroups'], 'name', 'group', errors);
    return groups;
  }
  if (!parts.autoScaling || !parts.instance) return undefined;
  const instance = resolveInstance(parts.instance?.value ?? INSTANCE_DEFAULTS);
  const base = ['autoScaling'];
  const group = resolveAutoScaling(parts.autoScaling?.value, { ...context, base, detailedMonitoring: instance.detailedMonitoring }, instance, errors, warnings);
  checkCapacityRebalance(group, base, warnings);
  return [{ name: SHORTHAND_GROUP_NAME, ...group, instance, path: [] }];
}

function resolveCloudWatch(file: CloudWatchFile): CloudWatchSettings {
  return {
    publicationDelayS: file.publicationDelay,
    targetTrackingHighDatapoints: file.targetTrackingHighDatapoints,
    targetTrackingLowDatapoints: file.targetTrackingLowDatapoints,
    targetTrackingLowRatio: file.targetTrackingLowRatio,
  };
}

function resolveFault(f: FaultFile, i: number, zones: readonly string[] | undefined, durationS: number | undefined, errors: Finding[], maxFleet: number | undefined, warnings: Finding[], groups: readonly string[] | undefined, specs?: readonly AutoScaling[]): Fault {
  if (durationS !== undefined && f.at >= durationS) {
    findingAt(errors, ['faults', i, 'at'], `${formatDuration(f.at)} is not before the end of the run (duration ${formatDuration(durationS)})`);
  }
  if (f.action === 'set-weights') return { atS: f.at, action: f.action, loadBalancer: 0, listener: 0, priority: f.rule === 'default' ? null : f.rule, weights: [] }; // resolved against the listeners below
  if (f.action !== 'fail-zone' && f.count !== undefined && maxFleet !== undefined && f.count > maxFleet) {
    warnings.push({ path: ['faults', i, 'count'], anchor: 'value', message: `count ${f.count} is more than the group can ever hold (${maxFleet} instance${maxFleet === 1 ? '' : 's'}); the fault acts on the instances there are` });
  }
  if (f.zone !== undefined && zones !== undefined && !zones.includes(f.zone)) {
    findingAt(errors, ['faults', i, 'zone'], `\`${f.zone}\` is not one of the scenario's zones (${zones.join(', ')})${didYouMean(f.zone, zones)}`);
  }
  const zone = f.zone ?? null;
  if (f.action === 'fail-zone') return { atS: f.at, action: f.action, zone: f.zone, forS: f.for ?? null };
  let group = 0;
  if (f.autoScalingGroup !== undefined && groups) {
    group = groups.indexOf(f.autoScalingGroup);
    if (group < 0) findingAt(errors, ['faults', i, 'autoScalingGroup'], `no Auto Scaling group is named \`${f.autoScalingGroup}\`; the groups are ${groups.map((g) => `\`${g}\``).join(', ')}${didYouMean(f.autoScalingGroup, groups)}`);
  }
  group = Math.max(group, 0);
  switch (f.action) {
    case 'fail-target':
      return { atS: f.at, action: f.action, count: f.count, zone, forS: f.for ?? null, group };
    case 'terminate-target':
      return { atS: f.at, action: f.action, count: f.count, zone, group };
    case 'slow-target':
      return { atS: f.at, action: f.action, count: f.count, zone, factor: f.factor, forS: f.for ?? null, group };
    case 'fail-health-check':
      return { atS: f.at, action: f.action, count: f.count, zone, forS: f.for ?? null, group };
    case 'spot-interruption':
      return resolveSpotFault(f, i, zone, group, specs?.[group], errors);
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
    findingAt(errors, ['period'], `${formatDuration(period)} is longer than the run (duration ${formatDuration(durationS)}); the period must fit in the duration`);
  }
  // Network and Classic Load Balancers may run in one zone; only an ALB needs two (ELB-HOW).
  const lbFiles = loadBalancerFiles(parts, errors);
  if (zones?.length === 1 && lbFiles?.some((l) => l.file.type === 'application')) {
    warnings.push({ path: ['zones'], message: SINGLE_ZONE_WARNING, anchor: 'value' });
  }

  const lbType = lbFiles?.[0]!.file.type;
  const groups = resolveGroups(parts, { loadBalancerType: lbType, durationS, zones }, errors, warnings);
  const maxFleet = groups ? groups.reduce((n, g) => n + largestFleet(g.scheduledActions, g), 0) : undefined;
  const groupNames = groups?.map((g) => g.name);
  const faults = parts.faults?.value.map((f, i) => resolveFault(f, i, zones, durationS, errors, maxFleet, warnings, groupNames, groups));
  for (const { index, value } of parts.validFaults ?? []) resolveFault(value, index, zones, durationS, errors, maxFleet, warnings, groupNames, groups);
  const trafficFile = parts.traffic?.value;
  // The groups' names, even when one of them is invalid, so the target groups are still checked.
  const names = groups?.map((g) => g.name) ?? (parts.autoScalingGroups ? (parts.autoScalingGroups.value?.map((g) => g.name) ?? [SHORTHAND_GROUP_NAME]) : undefined);
  const topology = lbFiles && parts.dns && names && trafficFile && resolveTopology({
    loadBalancers: lbFiles,
    dns: parts.dns.value,
    groups: names,
    zones,
    requests: trafficFile.requests,
    clients: trafficFile.clients,
    clientGroups: trafficFile.clientGroups,
  }, errors, warnings);
  if (topology) {
    checkTopologyLimits({
      loadBalancers: topology.loadBalancers,
      targetGroups: topology.targetGroups.length,
      autoScalingGroups: names?.length ?? 1,
      clientGroups: topology.clientGroups.length,
      requestClasses: topology.requests.length,
      durationS,
      periodS: period,
      trafficPath: trafficFile.requests ? ['traffic', 'requests'] : trafficFile.clientGroups ? ['traffic', 'clientGroups'] : ['traffic'],
    }, errors);
  }
  if (topology && topology.clients > LIMITS.clients.max) {
    errors.push({ path: ['traffic', 'clientGroups'], anchor: 'key', message: `${formatCount(topology.clients)} clients in all are too many; ${limitText('clients')}` });
  }
  for (const [i, g] of (groups ?? []).entries()) {
    checkRunLimits({
      durationS,
      periodS: i === 0 ? period : undefined,
      rate: i === 0 ? trafficFile?.rate : undefined,
      idleTimeoutS: lbFiles?.[0]!.file.idleTimeout,
      // A mixed instances policy's types may serve more at once than `instance` (weights count units, so maxSize still bounds the instances).
      concurrency: Math.max(g.instance.concurrency, ...(g.mixedInstancesPolicy?.overrides.map((o) => o.concurrency) ?? [])),
      queueLimit: g.instance.queueLimit,
      maxFleet: largestFleet(g.scheduledActions, g),
      queueLimitPath: [...g.path, 'instance', 'queueLimit'],
    }, errors);
  }
  if (!groups) checkRunLimits({ durationS, periodS: period, rate: trafficFile?.rate, queueLimitPath: [] }, errors);

  const { name, description, seed, cloudWatch, expect } = parts;
  if (topology && groups) checkDimensions(groups, topology.loadBalancers.map((l) => l.name), topology.targetGroups.map((t) => t.name), errors);
  if (topology && faults) resolveSetWeights(parts.faults!.value, faults, topology.loadBalancers, topology.targetGroups.map((t) => t.name), errors);
  const alarms = cloudWatch && groups
    ? resolveAlarms(cloudWatch.value, { groups, loadBalancerType: lbType, loadBalancers: topology?.loadBalancers.map((l) => l.name), targetGroups: topology?.targetGroups.map((t) => t.name) }, errors, warnings)
    : undefined;
  if (!complete || errors.length > 0) return { errors, warnings };
  if (!name || !description || !seed || durationS === undefined || period === undefined || !zones || !trafficFile || !topology || !groups || !faults || !cloudWatch || !expect) {
    return { errors, warnings };
  }
  const scenario: Scenario = {
    name: name.value,
    description: description.value,
    seed: seed.value,
    durationS,
    periodS: period,
    zones: [...zones],
    traffic: {
      rate: [...trafficFile.rate], // the points are read-only pairs: shared, not copied
      arrivals: trafficFile.arrivals,
      clients: topology.clients,
      clientGroups: topology.clientGroups,
      requests: topology.requests,
    },
    dns: topology.dns,
    loadBalancers: topology.loadBalancers,
    targetGroups: topology.targetGroups,
    autoScalingGroups: groups.map(({ path: _path, ...g }) => g),
    faults,
    cloudWatch: resolveCloudWatch(cloudWatch.value),
    ...(alarms && alarms.alarms.length > 0 ? { alarms: alarms.alarms } : {}),
    ...(alarms && alarms.compositeAlarms.length > 0 ? { compositeAlarms: alarms.compositeAlarms } : {}),
    expect: Object.fromEntries(Object.entries(expect.value).filter(([, b]) => b !== undefined).map(([k, b]) => [k, { ...(b as object) }])),
  };
  return { scenario, errors, warnings };
}

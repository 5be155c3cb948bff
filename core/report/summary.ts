/**
 * summary.json's figures for a finished run (contract section 3). Conservation holds by
 * construction: requests = responses2xx + target5xx + sum(elb5xx) + inFlightAtEnd.
 */
import type { Scenario } from '../scenario/types.ts';
import type { Metrics } from '../model/metrics.ts';
import type { AutoScalingGroup } from '../model/autoscaling/group.ts';
import type { Instances } from '../model/autoscaling/instances.ts';
import type { Servers } from '../model/compute/servers.ts';
import type { GroupSummary, LoadBalancerSummary, Summary, TargetGroupSummary } from './types.ts';
import type { TopologyMetrics } from '../model/topology-metrics.ts';
import type { LoadBalancer } from '../model/elb/load-balancer.ts';
import type { TargetGroup } from '../model/target-group/target-group.ts';
import type { Action } from '../scenario/types.ts';
import { ON_PREMISES } from '../scenario/resolve-topology.ts';

export interface SummaryInput {
  scenario: Scenario;
  seed: number;
  metrics: Metrics;
  /** Each Auto Scaling group with its instance table, in the scenario's order. */
  fleets: readonly { instances: Instances; group: AutoScalingGroup }[];
  servers: Servers;
  /** IP targets: their server rows, per target group. */
  ipServers: readonly (readonly number[])[];
  zoneRequests: Float64Array;
  inFlightAtEnd: number;
  topology: TopologyMetrics;
  /** Whether the scenario shows its topology's figures (see Summary.targetGroups). */
  detailed: boolean;
  lbs: readonly LoadBalancer[];
  /** Requests per load balancer when Route 53 spreads them over several; null with one. */
  lbRequests: Float64Array | null;
  targetGroups: readonly TargetGroup[];
  /** The standalone and composite alarms' figures; null when the scenario has none. */
  alarms?: Summary['alarms'] | null;
}

function actionText(a: Action, scenario: Scenario): string {
  if (a.type === 'redirect') return `redirect ${a.statusCode}`;
  if (a.type === 'fixed-response') return `fixed-response ${a.statusCode}`;
  const to = a.to.map((t) => scenario.targetGroups[t.targetGroup]!.name);
  return a.to.length === 1 ? `forward ${to[0]}` : `forward ${a.to.map((t, i) => `${to[i]}:${t.weight}`).join(' ')}`;
}

export function buildSummary(input: SummaryInput): Summary {
  const { scenario, metrics: m, servers, fleets } = input;
  const histogram = m.totalHistogram;
  const q = (p: number) => (m.total.ok > 0 ? histogram.quantile(p) : 0);
  const cq = (p: number) => (m.clientTotalCount > 0 ? m.clientTotalHistogram.quantile(p) : 0);
  const hours = fleets.map(({ group }) => group.instanceHours(scenario.durationS));
  const instanceHours = hours.reduce((a, b) => a + b, 0);
  const splits = fleets.map(({ group }) => group.costSplit(scenario.durationS));
  const costOf = (g: number) => {
    const split = splits[g];
    return split ? split.onDemand + split.spot : hours[g]! * scenario.autoScalingGroups[g]!.instance.pricePerHour;
  };
  const cost = hours.reduce((sum, _h, g) => sum + costOf(g), 0);
  const mixed = splits.some((s) => s !== null) ? marketSplit(input, hours, splits) : {};
  const zones: Summary['zones'] = {};
  scenario.zones.forEach((z, i) => (zones[z] = { requests: input.zoneRequests[i]! }));
  const onPremises = scenario.targetGroups.some((tg) => tg.ipTargets.some((t) => t.zone < 0));
  if (onPremises) zones[ON_PREMISES] = { requests: input.zoneRequests[scenario.zones.length]! };
  const list: Summary['targets'] = [];
  for (const { instances } of fleets) {
    for (let t = 0; t < instances.count; t++) {
      const gone = instances.terminateS[t]!;
      list.push({
        id: instances.id(t),
        zone: scenario.zones[instances.zone[t]!]!,
        requests: servers.requests[instances.server[t]!]!,
        launchS: instances.launchS[t]!,
        terminateS: Number.isNaN(gone) ? null : gone,
      });
    }
  }
  scenario.targetGroups.forEach((tg, i) => {
    tg.ipTargets.forEach((target, k) => {
      const s = input.ipServers[i]![k]!;
      list.push({ id: target.ip, zone: target.zone < 0 ? ON_PREMISES : scenario.zones[target.zone]!, requests: servers.requests[s]!, launchS: 0, terminateS: null });
    });
  });
  const capacityMin = fleets.reduce((n, { group }) => n + (Number.isFinite(group.capacityMin) ? group.capacityMin : 0), 0);
  const capacityMax = fleets.reduce((n, { group }) => n + group.capacityMax, 0);
  return {
    scenario: scenario.name,
    seed: input.seed,
    durationS: scenario.durationS,
    requests: m.total.requests,
    responses2xx: m.total.ok,
    target5xx: m.total.target5xx,
    elb5xx: { '502': m.total.e502, '503': m.total.e503, '504': m.total.e504 },
    inFlightAtEnd: input.inFlightAtEnd,
    latencyMs: {
      mean: m.total.ok > 0 ? m.totalLatencyMeanMs : 0,
      p50: q(0.5),
      p90: q(0.9),
      p99: q(0.99),
      max: m.latencyMaxMs,
    },
    zones,
    targets: list,
    capacity: { min: capacityMin, max: capacityMax },
    instanceHours,
    cost,
    ...mixed,
    clientLatencyMs: {
      mean: m.clientTotalCount > 0 ? m.clientTotalSumMs / m.clientTotalCount : 0,
      p50: cq(0.5),
      p90: cq(0.9),
      p99: cq(0.99),
      max: m.clientLatencyMaxMs,
    },
    ...(input.detailed ? topologySummary(input, hours, costOf, splits) : {}),
    ...(input.alarms ? { alarms: input.alarms } : {}),
  };
}

type Split = { onDemand: number; spot: number } | null;

/** The run's cost by market and its Spot interruptions (some group has a mixed instances policy). */
function marketSplit(input: SummaryInput, hours: readonly number[], splits: readonly Split[]): Pick<Summary, 'costOnDemand' | 'costSpot' | 'spotInterruptions'> {
  let onDemand = 0;
  let spot = 0;
  let interruptions = 0;
  splits.forEach((split, g) => {
    if (split) {
      onDemand += split.onDemand;
      spot += split.spot;
      interruptions += input.fleets[g]!.group.mixed!.interruptions;
    } else {
      onDemand += hours[g]! * input.scenario.autoScalingGroups[g]!.instance.pricePerHour;
    }
  });
  return { costOnDemand: onDemand, costSpot: spot, spotInterruptions: interruptions };
}

function topologySummary(input: SummaryInput, hours: readonly number[], costOf: (g: number) => number, splits: readonly Split[]): Partial<Summary> {
  const { scenario, topology: t } = input;
  const targetGroups: Record<string, TargetGroupSummary> = {};
  scenario.targetGroups.forEach((tg, i) => {
    const hosts = input.targetGroups[i]!.hostCounts();
    targetGroups[tg.name] = {
      requests: t.totalRequests[i]!,
      responses2xx: t.totalOk[i]!,
      elb5xx: t.totalElb5xx[i]!,
      latencyMsMean: t.totalOk[i]! > 0 ? t.totalLatSumMs[i]! / t.totalOk[i]! : 0,
      healthyHostsAtEnd: hosts.healthy,
      unhealthyHostsAtEnd: hosts.unhealthy,
    };
  });
  const autoScalingGroups: Record<string, GroupSummary> = {};
  input.fleets.forEach(({ group }, g) => {
    const spec = scenario.autoScalingGroups[g]!;
    autoScalingGroups[spec.name] = {
      capacity: { min: Number.isFinite(group.capacityMin) ? group.capacityMin : 0, max: group.capacityMax },
      desiredCapacityAtEnd: group.desired,
      instanceHours: hours[g]!,
      cost: costOf(g),
      ...(group.mixed ? { costOnDemand: splits[g]!.onDemand, costSpot: splits[g]!.spot, spotInterruptions: group.mixed.interruptions } : {}),
    };
  });
  const loadBalancers: Record<string, LoadBalancerSummary> = {};
  input.lbs.forEach((lb, k) => {
    const spec = scenario.loadBalancers[k]!;
    const rules = lb.actions.map((a, i) => {
      const listener = spec.listeners[a.listener]!;
      return { listener: `${listener.protocol}:${listener.port}`, priority: a.priority ?? ('default' as const), action: actionText(a.action, scenario), matched: lb.actionCounts[i]! };
    });
    loadBalancers[spec.name] = { type: spec.type, requests: input.lbRequests ? input.lbRequests[k]! : input.metrics.total.requests, rules };
  });
  return {
    redirects: t.totalRedirects,
    fixedResponses: t.totalFixedResponses,
    loadBalancers,
    targetGroups,
    autoScalingGroups,
  };
}

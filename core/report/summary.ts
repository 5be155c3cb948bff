/**
 * summary.json's figures for a finished run (contract section 3). Conservation holds by
 * construction: requests = responses2xx + target5xx + sum(elb5xx) + inFlightAtEnd.
 */
import type { Scenario } from '../scenario/types.ts';
import type { Metrics } from '../model/metrics.ts';
import type { AutoScalingGroup } from '../model/autoscaling/group.ts';
import type { Instances } from '../model/autoscaling/instances.ts';
import type { Servers } from '../model/compute/servers.ts';
import type { Summary } from './types.ts';

export interface SummaryInput {
  scenario: Scenario;
  seed: number;
  metrics: Metrics;
  instances: Instances;
  servers: Servers;
  fleet: AutoScalingGroup;
  zoneRequests: Float64Array;
  inFlightAtEnd: number;
}

export function buildSummary(input: SummaryInput): Summary {
  const { scenario, metrics: m, instances, servers, fleet } = input;
  const histogram = m.totalHistogram;
  const q = (p: number) => (m.total.ok > 0 ? histogram.quantile(p) : 0);
  const cq = (p: number) => (m.clientTotalCount > 0 ? m.clientTotalHistogram.quantile(p) : 0);
  const instanceHours = fleet.instanceHours(scenario.durationS);
  const zones: Summary['zones'] = {};
  scenario.zones.forEach((z, i) => (zones[z] = { requests: input.zoneRequests[i]! }));
  const list: Summary['targets'] = [];
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
    capacity: { min: Number.isFinite(fleet.capacityMin) ? fleet.capacityMin : 0, max: fleet.capacityMax },
    instanceHours,
    cost: instanceHours * scenario.instance.pricePerHour,
    clientLatencyMs: {
      mean: m.clientTotalCount > 0 ? m.clientTotalSumMs / m.clientTotalCount : 0,
      p50: cq(0.5),
      p90: cq(0.9),
      p99: cq(0.99),
      max: m.clientLatencyMaxMs,
    },
  };
}

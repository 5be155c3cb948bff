/**
 * What the charts need to know about a scenario's scaling policies.
 *
 * Target tracking keeps a metric at `targetValue` (AWS PutScalingPolicy,
 * TargetTrackingConfiguration); for the predefined metric ASGAverageCPUUtilization that target
 * is a CPU percentage, drawn as a reference line on the CPU chart. Policies are read
 * defensively: until the Auto Scaling model lands they are kept as validated raw objects.
 */
import type { Scenario } from '../../core/scenario/types.ts';

function field(obj: unknown, key: string): unknown {
  return obj !== null && typeof obj === 'object' ? (obj as Record<string, unknown>)[key] : undefined;
}

export interface TargetLine {
  policy: string;
  value: number;
}

/** Target-tracking policies on average CPU, with their target values (percent). */
export function cpuTargets(scenario: Pick<Scenario, 'autoScaling'> | null | undefined): TargetLine[] {
  const policies = scenario?.autoScaling?.policies ?? [];
  const lines: TargetLine[] = [];
  for (const policy of policies) {
    const type = field(policy, 'type') ?? field(policy, 'policyType');
    if (type !== 'TargetTrackingScaling') continue;
    const config = field(policy, 'targetTrackingConfiguration') ?? policy;
    const metric =
      field(config, 'metric') ??
      field(config, 'predefinedMetricType') ??
      field(field(config, 'predefinedMetricSpecification'), 'predefinedMetricType');
    const value = Number(field(config, 'targetValue'));
    if (metric === 'ASGAverageCPUUtilization' && Number.isFinite(value)) {
      lines.push({ policy: String(field(policy, 'name') ?? field(policy, 'policyName') ?? 'target tracking'), value });
    }
  }
  return lines;
}

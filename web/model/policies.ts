/**
 * What the charts need to know about a scenario's scaling policies.
 *
 * Target tracking keeps a metric at `targetValue` (AWS PutScalingPolicy,
 * TargetTrackingConfiguration); for the predefined metric ASGAverageCPUUtilization that target
 * is a CPU percentage, drawn as a reference line on the CPU chart.
 */
import type { Scenario } from '../../core/scenario/types.ts';

export interface TargetLine {
  policy: string;
  value: number;
}

interface PolicyFields {
  type?: unknown;
  name?: unknown;
  metric?: unknown;
  targetValue?: unknown;
}

/** Target-tracking policies on average CPU of every group, with their target values (percent). */
export function cpuTargets(scenario: Pick<Scenario, 'autoScalingGroups'> | null | undefined): TargetLine[] {
  const policies = (scenario?.autoScalingGroups ?? []).flatMap((g) => g?.policies ?? []) as readonly (PolicyFields | null)[];
  const lines: TargetLine[] = [];
  for (const policy of policies) {
    if (!policy || policy.type !== 'TargetTrackingScaling' || policy.metric !== 'ASGAverageCPUUtilization') continue;
    const value = Number(policy.targetValue);
    if (Number.isFinite(value)) lines.push({ policy: String(policy.name ?? 'target tracking'), value });
  }
  return lines;
}

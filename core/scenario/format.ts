/**
 * One line per scenario problem, the way compilers write them so editors and terminals can
 * jump to the spot: `scenarios/x.yaml:12:15: loadBalancer.targetGroup.healthCheck.interval: 3s
 * is out of range; allowed 5s to 300s (AWS HealthCheckIntervalSeconds)`. Without a known
 * position the line and column are left out; without a path (a YAML syntax error) so is it.
 */
import type { ScenarioIssue } from './types.ts';

export function formatIssue(issue: ScenarioIssue): string {
  let where = issue.file;
  if (issue.line !== undefined) {
    where += `:${issue.line}`;
    if (issue.column !== undefined) where += `:${issue.column}`;
  }
  const path = issue.path === '' ? '' : ` ${issue.path}:`;
  return `${where}:${path} ${issue.message}`;
}

/** Several issues, one per line, each prefixed with `error:` or `warning:` when `label` is given. */
export function formatIssues(issues: readonly ScenarioIssue[], label?: 'error' | 'warning'): string {
  return issues.map((i) => (label ? `${label}: ` : '') + formatIssue(i)).join('\n');
}

/** Orders issues as a reader goes through the file: by line and column; unplaced ones last. */
export function compareIssues(a: ScenarioIssue, b: ScenarioIssue): number {
  const line = (a.line ?? Infinity) - (b.line ?? Infinity);
  if (line !== 0 && !Number.isNaN(line)) return line;
  const column = (a.column ?? 0) - (b.column ?? 0);
  if (column !== 0) return column;
  return a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
}

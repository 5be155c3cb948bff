/**
 * Chart scope: which part of the topology the requests, latency, capacity and CPU charts show.
 * `all` is the load balancer as a whole (the contract's columns); a target group or an Auto
 * Scaling group swaps in its own `<metric>__<name>` columns from the run's extra series.
 *
 * What each scope has (the run writes no other per-name columns, so the rest is left out of
 * the charts rather than shown as the whole load balancer's):
 *   target group: requests, 2xx, load balancer 5xx, mean latency and healthy hosts of its own;
 *     in service, desired capacity and CPU of the Auto Scaling group registered with it (if any);
 *   Auto Scaling group: in service, desired capacity and CPU; and when the group serves exactly
 *     one target group with no IP targets beside it, that target group's traffic and latency
 *     (then the group's traffic), else none.
 * No scopes at all when the run has no extra series (the one-group shorthand: all = the group).
 *
 * Pure: no DOM.
 */
import type { NamedSeries, Timeseries, TimeseriesColumn } from '../../core/report/types.ts';
import type { Scenario } from '../../core/scenario/types.ts';

export type ChartScope = { kind: 'all' } | { kind: 'load-balancer'; name: string } | { kind: 'target-group'; name: string } | { kind: 'group'; name: string };

export interface ScopeOption {
  /** `all`, `tg:<name>` or `asg:<name>`: the select's value. */
  id: string;
  label: string;
  scope: ChartScope;
}

export const ALL: ScopeOption = { id: 'all', label: 'All (the load balancer)', scope: { kind: 'all' } };

type ScopeScenario = Pick<Scenario, 'targetGroups' | 'autoScalingGroups'> & Partial<Pick<Scenario, 'loadBalancers'>>;

export function scopeIdOf(scope: ChartScope): string {
  return scope.kind === 'all' ? 'all' : `${scope.kind === 'target-group' ? 'tg' : scope.kind === 'load-balancer' ? 'lb' : 'asg'}:${scope.name}`;
}

/** The choices for a run (or the runs of a comparison, by name); empty when none has extra series. */
export function scopeOptions(runs: readonly { scenario: ScopeScenario; extraSeries: readonly NamedSeries[] }[]): ScopeOption[] {
  const options: ScopeOption[] = [];
  const seen = new Set<string>();
  const add = (scope: ChartScope, label: string) => {
    const id = scopeIdOf(scope);
    if (seen.has(id)) return;
    seen.add(id);
    options.push({ id, label, scope });
  };
  for (const run of runs) {
    const lbs = run.scenario.loadBalancers ?? [];
    if (run.extraSeries.length === 0 || lbs.length < 2) continue;
    for (const lb of lbs) add({ kind: 'load-balancer', name: lb.name }, `Load balancer ${lb.name}`);
  }
  for (const run of runs) {
    if (run.extraSeries.length === 0) continue;
    for (const tg of run.scenario.targetGroups) add({ kind: 'target-group', name: tg.name }, `Target group ${tg.name}`);
  }
  for (const run of runs) {
    if (run.extraSeries.length === 0) continue;
    for (const g of run.scenario.autoScalingGroups) add({ kind: 'group', name: g.name }, `Auto Scaling group ${g.name}`);
  }
  return options.length ? [ALL, ...options] : [];
}

/** The option with this id, or `all` when the runs have no such scope (a new run, a typo). */
export function findScope(options: readonly ScopeOption[], id: string): ScopeOption {
  return options.find((o) => o.id === id) ?? ALL;
}

export interface ScopedRun {
  /** The contract's columns with the scope's own swapped in (the others as they were). */
  timeseries: Timeseries;
  /** The columns the charts may draw; null: all of them (scope `all`). */
  columns: ReadonlySet<TimeseriesColumn> | null;
  /** The groups whose scaling policies apply (the CPU chart's target lines). */
  autoScalingGroups: Scenario['autoScalingGroups'];
}

/** A run's series for a scope (see the module comment for what each scope has). */
export function scopeRun(
  run: { scenario: ScopeScenario; timeseries: Timeseries; extraSeries: readonly NamedSeries[] },
  scope: ChartScope,
): ScopedRun {
  const all: ScopedRun = { timeseries: run.timeseries, columns: null, autoScalingGroups: run.scenario.autoScalingGroups };
  if (scope.kind === 'all') return all;
  const byName = new Map(run.extraSeries.map((s) => [s.column, s.values]));
  const timeseries: Timeseries = { ...run.timeseries };
  const columns = new Set<TimeseriesColumn>(['time_s']);
  const take = (column: TimeseriesColumn, from: string): void => {
    const values = byName.get(from);
    if (!values) return;
    timeseries[column] = values;
    columns.add(column);
  };
  const targetGroupColumns = (name: string): void => {
    take('requests', `requests__${name}`);
    take('responses_2xx', `responses_2xx__${name}`);
    take('elb_5xx', `elb_5xx__${name}`);
    take('latency_mean_ms', `latency_mean_ms__${name}`);
    take('healthy_hosts', `healthy_hosts__${name}`);
  };
  const groupColumns = (name: string): void => {
    take('in_service', `in_service__${name}`);
    take('desired_capacity', `desired_capacity__${name}`);
    take('cpu_avg_pct', `cpu_avg_pct__${name}`);
  };
  const groups = run.scenario.autoScalingGroups;
  if (scope.kind === 'load-balancer') return loadBalancerRun(run, scope.name, timeseries, columns);
  if (scope.kind === 'target-group') {
    const tg = run.scenario.targetGroups.find((t) => t.name === scope.name);
    if (!tg) return { timeseries, columns, autoScalingGroups: [] };
    targetGroupColumns(tg.name);
    const group = tg.autoScalingGroup >= 0 ? groups[tg.autoScalingGroup] : undefined;
    if (group) groupColumns(group.name);
    return { timeseries, columns, autoScalingGroups: group ? [group] : [] };
  }
  const index = groups.findIndex((g) => g.name === scope.name);
  if (index < 0) return { timeseries, columns, autoScalingGroups: [] };
  groupColumns(groups[index]!.name);
  const served = run.scenario.targetGroups.filter((t) => t.autoScalingGroup === index);
  if (served.length === 1 && served[0]!.ipTargets.length === 0) targetGroupColumns(served[0]!.name);
  return { timeseries, columns, autoScalingGroups: [groups[index]!] };
}

/**
 * A load balancer's series, summed from what the run writes per name (with several load
 * balancers): its requests are its rules' matches (every request it received is matched by
 * exactly one of them), its 2xx, 5xx and healthy hosts those of its target groups, and its mean
 * latency theirs weighted by their 2xx.
 */
function loadBalancerRun(
  run: { scenario: ScopeScenario; extraSeries: readonly NamedSeries[] },
  name: string,
  timeseries: Timeseries,
  columns: Set<TimeseriesColumn>,
): ScopedRun {
  const lbs = run.scenario.loadBalancers ?? [];
  const index = lbs.findIndex((l) => l.name === name);
  if (index < 0) return { timeseries, columns, autoScalingGroups: [] };
  const rows = timeseries.time_s.length;
  const sum = (prefix: string, names: readonly string[]): Float64Array | null => {
    const parts = run.extraSeries.filter((s) => names.some((n) => s.column === `${prefix}${n}`));
    if (parts.length === 0) return null;
    const out = new Float64Array(rows);
    for (const p of parts) for (let i = 0; i < rows; i++) out[i]! += p.values[i]!;
    return out;
  };
  const tgs = run.scenario.targetGroups.filter((t) => t.loadBalancer === index);
  const tgNames = tgs.map((t) => t.name);
  const matched = run.extraSeries.filter((s) => s.column.startsWith(`matched__${name}__`));
  const put = (column: TimeseriesColumn, values: Float64Array | null): void => {
    if (!values) return;
    timeseries[column] = values;
    columns.add(column);
  };
  if (matched.length > 0) {
    const requests = new Float64Array(rows);
    for (const m of matched) for (let i = 0; i < rows; i++) requests[i]! += m.values[i]!;
    put('requests', requests);
  }
  const ok = sum('responses_2xx__', tgNames);
  put('responses_2xx', ok);
  put('elb_5xx', sum('elb_5xx__', tgNames));
  put('healthy_hosts', sum('healthy_hosts__', tgNames));
  if (ok) {
    const latency = new Float64Array(rows);
    for (let i = 0; i < rows; i++) {
      let weighted = 0;
      for (const t of tgNames) {
        const n = run.extraSeries.find((s) => s.column === `responses_2xx__${t}`)?.values[i] ?? 0;
        const l = run.extraSeries.find((s) => s.column === `latency_mean_ms__${t}`)?.values[i] ?? Number.NaN;
        if (n > 0) weighted += n * l;
      }
      latency[i] = ok[i]! > 0 ? weighted / ok[i]! : Number.NaN;
    }
    put('latency_mean_ms', latency);
  }
  const groupIndexes = [...new Set(tgs.map((t) => t.autoScalingGroup).filter((g) => g >= 0))];
  return { timeseries, columns, autoScalingGroups: groupIndexes.map((g) => run.scenario.autoScalingGroups[g]!) };
}

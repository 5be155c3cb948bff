/**
 * The topology view's model: a scenario's load balancer → listeners → rules → target groups →
 * targets as columns of nodes joined by edges, each edge with its share of the load balancer's
 * requests in the period at the cursor.
 *
 * Where the shares come from, best first (each edge says which it used, so the view can say so):
 *   period: the run's per-period columns at the cursor: `matched__<listener>__<rule>` for a
 *     rule's matches, `requests__<target group>` for a weighted forward's branch (when no other
 *     rule forwards to that target group), and for the one-group shorthand (no extra columns)
 *     the whole `requests` column, since everything takes its one default forward;
 *   total: the run's totals in summary.json (rule matches, target group requests, IP targets'
 *     requests), when a period column is missing;
 *   weight: a weighted forward's weights in force at the cursor (after any timed `set-weights`),
 *     times the rule's share, when no count can tell the branches apart.
 * A period with no requests has no shares (NaN, shown as a dash).
 *
 * Pure: the same input gives the same layout and shares; no DOM.
 */
import type { NamedSeries, Summary, Timeseries } from '../../core/report/types.ts';
import type { Action, RuleConditions, Scenario } from '../../core/scenario/types.ts';
import { periodIndex } from './fleet-state.ts';

export type NodeKind = 'load-balancer' | 'listener' | 'rule' | 'target-group' | 'terminal' | 'group' | 'ip-target';
export type ShareSource = 'period' | 'total' | 'weight';

/** Column of each kind of node, left to right. */
export const COLUMN_OF: Record<NodeKind, number> = {
  'load-balancer': 0,
  listener: 1,
  rule: 2,
  'target-group': 3,
  terminal: 3,
  group: 4,
  'ip-target': 4,
};
export const COLUMN_TITLES = ['Load balancer', 'Listeners', 'Rules', 'Target groups', 'Targets'] as const;

export interface TopologyNode {
  id: string;
  kind: NodeKind;
  column: number;
  /** Position in its column, in rows from the top (columns with fewer nodes are centred). */
  row: number;
  title: string;
  /** Second line: a rule's conditions, a group's in-service count at the cursor… */
  detail: string;
  /** A rule's action (`forward stable 90 / canary 10`, with the weights in force); empty for other nodes. */
  action: string;
  /** The node's share of the load balancer's requests at the cursor (NaN: unknown or no requests). */
  share: number;
}

export interface TopologyEdge {
  id: string;
  from: string;
  to: string;
  /** Fraction of the load balancer's requests in the period at the cursor that took this edge; NaN when unknown. */
  share: number;
  source: ShareSource;
  /** For a weighted forward's branch: its weight in force at the cursor (else null). */
  weight: number | null;
}

export interface Topology {
  nodes: TopologyNode[];
  edges: TopologyEdge[];
  /** Rows of the tallest column. */
  rows: number;
  /** The row of the time series the shares are from (-1: none). */
  period: number;
}

export interface TopologyInput {
  scenario: Pick<Scenario, 'loadBalancers' | 'targetGroups' | 'autoScalingGroups' | 'faults' | 'periodS' | 'zones'>;
  timeseries: Pick<Timeseries, 'requests' | 'in_service' | 'healthy_hosts'>;
  extraSeries: readonly NamedSeries[];
  summary?: Pick<Summary, 'requests' | 'loadBalancers' | 'targetGroups' | 'targets'> | null;
}

/** `HTTP:80`, as the run's column names and summary.json write a listener. */
export function listenerLabel(listener: { protocol: string; port: number }): string {
  return `${listener.protocol}:${listener.port}`;
}

/** The column of a rule's matches per period; with several load balancers it names the load balancer too. */
export function matchedColumn(listener: { protocol: string; port: number }, priority: number | null, loadBalancer: string | null = null): string {
  return `matched__${loadBalancer === null ? '' : `${loadBalancer}__`}${listenerLabel(listener)}__${priority === null ? 'default' : priority}`;
}

/** A rule's conditions in one short line: `path /api/* · host *.example.com`; empty for none. */
export function conditionSummary(c: RuleConditions): string {
  const parts: string[] = [];
  const list = (values: readonly string[]) => values.join(' or ');
  if (c.pathPattern?.length) parts.push(`path ${list(c.pathPattern)}`);
  if (c.hostHeader?.length) parts.push(`host ${list(c.hostHeader)}`);
  for (const h of c.httpHeader) parts.push(`${h.name}: ${list(h.values)}`);
  if (c.httpRequestMethod?.length) parts.push(`method ${list(c.httpRequestMethod)}`);
  for (const any of c.queryString) parts.push(`query ${any.map((q) => (q.key === null ? q.value : `${q.key}=${q.value}`)).join(' or ')}`);
  if (c.sourceIp?.length) parts.push(`source ${list(c.sourceIp)}`);
  return parts.join(' · ');
}

/** An action in a few words: `forward api`, `forward stable 90 / canary 10`, `redirect 301`, `fixed response 503`. */
export function actionSummary(action: Action, targetGroupNames: readonly string[], weights?: readonly number[]): string {
  if (action.type === 'redirect') return `redirect ${action.statusCode}`;
  if (action.type === 'fixed-response') return `fixed response ${action.statusCode}`;
  const name = (i: number) => targetGroupNames[action.to[i]!.targetGroup] ?? '?';
  if (action.to.length === 1) return `forward ${name(0)}`;
  return `forward ${action.to.map((t, i) => `${name(i)} ${weights?.[i] ?? t.weight}`).join(' / ')}`;
}

/**
 * A weighted forward's weights in force at `timeS`: its own, changed by every `set-weights`
 * for that listener and rule (null: the default action) at or before `timeS`.
 */
export function weightsAt(scenario: Pick<Scenario, 'loadBalancers' | 'faults'>, listener: number, priority: number | null, timeS: number, loadBalancer = 0): number[] {
  const l = scenario.loadBalancers[loadBalancer]?.listeners[listener];
  const action = l ? (priority === null ? l.defaultAction : l.rules.find((r) => r.priority === priority)?.action) : undefined;
  if (!action || action.type !== 'forward') return [];
  const weights = action.to.map((t) => t.weight);
  const changes = scenario.faults
    .flatMap((f) => (f.action === 'set-weights' && f.loadBalancer === loadBalancer && f.listener === listener && f.priority === priority && f.atS <= timeS ? [f] : []))
    .sort((a, b) => a.atS - b.atS);
  for (const change of changes) change.weights.forEach((w, i) => i < weights.length && (weights[i] = w));
  return weights;
}

const WORST: Record<ShareSource, number> = { period: 0, total: 1, weight: 2 };
const worse = (a: ShareSource, b: ShareSource): ShareSource => (WORST[a] >= WORST[b] ? a : b);

/** The topology at `timeS`: nodes in columns, edges with their shares (see the module comment). */
export function topologyAt(input: TopologyInput, timeS: number): Topology {
  const { scenario, timeseries, extraSeries, summary } = input;
  const rows = timeseries.requests.length;
  const p = periodIndex(timeS, scenario.periodS, rows);
  const byColumn = new Map(extraSeries.map((s) => [s.column, s.values]));
  const at = (column: string): number | undefined => {
    const values = byColumn.get(column);
    const v = values && p >= 0 ? values[p] : undefined;
    return v !== undefined && Number.isFinite(v) ? v : undefined;
  };
  const shorthand = extraSeries.length === 0;
  const periodTotal = p >= 0 ? timeseries.requests[p]! : Number.NaN;
  const runTotal = summary?.requests ?? 0;
  const tgNames = scenario.targetGroups.map((t) => t.name);
  const nodes: TopologyNode[] = [];
  const edges: TopologyEdge[] = [];
  const nodeIds = new Set<string>();
  const addNode = (id: string, kind: NodeKind, title: string, detail: string): void => {
    if (nodeIds.has(id)) return;
    nodeIds.add(id);
    nodes.push({ id, kind, column: COLUMN_OF[kind], row: 0, title, detail, action: '', share: Number.NaN });
  };
  const addEdge = (from: string, to: string, share: number, source: ShareSource, weight: number | null = null): void => {
    edges.push({ id: `${from}->${to}`, from, to, share, source, weight });
  };
  /** A count in the period at the cursor as a share of the period's requests. */
  const ofPeriod = (count: number): number => (periodTotal > 0 ? count / periodTotal : Number.NaN);
  const ofRun = (count: number): number => (runTotal > 0 ? count / runTotal : Number.NaN);

  // How many (rule, branch) pairs forward to each target group: a branch's own column is only
  // that branch's traffic when no other rule forwards there.
  const forwardsTo = new Map<number, number>();
  for (const lb of scenario.loadBalancers)
    for (const l of lb.listeners)
      for (const a of [...l.rules.map((r) => r.action), l.defaultAction])
        if (a.type === 'forward') for (const t of a.to) forwardsTo.set(t.targetGroup, (forwardsTo.get(t.targetGroup) ?? 0) + 1);

  const tgIn = new Map<number, { share: number; source: ShareSource }>();
  scenario.loadBalancers.forEach((lb, b) => {
    const lbId = `lb:${b}`;
    addNode(lbId, 'load-balancer', lb.name, `${lb.type === 'application' ? 'Application' : lb.type === 'network' ? 'Network' : 'Classic'} Load Balancer`);
    lb.listeners.forEach((listener, li) => {
      const label = listenerLabel(listener);
      const listenerId = `listener:${b}:${li}`;
      addNode(listenerId, 'listener', label, listener.rules.length === 0 ? 'default action only' : `${listener.rules.length} ${listener.rules.length === 1 ? 'rule' : 'rules'} + default`);
      let listenerShare = 0;
      let listenerSource: ShareSource = 'period';
      const entries = [...listener.rules.map((r) => ({ priority: r.priority as number | null, conditions: r.conditions as RuleConditions | null, action: r.action })),
        { priority: null, conditions: null, action: listener.defaultAction }];
      for (const entry of entries) {
        const key = entry.priority === null ? 'default' : String(entry.priority);
        const ruleId = `rule:${b}:${li}:${key}`;
        // The rule's share of the load balancer's requests.
        let share: number;
        let source: ShareSource;
        const matched = at(matchedColumn(listener, entry.priority, scenario.loadBalancers.length > 1 ? lb.name : null));
        const ruleTotal = summary?.loadBalancers?.[lb.name]?.rules.find((r) => r.listener === label && String(r.priority) === key)?.matched;
        if (matched !== undefined) [share, source] = [ofPeriod(matched), 'period'];
        else if (shorthand && scenario.loadBalancers.length === 1 && lb.listeners.length === 1 && entry.priority === null && listener.rules.length === 0)
          [share, source] = [periodTotal > 0 ? 1 : Number.NaN, 'period'];
        else if (ruleTotal !== undefined) [share, source] = [ofRun(ruleTotal), 'total'];
        else [share, source] = [Number.NaN, 'total'];
        listenerShare += share;
        listenerSource = worse(listenerSource, source);
        const weights = weightsAt(scenario, li, entry.priority, timeS, b);
        const conditions = entry.conditions ? conditionSummary(entry.conditions) : 'otherwise';
        addNode(ruleId, 'rule', entry.priority === null ? 'default' : `priority ${entry.priority}`, conditions);
        addEdge(listenerId, ruleId, share, source);
        const ruleNode = nodes.find((n) => n.id === ruleId)!;
        ruleNode.share = share;
        ruleNode.action = `→ ${actionSummary(entry.action, tgNames, weights)}`;

        const action = entry.action;
        if (action.type !== 'forward') {
          const terminalId = `terminal:${b}:${li}:${key}`;
          addNode(terminalId, 'terminal', action.type === 'redirect' ? `redirect ${action.statusCode}` : `fixed response ${action.statusCode}`, 'the load balancer answers');
          addEdge(ruleId, terminalId, share, source);
          continue;
        }
        const sum = weights.reduce((s, w) => s + w, 0);
        action.to.forEach((t, i) => {
          const tg = scenario.targetGroups[t.targetGroup]!;
          const tgId = `tg:${t.targetGroup}`;
          addNode(tgId, 'target-group', tg.name, '');
          let branch: number;
          let branchSource: ShareSource;
          if (action.to.length === 1) [branch, branchSource] = [share, source];
          else {
            const own = forwardsTo.get(t.targetGroup) === 1;
            const column = own ? at(`requests__${tg.name}`) : undefined;
            const total = own ? summary?.targetGroups?.[tg.name]?.requests : undefined;
            if (column !== undefined) [branch, branchSource] = [ofPeriod(column), 'period'];
            else if (total !== undefined) [branch, branchSource] = [ofRun(total), 'total'];
            else [branch, branchSource] = [sum > 0 ? (share * weights[i]!) / sum : 0, worse(source, 'weight')];
          }
          addEdge(ruleId, tgId, branch, branchSource, action.to.length > 1 ? (weights[i] ?? t.weight) : null);
          const prev = tgIn.get(t.targetGroup);
          tgIn.set(t.targetGroup, { share: (prev?.share ?? 0) + branch, source: worse(prev?.source ?? 'period', branchSource) });
        });
      }
      addEdge(lbId, listenerId, listenerShare, listenerSource);
      nodes.find((n) => n.id === listenerId)!.share = listenerShare;
    });
    nodes.find((n) => n.id === lbId)!.share = periodTotal > 0 ? 1 : Number.NaN;
  });

  // Target groups and their targets.
  const targetRequests = new Map((summary?.targets ?? []).map((t) => [t.id, t.requests]));
  // In the order the rules met them, so the targets line up with their target groups.
  const tgNodes = nodes.filter((n) => n.kind === 'target-group');
  for (const node of tgNodes) {
    const tgId = node.id;
    const ti = Number(tgId.slice(3));
    const tg = scenario.targetGroups[ti]!;
    const incoming = tgIn.get(ti) ?? { share: Number.NaN, source: 'total' as ShareSource };
    node.share = incoming.share;
    const healthy = at(`healthy_hosts__${tg.name}`) ?? (shorthand && scenario.targetGroups.length === 1 && p >= 0 ? timeseries.healthy_hosts[p] : undefined);
    const kind = tg.targetType === 'ip' ? 'IP targets' : 'instances';
    node.detail = healthy !== undefined && Number.isFinite(healthy) ? `${healthy} healthy ${healthy === 1 ? 'host' : 'hosts'}` : kind;
    const tgTotal = summary?.targetGroups?.[tg.name]?.requests;
    let ipShareSum = 0;
    const single = (tg.autoScalingGroup >= 0 ? 1 : 0) + tg.ipTargets.length === 1;
    for (const ip of tg.ipTargets) {
      const ipId = `ip:${ip.ip}`;
      const zone = ip.zone < 0 ? 'on-premises' : (scenario.zones[ip.zone] ?? '?');
      addNode(ipId, 'ip-target', ip.ip, `${zone}${ip.networkLatencyS > 0 ? ` · +${Math.round(ip.networkLatencyS * 1000)} ms` : ''}`);
      let share: number;
      let source: ShareSource;
      if (single) [share, source] = [incoming.share, incoming.source];
      else {
        const requests = targetRequests.get(ip.ip);
        share = requests !== undefined && tgTotal ? (incoming.share * requests) / tgTotal : Number.NaN;
        source = worse(incoming.source, 'total');
      }
      ipShareSum += share;
      addEdge(tgId, ipId, share, source);
      const ipNode = nodes.find((n) => n.id === ipId)!;
      ipNode.share = (Number.isFinite(ipNode.share) ? ipNode.share : 0) + share;
    }
    if (tg.autoScalingGroup >= 0) {
      const g = scenario.autoScalingGroups[tg.autoScalingGroup]!;
      const groupId = `group:${tg.autoScalingGroup}`;
      const inService = at(`in_service__${g.name}`) ?? (scenario.autoScalingGroups.length === 1 && p >= 0 ? timeseries.in_service[p] : undefined);
      addNode(groupId, 'group', g.name, inService !== undefined && Number.isFinite(inService) ? `${inService} in service` : 'Auto Scaling group');
      const share = single ? incoming.share : incoming.share - ipShareSum;
      const source = single ? incoming.source : worse(incoming.source, 'total');
      addEdge(tgId, groupId, share, source);
      const groupNode = nodes.find((n) => n.id === groupId)!;
      groupNode.share = (Number.isFinite(groupNode.share) ? groupNode.share : 0) + share;
    }
  }

  // Layout: each column in the order its nodes were met (which follows the rules' order), centred.
  const counts = [0, 0, 0, 0, 0];
  for (const n of nodes) counts[n.column]!++;
  const tallest = Math.max(1, ...counts);
  const seen = [0, 0, 0, 0, 0];
  for (const n of nodes) n.row = (tallest - counts[n.column]!) / 2 + seen[n.column]!++;
  return { nodes, edges, rows: tallest, period: p };
}

/** An edge's label: `90%` (one decimal under 10 %), `–` when unknown. */
export function shareLabel(share: number): string {
  if (!Number.isFinite(share)) return '–';
  const pct = share * 100;
  return `${pct > 0 && pct < 9.95 ? pct.toFixed(1) : pct.toFixed(0)}%`;
}

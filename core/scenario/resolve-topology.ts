/**
 * The load balancer's listeners and target groups, the request mix and the client groups, from
 * either form of the file (contract "Several target groups, listener rules, other target types"):
 *
 * - shorthand: `loadBalancer.targetGroup` (or nothing) is one target group backed by the one
 *   Auto Scaling group, and one listener (HTTP:80, TCP:80 on a network load balancer) whose
 *   default action forwards to it;
 * - full form: `loadBalancer.targetGroups` and `loadBalancer.listeners`, every name a reference
 *   checked here with a located error (an unknown target group or Auto Scaling group, a
 *   repeated name, port or priority, rules or redirects on a type that has none).
 */
import type { Finding } from './issues.ts';
import { resolveLoadBalancer, resolveTargetGroupSettings } from './resolve-load-balancer.ts';
import { TARGET_GROUP_DEFAULTS, type LoadBalancerFile, type TargetGroupFile } from './schema.ts';
import { didYouMean } from './suggest.ts';
import { LISTENER_PROTOCOLS, type ActionsFile, type ClientGroupFile, type ConditionsFile, type IpTargetFile, type ListenerFile, type RequestClassFile } from './topology-schema.ts';
import type { Action, ClientGroup, IpTarget, Listener, LoadBalancer, RequestClass, RuleConditions, TargetGroup } from './types.ts';

type Path = readonly (string | number)[];

const LB = ['loadBalancer'] as const;

function error(errors: Finding[], path: Path, message: string, anchor: Finding['anchor'] = 'value'): void {
  errors.push({ path: [...path], message, anchor });
}

function checkUniqueNames(names: readonly string[], base: Path, key: string, what: string, errors: Finding[]): void {
  const first = new Map<string, number>();
  names.forEach((name, i) => {
    const seen = first.get(name);
    if (seen === undefined) first.set(name, i);
    else error(errors, [...base, i, key], `${what} \`${name}\` is already item ${seen}; each ${key} must be unique`);
  });
}

export const ON_PREMISES = 'on-premises';

function resolveIpTarget(t: IpTargetFile, path: Path, zones: readonly string[] | undefined, errors: Finding[]): IpTarget {
  let zone = -1;
  if (t.zone !== ON_PREMISES && zones) {
    zone = zones.indexOf(t.zone);
    if (zone < 0) error(errors, [...path, 'zone'], `\`${t.zone}\` is not one of the scenario's zones (${zones.join(', ')}) nor \`${ON_PREMISES}\`${didYouMean(t.zone, [...zones, ON_PREMISES])}`);
  }
  return { ip: t.ip, zone: Math.max(zone, t.zone === ON_PREMISES ? -1 : 0), networkLatencyS: t.networkLatency, concurrency: t.concurrency, queueLimit: t.queueLimit, serviceTime: { ...t.serviceTime } };
}

export interface TopologyInput {
  loadBalancer: LoadBalancerFile;
  /** The Auto Scaling groups' names, in order. */
  groups: readonly string[];
  zones: readonly string[] | undefined;
  requests: readonly RequestClassFile[] | undefined;
  clients: number | undefined;
  clientGroups: readonly ClientGroupFile[] | undefined;
}

export interface Topology {
  loadBalancers: LoadBalancer[];
  targetGroups: TargetGroup[];
  requests: RequestClass[];
  clientGroups: ClientGroup[];
  clients: number;
}

function resolveTargetGroups(file: LoadBalancerFile, input: TopologyInput, errors: Finding[], warnings: Finding[]): TargetGroup[] {
  const type = file.type;
  const groups = input.groups;
  if (!file.targetGroups) {
    const tg = file.targetGroup ?? TARGET_GROUP_DEFAULTS;
    const settings = resolveTargetGroupSettings(tg, type, [...LB, 'targetGroup'], errors);
    return [{ name: tg.name, targetType: 'instance', ...settings, autoScalingGroup: 0, ipTargets: [], loadBalancer: 0 }];
  }
  if (file.targetGroup) error(errors, [...LB, 'targetGroup'], 'give either loadBalancer.targetGroup (one target group) or loadBalancer.targetGroups (several), not both', 'key');
  const base = [...LB, 'targetGroups'] as const;
  const items: readonly TargetGroupFile[] = file.targetGroups;
  checkUniqueNames(items.map((t) => t.name), base, 'name', 'target group', errors);
  return items.map((t, i): TargetGroup => {
    const path = [...base, i];
    let asg = -1;
    if (t.targetType === 'ip') {
      if (t.autoScalingGroup !== undefined) error(errors, [...path, 'autoScalingGroup'], 'an ip target group holds fixed addresses (`targets`), not an Auto Scaling group; use targetType: instance for a group', 'key');
      if (!t.targets) error(errors, [...path], 'an ip target group needs `targets` (their ip, zone or on-premises, concurrency and service time)');
    } else if (t.autoScalingGroup !== undefined) {
      asg = groups.indexOf(t.autoScalingGroup);
      if (asg < 0) error(errors, [...path, 'autoScalingGroup'], `no Auto Scaling group is named \`${t.autoScalingGroup}\`; the groups are ${groups.map((g) => `\`${g}\``).join(', ')}${didYouMean(t.autoScalingGroup, groups)}`);
    } else if (groups.length === 1) {
      asg = 0;
    } else if (!t.targets) {
      error(errors, [...path], `an instance target group needs \`autoScalingGroup\`: which of the groups (${groups.map((g) => `\`${g}\``).join(', ')}) registers its instances here`);
    }
    const ipTargets = (t.targets ?? []).map((target, k) => resolveIpTarget(target, [...path, 'targets', k], input.zones, errors));
    checkUniqueNames(ipTargets.map((x) => x.ip), [...path, 'targets'], 'ip', 'address', errors);
    const settings = resolveTargetGroupSettings(t, type, path, errors);
    if (asg >= 0 && ipTargets.length > 0) {
      warnings.push({ path: [...path, 'targets'], anchor: 'key', message: 'AWS gives a target group one target type; elbsim lets this one hold the group\'s instances and these addresses together (a what-if); use a second target group to match AWS' });
    }
    return { name: t.name, targetType: t.targetType, ...settings, autoScalingGroup: asg, ipTargets, loadBalancer: 0 };
  });
}

function conditionsOf(c: ConditionsFile): RuleConditions {
  return {
    pathPattern: c.pathPattern ?? null,
    hostHeader: c.hostHeader ?? null,
    httpHeader: (c.httpHeader ?? []).map((h) => ({ name: h.name, values: [...h.values] })),
    httpRequestMethod: c.httpRequestMethod ?? null,
    // One queryString condition: its pairs are alternatives.
    queryString: c.queryString ? [c.queryString.map((q) => ({ key: q.key ?? null, value: q.value }))] : [],
    sourceIp: c.sourceIp ?? null,
  };
}

function actionOf(a: ActionsFile, path: Path, type: LoadBalancer['type'], names: readonly string[], errors: Finding[]): Action {
  if (a.redirect || a.fixedResponse) {
    const key = a.redirect ? 'redirect' : 'fixedResponse';
    if (type !== 'application') error(errors, [...path, key], `${key === 'redirect' ? 'redirects' : 'fixed responses'} exist only on application load balancers, and this one is ${type}; use forward`, 'key');
    if (a.redirect) return { type: 'redirect', statusCode: a.redirect.statusCode === 'HTTP_301' ? 301 : 302 };
    return { type: 'fixed-response', statusCode: a.fixedResponse!.statusCode };
  }
  const forward = a.forward ?? [];
  if (forward.length > 1 && type !== 'application') error(errors, [...path, 'forward'], `a ${type} load balancer forwards to one target group; weighted target groups exist only on application load balancers`);
  const to = forward.map((f, k) => {
    const tg = names.indexOf(f.targetGroup);
    if (tg < 0) error(errors, [...path, 'forward', k, 'targetGroup'], `no target group is named \`${f.targetGroup}\`; the target groups are ${names.map((n) => `\`${n}\``).join(', ')}${didYouMean(f.targetGroup, names)}`);
    return { targetGroup: Math.max(tg, 0), weight: forward.length === 1 ? 1 : f.weight };
  });
  checkUniqueNames(forward.map((f) => f.targetGroup), [...path, 'forward'], 'targetGroup', 'target group', errors);
  return { type: 'forward', to };
}

function resolveListeners(file: LoadBalancerFile, names: readonly string[], errors: Finding[]): Listener[] {
  const type = file.type;
  if (!file.listeners) {
    if (names.length > 1) error(errors, [...LB, 'targetGroups'], 'with several target groups, give loadBalancer.listeners: their rules and default actions say which requests go to which group', 'key');
    return [{ protocol: type === 'network' ? 'TCP' : 'HTTP', port: 80, rules: [], defaultAction: { type: 'forward', to: [{ targetGroup: 0, weight: 1 }] } }];
  }
  const base = [...LB, 'listeners'] as const;
  const listeners = file.listeners.map((l: ListenerFile, i): Listener => {
    const path = [...base, i];
    const allowed: readonly string[] = LISTENER_PROTOCOLS[type];
    if (!allowed.includes(l.protocol)) error(errors, [...path, 'protocol'], `\`${l.protocol}\` is not a listener protocol of ${type === 'application' ? 'an' : 'a'} ${type} load balancer; allowed: ${allowed.join(', ')}`);
    if (l.rules.length > 0 && type !== 'application') error(errors, [...path, 'rules'], `listener rules exist only on application load balancers, and this one is ${type}; give only defaultActions`, 'key');
    const rules = l.rules.map((r, k) => ({ priority: r.priority, conditions: conditionsOf(r.conditions), action: actionOf(r.actions, [...path, 'rules', k, 'actions'], type, names, errors) }));
    const first = new Map<number, number>();
    l.rules.forEach((r, k) => {
      const seen = first.get(r.priority);
      if (seen === undefined) first.set(r.priority, k);
      else error(errors, [...path, 'rules', k, 'priority'], `priority ${r.priority} is already rule ${seen}'s; priorities must be unique within a listener (AWS)`);
    });
    rules.sort((a, b) => a.priority - b.priority);
    return { protocol: l.protocol, port: l.port, rules, defaultAction: actionOf(l.defaultActions, [...path, 'defaultActions'], type, names, errors) };
  });
  const ports = new Map<number, number>();
  file.listeners.forEach((l, i) => {
    const seen = ports.get(l.port);
    if (seen === undefined) ports.set(l.port, i);
    else error(errors, [...base, i, 'port'], `port ${l.port} already has listener ${seen}; a load balancer has one listener per port`);
  });
  return listeners;
}

function resolveRequests(requests: readonly RequestClassFile[] | undefined, listeners: readonly Listener[], errors: Finding[]): RequestClass[] {
  const port = listeners[0]!.port;
  if (!requests) return [{ name: 'GET /', weight: 1, method: 'GET', host: 'example.com', path: '/', headers: {}, query: [], port }];
  const ports = listeners.map((l) => l.port);
  return requests.map((r, i) => {
    if (r.port !== undefined && !ports.includes(r.port)) error(errors, ['traffic', 'requests', i, 'port'], `no listener is on port ${r.port}; the listeners are on ${ports.join(', ')}`);
    return {
      name: r.name ?? `${r.method} ${r.host}${r.path}`,
      weight: r.weight,
      method: r.method,
      host: r.host,
      path: r.path,
      headers: { ...r.headers },
      query: Object.entries(r.query),
      port: r.port ?? port,
    };
  });
}

function resolveClients(input: TopologyInput, errors: Finding[]): { clients: number; clientGroups: ClientGroup[] } {
  if (input.clientGroups) {
    if (input.clients !== undefined) error(errors, ['traffic', 'clients'], 'give either traffic.clients (one group of clients) or traffic.clientGroups, not both', 'key');
    const clientGroups = input.clientGroups.map((g, i) => ({ name: g.name ?? `clients-${i + 1}`, count: g.count, sourceIp: g.sourceIp }));
    checkUniqueNames(clientGroups.map((g) => g.name), ['traffic', 'clientGroups'], 'name', 'client group', errors);
    return { clients: clientGroups.reduce((n, g) => n + g.count, 0), clientGroups };
  }
  const clients = input.clients ?? 1000;
  return { clients, clientGroups: [{ name: 'clients', count: clients, sourceIp: '0.0.0.0/0' }] };
}

export function resolveTopology(input: TopologyInput, errors: Finding[], warnings: Finding[]): Topology {
  const file = input.loadBalancer;
  const targetGroups = resolveTargetGroups(file, input, errors, warnings);
  const names = targetGroups.map((t) => t.name);
  const listeners = resolveListeners(file, names, errors);
  const used = new Set(listeners.flatMap((l) => [l.defaultAction, ...l.rules.map((r) => r.action)]).flatMap((a) => (a.type === 'forward' ? a.to.map((t) => t.targetGroup) : [])));
  targetGroups.forEach((tg, i) => {
    if (!used.has(i) && file.targetGroups) warnings.push({ path: [...LB, 'targetGroups', i], anchor: 'key', message: `no listener forwards to \`${tg.name}\`, so its targets get no requests` });
  });
  input.groups.forEach((g, i) => {
    if (file.targetGroups && !targetGroups.some((tg) => tg.autoScalingGroup === i)) warnings.push({ path: ['autoScalingGroups', i], anchor: 'key', message: `no target group names \`${g}\`, so its instances get no requests` });
  });
  const requests = resolveRequests(input.requests, listeners, errors);
  const loadBalancer: LoadBalancer = { ...resolveLoadBalancer(file), listeners };
  return { loadBalancers: [loadBalancer], targetGroups, requests, ...resolveClients(input, errors) };
}

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
import { findingAt, type Finding } from './issues.ts';
import { resolveLoadBalancer, resolveTargetGroupSettings } from './resolve-load-balancer.ts';
import { TARGET_GROUP_DEFAULTS, type DnsFile, type LoadBalancerFile, type TargetGroupFile } from './schema.ts';
import { didYouMean } from './suggest.ts';
import { LISTENER_PROTOCOLS, type ActionsFile, type ClientGroupFile, type ConditionsFile, type IpTargetFile, type ListenerFile, type RequestClassFile } from './topology-schema.ts';
import type { Action, ClientGroup, DnsRecord, IpTarget, Listener, LoadBalancer, RequestClass, RuleConditions, TargetGroup } from './types.ts';

type Path = readonly (string | number)[];

/** Each name once: a repeat is a located error at its `key`, naming the item it repeats. */
export function checkUniqueNames(names: readonly string[], base: Path, key: string, what: string, errors: Finding[]): void {
  const first = new Map<string, number>();
  names.forEach((name, i) => {
    const seen = first.get(name);
    if (seen === undefined) first.set(name, i);
    else findingAt(errors, [...base, i, key], `${what} \`${name}\` is already item ${seen}; each ${key} must be unique`);
  });
}

export const ON_PREMISES = 'on-premises';

function resolveIpTarget(t: IpTargetFile, path: Path, zones: readonly string[] | undefined, errors: Finding[]): IpTarget {
  let zone = -1;
  if (t.zone !== ON_PREMISES && zones) {
    zone = zones.indexOf(t.zone);
    if (zone < 0) findingAt(errors, [...path, 'zone'], `\`${t.zone}\` is not one of the scenario's zones (${zones.join(', ')}) nor \`${ON_PREMISES}\`${didYouMean(t.zone, [...zones, ON_PREMISES])}`);
  }
  return { ip: t.ip, zone: Math.max(zone, t.zone === ON_PREMISES ? -1 : 0), networkLatencyS: t.networkLatency, concurrency: t.concurrency, queueLimit: t.queueLimit, serviceTime: { ...t.serviceTime } };
}

export interface TopologyInput {
  /** The load balancers and where each is in the file (`loadBalancer`, or `loadBalancers.N`). */
  loadBalancers: readonly { file: LoadBalancerFile; path: Path }[];
  dns: DnsFile | undefined;
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
  dns: DnsRecord;
  requests: RequestClass[];
  clientGroups: ClientGroup[];
  clients: number;
}

function resolveTargetGroups(file: LoadBalancerFile, LB: Path, lb: number, input: TopologyInput, errors: Finding[], warnings: Finding[]): TargetGroup[] {
  const type = file.type;
  const groups = input.groups;
  if (!file.targetGroups) {
    const tg = file.targetGroup ?? TARGET_GROUP_DEFAULTS;
    const settings = resolveTargetGroupSettings(tg, type, [...LB, 'targetGroup'], errors);
    return [{ name: tg.name, targetType: 'instance', ...settings, autoScalingGroup: 0, ipTargets: [], loadBalancer: lb }];
  }
  if (file.targetGroup) findingAt(errors, [...LB, 'targetGroup'], 'give either loadBalancer.targetGroup (one target group) or loadBalancer.targetGroups (several), not both', 'key');
  const base = [...LB, 'targetGroups'] as const;
  const items: readonly TargetGroupFile[] = file.targetGroups;
  checkUniqueNames(items.map((t) => t.name), base, 'name', 'target group', errors);
  return items.map((t, i): TargetGroup => {
    const path = [...base, i];
    let asg = -1;
    if (t.targetType === 'ip') {
      if (t.autoScalingGroup !== undefined) findingAt(errors, [...path, 'autoScalingGroup'], 'an ip target group holds fixed addresses (`targets`), not an Auto Scaling group; use targetType: instance for a group', 'key');
      if (!t.targets) findingAt(errors, [...path], 'an ip target group needs `targets` (their ip, zone or on-premises, concurrency and service time)');
    } else if (t.autoScalingGroup !== undefined) {
      asg = groups.indexOf(t.autoScalingGroup);
      if (asg < 0) findingAt(errors, [...path, 'autoScalingGroup'], `no Auto Scaling group is named \`${t.autoScalingGroup}\`; the groups are ${groups.map((g) => `\`${g}\``).join(', ')}${didYouMean(t.autoScalingGroup, groups)}`);
    } else if (groups.length === 1) {
      asg = 0;
    } else if (!t.targets) {
      findingAt(errors, [...path], `an instance target group needs \`autoScalingGroup\`: which of the groups (${groups.map((g) => `\`${g}\``).join(', ')}) registers its instances here`);
    }
    const ipTargets = (t.targets ?? []).map((target, k) => resolveIpTarget(target, [...path, 'targets', k], input.zones, errors));
    checkUniqueNames(ipTargets.map((x) => x.ip), [...path, 'targets'], 'ip', 'address', errors);
    const settings = resolveTargetGroupSettings(t, type, path, errors);
    if (asg >= 0 && ipTargets.length > 0) {
      warnings.push({ path: [...path, 'targets'], anchor: 'key', message: 'AWS gives a target group one target type; elbsim lets this one hold the group\'s instances and these addresses together (a what-if); use a second target group to match AWS' });
    }
    return { name: t.name, targetType: t.targetType, ...settings, autoScalingGroup: asg, ipTargets, loadBalancer: lb };
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

/** `names`: this load balancer's target groups; `first`: the index of its first among the scenario's. */
function actionOf(a: ActionsFile, path: Path, type: LoadBalancer['type'], names: readonly string[], first: number, errors: Finding[]): Action {
  if (a.redirect || a.fixedResponse) {
    const key = a.redirect ? 'redirect' : 'fixedResponse';
    if (type !== 'application') findingAt(errors, [...path, key], `${key === 'redirect' ? 'redirects' : 'fixed responses'} exist only on application load balancers, and this one is ${type}; use forward`, 'key');
    if (a.redirect) return { type: 'redirect', statusCode: a.redirect.statusCode === 'HTTP_301' ? 301 : 302 };
    return { type: 'fixed-response', statusCode: a.fixedResponse!.statusCode };
  }
  const forward = a.forward ?? [];
  if (forward.length > 1 && type !== 'application') findingAt(errors, [...path, 'forward'], `a ${type} load balancer forwards to one target group; weighted target groups exist only on application load balancers`);
  const to = forward.map((f, k) => {
    const tg = names.indexOf(f.targetGroup);
    if (tg < 0) findingAt(errors, [...path, 'forward', k, 'targetGroup'], `no target group is named \`${f.targetGroup}\`; the target groups are ${names.map((n) => `\`${n}\``).join(', ')}${didYouMean(f.targetGroup, names)}`);
    return { targetGroup: first + Math.max(tg, 0), weight: forward.length === 1 ? 1 : f.weight };
  });
  checkUniqueNames(forward.map((f) => f.targetGroup), [...path, 'forward'], 'targetGroup', 'target group', errors);
  return { type: 'forward', to };
}

function resolveListeners(file: LoadBalancerFile, LB: Path, names: readonly string[], first: number, errors: Finding[]): Listener[] {
  const type = file.type;
  if (!file.listeners) {
    if (names.length > 1) findingAt(errors, [...LB, 'targetGroups'], 'with several target groups, give listeners: their rules and default actions say which requests go to which group', 'key');
    return [{ protocol: type === 'network' ? 'TCP' : 'HTTP', port: 80, rules: [], defaultAction: { type: 'forward', to: [{ targetGroup: first, weight: 1 }] } }];
  }
  const base = [...LB, 'listeners'] as const;
  const listeners = file.listeners.map((l: ListenerFile, i): Listener => {
    const path = [...base, i];
    const allowed: readonly string[] = LISTENER_PROTOCOLS[type];
    if (!allowed.includes(l.protocol)) findingAt(errors, [...path, 'protocol'], `\`${l.protocol}\` is not a listener protocol of ${type === 'application' ? 'an' : 'a'} ${type} load balancer; allowed: ${allowed.join(', ')}`);
    if (l.rules.length > 0 && type !== 'application') findingAt(errors, [...path, 'rules'], `listener rules exist only on application load balancers, and this one is ${type}; give only defaultActions`, 'key');
    const rules = l.rules.map((r, k) => ({ priority: r.priority, conditions: conditionsOf(r.conditions), action: actionOf(r.actions, [...path, 'rules', k, 'actions'], type, names, first, errors) }));
    const priorities = new Map<number, number>();
    l.rules.forEach((r, k) => {
      const seen = priorities.get(r.priority);
      if (seen === undefined) priorities.set(r.priority, k);
      else findingAt(errors, [...path, 'rules', k, 'priority'], `priority ${r.priority} is already rule ${seen}'s; priorities must be unique within a listener (AWS)`);
    });
    rules.sort((a, b) => a.priority - b.priority);
    return { protocol: l.protocol, port: l.port, rules, defaultAction: actionOf(l.defaultActions, [...path, 'defaultActions'], type, names, first, errors) };
  });
  const ports = new Map<number, number>();
  file.listeners.forEach((l, i) => {
    const seen = ports.get(l.port);
    if (seen === undefined) ports.set(l.port, i);
    else findingAt(errors, [...base, i, 'port'], `port ${l.port} already has listener ${seen}; a load balancer has one listener per port`);
  });
  return listeners;
}

/** Every class's port must have a listener on every load balancer, since DNS may send a client to any of them. */
function resolveRequests(requests: readonly RequestClassFile[] | undefined, lbs: readonly LoadBalancer[], errors: Finding[]): RequestClass[] {
  const port = lbs[0]!.listeners[0]!.port;
  if (!requests) {
    for (const lb of lbs.slice(1)) if (!lb.listeners.some((l) => l.port === port)) findingAt(errors, ['traffic'], `load balancer \`${lb.name}\` has no listener on port ${port}, where requests go (the first listener's port); give it one or set traffic.requests[].port`, 'key');
    return [{ name: 'GET /', weight: 1, method: 'GET', host: 'example.com', path: '/', headers: {}, query: [], port }];
  }
  return requests.map((r, i) => {
    for (const lb of lbs) {
      const ports = lb.listeners.map((l) => l.port);
      const p = r.port ?? port;
      if (!ports.includes(p)) findingAt(errors, ['traffic', 'requests', i, ...(r.port === undefined ? [] : ['port'])], `${lbs.length > 1 ? `load balancer \`${lb.name}\` has` : 'there is'} no listener on port ${p}; the listeners are on ${ports.join(', ')}`);
    }
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
    if (input.clients !== undefined) findingAt(errors, ['traffic', 'clients'], 'give either traffic.clients (one group of clients) or traffic.clientGroups, not both', 'key');
    const clientGroups = input.clientGroups.map((g, i) => ({ name: g.name ?? `clients-${i + 1}`, count: g.count, sourceIp: g.sourceIp }));
    checkUniqueNames(clientGroups.map((g) => g.name), ['traffic', 'clientGroups'], 'name', 'client group', errors);
    return { clients: clientGroups.reduce((n, g) => n + g.count, 0), clientGroups };
  }
  const clients = input.clients ?? 1000;
  return { clients, clientGroups: [{ name: 'clients', count: clients, sourceIp: '0.0.0.0/0' }] };
}

function resolveDns(input: TopologyInput, lbs: readonly LoadBalancer[], errors: Finding[]): DnsRecord {
  const names = lbs.map((lb) => lb.name);
  const file = input.dns;
  if (!file) {
    if (lbs.length > 1) findingAt(errors, ['loadBalancers'], 'with several load balancers, give `dns`: the record (simple or weighted, with a weight per load balancer) through which clients reach them', 'key');
    return { routing: 'simple', ttlS: 60, records: [{ loadBalancer: 0, weight: 1 }] };
  }
  const records = file.records.map((r, i) => {
    const lb = names.indexOf(r.loadBalancer);
    if (lb < 0) findingAt(errors, ['dns', 'records', i, 'loadBalancer'], `no load balancer is named \`${r.loadBalancer}\`; the load balancers are ${names.map((n) => `\`${n}\``).join(', ')}${didYouMean(r.loadBalancer, names)}`);
    return { loadBalancer: Math.max(lb, 0), weight: r.weight };
  });
  checkUniqueNames(file.records.map((r) => r.loadBalancer), ['dns', 'records'], 'loadBalancer', 'load balancer', errors);
  if (file.routing === 'simple' && records.length > 1) findingAt(errors, ['dns', 'records'], 'a simple record answers with one load balancer; use routing: weighted for several');
  return { routing: file.routing, ttlS: file.ttl, records };
}

export function resolveTopology(input: TopologyInput, errors: Finding[], warnings: Finding[]): Topology {
  const targetGroups: TargetGroup[] = [];
  const loadBalancers: LoadBalancer[] = [];
  const owner = new Map<string, number>();
  input.loadBalancers.forEach(({ file, path: LB }, lb) => {
    const first = targetGroups.length;
    const mine = resolveTargetGroups(file, LB, lb, input, errors, warnings);
    mine.forEach((tg, k) => {
      const other = owner.get(tg.name);
      if (other !== undefined && other !== lb) {
        findingAt(errors, [...LB, file.targetGroups ? 'targetGroups' : 'targetGroup', ...(file.targetGroups ? [k, 'name'] : [])], `\`${tg.name}\` is already a target group of load balancer \`${input.loadBalancers[other]!.file.name}\`; a target group serves one load balancer (AWS), so give each its own`);
      }
      owner.set(tg.name, lb);
    });
    targetGroups.push(...mine);
    const names = mine.map((t) => t.name);
    const listeners = resolveListeners(file, LB, names, first, errors);
    const used = new Set(listeners.flatMap((l) => [l.defaultAction, ...l.rules.map((r) => r.action)]).flatMap((a) => (a.type === 'forward' ? a.to.map((t) => t.targetGroup) : [])));
    mine.forEach((tg, k) => {
      if (!used.has(first + k) && file.targetGroups) warnings.push({ path: [...LB, 'targetGroups', k], anchor: 'key', message: `no listener forwards to \`${tg.name}\`, so its targets get no requests` });
    });
    loadBalancers.push({ ...resolveLoadBalancer(file), listeners });
  });
  checkUniqueNames(loadBalancers.map((l) => l.name), ['loadBalancers'], 'name', 'load balancer', errors);
  input.groups.forEach((g, i) => {
    if (input.loadBalancers.some(({ file }) => file.targetGroups) && !targetGroups.some((tg) => tg.autoScalingGroup === i)) warnings.push({ path: ['autoScalingGroups', i], anchor: 'key', message: `no target group names \`${g}\`, so its instances get no requests` });
  });
  if (loadBalancers.length > 1 && new Set(loadBalancers.map((l) => l.idleTimeoutS)).size > 1) {
    findingAt(errors, ['loadBalancers'], 'the load balancers have different idle timeouts; elbsim keeps one idle timeout per run, so give them the same', 'key');
  }
  const requests = resolveRequests(input.requests, loadBalancers, errors);
  return { loadBalancers, targetGroups, dns: resolveDns(input, loadBalancers, errors), requests, ...resolveClients(input, errors) };
}

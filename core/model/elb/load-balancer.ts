/**
 * The load balancer: one node per Availability Zone, reached by clients through DNS.
 *
 * A request's listener is the one on its class's port; the listener's rules were compiled at
 * build time into one action per (client group, request class) (core/plan/rules.ts), so per
 * request the action is one table lookup, and a weighted forward one alias-table draw
 * (core/plan/alias.ts). Redirects and fixed responses are answered by the node itself.
 *
 * Clients resolve the load balancer's name and keep the answer for the record's 60 s TTL
 * (ELB-HOW); each resolution returns one of the nodes in DNS at random, so traffic splits evenly
 * over zones. A node hands each request to the target group its listener forwards to, which
 * picks a target over the node's scope (target-group.ts). With cross-zone off, a zone whose
 * registered targets are all unhealthy is taken out of DNS until one is healthy again; if every
 * zone is out, DNS answers with all of them (ALB-XZ, ALB-TGH).
 */
import type { Action, LoadBalancer as LoadBalancerSpec, Traffic } from '../../scenario/types.ts';
import type { RandomStream } from '../../engine/random.ts';
import { AliasTable } from '../../plan/alias.ts';
import { compileRuleTable } from '../../plan/rules.ts';
import type { Members } from '../target-group/members.ts';
import { Health } from '../target-group/members.ts';
import type { TargetGroup, TargetGroupListener } from '../target-group/target-group.ts';
import { FIXED_RESPONSE, REDIRECTED, type RequestRouter } from '../request-path.ts';

export const DNS_TTL_S = 60;

/** What a routing decision looked like, for tests and tracing (computed only when observed). */
export interface RouteObservation {
  timeS: number;
  node: number;
  client: number;
  /** The chosen target (its member row), or -1 for a 503. */
  target: number;
  targetHealthy: boolean;
  targetZone: number;
  /** Whether any registered target in the node's scope was healthy. */
  healthyInScope: boolean;
}

export type RouteObserver = (o: RouteObservation) => void;


const enum ActionKind {
  ForwardOne = 0,
  ForwardWeighted = 1,
  Redirect = 2,
  FixedResponse = 3,
}

/** One compiled action: every rule and every default action has its own, so its count is the rule's match count. */
export interface CompiledAction {
  listener: number;
  /** The rule's priority, or null for the listener's default action. */
  priority: number | null;
  action: Action;
}

export class LoadBalancer implements TargetGroupListener, RequestRouter {
  private dnsDirty = true;
  private readonly inDns: Uint8Array;
  private readonly dnsNodes: number[] = [];
  private readonly clientNode: Int32Array;
  private readonly clientExpiry: Float64Array;
  observer: RouteObserver | null = null;
  /** Every rule's and default action's compiled form, in listener order, rules by priority then the default. */
  readonly actions: CompiledAction[] = [];
  /** Requests each action answered or forwarded (a rule's match count). */
  readonly actionCounts: Float64Array;
  /** Per (client group, request class): the action's index. */
  private readonly table: Int32Array;
  private readonly classes: number;
  private readonly kind: Int8Array;
  /** ForwardOne: the target group; ForwardWeighted: its alias table's index. */
  private readonly target: Int32Array;
  private readonly aliases: AliasTable[] = [];
  private readonly weightedTo: Int32Array[] = [];
  /** First client index of each client group after the first (client groups are index ranges). */
  private readonly groupStarts: Int32Array;
  /** The target groups this load balancer's listeners forward to. */
  private readonly own: readonly TargetGroup[];
  /** The target group the last forward went to (read by the request path right after `route`). */
  lastTargetGroup = -1;

  constructor(
    readonly spec: LoadBalancerSpec,
    private readonly zoneCount: number,
    traffic: Traffic,
    /** Every target group of the scenario, by index (the actions name them). */
    readonly targetGroups: readonly TargetGroup[],
    /** This load balancer's index among the scenario's: its own target groups are those that name it. */
    index: number,
    private readonly members: Members,
    private readonly dnsStream: RandomStream,
    private readonly forwardStream: RandomStream,
  ) {
    this.inDns = new Uint8Array(zoneCount);
    const cached = zoneCount === 1 ? 0 : traffic.clients; // one zone keeps no answers (nodeFor)
    this.clientNode = new Int32Array(cached);
    this.clientExpiry = new Float64Array(cached).fill(-1);
    this.own = targetGroups.filter((tg) => tg.spec.loadBalancer === index);
    for (const tg of this.own) tg.listener = this;
    // Compile: each listener's rules over the request classes sent to its port and every client group.
    const classes = traffic.requests;
    const clientGroups = traffic.clientGroups.map((g) => ({ cidr: g.sourceIp }));
    this.classes = classes.length;
    this.table = new Int32Array(clientGroups.length * classes.length);
    spec.listeners.forEach((listener, l) => {
      const ruleActions = listener.rules.map((rule) => ({ conditions: rule.conditions, action: this.addAction(l, rule.priority, rule.action) }));
      const defaultAction = this.addAction(l, null, listener.defaultAction);
      const mine = classes.map((c, k) => ({ c, k })).filter(({ c }) => c.port === listener.port);
      const table = compileRuleTable(ruleActions, defaultAction, mine.map(({ c }) => c), clientGroups);
      clientGroups.forEach((_, g) => mine.forEach(({ k }, j) => (this.table[g * classes.length + k] = table[g * mine.length + j]!)));
    });
    const n = this.actions.length;
    this.actionCounts = new Float64Array(n);
    this.kind = new Int8Array(n);
    this.target = new Int32Array(n);
    this.actions.forEach(({ action }, i) => {
      if (action.type === 'redirect') this.kind[i] = ActionKind.Redirect;
      else if (action.type === 'fixed-response') this.kind[i] = ActionKind.FixedResponse;
      else if (action.to.length === 1) {
        this.kind[i] = ActionKind.ForwardOne;
        this.target[i] = action.to[0]!.targetGroup;
      } else {
        this.kind[i] = ActionKind.ForwardWeighted;
        this.target[i] = this.aliases.length;
        this.aliases.push(new AliasTable(action.to.map((t) => t.weight)));
        this.weightedTo.push(Int32Array.from(action.to.map((t) => t.targetGroup)));
      }
    });
    let start = 0;
    this.groupStarts = Int32Array.from(traffic.clientGroups.slice(0, -1).map((g) => (start += g.count)));
  }

  private addAction(listener: number, priority: number | null, action: Action): number {
    this.actions.push({ listener, priority, action });
    return this.actions.length - 1;
  }

  /** A forward action's weights changed (a timed `set-weights`); takes effect for the next request. */
  setWeights(action: number, weights: readonly number[]): void {
    const k = this.target[action]!;
    this.aliases[k] = new AliasTable(weights);
  }

  /** The client group of client index `client` (groups are consecutive index ranges). */
  private clientGroup(client: number): number {
    const starts = this.groupStarts;
    let g = 0;
    while (g < starts.length && client >= starts[g]!) g++;
    return g;
  }

  targetsChanged(): void {
    this.dnsDirty = true;
  }

  /** The node a request from `client` reaches at time `now`. */
  nodeFor(client: number, now: number): number {
    if (this.dnsDirty) this.rebuildDns();
    // One zone: DNS always answers with its node and makes no draw to do so, so the clients'
    // cached answers need no keeping (a 1,000,000-client table is two cache misses a request).
    if (this.zoneCount === 1) return 0;
    if (this.clientExpiry[client]! <= now) {
      const dns = this.dnsNodes;
      this.clientNode[client] = dns.length === 1 ? dns[0]! : dns[Math.floor(this.dnsStream.next() * dns.length)]!;
      this.clientExpiry[client] = now + DNS_TTL_S;
    }
    return this.clientNode[client]!;
  }

  /** Requests this load balancer answered itself so far: by a redirect, by a fixed response. */
  answeredSoFar(): { redirects: number; fixed: number } {
    let redirects = 0;
    let fixed = 0;
    for (let a = 0; a < this.kind.length; a++) {
      if (this.kind[a] === ActionKind.Redirect) redirects += this.actionCounts[a]!;
      else if (this.kind[a] === ActionKind.FixedResponse) fixed += this.actionCounts[a]!;
    }
    return { redirects, fixed };
  }

  /**
   * The member for a request of class `cls` from `client` at `node`; NO_TARGET when the target
   * group has no target in the node's scope (503), REDIRECTED or FIXED_RESPONSE when the
   * matched action is the node's own answer.
   */
  route(node: number, client: number, cls: number, now: number): number {
    const g = this.groupStarts.length === 0 ? 0 : this.clientGroup(client);
    const a = this.table[g * this.classes + cls]!;
    this.actionCounts[a]!++;
    const kind = this.kind[a]!;
    let tg: number;
    if (kind === ActionKind.ForwardOne) tg = this.target[a]!;
    else if (kind === ActionKind.ForwardWeighted) {
      const k = this.target[a]!;
      tg = this.weightedTo[k]![this.aliases[k]!.pick(this.forwardStream.next())]!;
    } else return kind === ActionKind.Redirect ? REDIRECTED : FIXED_RESPONSE;
    this.lastTargetGroup = tg;
    const target = this.targetGroups[tg]!;
    const m = target.pick(node, client, now);
    if (this.observer) this.observe(node, client, m, now, target);
    return m;
  }

  private observe(node: number, client: number, m: number, now: number, tg: TargetGroup): void {
    const members = this.members;
    this.observer!({
      timeS: now,
      node,
      client,
      target: m,
      targetHealthy: m >= 0 && members.health[m] === Health.Healthy,
      targetZone: m >= 0 ? members.zone[m]! : -1,
      healthyInScope: tg.healthyInScope(node),
    });
  }

  /**
   * With cross-zone off, a zone leaves DNS when its registered targets are all unhealthy: here,
   * when no target group has a healthy target in it and some group has a registered one.
   */
  private rebuildDns(): void {
    this.dnsDirty = false;
    for (const tg of this.own) tg.refresh();
    const crossZone = this.spec.crossZone;
    this.dnsNodes.length = 0;
    for (let z = 0; z < this.zoneCount; z++) {
      let registered = 0;
      let healthy = 0;
      for (const tg of this.own) {
        registered += tg.registeredInZone[z]!;
        healthy += tg.healthyInZone[z]!;
      }
      this.inDns[z] = crossZone || registered === 0 || healthy > 0 ? 1 : 0;
      if (this.inDns[z]) this.dnsNodes.push(z);
    }
    if (this.dnsNodes.length === 0) for (let z = 0; z < this.zoneCount; z++) this.dnsNodes.push(z);
  }
}

/**
 * The load balancer: one node per Availability Zone, reached by clients through DNS.
 *
 * Clients resolve the load balancer's name and keep the answer for the record's 60 s TTL
 * (ELB-HOW); each resolution returns one of the nodes in DNS at random, so traffic splits evenly
 * over zones. A node routes over its scope: every registered target with cross-zone load
 * balancing on, only its own zone's targets with it off (ELB-HOW, ALB-XZ). Within the scope it
 * uses the healthy targets; when none is healthy it fails open to all of them (ALB-HC; the
 * unhealthy-state-routing threshold of 1 target); a Classic Load Balancer does not fail open and
 * answers 503 (CLB-ERR). A scope with no registered target answers 503 (ALB-TS, ALB-XZ). With
 * cross-zone off, a zone whose registered targets are all unhealthy is taken out of DNS until
 * one is healthy again; if every zone is out, DNS answers with all of them (ALB-XZ, ALB-TGH).
 */
import type { LoadBalancer as LoadBalancerSpec } from '../scenario/types.ts';
import type { RandomStream } from '../engine/random.ts';
import { makeRouter, type Router, type RoutingView, type WeightOf } from './routing.ts';
import { Health, Registration, type TargetTable } from './targets.ts';

export const DNS_TTL_S = 60;

/** What a routing decision looked like, for tests and tracing (computed only when observed). */
export interface RouteObservation {
  timeS: number;
  node: number;
  client: number;
  /** The chosen target, or -1 for a 503. */
  target: number;
  targetHealthy: boolean;
  targetZone: number;
  /** Whether any registered target in the node's scope was healthy. */
  healthyInScope: boolean;
}

export type RouteObserver = (o: RouteObservation) => void;

class Node implements RoutingView {
  eligible = new Int32Array(16);
  length = 0;
  outstanding: Int32Array;
  rr = 0;
  inDns = true;
  constructor(targetCapacity: number) {
    this.outstanding = new Int32Array(targetCapacity);
  }
}

export class LoadBalancer {
  readonly nodes: Node[];
  private dirty = true;
  private readonly router: Router;
  private readonly dnsNodes: number[] = [];
  private readonly clientNode: Int32Array;
  private readonly clientExpiry: Float64Array;
  private readonly failOpen: boolean;
  private readonly weightOf: WeightOf;
  private slowStartActive = false;
  now = 0;
  observer: RouteObserver | null = null;

  constructor(
    readonly spec: LoadBalancerSpec,
    zoneCount: number,
    clients: number,
    private readonly targets: TargetTable,
    routingStream: RandomStream,
    private readonly dnsStream: RandomStream,
  ) {
    this.nodes = Array.from({ length: zoneCount }, () => new Node(targets.capacity));
    this.router = makeRouter(spec.targetGroup.algorithm, routingStream);
    this.clientNode = new Int32Array(clients);
    this.clientExpiry = new Float64Array(clients).fill(-1);
    this.failOpen = spec.type !== 'classic';
    const slowStartS = spec.targetGroup.slowStartS;
    this.weightOf = (t) => {
      const left = targets.slowStartEndS[t]! - this.now;
      return left > 0 ? 1 - left / slowStartS : 1;
    };
  }

  /** Registration or health changed somewhere: recompute scopes before the next routing. */
  invalidate(): void {
    this.dirty = true;
  }

  /** The node a request from `client` reaches at time `now`. */
  nodeFor(client: number, now: number): number {
    if (this.dirty) this.rebuild();
    if (this.clientExpiry[client]! <= now) {
      const dns = this.dnsNodes;
      this.clientNode[client] = dns.length === 1 ? dns[0]! : dns[Math.floor(this.dnsStream.next() * dns.length)]!;
      this.clientExpiry[client] = now + DNS_TTL_S;
    }
    return this.clientNode[client]!;
  }

  /** The target for a request at `node`, or -1 when the node must answer 503. */
  route(node: number, client: number, now: number): number {
    if (this.dirty) this.rebuild();
    const n = this.nodes[node]!;
    this.now = now;
    const target = n.length === 0 ? -1 : this.router(n, client, this.slowStartActive ? this.weightOf : null);
    if (this.observer) this.observe(node, client, target, now);
    return target;
  }

  private observe(node: number, client: number, target: number, now: number): void {
    const t = this.targets;
    let healthyInScope = false;
    for (let i = 0; i < t.count; i++) {
      const inScope = t.registration[i] === Registration.Registered && (this.spec.crossZone || t.zone[i] === node);
      if (inScope && t.health[i] === Health.Healthy) healthyInScope = true;
    }
    this.observer!({
      timeS: now,
      node,
      client,
      target,
      targetHealthy: target >= 0 && t.health[target] === Health.Healthy,
      targetZone: target >= 0 ? t.zone[target]! : -1,
      healthyInScope,
    });
  }

  /** A target slot was added: make room in the per-node counters. */
  ensureCapacity(capacity: number): void {
    for (const n of this.nodes) {
      if (n.outstanding.length < capacity) {
        const o = new Int32Array(capacity);
        o.set(n.outstanding);
        n.outstanding = o;
      }
    }
  }

  /** Whether any target is in slow start at `now` (routing then weighs targets). */
  refreshSlowStart(now: number): void {
    const t = this.targets;
    let any = false;
    for (let i = 0; i < t.count; i++) if (t.slowStartEndS[i]! > now) any = true;
    this.slowStartActive = any;
  }

  private rebuild(): void {
    this.dirty = false;
    const t = this.targets;
    const crossZone = this.spec.crossZone;
    const zoneCount = this.nodes.length;
    const registeredInZone = new Int32Array(zoneCount);
    const healthyInZone = new Int32Array(zoneCount);
    for (let i = 0; i < t.count; i++) {
      if (t.registration[i] !== Registration.Registered) continue;
      registeredInZone[t.zone[i]!]!++;
      if (t.health[i] === Health.Healthy) healthyInZone[t.zone[i]!]!++;
    }
    for (let z = 0; z < zoneCount; z++) {
      const node = this.nodes[z]!;
      if (node.eligible.length < t.count) node.eligible = new Int32Array(Math.max(16, t.capacity));
      const inScope = (i: number) => t.registration[i] === Registration.Registered && (crossZone || t.zone[i] === z);
      let len = 0;
      for (let i = 0; i < t.count; i++) if (inScope(i) && t.health[i] === Health.Healthy) node.eligible[len++] = i;
      if (len === 0 && this.failOpen) for (let i = 0; i < t.count; i++) if (inScope(i)) node.eligible[len++] = i;
      node.length = len;
      if (len > 0) node.rr %= len;
      node.inDns = crossZone || registeredInZone[z] === 0 || healthyInZone[z]! > 0;
    }
    this.dnsNodes.length = 0;
    for (let z = 0; z < zoneCount; z++) if (this.nodes[z]!.inDns) this.dnsNodes.push(z);
    if (this.dnsNodes.length === 0) for (let z = 0; z < zoneCount; z++) this.dnsNodes.push(z);
  }
}

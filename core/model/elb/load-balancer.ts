/**
 * The load balancer: one node per Availability Zone, reached by clients through DNS.
 *
 * Clients resolve the load balancer's name and keep the answer for the record's 60 s TTL
 * (ELB-HOW); each resolution returns one of the nodes in DNS at random, so traffic splits evenly
 * over zones. A node hands each request to the target group its listener forwards to, which
 * picks a target over the node's scope (target-group.ts). With cross-zone off, a zone whose
 * registered targets are all unhealthy is taken out of DNS until one is healthy again; if every
 * zone is out, DNS answers with all of them (ALB-XZ, ALB-TGH).
 */
import type { LoadBalancer as LoadBalancerSpec } from '../../scenario/types.ts';
import type { RandomStream } from '../../engine/random.ts';
import type { Members } from '../target-group/members.ts';
import { Health } from '../target-group/members.ts';
import type { TargetGroup, TargetGroupListener } from '../target-group/target-group.ts';
import type { RequestRouter } from '../request-path.ts';

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

export class LoadBalancer implements TargetGroupListener, RequestRouter {
  private dnsDirty = true;
  private readonly inDns: Uint8Array;
  private readonly dnsNodes: number[] = [];
  private readonly clientNode: Int32Array;
  private readonly clientExpiry: Float64Array;
  observer: RouteObserver | null = null;

  constructor(
    readonly spec: LoadBalancerSpec,
    private readonly zoneCount: number,
    clients: number,
    /** The target group the listener's default action forwards to. */
    readonly targetGroup: TargetGroup,
    private readonly members: Members,
    private readonly dnsStream: RandomStream,
  ) {
    this.inDns = new Uint8Array(zoneCount);
    this.clientNode = new Int32Array(clients);
    this.clientExpiry = new Float64Array(clients).fill(-1);
    targetGroup.listener = this;
  }

  targetsChanged(): void {
    this.dnsDirty = true;
  }

  /** The node a request from `client` reaches at time `now`. */
  nodeFor(client: number, now: number): number {
    if (this.dnsDirty) this.rebuildDns();
    if (this.clientExpiry[client]! <= now) {
      const dns = this.dnsNodes;
      this.clientNode[client] = dns.length === 1 ? dns[0]! : dns[Math.floor(this.dnsStream.next() * dns.length)]!;
      this.clientExpiry[client] = now + DNS_TTL_S;
    }
    return this.clientNode[client]!;
  }

  /** The member for a request at `node`, or -1 when the node must answer 503. */
  route(node: number, client: number, now: number): number {
    const m = this.targetGroup.pick(node, client, now);
    if (this.observer) this.observe(node, client, m, now);
    return m;
  }

  private observe(node: number, client: number, m: number, now: number): void {
    const members = this.members;
    this.observer!({
      timeS: now,
      node,
      client,
      target: m,
      targetHealthy: m >= 0 && members.health[m] === Health.Healthy,
      targetZone: m >= 0 ? members.zone[m]! : -1,
      healthyInScope: this.targetGroup.healthyInScope(node),
    });
  }

  private rebuildDns(): void {
    this.dnsDirty = false;
    const tg = this.targetGroup;
    tg.refresh();
    const crossZone = this.spec.crossZone;
    this.dnsNodes.length = 0;
    for (let z = 0; z < this.zoneCount; z++) {
      this.inDns[z] = crossZone || tg.registeredInZone[z] === 0 || tg.healthyInZone[z]! > 0 ? 1 : 0;
      if (this.inDns[z]) this.dnsNodes.push(z);
    }
    if (this.dnsNodes.length === 0) for (let z = 0; z < this.zoneCount; z++) this.dnsNodes.push(z);
  }
}

/**
 * Route 53 in front of several load balancers: a client resolves the record and keeps the answer
 * for the record's TTL; a weighted record answers with one load balancer, chosen with
 * probability weight / sum of weights (all weights 0: equally), as Route 53 weighted routing
 * does. The chosen load balancer then picks its node by its own DNS (load-balancer.ts).
 *
 * Used only when a scenario has several load balancers: with one, the world hands requests to
 * the load balancer directly, so a one-load-balancer run draws nothing here.
 */
import type { RandomStream } from '../../engine/random.ts';
import type { DnsRecord } from '../../scenario/types.ts';
import { AliasTable } from '../../plan/alias.ts';
import type { RequestRouter } from '../request-path.ts';
import type { LoadBalancer } from './load-balancer.ts';

export class DnsRouter implements RequestRouter {
  private readonly clientLb: Int32Array;
  private readonly clientExpiry: Float64Array;
  private readonly answers: AliasTable;
  private readonly to: Int32Array;
  private current = 0;
  /** Requests each load balancer received. */
  readonly requests: Float64Array;

  constructor(
    private readonly lbs: readonly LoadBalancer[],
    private readonly record: DnsRecord,
    clients: number,
    private readonly stream: RandomStream,
  ) {
    this.clientLb = new Int32Array(clients);
    this.clientExpiry = new Float64Array(clients).fill(-1);
    const weights = record.records.map((r) => r.weight);
    this.answers = new AliasTable(weights.every((w) => w === 0) ? weights.map(() => 1) : weights);
    this.to = Int32Array.from(record.records.map((r) => r.loadBalancer));
    this.requests = new Float64Array(lbs.length);
  }

  get lastTargetGroup(): number {
    return this.lbs[this.current]!.lastTargetGroup;
  }

  nodeFor(client: number, now: number): number {
    if (this.clientExpiry[client]! <= now) {
      this.clientLb[client] = this.to[this.answers.pick(this.stream.next())]!;
      this.clientExpiry[client] = now + this.record.ttlS;
    }
    const lb = (this.current = this.clientLb[client]!);
    this.requests[lb]!++;
    return this.lbs[lb]!.nodeFor(client, now);
  }

  route(node: number, client: number, cls: number, now: number): number {
    return this.lbs[this.current]!.route(node, client, cls, now);
  }
}

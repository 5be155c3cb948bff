/**
 * Routing algorithms: how one load-balancer node picks a target among its eligible ones.
 *
 * AWS documents round_robin (the default), least_outstanding_requests and weighted_random for
 * ALB target groups, flow_hash for NLB (ALB-TG, ELB-HOW). `random` and `power_of_two_choices`
 * are not AWS algorithms; they exist for what-if studies (the supermarket model). Each node keeps
 * its own state (round-robin position, outstanding counts), as AWS nodes do [inferred].
 *
 * Slow start (ALB-TG): a target in slow start is accepted with probability equal to its ramp
 * weight t / duration, which makes its expected share grow linearly to its fair share.
 */
import type { Algorithm } from '../../scenario/types.ts';
import type { RandomStream } from '../../engine/random.ts';

export interface RoutingView {
  /** Eligible targets of the node and how many there are. */
  readonly eligible: Int32Array;
  readonly length: number;
  /** The node's outstanding requests per target index. */
  readonly outstanding: Int32Array;
  /** The node's round-robin position. */
  rr: number;
}

/** Weight in (0, 1] of a target, below 1 only while in slow start. */
export type WeightOf = (target: number) => number;

export type Router = (view: RoutingView, client: number, weightOf: WeightOf | null) => number;

export function makeRouter(algorithm: Algorithm, stream: RandomStream): Router {
  switch (algorithm) {
    case 'round_robin':
      return (v, _client, weightOf) => {
        const len = v.length;
        for (let tries = 0; tries < len; tries++) {
          const t = v.eligible[v.rr % len]!;
          v.rr = (v.rr + 1) % len;
          if (weightOf === null || accept(weightOf(t), stream)) return t;
        }
        return v.eligible[v.rr % len]!;
      };
    case 'random':
    case 'weighted_random':
      return (v, _client, weightOf) => {
        const len = v.length;
        for (let tries = 0; tries < 64; tries++) {
          const t = v.eligible[Math.floor(stream.next() * len)]!;
          if (weightOf === null || accept(weightOf(t), stream)) return t;
        }
        return v.eligible[0]!;
      };
    case 'least_outstanding_requests':
      return (v) => {
        const { eligible, outstanding, length } = v;
        let best = Infinity;
        let ties = 0;
        for (let k = 0; k < length; k++) {
          const o = outstanding[eligible[k]!]!;
          if (o < best) {
            best = o;
            ties = 1;
          } else if (o === best) ties++;
        }
        if (ties === 1) {
          for (let k = 0; k < length; k++) if (outstanding[eligible[k]!] === best) return eligible[k]!;
        }
        // Ties are broken uniformly at random, as join-the-shortest-queue assumes.
        let pick = Math.floor(stream.next() * ties);
        for (let k = 0; k < length; k++) {
          if (outstanding[eligible[k]!] === best && pick-- === 0) return eligible[k]!;
        }
        return eligible[0]!;
      };
    case 'power_of_two_choices':
      return (v) => {
        const len = v.length;
        const i = Math.floor(stream.next() * len);
        const a = v.eligible[i]!;
        if (len === 1) return a;
        // The second choice is uniform over the other len − 1 targets.
        let j = Math.floor(stream.next() * (len - 1));
        if (j >= i) j++;
        const b = v.eligible[j]!;
        return v.outstanding[b]! < v.outstanding[a]! ? b : a;
      };
    case 'flow_hash':
      return (v, client) => v.eligible[hashClient(client) % v.length]!;
  }
}

function accept(weight: number, stream: RandomStream): boolean {
  return weight >= 1 || stream.next() < weight;
}

/** A 32-bit mix of the client address, standing in for NLB's flow-tuple hash. */
export function hashClient(client: number): number {
  let h = Math.imul(client ^ 0x9e3779b9, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

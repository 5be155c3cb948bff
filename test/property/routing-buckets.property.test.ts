/**
 * Least outstanding requests over 10,000 targets, on the O(1) buckets (routing.ts,
 * `RoutingNode`) driven through the members table as the request path drives them:
 * - (fast-check) over arbitrary interleavings of routed requests, released requests and
 *   refreshes to arbitrary eligible subsets, the picked target always has the least outstanding
 *   count among the eligible ones, and the buckets agree with the counts after every refresh;
 * - ties go uniformly: a chi-square test over the tied targets, at the 0.1 % level;
 * - a draw is taken from the stream only when the least loaded tie, once.
 * Replay a failure with FC_SEED=<seed> (printed by fast-check) and, if given, FC_PATH.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { RandomStreams, type RandomStream } from '../../core/engine/random.ts';
import { Members } from '../../core/model/target-group/members.ts';
import { makeRouter, RoutingNode } from '../../core/model/target-group/routing.ts';

const seed = Number(process.env.FC_SEED ?? (process.env.CI ? 20261202 : Date.now() % 1_000_000));
const path = process.env.FC_PATH;
console.log(`property tests: FC_SEED=${seed}`);

const TARGETS = 10_000;

/** A members table of `n` targets of group 0 at one node (grown from the default 64 rows, so the columns are rebound on the way) and its node's buckets. */
function fleet(n: number) {
  const members = new Members(1);
  const node = new RoutingNode(members.outstanding[0]!, members.rank[0]!, 'least_outstanding_requests');
  members.track(0, 0, node);
  for (let m = 0; m < n; m++) members.add(0, m, m, 0);
  return { members, node };
}

/** Makes `list[0 .. len)` the node's eligible members, as a target group's refresh does. */
function refresh(node: RoutingNode, list: Int32Array, len: number): void {
  if (node.eligible.length < len) node.eligible = new Int32Array(list.length);
  node.eligible.set(list.subarray(0, len));
  node.setEligible(node.eligible, len);
}

function leastOutstanding(members: Members, node: RoutingNode): number {
  let least = Infinity;
  for (let k = 0; k < node.length; k++) least = Math.min(least, members.outstanding[0]![node.eligible[k]!]!);
  return least;
}

type Op = { kind: 'route' } | { kind: 'release'; at: number } | { kind: 'refresh'; keep: number; salt: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 6, arbitrary: fc.constant({ kind: 'route' as const }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('release' as const), at: fc.nat() }) },
  // keep: the share of targets eligible, in thousandths (0: none; the node then routes nothing)
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('refresh' as const), keep: fc.integer({ min: 0, max: 1000 }), salt: fc.nat() }) },
);

describe('least outstanding requests on buckets, 10,000 targets', () => {
  it('always picks a target with the least outstanding count among the eligible; buckets agree with the counts after every refresh (fast-check)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 16, maxLength: 16 }), fc.array(opArb, { minLength: 1, maxLength: 400 }), fc.nat(), (startCounts, ops, streamSeed) => {
        const { members, node } = fleet(TARGETS);
        // Requests already outstanding before the first refresh (counted while no target is ranked).
        for (let m = 0; m < TARGETS; m++) for (let k = startCounts[m % 16]!; k > 0; k--) members.acquire(0, m);
        const stream = new RandomStreams(streamSeed).get('routing');
        const route = makeRouter('least_outstanding_requests', stream);
        const list = new Int32Array(TARGETS);
        refresh(node, Int32Array.from({ length: TARGETS }, (_, m) => m), TARGETS);
        expect(node.problem()).toBeNull();
        const held: number[] = []; // targets with a request this test routed, one entry per request
        for (let m = 0; m < TARGETS; m++) for (let k = startCounts[m % 16]!; k > 0; k--) held.push(m);
        for (const op of ops) {
          if (op.kind === 'route') {
            if (node.length === 0) continue;
            const t = route(node, 0, 0);
            expect(members.rank[0]![t]).toBeGreaterThanOrEqual(0); // an eligible target
            expect(members.outstanding[0]![t]).toBe(leastOutstanding(members, node));
            members.acquire(0, t);
            held.push(t);
          } else if (op.kind === 'release') {
            if (held.length === 0) continue;
            const k = op.at % held.length;
            const t = held[k]!;
            held[k] = held[held.length - 1]!;
            held.pop();
            members.release(0, t); // also for targets no longer eligible: their requests still finish
          } else {
            // An arbitrary subset in server order, as a target group lists its members.
            let len = 0;
            for (let m = 0; m < TARGETS; m++) if ((Math.imul(m ^ op.salt, 0x9e3779b1) >>> 0) % 1000 < op.keep) list[len++] = m;
            refresh(node, list, len);
            expect(node.problem()).toBeNull();
          }
        }
        expect(node.problem()).toBeNull();
      }),
      { seed, path, numRuns: 20, endOnFailure: true },
    );
  });

  it('ties go uniformly over the least loaded targets, even after churn has reordered their bucket (chi-square, 0.1 % level)', () => {
    const { members, node } = fleet(TARGETS);
    // 40 targets tie at 0 outstanding; every other target has 1 to 5.
    const tied = Array.from({ length: 40 }, (_, k) => k * 250 + 7);
    const isTied = new Set(tied);
    for (let m = 0; m < TARGETS; m++) if (!isTied.has(m)) for (let k = 1 + (m % 5); k > 0; k--) members.acquire(0, m);
    refresh(node, Int32Array.from({ length: TARGETS }, (_, m) => m), TARGETS);
    // Churn: tied targets take a request and give it back in a shuffled order, so bucket 0 is no
    // longer in server order.
    const churn = new RandomStreams(7).get('routing:churn');
    for (let round = 0; round < 200; round++) {
      const a = tied[Math.floor(churn.next() * tied.length)]!;
      const b = tied[Math.floor(churn.next() * tied.length)]!;
      members.acquire(0, a);
      if (b !== a) members.acquire(0, b);
      members.release(0, a);
      if (b !== a) members.release(0, b);
    }
    expect(node.problem()).toBeNull();
    const route = makeRouter('least_outstanding_requests', new RandomStreams(20261202).get('routing'));
    const draws = 40_000;
    const picked = new Map<number, number>();
    for (let k = 0; k < draws; k++) {
      const t = route(node, 0, 0);
      picked.set(t, (picked.get(t) ?? 0) + 1);
    }
    expect([...picked.keys()].every((t) => isTied.has(t))).toBe(true);
    const expected = draws / tied.length;
    const chi2 = tied.reduce((sum, t) => sum + ((picked.get(t) ?? 0) - expected) ** 2 / expected, 0);
    // 39 degrees of freedom: P(χ² > 72.05) = 0.001 for a uniform tie-break.
    expect(chi2).toBeLessThan(72.05);
    // and it is no degenerate draw either (P(χ² < 17.89) = 0.001)
    expect(chi2).toBeGreaterThan(17.89);
  });

  it('draws from the routing stream once when the least loaded tie, never for a unique least loaded target', () => {
    const { members, node } = fleet(TARGETS);
    for (let m = 0; m < TARGETS; m++) members.acquire(0, m);
    refresh(node, Int32Array.from({ length: TARGETS }, (_, m) => m), TARGETS);
    let calls = 0;
    const inner = new RandomStreams(1).get('routing');
    const counting: RandomStream = { name: 'routing', next: () => (calls++, inner.next()) };
    const route = makeRouter('least_outstanding_requests', counting);
    route(node, 0, 0);
    expect(calls).toBe(1); // 10,000 tie at 1
    members.release(0, 4321); // now the only target at 0
    expect(route(node, 0, 0)).toBe(4321);
    expect(calls).toBe(1);
  });

  it('the invariant check notices buckets that disagree with the counts (a count changed behind their back)', () => {
    const { members, node } = fleet(100);
    refresh(node, Int32Array.from({ length: 100 }, (_, m) => m), 100);
    expect(members.bucketProblem()).toBeNull();
    members.outstanding[0]![5]!++; // not through acquire
    expect(members.bucketProblem()).toMatch(/member 5 with 1 outstanding sits at \d+, outside bucket 1/);
  });
});

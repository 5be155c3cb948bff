/**
 * The routing algorithms on one node's view, without a load balancer around them: what each
 * picks from a fixed eligible list and outstanding counts.
 */
import { describe, expect, it } from 'vitest';
import { hashClient, makeRouter, RoutingNode, type RoutingView } from '../../../../core/model/target-group/routing.ts';
import seedrandom from 'seedrandom';

/** A node whose eligible members and counts are given (buckets kept: every algorithm may read the view). */
function view(eligible: number[], outstanding: number[]): RoutingView {
  const rank = new Int32Array(outstanding.length).fill(-1);
  const v = new RoutingNode(Int32Array.from(outstanding), rank, 'least_outstanding_requests');
  v.setEligible(Int32Array.from(eligible), eligible.length);
  return v;
}

/** A stream that returns the given draws in turn. */
function draws(...values: number[]) {
  let k = 0;
  return { name: 'test', next: () => values[k++ % values.length]! };
}

describe('routing over a node view', () => {
  it('round robin cycles through the eligible list in order and wraps', () => {
    const route = makeRouter('round_robin', draws(0.5));
    const v = view([4, 7, 9], [0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect([0, 1, 2, 3, 4].map(() => route(v, 0, 0))).toEqual([4, 7, 9, 4, 7]);
  });

  it('least outstanding requests picks the unique minimum; ties go uniformly by the stream', () => {
    const route = makeRouter('least_outstanding_requests', draws(0.99));
    expect(route(view([0, 1, 2], [3, 1, 2]), 0, 0)).toBe(1);
    // Members 0 and 2 tie at 1: a draw of 0.99 picks the second of the two.
    expect(route(view([0, 1, 2], [1, 5, 1]), 0, 0)).toBe(2);
  });

  it('power of two choices keeps the less loaded of two different members', () => {
    // First draw 0.0 -> index 0 (member 10); second 0.6 of the other two -> index 2 (member 12).
    const route = makeRouter('power_of_two_choices', draws(0.0, 0.6));
    const outstanding = new Array(13).fill(0);
    outstanding[10] = 4;
    outstanding[12] = 1;
    expect(route(view([10, 11, 12], outstanding), 0, 0)).toBe(12);
  });

  it('flow hash sends one client to the same member every time', () => {
    const route = makeRouter('flow_hash', draws(0.5));
    const v = view([3, 5, 8, 13], new Array(14).fill(0));
    const first = route(v, 42, 0);
    for (let k = 0; k < 5; k++) expect(route(v, 42, 0)).toBe(first);
    expect(first).toBe([3, 5, 8, 13][hashClient(42) % 4]);
  });

  it('without a target in slow start, round robin and random make the draws they always made (none, one)', () => {
    let count = 0;
    const counting = { name: 'test', next: () => (count++, 0.7) };
    const v = slowView('round_robin', [4, 7, 9], {}, 0);
    const rr = makeRouter('round_robin', counting);
    expect([0, 1, 2, 3].map(() => rr(v, 0, 0))).toEqual([4, 7, 9, 4]);
    expect(count).toBe(0);
    const random = makeRouter('random', counting);
    expect(random(slowView('random', [4, 7, 9], {}, 0), 0, 0)).toBe(9); // floor(0.7 × 3) = 2
    expect(count).toBe(1);
  });
});

/** A node of `algorithm` under 60 s slow start at time `now`, eligible `eligible`, each `weights[m]` the ramp weight of member m (absent: settled). */
function slowView(algorithm: 'round_robin' | 'random' | 'weighted_random', eligible: number[], weights: Record<number, number>, now: number): RoutingNode {
  const size = Math.max(...eligible) + 1;
  const v = new RoutingNode(new Int32Array(size), new Int32Array(size).fill(-1), algorithm, SLOW_S);
  v.setEligible(Int32Array.from(eligible), eligible.length);
  const endS = new Float64Array(size);
  for (const [m, w] of Object.entries(weights)) endS[Number(m)] = now + (1 - w) * SLOW_S;
  v.setSlowStart(endS, now);
  return v;
}
const SLOW_S = 60;

/** How often each member is picked in `n` picks, as fractions. */
function shares(route: (v: RoutingNode, client: number, now: number) => number, v: RoutingNode, now: number, n: number): Map<number, number> {
  const counts = new Map<number, number>();
  for (let k = 0; k < n; k++) {
    const t = route(v, 0, now);
    counts.set(t, (counts.get(t) ?? 0) + 1);
  }
  return new Map([...counts].map(([t, c]) => [t, c / n]));
}

describe('slow start: a pick in proportion to the ramp weights, one draw, no retries', () => {
  it('random: a member at weight 0.25 next to a settled one gets 0.25 / 1.25 = 20 % of picks (20,000 draws, within 1.5 points)', () => {
    const prng = seedrandom.alea('slow-start');
    const route = makeRouter('random', { name: 'test', next: () => prng() });
    const now = 1000;
    const got = shares(route, slowView('random', [1, 2], { 1: 0.25 }, now), now, 20_000);
    expect(Math.abs(got.get(1)! - 0.2)).toBeLessThan(0.015);
  });

  it.each(['random', 'weighted_random', 'round_robin'] as const)('%s: ramps at 0.1, 0.5 and 0.9 beside two settled members get w / 3.5 each (40,000 draws, within 1 point)', (algorithm) => {
    const prng = seedrandom.alea(`weights-${algorithm}`);
    const route = makeRouter(algorithm, { name: 'test', next: () => prng() });
    const now = 500;
    const v = slowView(algorithm, [2, 3, 5, 8, 13], { 3: 0.5, 8: 0.1, 13: 0.9 }, now);
    expect(v.rampLen).toBe(3);
    expect(Array.from(v.ramp.subarray(0, 3))).toEqual([13, 3, 8]); // earliest start first
    const got = shares(route, v, now, 40_000);
    const expected: Record<number, number> = { 2: 1, 3: 0.5, 5: 1, 8: 0.1, 13: 0.9 };
    for (const [m, w] of Object.entries(expected)) expect(Math.abs((got.get(Number(m)) ?? 0) - w / 3.5), `member ${m}`).toBeLessThan(0.01);
  });

  it('the weights follow the clock: the same ramp is picked more as it ages, up to its fair share', () => {
    const prng = seedrandom.alea('ageing');
    const route = makeRouter('random', { name: 'test', next: () => prng() });
    // Member 1's ramp runs from 0 to 60 s; member 2 is settled.
    const v = new RoutingNode(new Int32Array(3), new Int32Array(3).fill(-1), 'random', SLOW_S);
    v.setEligible(Int32Array.from([1, 2]), 2);
    v.setSlowStart(Float64Array.from([0, SLOW_S, 0]), 0);
    for (const [now, w] of [[15, 0.25], [30, 0.5], [54, 0.9]] as const) {
      expect(Math.abs(shares(route, v, now, 20_000).get(1)! - w / (1 + w)), `at ${now} s`).toBeLessThan(0.015);
    }
  });

  it('round robin keeps its order over the settled members between the ramping ones', () => {
    const prng = seedrandom.alea('rr-order');
    const route = makeRouter('round_robin', { name: 'test', next: () => prng() });
    const v = slowView('round_robin', [1, 2, 3, 4], { 2: 0.3 }, 100);
    const settled = Array.from({ length: 200 }, () => route(v, 0, 100)).filter((t) => t !== 2);
    expect(settled.slice(0, 9)).toEqual([1, 3, 4, 1, 3, 4, 1, 3, 4]);
    expect(settled.every((t, k) => t === [1, 3, 4][k % 3])).toBe(true);
  });

  it('one draw a pick whatever the weights: 10,000 members, half of them ramping at weights near 0', () => {
    let count = 0;
    const prng = seedrandom.alea('one-draw');
    const stream = { name: 'test', next: () => (count++, prng()) };
    const eligible = Array.from({ length: 10_000 }, (_, k) => k);
    const weights: Record<number, number> = {};
    for (let k = 0; k < 10_000; k += 2) weights[k] = 0.001 + k * 1e-7;
    for (const algorithm of ['round_robin', 'random'] as const) {
      count = 0;
      const route = makeRouter(algorithm, stream);
      const v = slowView(algorithm, eligible, weights, 1000);
      const got = shares(route, v, 1000, 20_000);
      expect(count).toBe(20_000);
      // The ramping half weighs about 0.0015 × 5,000 = 7.5 against 5,000 settled: about 0.15 %.
      const ramping = [...got].filter(([t]) => t % 2 === 0).reduce((sum, [, f]) => sum + f, 0);
      expect(ramping).toBeLessThan(0.005);
    }
  });

  it('no settled member and every ramp starting now: the ramping members share uniformly', () => {
    const prng = seedrandom.alea('zero');
    const route = makeRouter('random', { name: 'test', next: () => prng() });
    const got = shares(route, slowView('random', [3, 4], { 3: 0, 4: 0 }, 10), 10, 10_000);
    expect(Math.abs(got.get(3)! - 0.5)).toBeLessThan(0.02);
  });
});

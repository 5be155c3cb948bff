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
    expect([0, 1, 2, 3, 4].map(() => route(v, 0, null))).toEqual([4, 7, 9, 4, 7]);
  });

  it('least outstanding requests picks the unique minimum; ties go uniformly by the stream', () => {
    const route = makeRouter('least_outstanding_requests', draws(0.99));
    expect(route(view([0, 1, 2], [3, 1, 2]), 0, null)).toBe(1);
    // Members 0 and 2 tie at 1: a draw of 0.99 picks the second of the two.
    expect(route(view([0, 1, 2], [1, 5, 1]), 0, null)).toBe(2);
  });

  it('power of two choices keeps the less loaded of two different members', () => {
    // First draw 0.0 -> index 0 (member 10); second 0.6 of the other two -> index 2 (member 12).
    const route = makeRouter('power_of_two_choices', draws(0.0, 0.6));
    const outstanding = new Array(13).fill(0);
    outstanding[10] = 4;
    outstanding[12] = 1;
    expect(route(view([10, 11, 12], outstanding), 0, null)).toBe(12);
  });

  it('flow hash sends one client to the same member every time', () => {
    const route = makeRouter('flow_hash', draws(0.5));
    const v = view([3, 5, 8, 13], new Array(14).fill(0));
    const first = route(v, 42, null);
    for (let k = 0; k < 5; k++) expect(route(v, 42, null)).toBe(first);
    expect(first).toBe([3, 5, 8, 13][hashClient(42) % 4]);
  });

  it('slow start: a member at weight 0.25 next to a settled one gets 0.25 / 1.25 = 20 % of picks (random, 20,000 draws, within 1.5 points)', () => {
    const prng = seedrandom.alea('slow-start');
    const route = makeRouter('random', { name: 'test', next: () => prng() });
    const weight = (m: number) => (m === 1 ? 0.25 : 1);
    const v = view([1, 2], [0, 0, 0]);
    let ramping = 0;
    for (let k = 0; k < 20_000; k++) if (route(v, 0, weight) === 1) ramping++;
    expect(Math.abs(ramping / 20_000 - 0.2)).toBeLessThan(0.015);
  });
});

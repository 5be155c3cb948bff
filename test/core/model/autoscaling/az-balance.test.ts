/**
 * Availability Zone balance (AS-BEN https://docs.aws.amazon.com/autoscaling/ec2/userguide/auto-scaling-benefits.html;
 * aws-behaviour §6.11): launch into the emptiest zone, rebalance by launching before
 * terminating, with headroom over MaxSize of 10 % or 1, whichever is greater.
 */
import { describe, expect, it } from 'vitest';
import { rebalanceHeadroom, rebalanceLaunchesAllowed, rebalancePlan, zoneForLaunch } from '../../../../core/model/autoscaling/az-balance.ts';

describe('zoneForLaunch', () => {
  it('the zone with the fewest instances: a 3, b 1, c 2 → b', () => {
    expect(zoneForLaunch({ a: 3, b: 1, c: 2 }, ['a', 'b', 'c'])).toBe('b');
  });
  it('ties go to the zone listed first in the group; a zone missing from the counts has 0', () => {
    expect(zoneForLaunch({ a: 2, b: 1, c: 1 }, ['a', 'c', 'b'])).toBe('c');
    expect(zoneForLaunch({ a: 2 }, ['a', 'b'])).toBe('b');
  });
  it('only available zones are considered (a failed zone is left out by the caller); none → null', () => {
    expect(zoneForLaunch({ a: 0, b: 4 }, ['b'])).toBe('b');
    expect(zoneForLaunch({ a: 0 }, [])).toBeNull();
  });
});

describe('rebalanceHeadroom: 10 % of MaxSize or 1, whichever is greater', () => {
  it('max 5 → 1; max 10 → 1; max 20 → 2; max 25 → 2 (rounded down)', () => {
    expect([5, 10, 20, 25].map(rebalanceHeadroom)).toEqual([1, 1, 2, 2]);
  });
});

describe('rebalancePlan', () => {
  it('a zone recovers empty: a 4, b 4, c 0 → 3, 3, 2; launch 2 in c first, then terminate 1 each in a and b', () => {
    expect(rebalancePlan({ a: 4, b: 4, c: 0 })).toEqual({
      target: { a: 3, b: 3, c: 2 },
      launch: [{ zone: 'c', count: 2 }],
      terminate: [
        { zone: 'a', count: 1 },
        { zone: 'b', count: 1 },
      ],
      moves: 2,
    });
  });
  it('the spare instance stays where there are most, so the fewest move: a 5, b 2 → a 4, b 3 (one move)', () => {
    const plan = rebalancePlan({ a: 5, b: 2 });
    expect(plan.target).toEqual({ a: 4, b: 3 });
    expect(plan.moves).toBe(1);
  });
  it('a balanced group needs no moves: a 3, b 2, c 3', () => {
    expect(rebalancePlan({ a: 3, b: 2, c: 3 }).moves).toBe(0);
  });
  it('launches wait for headroom: 3 moves: at max 10 with 10 instances, 1 launch may start; at 11, none; at 6, all 3', () => {
    const plan = rebalancePlan({ a: 5, b: 5, c: 0 });
    expect(plan.moves).toBe(3);
    expect(rebalanceLaunchesAllowed(plan, 10, 10)).toBe(1);
    expect(rebalanceLaunchesAllowed(plan, 11, 10)).toBe(0);
    expect(rebalanceLaunchesAllowed(plan, 6, 10)).toBe(3);
  });
});

/**
 * Scale-in victim selection (AS-TERM https://docs.aws.amazon.com/autoscaling/ec2/userguide/ec2-auto-scaling-termination-policies.html,
 * AS-PROT https://docs.aws.amazon.com/autoscaling/ec2/userguide/ec2-auto-scaling-instance-protection.html;
 * aws-behaviour §6.11, §6.12): AZ balance first, then the policies in order, never a protected
 * instance.
 */
import { describe, expect, it } from 'vitest';
import {
  candidatesInFullestZones,
  chooseInstancesToTerminate,
  secondsToNextInstanceHour,
  type TerminationCandidate,
} from '../../../../core/model/autoscaling/termination.ts';

function instance(id: string, zone: string, launchS: number, extra: Partial<TerminationCandidate> = {}): TerminationCandidate {
  return { id, zone, launchS, protectedFromScaleIn: false, ...extra };
}

/** A random source that fails the test if drawn: the choice must not be left to chance. */
const noDraws = () => {
  throw new Error('unexpected random draw');
};

/** A scripted random source, recording how often it was drawn. */
function scripted(...values: number[]) {
  const source = () => {
    source.draws++;
    return values.shift() ?? 0;
  };
  source.draws = 0;
  return source;
}

describe('secondsToNextInstanceHour', () => {
  it('launched at 0: at 50 min, 600 s left; at 70 min, 3000 s left; exactly on the hour, a whole hour', () => {
    expect(secondsToNextInstanceHour(0, 3000)).toBe(600);
    expect(secondsToNextInstanceHour(0, 4200)).toBe(3000);
    expect(secondsToNextInstanceHour(0, 3600)).toBe(3600);
  });
});

describe('AZ balance comes first (AS-TERM)', () => {
  it('terminates from the zone with the most instances, whatever the policy prefers', () => {
    const fleet = [instance('a1', 'a', 0), instance('b1', 'b', 100), instance('b2', 'b', 200)];
    expect(chooseInstancesToTerminate(fleet, 1, ['OldestInstance'], 1000, noDraws)).toEqual(['b1']);
  });
  it('removing 3 from a 3/2/1 spread keeps it balanced: one from a, then a and b tie', () => {
    const fleet = [instance('a1', 'a', 0), instance('a2', 'a', 10), instance('a3', 'a', 20), instance('b1', 'b', 30), instance('b2', 'b', 40), instance('c1', 'c', 50)];
    const chosen = chooseInstancesToTerminate(fleet, 3, ['OldestInstance'], 1000, noDraws);
    expect(chosen).toEqual(['a1', 'a2', 'b1']);
  });
  it('zones tied for most are pooled: the policy chooses across them', () => {
    const fleet = [instance('a1', 'a', 500), instance('b1', 'b', 100)];
    expect(chooseInstancesToTerminate(fleet, 1, ['OldestInstance'], 1000, noDraws)).toEqual(['b1']);
  });
  it('a zone whose instances are all protected is skipped, though it has the most', () => {
    const fleet = [instance('a1', 'a', 0, { protectedFromScaleIn: true }), instance('a2', 'a', 0, { protectedFromScaleIn: true }), instance('b1', 'b', 0)];
    expect(candidatesInFullestZones(fleet).map((i) => i.id)).toEqual(['b1']);
  });
  it('protected instances still count toward their zone: a (1 protected + 1) beats b (1)', () => {
    const fleet = [instance('a1', 'a', 0, { protectedFromScaleIn: true }), instance('a2', 'a', 0), instance('b1', 'b', 0)];
    expect(chooseInstancesToTerminate(fleet, 1, ['Default'], 0, noDraws)).toEqual(['a2']);
  });
});

describe('Default policy: oldest launch template, then closest to the next billing hour, then random', () => {
  it('the oldest launch template version goes first', () => {
    const fleet = [instance('v3', 'a', 0, { launchTemplateVersion: 3 }), instance('v1', 'a', 3000, { launchTemplateVersion: 1 }), instance('v2', 'a', 0, { launchTemplateVersion: 2 })];
    expect(chooseInstancesToTerminate(fleet, 3, ['Default'], 3500, noDraws)).toEqual(['v1', 'v2', 'v3']);
  });
  it('an instance without a version counts as the current (newest) one', () => {
    const fleet = [instance('current', 'a', 0), instance('old', 'a', 0, { launchTemplateVersion: 1 })];
    expect(chooseInstancesToTerminate(fleet, 1, [], 100, noDraws)).toEqual(['old']);
  });
  it('on the same version, the one closest to its next billing hour goes first (50 min in beats 10 min in)', () => {
    const fleet = [instance('ten-minutes-in', 'a', 2400), instance('fifty-minutes-in', 'a', 0)];
    expect(chooseInstancesToTerminate(fleet, 1, ['Default'], 3000, noDraws)).toEqual(['fifty-minutes-in']);
  });
  it('a remaining tie is broken by one random draw: 0.6 of 3 → the second', () => {
    const random = scripted(0.6);
    const fleet = [instance('x', 'a', 0), instance('y', 'a', 0), instance('z', 'a', 0)];
    expect(chooseInstancesToTerminate(fleet, 1, ['Default'], 100, random)).toEqual(['y']);
    expect(random.draws).toBe(1);
  });
  it('an empty policy list means Default', () => {
    const fleet = [instance('old', 'a', 0, { launchTemplateVersion: 1 }), instance('new', 'a', 0, { launchTemplateVersion: 2 })];
    expect(chooseInstancesToTerminate(fleet, 1, [], 100, noDraws)).toEqual(['old']);
  });
});

describe('the other predefined policies', () => {
  const fleet = [
    instance('launched-100', 'a', 100, { launchTemplateVersion: 2 }),
    instance('launched-0', 'a', 0, { launchTemplateVersion: 2 }),
    instance('launched-2000', 'a', 2000, { launchTemplateVersion: 1 }),
  ];
  it('OldestInstance: earliest launch first', () => {
    expect(chooseInstancesToTerminate(fleet, 3, ['OldestInstance'], 3500, noDraws)).toEqual(['launched-0', 'launched-100', 'launched-2000']);
  });
  it('NewestInstance: latest launch first', () => {
    expect(chooseInstancesToTerminate(fleet, 3, ['NewestInstance'], 3500, noDraws)).toEqual(['launched-2000', 'launched-100', 'launched-0']);
  });
  it('OldestLaunchTemplate: version 1 first, then the Default fallback breaks the tie (closest hour)', () => {
    expect(chooseInstancesToTerminate(fleet, 2, ['OldestLaunchTemplate'], 3500, noDraws)).toEqual(['launched-2000', 'launched-0']);
  });
  it('ClosestToNextInstanceHour: at 3500 s, launched-0 has 100 s left, launched-100 200 s, launched-2000 2100 s', () => {
    expect(chooseInstancesToTerminate(fleet, 3, ['ClosestToNextInstanceHour'], 3500, noDraws)).toEqual(['launched-0', 'launched-100', 'launched-2000']);
  });
  it('policies apply in order: NewestInstance then OldestLaunchTemplate — the newest decides', () => {
    expect(chooseInstancesToTerminate(fleet, 1, ['NewestInstance', 'OldestLaunchTemplate'], 3500, noDraws)).toEqual(['launched-2000']);
  });
  it('OldestLaunchConfiguration and AllocationStrategy change nothing here; Default decides', () => {
    expect(chooseInstancesToTerminate(fleet, 1, ['OldestLaunchConfiguration', 'AllocationStrategy'], 3500, noDraws)).toEqual(['launched-2000']);
  });
});

describe('scale-in protection (AS-PROT)', () => {
  it('protected instances are never chosen', () => {
    const fleet = [instance('p', 'a', 0, { protectedFromScaleIn: true }), instance('u', 'a', 1000)];
    expect(chooseInstancesToTerminate(fleet, 1, ['OldestInstance'], 2000, noDraws)).toEqual(['u']);
  });
  it('if all remaining are protected, fewer come back (2 asked, 1 unprotected → 1)', () => {
    const fleet = [instance('p1', 'a', 0, { protectedFromScaleIn: true }), instance('u', 'b', 0), instance('p2', 'b', 0, { protectedFromScaleIn: true })];
    expect(chooseInstancesToTerminate(fleet, 2, ['Default'], 100, noDraws)).toEqual(['u']);
  });
  it('count 0 or an empty group chooses nothing', () => {
    expect(chooseInstancesToTerminate([instance('a', 'a', 0)], 0, [], 0, noDraws)).toEqual([]);
    expect(chooseInstancesToTerminate([], 3, [], 0, noDraws)).toEqual([]);
  });
});

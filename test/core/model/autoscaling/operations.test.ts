/**
 * Manual and lifecycle operations in whole runs, from AWS's documented behaviour and examples:
 * SetDesiredCapacity with HonorCooldown (AS-MAN, AS-COOL), EnterStandby / ExitStandby
 * (API_EnterStandby: "If you choose not to decrement the desired capacity … launches new
 * instances to replace the instances on standby"; API_ExitStandby: "the desired capacity is
 * incremented"), DetachInstances / AttachInstances, MaxInstanceLifetime (AS-MIL: replaced one at a
 * time, terminate then launch) and several lifecycle hooks per transition (AS-HOOK).
 */
import { describe, expect, it } from 'vitest';
import { simulate } from '../../../../core/index.ts';
import type { RunResult, SimEvent } from '../../../../core/index.ts';
import { buildScenario, type FileMapping } from '../../../support/build.ts';

const group = (extra: FileMapping = {}): FileMapping => ({ minSize: 1, maxSize: 6, desiredCapacity: 4, ...extra });

function run(autoScaling: FileMapping, patch: FileMapping = {}): RunResult {
  return simulate(buildScenario({ duration: 1800, traffic: { rate: 40 }, loadBalancer: { targetGroup: { deregistrationDelay: 20, healthCheck: { interval: 10, healthyThreshold: 2 } } }, autoScaling: group(autoScaling) }, patch), { checkInvariants: true });
}

const scaling = (r: RunResult) => r.events.filter((e) => e.kind === 'scaling');
const last = (r: RunResult, column: 'desired_capacity' | 'in_service') => r.timeseries[column][r.timeseries[column].length - 1];
const at = (r: RunResult, column: 'desired_capacity' | 'in_service', timeS: number) => r.timeseries[column][Math.round(timeS / 60) - 1];
const of = (r: RunResult, kind: SimEvent['kind'], instance: string) => r.events.filter((e) => e.kind === kind && e.instance === instance);

describe('SetDesiredCapacity (AS-MAN)', () => {
  it('sets the desired capacity at its time, in AWS\'s activity words; the group launches to it', () => {
    const r = run({ actions: [{ at: 300, action: 'set-desired-capacity', desiredCapacity: 6 }] });
    const e = scaling(r).find((x) => x.name === 'action-1')!;
    expect(e.detail).toBe('At 00:05:00 a user request explicitly set group desired capacity changing the desired capacity from 4 to 6.');
    expect([e.from, e.to]).toEqual([4, 6]);
    expect(r.events.filter((x) => x.kind === 'launch' && x.timeS === 300)).toHaveLength(2);
    expect(last(r, 'in_service')).toBe(6);
  });

  it('a value outside [MinSize, MaxSize] at its time is refused with AWS\'s ValidationError and changes nothing', () => {
    // The file's sizes allow 0 to 10; a scheduled action narrows them to [1, 6] at 1:40. (A value
    // outside every size the group can have is refused at validation: test/core/scenario/actions.test.ts.)
    const r = run({ minSize: 0, maxSize: 10, scheduledActions: [{ at: 100, minSize: 1, maxSize: 6 }], actions: [{ at: 300, action: 'set-desired-capacity', desiredCapacity: 9 }, { at: 400, action: 'set-desired-capacity', desiredCapacity: 0 }] });
    const refused = scaling(r).filter((x) => x.state === 'refused');
    expect(refused.map((x) => x.detail)).toEqual([
      'At 00:05:00 SetDesiredCapacity was refused: New SetDesiredCapacity value 9 is above max value 6 for the AutoScalingGroup.',
      'At 00:06:40 SetDesiredCapacity was refused: New SetDesiredCapacity value 0 is below min value 1 for the AutoScalingGroup.',
    ]);
    expect(last(r, 'desired_capacity')).toBe(4);
  });

  it('HonorCooldown: refused while the group\'s cooldown runs (it starts when the last launch is InService), accepted without it or after', () => {
    // The first change launches 2 instances at 5:00 (InService at 6:00, boot 60 s); DefaultCooldown 300 s runs to 11:00.
    const honour = (atS: number, honorCooldown: boolean) => run({ actions: [{ at: 300, action: 'set-desired-capacity', desiredCapacity: 6 }, { at: atS, action: 'set-desired-capacity', desiredCapacity: 2, honorCooldown }] });
    const during = honour(600, true);
    expect(scaling(during).find((x) => x.name === 'action-2')!.detail).toBe('At 00:10:00 SetDesiredCapacity was refused: HonorCooldown is set and the group is in its cooldown until 00:11:00.');
    expect(last(during, 'desired_capacity')).toBe(6);
    const inProgress = honour(330, true);
    expect(scaling(inProgress).find((x) => x.name === 'action-2')!.detail).toContain('a scaling activity is in progress');
    expect(last(honour(600, false), 'desired_capacity')).toBe(2);
    expect(last(honour(700, true), 'desired_capacity')).toBe(2);
  });
});

describe('Standby (EnterStandby / ExitStandby)', () => {
  it('with ShouldDecrementDesiredCapacity: out of the capacity count and drained from the target group; back InService and registered on exit', () => {
    const r = run({ actions: [{ at: 300, action: 'enter-standby', count: 1, shouldDecrementDesiredCapacity: true }, { at: 900, action: 'exit-standby', count: 1 }] });
    const moves = scaling(r).filter((x) => x.instance === 'i-0001');
    expect(moves.map((x) => x.detail)).toEqual([
      'At 00:05:00 instance i-0001 was moved to standby in response to a user request, shrinking the capacity from 4 to 3.',
      'At 00:15:00 instance i-0001 was moved out of standby in response to a user request, increasing the capacity from 3 to 4.',
    ]);
    expect(of(r, 'drain', 'i-0001')[0]!.timeS).toBe(300);
    expect(of(r, 'deregister', 'i-0001')).toHaveLength(1);
    expect(of(r, 'register', 'i-0001').map((e) => e.timeS)).toEqual([0, 900]);
    expect(of(r, 'terminate', 'i-0001')).toHaveLength(0);
    expect(r.events.filter((e) => e.kind === 'launch' && e.timeS > 0)).toHaveLength(0); // nothing replaced it
    expect(at(r, 'desired_capacity', 600)).toBe(3);
    expect(at(r, 'in_service', 600)).toBe(3);
    expect(last(r, 'in_service')).toBe(4);
    // A Standby instance serves nothing: no load in the periods it spends there (drained by 6:00, back at 15:00).
    const load = r.instanceLoad['i-0001']!;
    for (let p = 6; p < 15; p++) expect(load.load[p - load.firstPeriod]).toBe(0);
  });

  it('without the decrement, the group launches a replacement (AWS) and the desired capacity stays; exit then would pass MaxSize only if it were full', () => {
    const r = run({ actions: [{ at: 300, action: 'enter-standby', count: 2, shouldDecrementDesiredCapacity: false }] });
    expect(scaling(r).filter((x) => x.timeS === 300 && x.instance !== null).map((x) => x.detail)).toEqual([
      'At 00:05:00 instance i-0001 was moved to standby in response to a user request.',
      'At 00:05:00 instance i-0002 was moved to standby in response to a user request.',
    ]);
    expect(r.events.filter((e) => e.kind === 'launch' && e.timeS === 300)).toHaveLength(2);
    expect(last(r, 'desired_capacity')).toBe(4);
    expect(last(r, 'in_service')).toBe(4);
  });

  it('refusals: below MinSize on entering, above MaxSize on exiting, nothing in Standby', () => {
    const r = run({ minSize: 3, maxSize: 4, actions: [
      { at: 300, action: 'enter-standby', count: 2, shouldDecrementDesiredCapacity: true },
      { at: 400, action: 'exit-standby', count: 1 },
      { at: 500, action: 'enter-standby', count: 1, shouldDecrementDesiredCapacity: false },
      { at: 900, action: 'exit-standby', count: 1 },
    ] });
    expect(scaling(r).filter((x) => x.state === 'refused').map((x) => x.detail)).toEqual([
      "At 00:05:00 EnterStandby was refused: decrementing the desired capacity by 2 would leave it at 2, below the group's minimum size 3.",
      'At 00:06:40 ExitStandby was refused: no instance of the group is in Standby.',
      "At 00:15:00 ExitStandby was refused: incrementing the desired capacity by 1 would make it 5, above the group's maximum size 4.",
    ]);
  });
});

describe('DetachInstances / AttachInstances', () => {
  it('a detached instance leaves the group and its target group but keeps running and billing; attach brings it back InService', () => {
    const detachOnly = run({ actions: [{ at: 300, action: 'detach-instances', count: 1, shouldDecrementDesiredCapacity: true }] });
    const both = run({ actions: [{ at: 300, action: 'detach-instances', count: 1, shouldDecrementDesiredCapacity: true }, { at: 900, action: 'attach-instances', count: 1 }] });
    expect(scaling(detachOnly).find((x) => x.instance === 'i-0001')!.detail).toBe('At 00:05:00 instance i-0001 was detached in response to a user request, shrinking the capacity from 4 to 3.');
    expect(last(detachOnly, 'desired_capacity')).toBe(3);
    expect(of(detachOnly, 'terminate', 'i-0001')).toHaveLength(0);
    // Billed for the whole run either way: 4 instances x 1800 s.
    expect(detachOnly.summary.instanceHours).toBeCloseTo(4 * 0.5, 9);
    expect(scaling(both).find((x) => x.timeS === 900)!.detail).toBe('At 00:15:00 instance i-0001 was attached in response to a user request, increasing the capacity from 3 to 4.');
    expect(of(both, 'register', 'i-0001').map((e) => e.timeS)).toEqual([0, 900]);
    expect(last(both, 'in_service')).toBe(4);
  });

  it('attach is refused when it would pass MaxSize (AWS) or when nothing was detached', () => {
    const r = run({ maxSize: 4, actions: [
      { at: 200, action: 'attach-instances', count: 1 },
      { at: 300, action: 'detach-instances', count: 1, shouldDecrementDesiredCapacity: false },
      { at: 900, action: 'attach-instances', count: 1 },
    ] });
    expect(scaling(r).filter((x) => x.state === 'refused').map((x) => x.detail)).toEqual([
      'At 00:03:20 AttachInstances was refused: the group has detached no instance to attach.',
      "At 00:15:00 AttachInstances was refused: incrementing the desired capacity by 1 would make it 5, above the group's maximum size 4.",
    ]);
  });
});

describe('MaxInstanceLifetime (AS-MIL)', () => {
  const day = 86400;
  const r = simulate(buildScenario({ duration: day + 1800, traffic: { rate: 5 }, autoScaling: { minSize: 3, maxSize: 3, desiredCapacity: 3, maxInstanceLifetime: '1d' } }), { checkInvariants: true });
  const ends = r.events.filter((e) => e.kind === 'scaling' && e.cause?.includes('maximum instance lifetime'));

  it('every instance is taken out before it reaches the lifetime, and replaced', () => {
    expect(ends.map((e) => e.instance)).toEqual(['i-0001', 'i-0002', 'i-0003']);
    for (const e of ends) expect(e.timeS).toBeLessThan(day);
    expect(r.events.filter((e) => e.kind === 'terminate').every((e) => e.timeS < day)).toBe(true);
    expect(last(r, 'in_service')).toBe(3);
  });

  it('one at a time: the next starts only once the previous replacement is InService; terminate first, then launch', () => {
    for (let k = 1; k < ends.length; k++) {
      const replacement = r.events.find((e) => e.kind === 'in_service' && e.timeS > ends[k - 1]!.timeS)!;
      expect(ends[k]!.timeS).toBeGreaterThanOrEqual(replacement.timeS);
      const launch = r.events.find((e) => e.kind === 'launch' && e.timeS >= ends[k - 1]!.timeS)!;
      const gone = r.events.find((e) => e.kind === 'terminate' && e.instance === ends[k - 1]!.instance)!;
      expect(launch.timeS).toBeGreaterThanOrEqual(gone.timeS);
    }
  });

  it('with an instance maintenance policy above 100 %, the replacement launches first and the old instance goes once it is InService (AS-IMP)', () => {
    const ahead = simulate(buildScenario({ duration: day + 1800, traffic: { rate: 5 }, autoScaling: { minSize: 3, maxSize: 3, desiredCapacity: 3, maxInstanceLifetime: '1d', instanceMaintenancePolicy: { minHealthyPercentage: 100, maxHealthyPercentage: 150 } } }), { checkInvariants: true });
    const first = ahead.events.find((e) => e.kind === 'scaling' && e.instance === 'i-0001')!;
    const launch = ahead.events.find((e) => e.kind === 'launch' && e.timeS >= first.timeS)!;
    const replacementUp = ahead.events.find((e) => e.kind === 'in_service' && e.instance === launch.instance)!;
    const gone = ahead.events.find((e) => e.kind === 'drain' && e.instance === 'i-0001')!;
    expect(launch.timeS).toBe(first.timeS);
    expect(gone.timeS).toBeGreaterThanOrEqual(replacementUp.timeS);
    expect(ahead.events.filter((e) => e.kind === 'terminate').map((e) => e.instance)).toEqual(['i-0001', 'i-0002', 'i-0003']);
    expect(ahead.summary.capacity.min).toBe(3); // never below the group
    expect(last(ahead, 'in_service')).toBe(3);
  });

  it('the schema takes 0 or at least one day', () => {
    expect(() => buildScenario({ autoScaling: { minSize: 1, maxSize: 1, maxInstanceLifetime: '23h' } })).toThrow(/at least 1d \(86400s\) \(AWS MaxInstanceLifetime\)/);
  });
});

describe('several lifecycle hooks per transition (AS-HOOK)', () => {
  const launchHooks = (a: FileMapping, b: FileMapping) => run({ minSize: 1, maxSize: 4, desiredCapacity: 1, lifecycleHooks: [{ transition: 'launching', ...a }, { transition: 'launching', ...b }], actions: [{ at: 300, action: 'set-desired-capacity', desiredCapacity: 2 }] });

  it('the instance waits for every hook: InService when the last one completes', () => {
    const r = launchHooks({ name: 'a', completesAfter: 30 }, { name: 'b', completesAfter: 90 });
    expect(of(r, 'lifecycle_hook', 'i-0002').map((e) => [e.timeS, e.detail])).toEqual([
      [360, 'a: waiting (completes after 30 s)'],
      [360, 'b: waiting (completes after 90 s)'],
      [390, 'a: CONTINUE'],
      [450, 'b: CONTINUE'],
    ]);
    expect(of(r, 'in_service', 'i-0002')[0]!.timeS).toBe(450);
  });

  it('one ABANDON ends the wait: the instance is terminated and replaced, the other hook\'s later answer does not count', () => {
    const r = launchHooks({ name: 'a', heartbeatTimeout: 60, defaultResult: 'ABANDON' }, { name: 'b', completesAfter: 120 });
    expect(of(r, 'lifecycle_hook', 'i-0002').map((e) => e.detail)).toEqual(['a: waiting (heartbeat timeout after 60 s)', 'b: waiting (completes after 120 s)', 'a: ABANDON']);
    expect(of(r, 'terminate', 'i-0002')[0]!.timeS).toBe(420);
    expect(of(r, 'in_service', 'i-0002')).toHaveLength(0);
  });

  it('termination hooks: Terminated after both, CONTINUE by timeout for one of them', () => {
    const r = run({ minSize: 1, maxSize: 4, desiredCapacity: 2, lifecycleHooks: [
      { name: 'x', transition: 'terminating', completesAfter: 40 },
      { name: 'y', transition: 'terminating', heartbeatTimeout: 100, defaultResult: 'CONTINUE' },
    ], actions: [{ at: 300, action: 'set-desired-capacity', desiredCapacity: 1 }] });
    const victim = scaling(r).length > 0 ? r.events.find((e) => e.kind === 'drain')!.instance! : '';
    const deregistered = of(r, 'deregister', victim)[0]!.timeS;
    expect(of(r, 'terminate', victim)[0]!.timeS).toBe(deregistered + 100);
  });
});

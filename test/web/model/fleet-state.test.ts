import { describe, expect, it } from 'vitest';
import { eventsUpTo, fleetAt, instanceLabel, periodIndex, type FleetInput } from '../../../web/model/fleet-state.ts';
import { FIXTURE_EVENTS, fixtureRun, PERIOD_S, simEvent } from '../fixtures/run-result.ts';

const run = fixtureRun();
const input: FleetInput = {
  zones: run.scenario.zones,
  events: run.events,
  targets: run.summary.targets,
  instanceLoad: run.instanceLoad,
  periodS: PERIOD_S,
};

function states(timeS: number): Record<string, string> {
  const snapshot = fleetAt(input, timeS);
  return Object.fromEntries(
    snapshot.zones.flatMap((z) => z.instances.map((i) => [i.id, `${i.lifecycle}${i.failed ? '+failed' : ''}`])),
  );
}

describe('fleetAt: the fleet derived from the event log', () => {
  it('time 0: the initial fleet is in service and healthy, one tile per zone it runs in', () => {
    const snapshot = fleetAt(input, 0);
    expect(snapshot.zones.map((z) => [z.zone, z.instances.map((i) => i.id)])).toEqual([
      ['us-east-1a', ['i-0001']],
      ['us-east-1b', ['i-0002']],
      ['us-east-1c', []],
    ]);
    expect(states(0)).toEqual({ 'i-0001': 'in_service', 'i-0002': 'in_service' });
  });

  it('walks one instance through every state: pending → warming → in service', () => {
    expect(states(151)['i-0003']).toBe('pending');
    expect(states(211)['i-0003']).toBe('warming');
    expect(states(299)['i-0003']).toBe('warming');
    expect(states(300)['i-0003']).toBe('in_service');
  });

  it('a failed target stays in service until its health checks fail, then drains and terminates', () => {
    expect(states(119)['i-0001']).toBe('in_service');
    expect(states(120)['i-0001']).toBe('in_service+failed');
    expect(states(180)['i-0001']).toBe('unhealthy+failed');
    expect(states(240)['i-0001']).toBe('draining+failed');
    expect(states(361)['i-0001']).toBe('terminated');
  });

  it('a zone fault marks every live instance of the zone failed until the zone recovers', () => {
    const during = fleetAt(input, 450);
    expect(during.zones[1]!.failed).toBe(true);
    expect(during.zones[1]!.instances[0]!.failed).toBe(true);
    expect(during.failed).toBe(1);
    expect(fleetAt(input, 500).zones[1]!.failed).toBe(false);
  });

  it('counts instances by state and sorts terminated ones last in their zone', () => {
    const end = fleetAt(input, 600);
    expect(end.counts).toEqual({ pending: 0, warming: 0, in_service: 2, unhealthy: 0, draining: 0, terminated: 1 });
    expect(end.zones.reduce((n, z) => n + z.instances.length, 0)).toBe(run.summary.targets.length);
  });

  it('takes load from the period containing the cursor; none for terminated instances', () => {
    const at = fleetAt(input, 90); // second period (60, 120]
    const i2 = at.zones[1]!.instances[0]!;
    expect(i2.load).toBeCloseTo(0.3);
    expect(Number.isNaN(fleetAt(input, 600).zones[0]!.instances[0]!.load)).toBe(true);
  });

  it('an instance running from time 0 with no launch event still appears (from the summary roster)', () => {
    const snapshot = fleetAt({ ...input, events: [] }, 10);
    expect(snapshot.zones.flatMap((z) => z.instances.map((i) => i.id))).toEqual(['i-0001', 'i-0002']);
  });

  it('slow-target sets the factor shown on the tile; recover clears it', () => {
    const events = [
      ...FIXTURE_EVENTS.slice(0, 6),
      simEvent(50, 'fault', { instance: 'i-0002', state: 'slow-target', value: 5 }),
      simEvent(90, 'fault', { instance: 'i-0002', state: 'recover-target' }),
    ];
    expect(fleetAt({ ...input, events }, 60).zones[1]!.instances[0]!.slowFactor).toBe(5);
    expect(fleetAt({ ...input, events }, 90).zones[1]!.instances[0]!.slowFactor).toBeNull();
  });

  it('is pure: the same input and time give equal snapshots', () => {
    expect(fleetAt(input, 333)).toEqual(fleetAt(input, 333));
  });
});

describe('event and period lookup', () => {
  it('eventsUpTo counts the events at or before a time', () => {
    expect(eventsUpTo(FIXTURE_EVENTS, -1)).toBe(0);
    expect(eventsUpTo(FIXTURE_EVENTS, 0)).toBe(6);
    expect(eventsUpTo(FIXTURE_EVENTS, 150)).toBe(9);
    expect(eventsUpTo(FIXTURE_EVENTS, 10_000)).toBe(FIXTURE_EVENTS.length);
  });
  it('periodIndex: rows end at period boundaries, clamped to the table', () => {
    expect(periodIndex(0, 60, 10)).toBe(0);
    expect(periodIndex(60, 60, 10)).toBe(0);
    expect(periodIndex(61, 60, 10)).toBe(1);
    expect(periodIndex(10_000, 60, 10)).toBe(9);
    expect(periodIndex(10, 60, 0)).toBe(-1);
  });
});

describe('instanceLabel (a tile says its state in words, not only in colour)', () => {
  it('names the instance, zone, state, fault, load and since when', () => {
    const i1 = fleetAt(input, 200).zones[0]!.instances[0]!;
    expect(instanceLabel(i1)).toBe('i-0001 · us-east-1a · unhealthy · failed (fault) · load 50% · since 00:03:00');
  });
});

describe('fleetAt: Spot instances of a mixed instances policy', () => {
  const events = [
    simEvent(0, 'launch', { instance: 'i-0001', zone: 'us-east-1a', group: 'asg', state: 'c5.large Spot' }),
    simEvent(0, 'in_service', { instance: 'i-0001', group: 'asg' }),
    simEvent(400, 'spot', { instance: 'i-0001', group: 'asg', state: 'rebalance-recommendation' }),
    simEvent(1000, 'spot', { instance: 'i-0001', group: 'asg', state: 'interruption-notice', value: 1120 }),
    simEvent(1120, 'terminate', { instance: 'i-0001', group: 'asg', cause: 'Spot' }),
  ];
  const spot = (timeS: number) => fleetAt({ zones: ['us-east-1a'], events, targets: [], periodS: 60 }, timeS).zones[0]!.instances[0]!;

  it('a tile says its type and market, and after the notice when EC2 interrupts it', () => {
    expect(spot(500)).toMatchObject({ purchase: 'c5.large Spot' });
    expect(spot(500).interruptionAtS).toBeUndefined();
    expect(spot(1010).interruptionAtS).toBe(1120);
    expect(instanceLabel(spot(1010))).toContain('c5.large Spot · Spot interruption at 00:18:40');
    expect(spot(1130).interruptionAtS).toBeUndefined(); // gone
  });
});

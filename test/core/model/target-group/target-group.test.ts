/**
 * A target group on its own, with stand-ins for its ports: registration and the first health
 * check, health thresholds, draining (idle, by the deregistration delay, or when the server
 * empties), scopes with cross-zone off, fail-open and Classic's 503, slow start (ALB-TG, ALB-HC).
 */
import { describe, expect, it } from 'vitest';
import { Engine } from '../../../../core/engine/engine.ts';
import { Servers } from '../../../../core/model/compute/servers.ts';
import { EventLog } from '../../../../core/model/event-log.ts';
import { Members } from '../../../../core/model/target-group/members.ts';
import { TargetGroup } from '../../../../core/model/target-group/target-group.ts';
import type { TargetGroup as TargetGroupSpec } from '../../../../core/scenario/types.ts';

const spec = (over: Partial<TargetGroupSpec> = {}): TargetGroupSpec => ({
  name: 'web',
  targetType: 'instance',
  autoScalingGroup: 0,
  ipTargets: [],
  loadBalancer: 0,
  algorithm: 'round_robin',
  deregistrationDelayS: 30,
  slowStartS: 0,
  healthCheck: { intervalS: 10, timeoutS: 5, healthyThreshold: 3, unhealthyThreshold: 2, servedByTarget: false },
  ...over,
});

function setup(options: { crossZone?: boolean; failOpen?: boolean; tg?: Partial<TargetGroupSpec>; routing?: () => number } = {}) {
  const engine = new Engine();
  const servers = new Servers();
  const members = new Members(2);
  const log = new EventLog();
  const dropped: [number, number | null][] = [];
  const drained: number[] = [];
  let draw = 0;
  const tg = new TargetGroup(spec(options.tg), {
    engine,
    members,
    servers,
    log,
    index: 0,
    zoneCount: 2,
    crossZone: options.crossZone ?? true,
    failOpen: options.failOpen ?? true,
    routing: { name: 'routing', next: options.routing ?? (() => 0.5) },
    // Health-check phases: 0, 0.1, 0.2, … of the interval.
    health: { name: 'health', next: () => (draw++ % 10) / 10 },
    transport: { enqueueHealthCheck: () => true },
    dropper: { dropServerWork: (s, code) => dropped.push([s, code]) },
    instanceOf: (m) => `i-${m}`,
  });
  const source = tg.attach({ drained: (m) => drained.push(m) });
  const add = (zone: number) => {
    const s = servers.add(zone, 2, 10, engine.now);
    return tg.memberFor(s, s, source);
  };
  const lines = () => log.events.map((e) => `${e.timeS} ${e.kind} ${e.subject} ${e.detail}`);
  return { engine, servers, members, tg, add, dropped, drained, lines };
}

describe('TargetGroup', () => {
  it('a target registered later is initial, then healthy after its first passing check (within one interval)', () => {
    const { engine, members, tg, add, lines } = setup();
    engine.runUntil(100);
    const m = add(0);
    tg.register(m, false);
    expect(members.health[m]).toBe(0);
    engine.runUntil(110);
    expect(members.health[m]).toBe(1);
    expect(lines()).toEqual(['100 register i-0 web', '100 health i-0 healthy']);
  });

  it('the initial fleet registers healthy at once; a failed server turns unhealthy after 2 failed checks', () => {
    const { engine, servers, members, tg, add, lines } = setup();
    const m = add(0);
    tg.register(m, true);
    servers.failDepth[members.server[m]!] = 1;
    engine.runUntil(60);
    expect(members.health[m]).toBe(2);
    // Checks at 0 and 10 fail by their 5 s timeout: unhealthy at 15 s.
    expect(lines()).toEqual(['0 register i-0 web', '0 health i-0 healthy', '15 health i-0 unhealthy']);
  });

  it('deregistering an idle target drains it at once and tells its source', () => {
    const { engine, tg, add, drained, lines } = setup();
    const m = add(0);
    tg.register(m, true);
    engine.runUntil(5);
    tg.deregister(m);
    expect(drained).toEqual([m]);
    expect(lines().slice(2)).toEqual(['5 drain i-0 deregistration delay 30 s', '5 deregister i-0 drained: no requests in flight']);
    expect(tg.pick(0, 0, 5)).toBe(-1);
  });

  it('a target with requests in flight drains for the deregistration delay, then its work gets 502', () => {
    const { engine, servers, tg, add, dropped, drained, lines } = setup();
    const m = add(0);
    tg.register(m, true);
    servers.busy[0] = 2;
    tg.deregister(m);
    engine.runUntil(29);
    expect(drained).toEqual([]);
    engine.runUntil(30);
    expect(dropped).toEqual([[0, 502]]);
    expect(drained).toEqual([m]);
    expect(lines().at(-1)).toBe('30 deregister i-0 deregistration delay expired with 2 requests in flight (answered 502)');
  });

  it('a draining target whose server empties is deregistered then, not at the delay', () => {
    const { engine, servers, tg, add, dropped, drained } = setup();
    const m = add(0);
    tg.register(m, true);
    servers.busy[0] = 1;
    tg.deregister(m);
    engine.runUntil(12);
    servers.busy[0] = 0;
    tg.serverIdle(m);
    engine.runUntil(60);
    expect(drained).toEqual([m]);
    expect(dropped).toEqual([]);
  });

  it('cross-zone off: a node picks only its zone; with its zone unhealthy it fails open, and a Classic load balancer answers 503', () => {
    for (const failOpen of [true, false]) {
      const { members, tg, add } = setup({ crossZone: false, failOpen });
      const a = add(0);
      const b = add(1);
      tg.register(a, true);
      tg.register(b, true);
      expect([tg.pick(0, 0, 0), tg.pick(0, 0, 0)]).toEqual([a, a]);
      expect(tg.pick(1, 0, 0)).toBe(b);
      members.health[a] = 2;
      tg.register(add(1), true); // any change makes the group recompute its scopes
      expect(tg.pick(0, 0, 0)).toBe(failOpen ? a : -1);
    }
  });

  it('slow start applies to a target that turns healthy next to a settled healthy one, not to the first', () => {
    const { engine, members, tg, add } = setup({ tg: { slowStartS: 60 } });
    const a = add(0);
    tg.register(a, false);
    engine.runUntil(10);
    expect(members.health[a]).toBe(1);
    expect(members.slowStartEndS[a]).toBe(0);
    const b = add(1);
    tg.register(b, false);
    engine.runUntil(25);
    expect(members.health[b]).toBe(1);
    expect(members.slowStartEndS[b]).toBeGreaterThan(engine.now);
    expect(members.slowStartEndS[b]).toBeLessThanOrEqual(engine.now + 60);
  });

  it('slow start: the ramping target gets w / (1 + w) of the picks half-way (w = 0.5), its round-robin turn once the ramp ends', () => {
    let draw = 0;
    // Draws evenly over [0, 1): the ramping share is then exact up to one pick in 1,000.
    const { engine, members, tg, add } = setup({ tg: { slowStartS: 60 }, routing: () => ((draw++ % 1000) + 0.5) / 1000 });
    const a = add(0);
    tg.register(a, false);
    engine.runUntil(10);
    const b = add(1);
    tg.register(b, false);
    engine.runUntil(25);
    const end = members.slowStartEndS[b]!;
    expect(end).toBeGreaterThan(engine.now);
    engine.runUntil(end - 30);
    let toB = 0;
    for (let k = 0; k < 1000; k++) if (tg.pick(0, 0, engine.now) === b) toB++;
    expect(Math.abs(toB / 1000 - 1 / 3)).toBeLessThanOrEqual(0.001);
    // After the ramp's end event, plain round robin again: no draws, a and b in turn.
    engine.runUntil(end + 1);
    const before = draw;
    const picks = Array.from({ length: 4 }, () => tg.pick(0, 0, engine.now));
    expect(new Set(picks.slice(0, 2))).toEqual(new Set([a, b]));
    expect(picks.slice(2)).toEqual(picks.slice(0, 2));
    expect(draw).toBe(before);
  });
});

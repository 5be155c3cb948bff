/**
 * Manual operations over arbitrary sequences (fast-check): SetDesiredCapacity, EnterStandby /
 * ExitStandby, DetachInstances / AttachInstances at random times, on a group with and without
 * draining. Conservation: every instance the group launched is, at the end, in exactly one
 * state, the group's counters match (the run's invariant check), and once nothing is in flight
 * the group holds its desired capacity; a Standby or Detached instance receives no request.
 * Replay a failure with FC_SEED=<seed>.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { simulate } from '../../core/index.ts';
import { buildScenario, type FileMapping } from '../support/build.ts';

const seed = Number(process.env.FC_SEED ?? (process.env.CI ? 20261202 : Date.now() % 1_000_000));
console.log(`operations property tests: FC_SEED=${seed}`);
const params = { seed, path: process.env.FC_PATH, numRuns: 15, endOnFailure: true };

const actionArb: fc.Arbitrary<FileMapping> = fc.oneof(
  fc.record({ at: fc.integer({ min: 0, max: 1500 }), desiredCapacity: fc.integer({ min: 0, max: 8 }), honorCooldown: fc.boolean() }).map((a) => ({ ...a, action: 'set-desired-capacity' })),
  fc.record({ at: fc.integer({ min: 0, max: 1500 }), count: fc.integer({ min: 1, max: 3 }), shouldDecrementDesiredCapacity: fc.boolean() }).map((a) => ({ ...a, action: 'enter-standby' })),
  fc.record({ at: fc.integer({ min: 0, max: 1500 }), count: fc.integer({ min: 1, max: 3 }) }).map((a) => ({ ...a, action: 'exit-standby' })),
  fc.record({ at: fc.integer({ min: 0, max: 1500 }), count: fc.integer({ min: 1, max: 3 }), shouldDecrementDesiredCapacity: fc.boolean() }).map((a) => ({ ...a, action: 'detach-instances' })),
  fc.record({ at: fc.integer({ min: 0, max: 1500 }), count: fc.integer({ min: 1, max: 3 }) }).map((a) => ({ ...a, action: 'attach-instances' })),
);

const scenarioArb = fc.record({
  actions: fc.array(actionArb, { minLength: 1, maxLength: 6 }),
  drainS: fc.constantFrom(0, 30),
  min: fc.integer({ min: 0, max: 2 }),
  runSeed: fc.integer({ min: 0, max: 1_000_000 }),
}).map((p) => ({
  runSeed: p.runSeed,
  scenario: buildScenario({
    duration: 2400,
    traffic: { rate: 60 },
    loadBalancer: { targetGroup: { deregistrationDelay: p.drainS, healthCheck: { interval: 10, healthyThreshold: 2 } } },
    // A desired capacity below every MinSize the group can have is refused at validation, so the
    // drawn value is raised to the group's minimum (refusals at run time come from HonorCooldown).
    autoScaling: { minSize: p.min, maxSize: 8, desiredCapacity: 4, actions: p.actions.map((a, i) => ({ ...a, ...(a.action === 'set-desired-capacity' ? { desiredCapacity: Math.max(p.min, a.desiredCapacity as number) } : {}), name: `a${i}` })) },
    instance: { concurrency: 4, serviceTime: { distribution: 'exponential', mean: '50ms' }, bootTime: { distribution: 'uniform', min: 30, max: 90 } },
  }),
}));

describe('manual operations (fast-check)', () => {
  it('conservation: the group settles at its desired capacity, within [min, max]; a Standby or Detached instance gets no request', () => {
    fc.assert(
      fc.property(scenarioArb, ({ scenario, runSeed }) => {
        const r = simulate(scenario, { seed: runSeed, checkInvariants: true });
        const ts = r.timeseries;
        const n = ts.time_s.length;
        // All actions end by 25:00; boots take at most 90 s and drains 30 s, so by 40:00 nothing is in flight.
        expect(ts.in_service[n - 1]).toBe(ts.desired_capacity[n - 1]);
        for (let i = 0; i < n; i++) {
          expect(ts.desired_capacity[i]).toBeGreaterThanOrEqual(scenario.autoScalingGroups[0]!.minSize);
          expect(ts.desired_capacity[i]).toBeLessThanOrEqual(scenario.autoScalingGroups[0]!.maxSize);
        }
        // Out of the target group: from its deregistration to its next registration, an instance serves nothing.
        for (const id of Object.keys(r.instanceLoad)) {
          const events = r.events.filter((e) => e.instance === id && (e.kind === 'deregister' || e.kind === 'register' || e.kind === 'terminate'));
          const series = r.instanceLoad[id]!;
          for (let k = 0; k < events.length; k++) {
            if (events[k]!.kind !== 'deregister') continue;
            const from = Math.ceil(events[k]!.timeS / 60 - 1e-9);
            const next = events.slice(k + 1).find((e) => e.kind === 'register' || e.kind === 'terminate');
            const to = next ? Math.floor(next.timeS / 60) : n;
            for (let p = from; p < to; p++) {
              const v = series.load[p - series.firstPeriod];
              if (v !== undefined) expect(v, `${id} period ${p}`).toBe(0);
            }
          }
        }
      }),
      params,
    );
  });
});

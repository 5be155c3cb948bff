/**
 * Random valid scenario *files* (YAML text, as a user writes them), through the same parser the
 * CLI uses, then simulated. Over every feature the schema offers (load balancer types and
 * algorithms, arrivals, rate schedules, distributions, target tracking, scheduled actions,
 * faults, warm pools, lifecycle hooks, health check types), each run must:
 *
 * - parse without errors (the generator only writes valid files);
 * - conserve requests: arrived = 2xx + target 5xx + ELB 5xx + in flight at the end;
 * - have per-period columns that add up to the summary's totals;
 * - be byte-identical when rerun with the same seed;
 * - contain no NaN, Infinity or negative value in any output file.
 *
 * Replay a failure with FC_SEED=<seed> (printed below and by fast-check).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatEventsCsv, formatSummaryJson, formatTimeseriesCsv, parseScenario, simulate } from '../../core/index.ts';
import type { Timeseries } from '../../core/index.ts';

const seed = Number(process.env.FC_SEED ?? (process.env.CI ? 20261201 : Date.now() % 1_000_000));
console.log(`scenario-file property tests: FC_SEED=${seed}`);
const params = { seed, path: process.env.FC_PATH, numRuns: 16, endOnFailure: true };

const ALGORITHMS = {
  application: ['round_robin', 'least_outstanding_requests', 'weighted_random', 'random', 'power_of_two_choices'],
  network: ['flow_hash'],
  classic: ['round_robin', 'least_outstanding_requests', 'random', 'power_of_two_choices'],
} as const;

const distributionArb = (mean: number) =>
  fc.constantFrom(
    `${mean}`,
    `{ distribution: exponential, mean: ${mean} }`,
    `{ distribution: lognormal, mean: ${mean}, cv: 1.5 }`,
    `{ distribution: uniform, min: ${mean / 2}, max: ${mean * 1.5} }`,
  );

const fileArb = fc
  .record({
    type: fc.constantFrom('application', 'network', 'classic' as const),
    algorithmIndex: fc.nat(),
    crossZone: fc.boolean(),
    zones: fc.integer({ min: 1, max: 3 }),
    minutes: fc.integer({ min: 5, max: 30 }),
    period: fc.constantFrom(10, 30, 60),
    rates: fc.array(fc.integer({ min: 0, max: 150 }), { minLength: 1, maxLength: 4 }),
    arrivals: fc.constantFrom('poisson', 'uniform'),
    clients: fc.integer({ min: 1, max: 2000 }),
    min: fc.integer({ min: 0, max: 3 }),
    span: fc.integer({ min: 0, max: 5 }),
    concurrency: fc.integer({ min: 1, max: 6 }),
    queueLimit: fc.integer({ min: 0, max: 60 }),
    service: distributionArb(0.08),
    boot: distributionArb(40),
    idleTimeout: fc.constantFrom(1, 5, 60),
    tracking: fc.option(fc.integer({ min: 20, max: 80 }), { nil: null }),
    scheduled: fc.option(fc.integer({ min: 1, max: 4 }), { nil: null }),
    fault: fc.option(fc.constantFrom('fail-target', 'terminate-target', 'fail-zone', 'slow-target'), { nil: null }),
    faultCount: fc.integer({ min: 1, max: 3 }),
    warmPool: fc.boolean(),
    hook: fc.boolean(),
    healthCheckType: fc.constantFrom('EC2', 'ELB'),
    drain: fc.constantFrom(0, 20, 300),
    runSeed: fc.integer({ min: 0, max: 1_000_000 }),
  })
  .map((p) => {
    const zones = ['z-a', 'z-b', 'z-c'].slice(0, p.zones);
    const type = p.zones === 1 && p.type === 'application' ? 'network' : p.type;
    const algorithms = ALGORITHMS[type];
    const max = p.min + p.span;
    const desired = Math.min(max, p.min + 1);
    const durationS = p.minutes * 60;
    const rate = p.rates.length === 1 ? `${p.rates[0]}` : `[${p.rates.map((r, i) => `[${Math.round((i * durationS) / p.rates.length)}, ${r}]`).join(', ')}]`;
    const lines = [
      'name: random',
      `duration: ${p.minutes}m`,
      `period: ${p.period}s`,
      `zones: [${zones.join(', ')}]`,
      `traffic: { rate: ${rate}, arrivals: ${p.arrivals}, clients: ${p.clients} }`,
      'loadBalancer:',
      `  type: ${type}`,
      `  crossZone: ${p.crossZone}`,
      `  idleTimeout: ${p.idleTimeout}`,
      `  targetGroup: { algorithm: ${algorithms[p.algorithmIndex % algorithms.length]}, deregistrationDelay: ${p.drain} }`,
      'autoScaling:',
      `  minSize: ${p.min}`,
      `  maxSize: ${max}`,
      `  desiredCapacity: ${desired}`,
      `  healthCheckType: ${p.healthCheckType}`,
    ];
    if (p.tracking !== null) lines.push(`  policies: [{ type: TargetTrackingScaling, metric: ASGAverageCPUUtilization, targetValue: ${p.tracking} }]`);
    if (p.scheduled !== null) lines.push(`  scheduledActions: [{ at: ${Math.floor(durationS / 2)}, desiredCapacity: ${Math.min(max, Math.max(p.min, p.scheduled))} }]`);
    if (p.warmPool) lines.push('  warmPool: { minSize: 1 }');
    if (p.hook) lines.push('  lifecycleHooks: [{ transition: launching, defaultResult: CONTINUE, completesAfter: 20s, heartbeatTimeout: 60s }]');
    lines.push(
      'instance:',
      `  concurrency: ${p.concurrency}`,
      `  queueLimit: ${p.queueLimit}`,
      `  serviceTime: ${p.service}`,
      `  bootTime: ${p.boot}`,
      '  detailedMonitoring: true',
    );
    const at = Math.floor(durationS / 3);
    if (p.fault === 'fail-zone') lines.push(`faults: [{ at: ${at}, action: fail-zone, zone: ${zones[0]}, for: 120 }]`);
    else if (p.fault === 'slow-target') lines.push(`faults: [{ at: ${at}, action: slow-target, count: ${p.faultCount}, factor: 4, for: 120 }]`);
    else if (p.fault !== null) lines.push(`faults: [{ at: ${at}, action: ${p.fault}, count: ${p.faultCount} }]`);
    return { text: `${lines.join('\n')}\n`, runSeed: p.runSeed };
  });

const sum = (column: ArrayLike<number>) => Array.from(column).reduce((a, b) => a + b, 0);

function parsed(text: string) {
  const result = parseScenario(text, 'random.yaml');
  if (!result.ok) throw new Error(`the generator wrote an invalid file:\n${text}\n${result.errors.map((e) => `${e.line}:${e.column}: ${e.path}: ${e.message}`).join('\n')}`);
  return result.scenario;
}

function outputs(text: string, runSeed: number) {
  const result = simulate(parsed(text), { seed: runSeed });
  return { result, files: [formatTimeseriesCsv(result.timeseries), formatEventsCsv(result.events), formatSummaryJson(result.summary)] };
}

describe('random valid scenario files (fast-check, 16 files)', () => {
  it('conserve requests, add up per period, rerun byte-identically and hold no NaN or negative value', () => {
    fc.assert(
      fc.property(fileArb, ({ text, runSeed }) => {
        const { result, files } = outputs(text, runSeed);
        const { summary } = result;
        const ts: Timeseries = result.timeseries;
        const elb5xx = summary.elb5xx['502'] + summary.elb5xx['503'] + summary.elb5xx['504'];
        expect(summary.requests, text).toBe(summary.responses2xx + summary.target5xx + elb5xx + summary.inFlightAtEnd);
        expect(sum(ts.requests), text).toBe(summary.requests);
        expect(sum(ts.responses_2xx), text).toBe(summary.responses2xx);
        expect(sum(ts.target_5xx), text).toBe(summary.target5xx);
        expect(sum(ts.elb_5xx), text).toBe(elb5xx);
        expect(sum(Object.values(summary.zones).map((z) => z.requests)), text).toBeLessThanOrEqual(summary.requests);
        for (const file of files) {
          // null is the documented "still running" value of a target's terminateS, and nothing else.
          expect(file.replaceAll('"terminateS": null', ''), text).not.toMatch(/NaN|Infinity|null/);
          expect(file, text).not.toMatch(/(^|[,:\s[])-\d/m);
        }
        expect(outputs(text, runSeed).files, text).toEqual(files);
      }),
      params,
    );
  });
});

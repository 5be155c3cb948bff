/**
 * The limits of core/scenario/limits.ts: each is checked at validation with a located message
 * naming the limit and its reason; real uses (a month at 10,000 requests/s) stay valid; the
 * parser's checks (size, depth, keys per mapping, repeated keys) are linear and located; keys
 * named like Object's own properties are ordinary unknown keys.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatCount, formatLimitsTable, LIMITS } from '../../../core/scenario/limits.ts';
import { expectedRequests } from '../../../core/scenario/resolve-limits.ts';
import { errorOf, errorsOf, MINIMAL, minimalWith, parse, scenarioOf } from './helpers.ts';

const base = (duration: string) => `name: t\nduration: ${duration}\nzones: [a, b]\n`;

describe('limits on single keys', () => {
  it.each([
    ['traffic: { clients: 5000000000 }', 'traffic.clients: 5000000000 is too large for clients; the limit is 10,000,000 clients (each client costs 12 bytes'],
    ['traffic: { clients: 300000000 }', 'traffic.clients: 300000000 is too large for clients'],
    ['instance: { serviceTime: { distribution: lognormal, mean: 100ms, cv: 1e200 } }', 'instance.serviceTime.cv: 1e+200 is too large for lognormal coefficient of variation; the limit is 100'],
    ['instance: { serviceTime: { distribution: exponential, mean: 1e300 } }', 'instance.serviceTime.mean: 1e+300s is too large for a duration; the limit is 315,360,000 s'],
    ['traffic: { rate: 1e300 }', 'traffic.rate: 1e+300 requests/s is too large for request rate'],
    ['autoScaling: { minSize: 1, maxSize: 1000000 }', 'autoScaling.maxSize: 1000000 is too large for fleet size; the limit is 100,000 instances'],
    ['instance: { concurrency: 1000000 }', 'instance.concurrency: 1000000 is too large for worker slots per instance'],
  ])('%s', (yaml, message) => {
    expect(errorsOf(minimalWith(`${yaml}\n`)).join('\n')).toContain(message);
  });

  it('duration beyond a year, with the reason', () => {
    expect(errorOf(base('1e308'))).toBe('scenarios/x.yaml:2:11: duration: 1e+308s is too large for run length; the limit is 31,622,400 s (every event time is a double in seconds; a year keeps them exact to a microsecond and bounds the run)');
  });

  it('a duration that is not a whole number of milliseconds', () => {
    expect(errorOf(`${base('10.0004')}period: 10\n`)).toContain('duration: 10.0004s is not a whole number of milliseconds');
    expect(scenarioOf(`${base('10.001')}period: 10\n`).durationS).toBe(10.001);
  });

  it('a rate schedule longer than the point limit is refused before its points are checked', () => {
    const points = Array.from({ length: LIMITS.ratePoints.max + 1 }, (_, i) => `[${i}, 1]`).join(',');
    const started = performance.now();
    expect(errorOf(minimalWith(`traffic: { rate: [${points}] }\n`))).toContain(`a schedule of ${LIMITS.ratePoints.max + 1} points is too long; the limit is 100,000 points`);
    expect(performance.now() - started).toBeLessThan(20_000);
  });
});

describe('limits across keys', () => {
  it('a month at 10,000 requests/s on a fleet of 200 is valid', () => {
    const s = scenarioOf(`${base('30d')}traffic: { rate: 10000 }\nautoScaling: { minSize: 20, maxSize: 200 }\n`);
    expect(expectedRequests(s.traffic.rate, s.durationS)).toBe(10000 * 30 * 86400);
  });

  it('expected requests beyond the limit', () => {
    expect(errorOf(`${base('366d')}period: 3600\ntraffic: { rate: 1000000 }\n`)).toContain('traffic.rate: the run expects 31,622,400,000,000 requests (the rate over the duration), too many; the limit is 100,000,000,000 requests');
  });

  it('output periods beyond the limit', () => {
    expect(errorOf(`${base('366d')}period: 10\n`)).toContain('duration: 3,162,240 output periods (duration ÷ period) are too many; the limit is 1,000,000 periods');
  });

  it('requests in flight: the smaller of rate × idle timeout and fleet × (slots + queue)', () => {
    const yaml = `${base('10m')}traffic: { rate: 10000 }\nloadBalancer: { idleTimeout: 4000 }\ninstance: { queueLimit: 1000000000 }\nautoScaling: { minSize: 1, maxSize: 100 }\n`;
    expect(errorOf(yaml)).toContain('instance.queueLimit: up to 40,000,000 requests could be in flight at once');
    // The same queue with the default idle timeout (60 s): 600,000 in flight at most, valid.
    expect(parse(yaml.replace('idleTimeout: 4000', 'idleTimeout: 60')).ok).toBe(true);
  });

  it('expected requests integrate the piecewise-linear schedule, held before and after', () => {
    expect(expectedRequests([[0, 100]], 60)).toBe(6000);
    expect(expectedRequests([[10, 100], [20, 200]], 30)).toBe(100 * 10 + 150 * 10 + 200 * 10);
    expect(expectedRequests([[0, 0], [100, 100]], 50)).toBe(1250);
  });
});

describe('contradictory sizes and counts', () => {
  it('a scheduled minSize above every maxSize the group can have', () => {
    expect(errorOf(minimalWith('autoScaling: { minSize: 1, maxSize: 4, scheduledActions: [{ at: 1m, minSize: 9 }] }\n'))).toContain(
      "autoScaling.scheduledActions.0.minSize: minSize 9 is more than the group's maxSize 4; AWS refuses",
    );
  });

  it('allowed when another action raises maxSize first', () => {
    expect(parse(minimalWith('autoScaling: { minSize: 1, maxSize: 4, scheduledActions: [{ at: 1m, maxSize: 12 }, { at: 2m, minSize: 9 }] }\n')).ok).toBe(true);
  });

  it('a fault count beyond the fleet is a warning', () => {
    const result = parse(minimalWith('faults: [{ at: 1m, action: fail-target, count: 50 }]\n'));
    expect(result.ok).toBe(true);
    expect(result.warnings.map((w) => w.message)).toContain('count 50 is more than the group can ever hold (2 instances); the fault acts on the instances there are');
  });
});

describe('the parser', () => {
  it('100,000 nested [ is "too deeply nested", located', () => {
    expect(errorOf(`name: t\nzones: ${'['.repeat(100_000)}\n`)).toMatch(/^scenarios\/x\.yaml:2:\d+: too deeply nested; the limit is 64 levels/);
    expect(errorOf(`{"name": "t", "zones": ${'['.repeat(100_000)}}`, { file: 'x.json' })).toMatch(/^x\.json:1:\d+: too deeply nested/);
  });

  it('nesting deeper than the limit but within the stack', () => {
    expect(errorOf(minimalWith(`description: ${'['.repeat(64)}${']'.repeat(64)}\n`))).toMatch(/^scenarios\/x\.yaml:4:\d+: description(\.0){63}: too deeply nested/);
  });

  it('40,000 unknown keys: one located message, fast', () => {
    const keys = Array.from({ length: 40_000 }, (_, i) => `  key${i}: ${i}`).join('\n');
    const started = performance.now();
    expect(errorOf(`${MINIMAL}instance:\n${keys}\n`)).toBe('scenarios/x.yaml:5:3: instance: a mapping of 40,000 keys is too large; the limit is 1,000 keys (the largest mapping a scenario has (expect, a zone table) holds a dozen keys; each key is checked and reported)');
    expect(performance.now() - started).toBeLessThan(10_000);
  });

  it('1,000 unknown keys: each placed at its line, in linear time', () => {
    const keys = Array.from({ length: 1000 }, (_, i) => `  key${i}: ${i}`).join('\n');
    const errors = errorsOf(`${MINIMAL}instance:\n${keys}\n`);
    expect(errors).toHaveLength(1000);
    expect(errors[999]).toMatch(/^scenarios\/x\.yaml:1004:3: instance\.key999: unknown key `key999`/);
  });

  it('a file over the size limit is refused before it is parsed', () => {
    expect(errorOf(`# ${'x'.repeat(LIMITS.fileBytes.max)}\n${MINIMAL}`)).toMatch(/^scenarios\/x\.yaml:1:1: the file is too large \(8,388,\d+ characters\); the limit is 8,388,608 bytes/);
  });

  it('a plain file above the full-reading limit is read; one that needs the full reading is refused, with the reason', () => {
    const big = `# ${'x'.repeat(LIMITS.fullReadBytes.max)}\n`;
    expect(parse(`${big}${MINIMAL}`).ok).toBe(true);
    expect(errorOf(`${big}${MINIMAL}instance: { colour: 1 }\n`)).toMatch(/^scenarios\/x\.yaml:5:13: instance\.colour: unknown key `colour`/);
    expect(errorOf(`${big}${MINIMAL}#\t\n`)).toMatch(/^scenarios\/x\.yaml:1:1: the file is too large \(2,097,\d+ characters\) for the full YAML reading it needs; the limit is 2,097,152 bytes \(YAML beyond what elbsim reads itself \(tags/);
    expect(errorOf(`${big}${MINIMAL}`, { overrides: ['x=&a [1]'] })).toMatch(/the file is too large \(2,097,\d+ characters\) for the full YAML reading/);
  });

  it.each(['__proto__', 'constructor', 'toString', 'valueOf', 'hasOwnProperty'])('a key named %s is an unknown key, at its line', (key) => {
    expect(errorOf(minimalWith(`loadBalancer:\n  ${key}: 1\n`))).toMatch(new RegExp(`^scenarios/x\\.yaml:5:3: loadBalancer\\.${key}: unknown key \`${key}\``));
  });

  it('a scenario nested under __proto__ is not run with its keys ignored', () => {
    const errors = errorsOf('__proto__:\n  name: t\n  duration: 1h\n  zones: [a, b]\n');
    expect(errors[0]).toBe('scenarios/x.yaml:1:1: __proto__: unknown key `__proto__`; it is not a scenario key');
  });

  it('--set __proto__.x=1 and --set x= are --set errors', () => {
    expect(errorOf(MINIMAL, { overrides: ['__proto__.x=1'] })).toBe('--set: __proto__: unknown key `__proto__`; it is not a scenario key');
    expect(errorOf(MINIMAL, { overrides: ['autoScaling.maxSize='] })).toContain('--set: autoScaling.maxSize: no value after `=`');
  });
});

describe('docs/limits.md', () => {
  it('lists exactly the table of limits.ts', () => {
    const doc = readFileSync(new URL('../../../docs/limits.md', import.meta.url), 'utf8');
    const table = /<!-- limits-table:start -->\n([\s\S]*?)<!-- limits-table:end -->/.exec(doc)?.[1];
    expect(table).toBe(formatLimitsTable());
  });
});

describe('formatCount', () => {
  it('writes what toLocaleString("en-US") writes for the rounded number, below 1e16 (fast-check, and the edges)', () => {
    const edges = [0, -0, 0.4, -0.4, 0.5, -0.5, 999, 1000, -1000, 999_999, 1_000_000, 12_345_678.9, 2 ** 53 - 1, -(2 ** 53), 9_999_999_999_999_998];
    for (const n of edges) expect(formatCount(n), String(n)).toBe(Math.round(n).toLocaleString('en-US'));
    fc.assert(
      fc.property(fc.oneof(fc.integer({ min: -1e9, max: 1e9 }), fc.double({ min: -9.99e15, max: 9.99e15, noNaN: true })), (n) => {
        expect(formatCount(n)).toBe(Math.round(n).toLocaleString('en-US'));
      }),
    );
    expect(formatCount(1e16)).toBe('1.00e16');
    expect(formatCount(Infinity)).toBe('Infinity');
  });
});

/**
 * Malformed input, class by class, through the CLI's own entry point (`main`, in-process: no
 * process per case). Every case asserts the exit code, the located message, and that nothing
 * was written: no output folder, no staging folder left beside it. The scenario-level cases run
 * `elbsim run`, so a bad file is refused before anything is simulated or created.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryIo } from '../../cli/io.ts';
import { main } from '../../cli/main.ts';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'elbsim-fuzz-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const MINIMAL = 'name: t\nduration: 10m\nzones: [a, b]\n';
let n = 0;

/** Runs `elbsim run` on `content` and returns exit code, stderr and whether anything was written. */
async function run(content: string | Buffer, extra: string[] = [], name = `case-${++n}.yaml`) {
  const file = join(dir, name);
  writeFileSync(file, content);
  return runFile(file, extra);
}

async function runFile(file: string, extra: string[] = []) {
  const out = join(dir, `out-${++n}`);
  const io = memoryIo();
  const code = await main(['run', file, '--out', out, ...extra], io);
  const leftovers = readdirSync(dir).filter((f) => f.includes('.partial-'));
  return { code, stderr: io.stderr.replaceAll(`${dir}/`, ''), wrote: existsSync(out) || leftovers.length > 0 };
}

/** [class, file text, extra args, exit code, message pattern] */
const CASES: [string, string, string[], number, RegExp][] = [
  ['syntax: unclosed flow list', `${MINIMAL}traffic: { rate: [1, 2 }\n`, [], 2, /^case-\d+\.yaml:4:\d+: /m],
  ['syntax: tab indentation', 'name: t\nloadBalancer:\n\ttype: network\n', [], 2, /^case-\d+\.yaml:3:\d+: /m],
  ['syntax: two documents', `${MINIMAL}---\nname: u\n`, [], 2, /4:1: a scenario file holds one document/],
  ['duplicate key', `${MINIMAL}seed: 1\nseed: 2\n`, [], 2, /:5:1: seed: given twice \(first on line 4\); keys must be unique/],
  ['type: text for a number', `${MINIMAL}instance: { concurrency: many }\n`, [], 2, /:4:\d+: instance\.concurrency: expected a whole number, got `many`/],
  ['type: list for a mapping', `${MINIMAL}instance: [1, 2]\n`, [], 2, /:4:11: instance: expected a mapping/],
  ['range: health check interval', `${MINIMAL}loadBalancer: { targetGroup: { healthCheck: { interval: 3s } } }\n`, [], 2, /healthCheck\.interval: 3s is out of range; allowed 5s to 300s/],
  ['missing required key', 'name: t\nzones: [a, b]\n', [], 2, /duration: required key is missing/],
  ['unknown key with a hint', `${MINIMAL}instance: { concurency: 4 }\n`, [], 2, /instance\.concurency: unknown key `concurency` \(did you mean `concurrency`\?\)/],
  ['prototype key __proto__', `${MINIMAL}__proto__: { name: x }\n`, [], 2, /:4:1: __proto__: unknown key `__proto__`/],
  ['prototype key constructor', `${MINIMAL}loadBalancer: { constructor: 1 }\n`, [], 2, /loadBalancer\.constructor: unknown key `constructor`; allowed here: name, type/],
  ['prototype key toString', `${MINIMAL}traffic: { toString: 1 }\n`, [], 2, /traffic\.toString: unknown key `toString`/],
  ['prototype key valueOf', `${MINIMAL}valueOf: 1\n`, [], 2, /:4:1: valueOf: unknown key `valueOf`/],
  ['limit: clients', `${MINIMAL}traffic: { clients: 5000000000 }\n`, [], 2, /traffic\.clients: 5000000000 is too large for clients; the limit is 10,000,000 clients \(each client costs 12 bytes/],
  ['limit: run length', 'name: t\nduration: 1e308\nzones: [a, b]\n', [], 2, /:2:11: duration: 1e\+308s is too large for run length; the limit is 31,622,400 s/],
  ['limit: lognormal cv', `${MINIMAL}instance: { serviceTime: { distribution: lognormal, mean: 100ms, cv: 1e200 } }\n`, [], 2, /cv: 1e\+200 is too large for lognormal coefficient of variation; the limit is 100/],
  ['limit: exponential mean', `${MINIMAL}instance: { bootTime: { distribution: exponential, mean: 1e300 } }\n`, [], 2, /bootTime\.mean: 1e\+300s is too large for a duration/],
  ['limit: rate', `${MINIMAL}traffic: { rate: 1e300 }\n`, [], 2, /traffic\.rate: 1e\+300 requests\/s is too large for request rate/],
  ['limit: expected requests', 'name: t\nduration: 366d\nperiod: 3600\nzones: [a, b]\ntraffic: { rate: 1000000 }\n', [], 2, /traffic\.rate: the run expects 31,622,400,000,000 requests/],
  ['limit: periods', 'name: t\nduration: 366d\nperiod: 10\nzones: [a, b]\n', [], 2, /duration: 3,162,240 output periods/],
  ['limit: in flight', `${MINIMAL}traffic: { rate: 10000 }\nloadBalancer: { idleTimeout: 4000 }\ninstance: { queueLimit: 1000000000 }\nautoScaling: { minSize: 1, maxSize: 100 }\n`, [], 2, /instance\.queueLimit: up to 40,000,000 requests could be in flight/],
  ['limit: fleet', `${MINIMAL}autoScaling: { minSize: 0, maxSize: 5000000 }\n`, [], 2, /autoScaling\.maxSize: 5000000 is too large for fleet size; the limit is 100,000 instances/],
  ['limit: nesting', `name: t\nzones: ${'['.repeat(100_000)}\n`, [], 2, /:2:\d+: too deeply nested; the limit is 64 levels/],
  ['limit: keys in a mapping', `${MINIMAL}instance:\n${Array.from({ length: 2000 }, (_, i) => `  k${i}: 1`).join('\n')}\n`, [], 2, /:5:3: instance: a mapping of 2,000 keys is too large; the limit is 1,000 keys/],
  ['limit: list items', `${MINIMAL}faults: [${Array.from({ length: 10_001 }, () => '{ at: 1, action: fail-zone, zone: a }').join(',')}]\n`, [], 2, /faults: a list of 10001 items is too long; the limit is 10,000 items/],
  ['limit: price (cost must stay finite)', `${MINIMAL}instance: { pricePerHour: 1e308 }\n`, [], 2, /instance\.pricePerHour: 1e\+308 is too large for instance price; the limit is 10,000 \$\/h/],
  ['limit: alarm evaluation periods', `${MINIMAL}autoScaling: { minSize: 1, maxSize: 3, policies: [{ type: StepScaling, adjustmentType: ChangeInCapacity, alarm: { namespace: AWS/EC2, metric: CPUUtilization, statistic: Average, period: 60, evaluationPeriods: 1000000000000000, threshold: 50, comparisonOperator: GreaterThanThreshold }, stepAdjustments: [{ lowerBound: 0, scalingAdjustment: 1 }] }] }\n`, [], 2, /alarm\.evaluationPeriods: 1000000000000000 is too large for alarm evaluation periods; the limit is 10,080 periods/],
  ['duration between milliseconds', 'name: t\nduration: 10.0004\nperiod: 10\nzones: [a, b]\n', [], 2, /duration: 10\.0004s is not a whole number of milliseconds/],
  ['contradiction: scheduled minSize above maxSize', `${MINIMAL}autoScaling: { minSize: 1, maxSize: 4, scheduledActions: [{ at: 1m, minSize: 9 }] }\n`, [], 2, /scheduledActions\.0\.minSize: minSize 9 is more than the group's maxSize 4/],
  ['contradiction: scheduled desired above every maxSize', `${MINIMAL}autoScaling: { minSize: 1, maxSize: 4, scheduledActions: [{ at: 1m, desiredCapacity: 7 }] }\n`, [], 2, /desiredCapacity 7 is more than any maxSize the group can have \(at most 4\)/],
  ['--set: empty value', MINIMAL, ['--set', 'autoScaling.maxSize='], 2, /^--set: autoScaling\.maxSize: no value after `=`/m],
  ['--set: prototype path', MINIMAL, ['--set', '__proto__.x=1'], 2, /^--set: __proto__: unknown key `__proto__`/m],
  ['--set: constructor path', MINIMAL, ['--set', 'constructor.x=1'], 2, /^--set: constructor: unknown key `constructor`/m],
  ['--set: index out of range', MINIMAL, ['--set', 'zones.5=c'], 2, /^--set: zones\.5: zones has 2 items; index 5 is out of range/m],
  ['--seed beyond 2^53 − 1', MINIMAL, ['--seed', '9007199254740992'], 1, /--seed must be an integer ≥ 0/],
];

describe('malformed scenarios: exit code, located message, nothing written', () => {
  it.each(CASES)('%s', async (_, content, extra, code, message) => {
    const result = await run(content, extra);
    expect(result.stderr).toMatch(message);
    expect(result.code).toBe(code);
    expect(result.stderr).not.toMatch(/\n\s+at .+:\d+/); // no stack trace
    expect(result.wrote).toBe(false);
  });
});

describe('files that are not scenario text', () => {
  it('a binary file is "not UTF-8 text", one line', async () => {
    const result = await run(Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 1, 2, 0xff, 0x0a, 0x00, 0x0a]));
    expect(result).toEqual({ code: 2, stderr: expect.stringMatching(/^case-\d+\.yaml:1:1: the file is not UTF-8 text \(it holds NUL bytes: a binary file\?\)\n$/), wrote: false });
  });

  it('invalid UTF-8 without NUL bytes', async () => {
    const result = await run(Buffer.concat([Buffer.from(MINIMAL), Buffer.from([0xc3, 0x28, 0x0a])]));
    expect(result.stderr).toMatch(/:1:1: the file is not UTF-8 text \(it holds bytes that are not UTF-8\); save it as UTF-8/);
    expect(result.code).toBe(2);
  });

  it('UTF-16 (with its byte-order mark) is named, with how to convert it', async () => {
    const result = await run(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(MINIMAL, 'utf16le')]));
    expect(result).toEqual({ code: 2, stderr: expect.stringMatching(/:1:1: the file is UTF-16 text .*iconv -f UTF-16 -t UTF-8\n$/), wrote: false });
  });

  it('a UTF-8 byte-order mark is skipped', async () => {
    const file = join(dir, 'bom.yaml');
    writeFileSync(file, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(MINIMAL)]));
    const io = memoryIo();
    expect(await main(['validate', file], io)).toBe(0);
  });

  it('a FIFO named .yaml is refused without blocking', async () => {
    const fifo = join(dir, 'pipe.yaml');
    execFileSync('mkfifo', [fifo]);
    const result = await runFile(fifo);
    expect(result).toEqual({ code: 1, stderr: 'elbsim run: cannot read pipe.yaml: not a regular file (a device, FIFO or socket); give a scenario file\n', wrote: false });
  });

  it('/dev/zero (through a .yaml link) is refused as not a regular file', async () => {
    const link = join(dir, 'zero.yaml');
    symlinkSync('/dev/zero', link);
    const result = await runFile(link);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/cannot read zero\.yaml: not a regular file/);
  });

  it('a file over the size limit is refused before it is read', async () => {
    const result = await run(`${MINIMAL}# ${'x'.repeat(8 * 1024 * 1024)}\n`);
    expect(result.stderr).toMatch(/^case-\d+\.yaml:1:1: the file is too large \(8,388,\d+ bytes\); the limit is 8,388,608 bytes/);
    expect(result.code).toBe(2);
  });
});

describe('output folders', () => {
  it('--out under /proc fails at once (no recursive-mkdir hang), exit 1, before simulating', async () => {
    const file = join(dir, 'ok.yaml');
    writeFileSync(file, MINIMAL);
    const io = memoryIo();
    const started = performance.now();
    expect(await main(['run', file, '--out', '/proc/elbsim-nonexistent/x', '--quiet'], io)).toBe(1);
    expect(io.stderr).toMatch(/^elbsim run: cannot create \/proc\/elbsim-nonexistent\/x: /);
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it('--out that is a file fails before simulating', async () => {
    const file = join(dir, 'ok2.yaml');
    writeFileSync(file, MINIMAL);
    writeFileSync(join(dir, 'a-file'), 'x');
    const io = memoryIo();
    expect(await main(['run', file, '--out', join(dir, 'a-file'), '--quiet'], io)).toBe(1);
    expect(io.stderr).toMatch(/cannot create .*a-file: a parent is not a directory/);
  });

  it('a failing run leaves an existing output folder as it was; a good one replaces its files and keeps others', async () => {
    const out = join(dir, 'kept');
    mkdirSync(out);
    for (const name of ['timeseries.csv', 'events.csv', 'summary.json', 'notes.txt']) writeFileSync(join(out, name), `old ${name}`);
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, `${MINIMAL}traffic: { clients: 0 }\n`);
    expect(await main(['run', bad, '--out', out, '--quiet'], memoryIo())).toBe(2);
    expect(readFileSync(join(out, 'summary.json'), 'utf8')).toBe('old summary.json');
    const good = join(dir, 'good.yaml');
    writeFileSync(good, 'name: t\nduration: 2m\nzones: [a, b]\n');
    expect(await main(['run', good, '--out', out, '--quiet'], memoryIo())).toBe(0);
    expect(readFileSync(join(out, 'summary.json'), 'utf8')).toMatch(/^\{/);
    expect(readFileSync(join(out, 'notes.txt'), 'utf8')).toBe('old notes.txt');
    expect(readdirSync(dir).filter((f) => f.includes('.partial-'))).toEqual([]);
  });
});

describe('batch commands', () => {
  const manifest = (shard: unknown, extra: Record<string, unknown> = {}) =>
    JSON.stringify({ elbsim: '0.1.0', scenario: 's.yaml', scenarioSha256: 'x', vary: [], replications: 2, seed: 1, combinations: 1, runs: 2, runIndex: '', shard, ...extra });

  it('a hand-edited sweep.json (shard n = 1e9) is a clear error, not an out-of-memory crash', async () => {
    const a = join(dir, 'edited');
    mkdirSync(a);
    writeFileSync(join(a, 'sweep.json'), manifest({ k: 1, n: 1e9 }));
    const io = memoryIo();
    expect(await main(['merge', a, '--out', join(dir, 'merged-1')], io)).toBe(1);
    expect(io.stderr.replaceAll(`${dir}/`, '')).toMatch(/^elbsim merge: edited\/sweep\.json is not a sweep's sweep\.json as elbsim writes it: shard \{"k":1,"n":1000000000\} is not \{ k, n \} with 1 ≤ k ≤ n ≤ 100000/);
    expect(existsSync(join(dir, 'merged-1'))).toBe(false);
  });

  it.each([
    ['runs', { runs: 1e12 }, /runs 1000000000000 is not a whole number from 1 to 1000000/],
    ['seed', { seed: 9007199254740991 }, /seed 9007199254740991 is not a whole number whose replications stay at most 2\^53 − 1/],
    ['vary', { vary: [{ path: 'a' }] }, /`vary` holds an entry that is not \{ path, values \}/],
  ])('a sweep.json with a bad %s is refused', async (_, extra, message) => {
    const a = join(dir, `bad-${++n}`);
    mkdirSync(a);
    writeFileSync(join(a, 'sweep.json'), manifest(null, extra));
    const io = memoryIo();
    expect(await main(['merge', a, '--out', join(dir, `m-${n}`)], io)).toBe(1);
    expect(io.stderr).toMatch(message);
  });

  it('a failing merge keeps the runs.csv and summary.csv of an existing --out', async () => {
    const a = join(dir, 'shard-a');
    mkdirSync(a);
    writeFileSync(join(a, 'sweep.json'), manifest({ k: 1, n: 2 }));
    writeFileSync(join(a, 'runs.csv'), 'not,the,header\n');
    const out = join(dir, 'merged-good');
    mkdirSync(out);
    writeFileSync(join(out, 'runs.csv'), 'good runs');
    writeFileSync(join(out, 'summary.csv'), 'good summary');
    const b = join(dir, 'shard-b');
    mkdirSync(b);
    writeFileSync(join(b, 'sweep.json'), manifest({ k: 2, n: 2 }));
    writeFileSync(join(b, 'runs.csv'), 'not,the,header\n');
    const io = memoryIo();
    expect(await main(['merge', a, b, '--out', out], io)).toBe(1);
    expect(io.stderr).toMatch(/does not start with this sweep's runs\.csv header/);
    expect(readFileSync(join(out, 'runs.csv'), 'utf8')).toBe('good runs');
    expect(readFileSync(join(out, 'summary.csv'), 'utf8')).toBe('good summary');
    expect(readdirSync(dir).filter((f) => f.includes('.partial-'))).toEqual([]);
  });

  it('sweep and check refuse seeds whose replications would pass 2^53 − 1', async () => {
    const file = join(dir, 'seeds.yaml');
    writeFileSync(file, `${MINIMAL}expect: { requests: { min: 0 } }\n`);
    const sweep = memoryIo();
    expect(await main(['sweep', file, '--seed', '9007199254740991', '--replications', '3', '--out', join(dir, 'sw')], sweep)).toBe(1);
    expect(sweep.stderr).toMatch(/seed 9007199254740991 with 3 replications would use seeds beyond 9007199254740991 \(2\^53 − 1\)/);
    expect(existsSync(join(dir, 'sw'))).toBe(false);
    const check = memoryIo();
    expect(await main(['check', file, '--seed', '9007199254740990', '--replications', '3'], check)).toBe(1);
    expect(check.stderr).toMatch(/use a seed of at most 9007199254740989/);
  });
});

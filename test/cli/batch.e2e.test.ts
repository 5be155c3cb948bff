/**
 * The batch commands end to end, spawning bin/elbsim.js with the real core and worker threads:
 * a run in a sweep gives the figures of `elbsim run` with the same seed and `--set` values;
 * shards merged give the unsharded sweep's bytes; the worker count does not change a byte;
 * merge names a missing shard or run; bad `--vary` values get located errors (exit 2); `check`
 * exits 0 or 3. Scenarios are tiny (3 simulated minutes) to keep the suite fast.
 */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { Summary } from '../../core/index.ts';
import { memoryIo } from '../../cli/io.ts';
import { main } from '../../cli/main.ts';
import type { RunFigures } from '../../cli/run-figures.ts';
import { formatRunRow } from '../../cli/sweep-files.ts';
import { makeGrid, runAt } from '../../cli/sweep-grid.ts';

const BIN = fileURLToPath(new URL('../../bin/elbsim.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'elbsim-batch-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const TINY = `name: Batch smoke
seed: 5
duration: 3m
zones: [us-east-1a, us-east-1b]
traffic:
  rate: 30
autoScaling: { minSize: 2, maxSize: 4, desiredCapacity: 2 }
instance:
  serviceTime: { distribution: exponential, mean: 50ms }
expect:
  latencyMsP99: { max: 2000 }
  healthyHostsMin: { min: 2 }
`;

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

interface Outcome {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Spawns elbsim; several can run at once (the shards of a sweep). */
function elbsim(args: string[], env: Record<string, string> = {}): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: dir, env: { ...process.env, ELBSIM_DEBUG: '', CI: '1', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const read = (folder: string, name: string) => readFileSync(join(dir, folder, name), 'utf8');
const SWEEP_FILES = ['runs.csv', 'summary.csv', 'sweep.json'];
const STACK = /\n\s+at .+[(:]\d+/;

const tiny = file('tiny.yaml', TINY);
const VARY = ['--vary', 'autoScaling.desiredCapacity=2,3', '--vary', 'loadBalancer.targetGroup.algorithm=round_robin,least_outstanding_requests'];
const SWEEP = ['sweep', tiny, ...VARY, '--replications', '3', '--seed', '11'];

describe('elbsim sweep (spawned)', () => {
  let whole: Outcome;
  it('runs 4 combinations × 3 replications, prints the grid and a table, writes three files', async () => {
    whole = await elbsim([...SWEEP, '--jobs', '2', '--out', 'whole']);
    expect(whole.stderr).toBe('');
    expect(whole.code).toBe(0);
    expect(whole.stdout).toMatch(/^seed {6}11\n/);
    expect(whole.stdout).toContain('sweep     4 combinations × 3 replications = 12 runs; 2 worker threads\n');
    expect(whole.stdout).toMatch(/^3 +least_outstanding_requests +[\d.]+ ± [\d.]+/m);
    const runs = read('whole', 'runs.csv').trimEnd().split('\n');
    expect(runs).toHaveLength(13);
    expect(runs.slice(1).map((line) => line.split(',').at(-1))).toEqual(Array.from({ length: 12 }, (_, i) => String(i)));
    expect(read('whole', 'summary.csv').trimEnd().split('\n')).toHaveLength(5);
  });

  it('a run in the sweep gives exactly the figures of elbsim run with its seed and --set values', async () => {
    const grid = makeGrid(
      [
        { path: 'autoScaling.desiredCapacity', values: ['2', '3'] },
        { path: 'loadBalancer.targetGroup.algorithm', values: ['round_robin', 'least_outstanding_requests'] },
      ],
      3,
      11,
    );
    const rows = read('whole', 'runs.csv').split('\n');
    await Promise.all(
      [0, 5, 10].map(async (index) => {
        const run = runAt(grid, index);
        const sets = run.overrides.flatMap((o) => ['--set', `${o.path}=${o.value}`]);
        const out = `single-${index}`;
        const single = await elbsim(['run', tiny, '--seed', String(run.seed), ...sets, '--out', out, '--quiet']);
        expect(single.code).toBe(0);
        const summary = JSON.parse(read(out, 'summary.json')) as Summary;
        expect(rows[index + 1] + '\n').toBe(formatRunRow(run, figuresOf(summary)));
      }),
    );
  });

  it('one worker or two: the same bytes', async () => {
    expect((await elbsim([...SWEEP, '--jobs', '1', '--out', 'one-job', '--quiet'])).code).toBe(0);
    for (const name of SWEEP_FILES) expect(read('one-job', name), name).toBe(read('whole', name));
  });

  it('--shard 1/3, 2/3, 3/3 (one via JOB_COMPLETION_INDEX) merged: byte-identical to the unsharded sweep', async () => {
    const shards = await Promise.all([
      elbsim([...SWEEP, '--shard', '1/3', '--jobs', '1', '--out', 'shard-1', '--quiet']),
      elbsim([...SWEEP, '--shard', 'auto/3', '--jobs', '1', '--out', 'shard-2', '--quiet'], { JOB_COMPLETION_INDEX: '1' }),
      elbsim([...SWEEP, '--shard', '3/3', '--jobs', '1', '--out', 'shard-3', '--quiet']),
    ]);
    expect(shards.map((s) => s.code)).toEqual([0, 0, 0]);
    expect(read('shard-2', 'runs.csv').trimEnd().split('\n').slice(1).map((l) => l.split(',').at(-1))).toEqual(['1', '4', '7', '10']);
    const merged = await elbsim(['merge', 'shard-3', 'shard-1', 'shard-2', '--out', 'merged']);
    expect(merged.stderr).toBe('');
    expect(merged.code).toBe(0);
    expect(merged.stdout).toBe('merged 3 folders (12 runs, 4 combinations) into merged/ (runs.csv, summary.csv, sweep.json)\n');
    for (const name of SWEEP_FILES) expect(read('merged', name), name).toBe(read('whole', name));
  });

  it('merge names a missing shard, a shard given twice, a shard that stopped early, another sweep (exit 1)', async () => {
    const merge = async (...dirs: string[]) => {
      const io = memoryIo();
      const code = await main(['merge', ...dirs.map((d) => join(dir, d)), '--out', join(dir, 'bad')], io);
      return { code, stderr: io.stderr.replaceAll(`${dir}/`, '') };
    };
    expect(await merge('shard-1', 'shard-3')).toEqual({ code: 1, stderr: 'elbsim merge: shard 2/3 is missing: run it with --shard K/3 and merge all 3 folders\n' });
    expect(await merge('shard-1', 'shard-1', 'shard-2', 'shard-3')).toEqual({ code: 1, stderr: 'elbsim merge: shard 1/3 is given twice: shard-1 and shard-1\n' });

    cpSync(join(dir, 'shard-2'), join(dir, 'cut'), { recursive: true });
    const rows = read('shard-2', 'runs.csv').split('\n');
    writeFileSync(join(dir, 'cut', 'runs.csv'), rows.slice(0, 3).join('\n') + '\n');
    expect(await merge('shard-1', 'cut', 'shard-3')).toEqual({
      code: 1,
      stderr: 'elbsim merge: run 7 is missing: cut/runs.csv ends before it (did that shard finish?); run that shard again with --shard 2/3\n',
    });
    expect(existsSync(join(dir, 'bad', 'runs.csv'))).toBe(false);
    writeFileSync(join(dir, 'cut', 'runs.csv'), [...rows.slice(0, 2), rows[1], ...rows.slice(2)].join('\n'));
    expect((await merge('shard-1', 'cut', 'shard-3')).stderr).toBe('elbsim merge: run 1 appears twice in cut/runs.csv\n');

    cpSync(join(dir, 'shard-2'), join(dir, 'other'), { recursive: true });
    writeFileSync(join(dir, 'other', 'sweep.json'), read('shard-2', 'sweep.json').replace('"replications": 3', '"replications": 2'));
    expect((await merge('shard-1', 'other', 'shard-3')).stderr).toBe(
      'elbsim merge: shard-1 and other come from different sweeps: replications is 3 in one and 2 in the other\n',
    );
    expect((await merge('shard-1', 'nothing-here')).stderr).toMatch(/^elbsim merge: nothing-here is not a sweep folder: cannot read nothing-here\/sweep\.json: no such file\n$/);
    expect((await merge('whole', 'shard-1')).stderr).toBe('elbsim merge: whole holds a whole sweep, not a shard; merge it with nothing else\n');
  });

  it('bad --vary values: located errors against --vary, exit 2; usage mistakes exit 1; no stack traces', async () => {
    const [bad, clash, usage, auto] = await Promise.all([
      elbsim(['sweep', tiny, '--vary', 'autoScaling.maxSize=4,abc', '--vary', 'autoScaling.maxSiz=3']),
      elbsim(['sweep', tiny, '--vary', 'autoScaling.minSize=1,3', '--vary', 'autoScaling.maxSize=2,4']),
      elbsim(['sweep', tiny, '--vary', 'autoScaling.maxSize']),
      elbsim(['sweep', tiny, '--shard', 'auto/2'], { JOB_COMPLETION_INDEX: '', AWS_BATCH_JOB_ARRAY_INDEX: '' }),
    ]);
    expect(bad.code).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toContain('--vary: autoScaling.maxSize: expected a whole number, got `abc`\n');
    expect(bad.stderr).toContain('--vary: autoScaling.maxSiz: unknown key `maxSiz` (did you mean `maxSize`?)');
    expect(clash.code).toBe(2);
    expect(clash.stderr).toContain('--vary: autoScaling.minSize: minSize 3 is more than maxSize 2\n');
    expect(clash.stderr).toMatch(/tiny\.yaml:7:\d+: autoScaling\.desiredCapacity: .* \(with --vary autoScaling\.minSize=3 autoScaling\.maxSize=4\)\n/);
    expect(usage.code).toBe(1);
    expect(auto.code).toBe(1);
    expect(auto.stderr).toMatch(/--shard auto\/2 needs JOB_COMPLETION_INDEX or AWS_BATCH_JOB_ARRAY_INDEX/);
    for (const r of [bad, clash, usage, auto]) expect(r.stderr).not.toMatch(STACK);
  });
});

describe('elbsim check (spawned)', () => {
  it('every expectation holds: PASS lines, exit 0', async () => {
    const r = await elbsim(['check', tiny]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^PASS {2}latencyMsP99 {4}[\d.]+ ms {2}\(max 2000\)$/m);
    expect(r.stdout).toMatch(/^PASS {2}healthyHostsMin 2 healthy hosts {2}\(min 2\)$/m);
    expect(r.stdout.trimEnd().split('\n').at(-1)).toBe('2 of 2 expectations passed');
  });

  it('an expectation fails: FAIL with value and limit, the replay command, exit 3', async () => {
    const strict = file('strict.yaml', TINY.replace('latencyMsP99: { max: 2000 }', 'latencyMsP99: { max: 1 }'));
    const r = await elbsim(['check', strict, '--seed', '8']);
    expect(r.code).toBe(3);
    expect(r.stdout).toMatch(/^FAIL {2}latencyMsP99 {4}[\d.]+ ms {2}\(max 1\)$/m);
    expect(r.stdout).toContain(`1 of 2 expectations passed\nreplay: elbsim run ${strict} --seed 8\n`);
  });

  it('--set overrides a value as run does: the check fails with it, and the replay command carries it', async () => {
    const r = await elbsim(['check', tiny, '--set', 'autoScaling.minSize=1', '--set', 'autoScaling.desiredCapacity=1']);
    expect(r.code).toBe(3);
    expect(r.stdout).toMatch(/^FAIL {2}healthyHostsMin 1 healthy hosts {2}\(min 2\)$/m);
    expect(r.stdout).toContain(`replay: elbsim run ${tiny} --seed 5 --set autoScaling.minSize=1 --set autoScaling.desiredCapacity=1\n`);
  });

  it('--replications 4: an expectation holding in k of 4 seeds fails at --min-pass 100, passes at 25', async () => {
    const base = await elbsim(['check', tiny, '--replications', '4', '--jobs', '2']);
    expect(base.code).toBe(0);
    const p99s = [...base.stdout.matchAll(/([\d.]+) ms/g)].map((m) => Number(m[1]));
    const limit = ((p99s[0]! + p99s[1]!) / 2).toFixed(3);
    const split = file('split.yaml', TINY.replace('latencyMsP99: { max: 2000 }', `latencyMsP99: { max: ${limit} }`));
    const [all, lenient] = await Promise.all([
      elbsim(['check', split, '--replications', '4', '--jobs', '1']),
      elbsim(['check', split, '--replications', '4', '--jobs', '1', '--min-pass', '25']),
    ]);
    // The limit lies between the smallest and the largest p99: 1 to 3 of the 4 seeds hold.
    expect(all.code).toBe(3);
    const held = Number(/latencyMsP99 +holds in (\d) of 4/.exec(all.stdout)![1]);
    expect(held).toBeGreaterThan(0);
    expect(held).toBeLessThan(4);
    expect(lenient.code).toBe(0);
    expect(lenient.stdout).toContain(`holds in ${held} of 4 (${25 * held} %, at least 25 % required)`);
  });

  it('no expect: block: exit 1; an invalid scenario: exit 2', async () => {
    const [none, invalid] = await Promise.all([
      elbsim(['check', file('none.yaml', TINY.split('expect:')[0]!)]),
      elbsim(['check', file('invalid.yaml', TINY.replace('max: 2000', 'maxx: 2000'))]),
    ]);
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/none\.yaml has no expect: block/);
    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toMatch(/invalid\.yaml:\d+:\d+: expect\.latencyMsP99/);
  });
});

/** The runs.csv figures as elbsim run's summary.json shows them. */
function figuresOf(summary: Summary): RunFigures {
  const elb5xx = summary.elb5xx['502'] + summary.elb5xx['503'] + summary.elb5xx['504'];
  return {
    requests: summary.requests,
    responses2xx: summary.responses2xx,
    elb5xx,
    latencyMsMean: summary.latencyMs.mean,
    latencyMsP50: summary.latencyMs.p50,
    latencyMsP99: summary.latencyMs.p99,
    instanceHours: summary.instanceHours,
    cost: summary.cost,
    capacityMax: summary.capacity.max,
    healthyHostsMin: NaN,
    elb5xxRate: NaN,
    clientLatencyMsMean: summary.clientLatencyMs.mean,
    clientLatencyMsP50: summary.clientLatencyMs.p50,
    clientLatencyMsP99: summary.clientLatencyMs.p99,
  };
}

/**
 * The `elbsim` command end to end: spawns `node bin/elbsim.js` on small scenarios written to a
 * temporary folder, with the real core, and checks exit codes, files, determinism (same seed →
 * same bytes; the printed replay line reproduces the run) and that a user's mistake never
 * shows a stack trace.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { renderHelp } from '../../cli/help.ts';

const BIN = fileURLToPath(new URL('../../bin/elbsim.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'elbsim-e2e-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SMALL = `# A small fleet for ten simulated minutes.
name: CLI smoke
seed: 3
duration: 10m
zones: [us-east-1a, us-east-1b]
traffic:
  rate: 40
autoScaling:
  minSize: 2
  maxSize: 4
  desiredCapacity: 2
instance:
  serviceTime: { distribution: exponential, mean: 50ms }
`;

/** The same with a misspelt key on line 10. */
const MISSPELT = SMALL.replace('  maxSize: 4', '  maxSiz: 4');

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

function elbsim(args: string[], cwd = dir) {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', timeout: 60_000, env: { ...process.env, ELBSIM_DEBUG: '' } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const outputs = (out: string) => ['timeseries.csv', 'events.csv', 'summary.json'].map((name) => readFileSync(join(out, name), 'utf8'));
const STACK = /\n\s+at .+[(:]\d+/;

describe('elbsim (spawned)', () => {
  const small = file('small.yaml', SMALL);

  it('--help prints the help rendered from the table and exits 0', () => {
    const r = elbsim(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(renderHelp());
  });

  it('run: exits 0, prints the seed first and a replay line last, writes the three files', () => {
    const out = join(dir, 'run-a');
    const r = elbsim(['run', small, '--out', out]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('seed      3');
    expect(lines[1]).toBe(`scenario  CLI smoke (${small})`);
    expect(lines.at(-1)).toBe(`replay: elbsim run ${small} --seed 3`);
    expect(r.stdout).toMatch(/^requests {2}[\d,]+ · 2xx [\d,]+ · 502 \d+ · 503 \d+ · 504 \d+ · ELB 5xx rate /m);
    expect(r.stdout).toMatch(/^latency {3}mean [\d.]+ ms · p50 [\d.]+ ms · p99 [\d.]+ ms$/m);
    expect(r.stdout).toMatch(/^capacity {2}\d+(–\d+)? instances? · [\d.]+ instance-hours · cost \$[\d.]+$/m);
    const [timeseries, events, summary] = outputs(out);
    expect(timeseries!.split('\n')[0]).toMatch(/^time_s,requests,responses_2xx,elb_5xx,/);
    expect(timeseries!.trimEnd().split('\n')).toHaveLength(11);
    expect(events!.split('\n')[0]).toBe('time_s,kind,subject,detail');
    expect(JSON.parse(summary!)).toMatchObject({ scenario: 'CLI smoke', seed: 3, durationS: 600 });
  });

  it('run: the same seed twice gives byte-identical files, another seed does not', () => {
    expect(elbsim(['run', small, '--seed', '9', '--out', join(dir, 'same-1'), '--quiet']).code).toBe(0);
    expect(elbsim(['run', small, '--seed', '9', '--out', join(dir, 'same-2'), '--quiet']).code).toBe(0);
    expect(elbsim(['run', small, '--seed', '10', '--out', join(dir, 'other'), '--quiet']).code).toBe(0);
    expect(outputs(join(dir, 'same-2'))).toEqual(outputs(join(dir, 'same-1')));
    expect(outputs(join(dir, 'other'))[0]).not.toEqual(outputs(join(dir, 'same-1'))[0]);
  });

  it('run: the printed replay line reproduces the run, --set values included', () => {
    const first = elbsim(['run', small, '--seed', '4', '--set', 'traffic.rate=25', '--out', join(dir, 'replay-1')]);
    expect(first.code).toBe(0);
    const replay = first.stdout.trimEnd().split('\n').at(-1)!;
    expect(replay).toBe(`replay: elbsim run ${small} --seed 4 --set traffic.rate=25`);
    const args = replay.replace('replay: elbsim ', '').split(' ');
    expect(elbsim([...args, '--out', join(dir, 'replay-2'), '--quiet']).code).toBe(0);
    expect(outputs(join(dir, 'replay-2'))).toEqual(outputs(join(dir, 'replay-1')));
  });

  it('run: --set changes the scenario before it runs', () => {
    expect(elbsim(['run', small, '--set', 'traffic.rate=5', '--out', join(dir, 'slow'), '--quiet']).code).toBe(0);
    const slow = JSON.parse(outputs(join(dir, 'slow'))[2]!);
    const base = JSON.parse(outputs(join(dir, 'run-a'))[2]!);
    expect(slow.requests).toBeLessThan(base.requests / 4);
  });

  it('run: writes to out/<file name> under the working folder by default', () => {
    const r = elbsim(['run', 'small.yaml', '--quiet']);
    expect(r.code).toBe(0);
    expect(existsSync(join(dir, 'out', 'small', 'summary.json'))).toBe(true);
  });

  it('run --quiet prints nothing', () => {
    const r = elbsim(['run', small, '--out', join(dir, 'quiet'), '--quiet']);
    expect(r).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('run: a reader that goes away (| true) is not an error: files written, exit 0, no EPIPE trace', () => {
    const out = join(dir, 'piped');
    const script = `set -o pipefail; "${process.execPath}" "${BIN}" run "${small}" --out "${out}" | true`;
    const r = spawnSync('bash', ['-c', script], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(existsSync(join(out, 'summary.json'))).toBe(true);
  });

  it('validate: prints ok for each valid file and exits 0', () => {
    const json = file('small.json', JSON.stringify({ name: 'JSON', duration: '5m', zones: ['us-east-1a', 'us-east-1b'] }));
    const r = elbsim(['validate', small, json]);
    expect(r.stderr).toBe('');
    expect(r).toMatchObject({ code: 0, stdout: `ok ${small}\nok ${json}\n` });
  });
});

describe('elbsim mistakes (spawned): a short message, the right exit code, no stack trace', () => {
  const small = file('small.yaml', SMALL);
  const misspelt = file('misspelt.yaml', MISSPELT);

  it.each([
    ['an unknown option', ['run', 'small.yaml', '--sed', '1'], /^elbsim run: unknown option --sed \(did you mean --seed\?\)\nSee 'elbsim run --help'.\n$/],
    ['an unknown command', ['simulate', 'small.yaml'], /^elbsim: unknown command 'simulate'\nSee 'elbsim --help'.\n$/],
    ['a missing scenario argument', ['run'], /^elbsim run: missing <scenario>\n/],
    ['a bad seed', ['run', 'small.yaml', '--seed', '-3'], /^elbsim run: --seed must be an integer ≥ 0, got '-3'\n/],
    ['a missing file', ['run', 'nope.yaml'], /^elbsim run: cannot read nope.yaml: no such file\n$/],
    ['a missing file to validate', ['validate', 'nope.yml'], /^elbsim validate: cannot read nope.yml: no such file\n$/],
  ])('exit 1 for %s', (_what, args, message) => {
    const r = elbsim(args);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(STACK);
  });

  it('exit 2 for an invalid scenario: file:line:col, the key path and a hint, one line each', () => {
    const r = elbsim(['run', misspelt, '--out', join(dir, 'never')]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(new RegExp(`^${misspelt.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:10:\\d+: autoScaling\\.maxSiz: .*maxSize`, 'm'));
    expect(r.stderr).not.toMatch(STACK);
    expect(existsSync(join(dir, 'never'))).toBe(false);
  });

  it('exit 2 for a bad --set value, naming the key', () => {
    const r = elbsim(['run', small, '--set', 'autoScaling.maxSize=many', '--quiet']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/autoScaling\.maxSize/);
    expect(r.stderr).not.toMatch(STACK);
  });

  it('validate checks every file and exits 2 if any is invalid', () => {
    const r = elbsim(['validate', misspelt, small]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe(`ok ${small}\n`);
    expect(r.stderr).toMatch(/misspelt\.yaml:10:\d+: autoScaling\.maxSiz: /);
    expect(r.stderr).not.toMatch(STACK);
  });
});

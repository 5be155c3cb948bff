/**
 * The compiled CLI (dist-cli/, built by `npm install` through the `prepare` script) against the
 * TypeScript it was built from, both through bin/elbsim.js (ELBSIM_CLI=compiled / ELBSIM_CLI=ts):
 * the same bytes on stdout, stderr and in every file, for every bundled scenario, for `validate`,
 * `help`, a bad scenario and a sweep on two worker threads. Then, in a copy of the project, that
 * bin/elbsim.js picks the build only while it is current: after a source file changes it runs the
 * TypeScript.
 *
 * Scenarios longer than 40 simulated minutes run their first 20 (`--set duration=20m`), to keep
 * the suite's time; the code that runs is the same, and the golden test covers the full runs.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDuration } from '../../core/index.ts';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const BIN = join(REPO, 'bin/elbsim.js');
const SCENARIOS = join(REPO, 'scenarios');
const dir = mkdtempSync(join(tmpdir(), 'elbsim-compiled-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Mode = 'ts' | 'compiled';
interface Outcome {
  code: number | null;
  stdout: string;
  stderr: string;
  files: Record<string, string>;
}

/** Runs elbsim in one mode with `{out}` in the arguments replaced by a fresh folder; returns what it printed and wrote. */
function elbsim(mode: Mode, args: string[], bin = BIN): Promise<Outcome> {
  const out = mkdtempSync(join(dir, `${mode}-`));
  const argv = args.map((a) => a.replace('{out}', out));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...argv], { cwd: dir, env: { ...process.env, ELBSIM_DEBUG: '', CI: '1', ELBSIM_CLI: mode } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => {
      const files: Record<string, string> = {};
      for (const name of readdirSync(out).sort()) files[name] = readFileSync(join(out, name), 'utf8');
      // The output folder's name differs between the two runs; nothing else may.
      const strip = (text: string) => text.split(out).join('{out}');
      resolve({ code, stdout: strip(stdout), stderr: strip(stderr), files });
    });
  });
}

/** Both modes at once (two cores); the compiled one must match the TypeScript one byte for byte. */
async function same(args: string[]): Promise<Outcome> {
  const [ts, compiled] = await Promise.all([elbsim('ts', args), elbsim('compiled', args)]);
  expect(compiled).toEqual(ts);
  return compiled;
}

beforeAll(() => {
  // The build under test is the one made from the sources as they are now.
  execFileSync(process.execPath, [join(REPO, 'scripts/build-cli.js')], { cwd: REPO, stdio: 'pipe' });
});

describe('the compiled CLI gives the bytes of the TypeScript CLI', () => {
  const scenarios = readdirSync(SCENARIOS).filter((f) => f.endsWith('.yaml')).sort();

  it.each(scenarios)('elbsim run scenarios/%s: stdout, stderr and the three files', async (name) => {
    const text = readFileSync(join(SCENARIOS, name), 'utf8');
    const duration = parseDuration(/^duration:\s*(\S+)/m.exec(text)?.[1]);
    const long = !duration.ok || duration.seconds > 40 * 60;
    const outcome = await same(['run', join(SCENARIOS, name), '--quiet', '--out', '{out}', ...(long ? ['--set', 'duration=20m'] : [])]);
    expect(outcome.code).toBe(0);
    expect(Object.keys(outcome.files)).toEqual(['events.csv', 'summary.json', 'timeseries.csv']);
  });

  it('elbsim validate on every bundled scenario, and elbsim help', async () => {
    const validate = await same(['validate', ...scenarios.map((f) => join(SCENARIOS, f))]);
    expect(validate.code).toBe(0);
    const help = await same(['help']);
    expect(help.stdout).toContain('Usage:');
    await same(['--version']);
  });

  it('a bad scenario: the same located message and exit code 2', async () => {
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'name: bad\nduration: 10m\nzones: [us-east-1a]\ntraffic: { rate: -5 }\n');
    const outcome = await same(['run', bad, '--out', '{out}']);
    expect(outcome.code).toBe(2);
    expect(outcome.stderr).toContain('bad.yaml:4');
  });

  it('elbsim sweep on two worker threads: the same three files (the workers run the compiled code too)', async () => {
    const tiny = join(dir, 'tiny.yaml');
    writeFileSync(tiny, 'name: tiny\nseed: 5\nduration: 3m\nzones: [us-east-1a, us-east-1b]\ntraffic: { rate: 30 }\n');
    const outcome = await same(['sweep', tiny, '--vary', 'traffic.rate=20,40', '--replications', '2', '--jobs', '2', '--quiet', '--out', '{out}']);
    expect(outcome.code).toBe(0);
    expect(Object.keys(outcome.files)).toEqual(['runs.csv', 'summary.csv', 'sweep.json']);
  });
});

describe('bin/elbsim.js runs the build only while it is current', () => {
  // A copy of the parts of the project the CLI needs, with the real node_modules linked in, so
  // the test can change a source file without touching the repository's own build.
  const copy = join(dir, 'project');
  beforeAll(() => {
    for (const part of ['bin', 'cli', 'core', 'scripts', 'package.json', 'tsconfig.json']) cpSync(join(REPO, part), join(copy, part), { recursive: true });
    symlinkSync(join(REPO, 'node_modules'), join(copy, 'node_modules'));
  });

  /** The mode bin/elbsim.js chose (it passes it on in ELBSIM_CLI), and its exit code. */
  function chosen(env: Record<string, string | undefined>): { mode: string; code: number } {
    const script = "process.argv = [process.execPath, 'elbsim', '--version']; await import('./bin/elbsim.js'); process.stderr.write('mode=' + process.env.ELBSIM_CLI);";
    const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: copy, env: { ...process.env, ELBSIM_CLI: undefined, ...env }, encoding: 'utf8' });
    return { mode: child.status === 0 ? (/mode=(\w+)/.exec(child.stderr)?.[1] ?? '') : child.stderr, code: child.status ?? -1 };
  }

  it('no build: the TypeScript; after the build: the build; after a source changes: the TypeScript again until rebuilt', () => {
    expect(chosen({})).toEqual({ mode: 'ts', code: 0 });
    execFileSync(process.execPath, ['scripts/build-cli.js'], { cwd: copy, stdio: 'pipe' });
    expect(chosen({})).toEqual({ mode: 'compiled', code: 0 });
    expect(chosen({ ELBSIM_CLI: 'ts' })).toEqual({ mode: 'ts', code: 0 });
    // An edit (here only the modification time, a second later) makes the build stale.
    const later = new Date(Date.now() + 1000);
    utimesSync(join(copy, 'core/engine/random.ts'), later, later);
    expect(chosen({})).toEqual({ mode: 'ts', code: 0 });
    expect(chosen({ ELBSIM_CLI: 'compiled' })).toEqual({ mode: 'compiled', code: 0 });
    execFileSync(process.execPath, ['scripts/build-cli.js'], { cwd: copy, stdio: 'pipe' });
    expect(chosen({})).toEqual({ mode: 'compiled', code: 0 });
  });

  it('a rebuild replaces the folder: no file of the earlier build is left; a failed build leaves the previous one working', () => {
    const out = join(copy, 'dist-cli');
    execFileSync(process.execPath, ['scripts/build-cli.js'], { cwd: copy, stdio: 'pipe' });
    const first = readdirSync(out).sort();
    // A change that alters the core's chunk, so its content hash (its name) changes.
    const limits = join(copy, 'core/scenario/limits.ts');
    const original = readFileSync(limits, 'utf8');
    writeFileSync(limits, original.replace("what: 'seed',", "what: 'the seed',"));
    execFileSync(process.execPath, ['scripts/build-cli.js'], { cwd: copy, stdio: 'pipe' });
    const second = readdirSync(out).sort();
    expect(second).not.toEqual(first);
    expect(second.length).toBe(first.length);
    expect(second.filter((f) => first.includes(f) && f.startsWith('chunk-')).length).toBeLessThan(first.filter((f) => f.startsWith('chunk-')).length);
    // A source that does not compile: the build fails and the folder is the second build's, still runnable.
    writeFileSync(limits, `${original}\nexport const broken = ;\n`);
    const failed = spawnSync(process.execPath, ['scripts/build-cli.js'], { cwd: copy, encoding: 'utf8' });
    expect(failed.status).toBe(1);
    expect(failed.stderr).toContain('building the CLI failed');
    expect(readdirSync(out).sort()).toEqual(second);
    expect(readdirSync(copy).filter((f) => f.startsWith('dist-cli.'))).toEqual([]);
    expect(chosen({ ELBSIM_CLI: 'compiled' })).toEqual({ mode: 'compiled', code: 0 });
    writeFileSync(limits, original);
  });

  it('a deleted source file makes the build stale; a bad ELBSIM_CLI is a usage error', () => {
    rmSync(join(copy, 'cli/suggest.ts'));
    // The TypeScript it then runs cannot load without that file: which shows which one ran.
    const gone = chosen({});
    expect(gone.code).not.toBe(0);
    expect(gone.mode).toContain('cli/suggest.ts');
    const bad = chosen({ ELBSIM_CLI: 'fast' });
    expect(bad.code).toBe(1);
    expect(bad.mode).toContain('ELBSIM_CLI must be "ts" or "compiled"');
  });
});

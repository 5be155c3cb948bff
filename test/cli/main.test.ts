/**
 * `main` in-process against a stand-in core, for what the real core cannot easily be made to do:
 * throw an unexpected error (exit 70 with a replay line), and record exactly which seed and
 * overrides the CLI passed down. The end-to-end tests (elbsim.e2e.test.ts) use the real core.
 */
import { mkdtemp, readFile, writeFile, mkdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main, REFERENCE_HINT } from '../../cli/main.ts';
import { memoryIo } from '../../cli/io.ts';

const core = vi.hoisted(() => ({
  parseCalls: [] as unknown[][],
  simCalls: [] as unknown[][],
  throwInRun: false,
}));

vi.mock('../../core/index.ts', () => ({
  parseScenario: (text: string, file: string, options: unknown) => {
    core.parseCalls.push([text, file, options]);
    const warnings = text.includes('warn') ? [{ file, line: 2, column: 1, path: 'zones', message: 'one zone' }] : [];
    if (text.includes('bad')) {
      return { ok: false, warnings, errors: [{ file, line: 3, column: 5, path: 'autoScaling.maxSize', message: 'must be ≥ minSize' }] };
    }
    return { ok: true, warnings, scenario: { name: 'Stand-in', seed: 11, durationS: 600, traffic: { rate: [[0, 1]] } } };
  },
  formatIssue: (i: { file: string; line?: number; column?: number; path: string; message: string }) =>
    `${i.file}:${i.line}:${i.column}: ${i.path}: ${i.message}`,
  createSimulation: (scenario: unknown, options: { seed: number }) => {
    core.simCalls.push([scenario, options]);
    const summary = {
      scenario: 'Stand-in', seed: options.seed, durationS: 600, requests: 100, responses2xx: 99, target5xx: 0,
      elb5xx: { '502': 1, '503': 0, '504': 0 }, inFlightAtEnd: 0,
      latencyMs: { mean: 10, p50: 9, p90: 20, p99: 30, max: 40 }, zones: {}, targets: [],
      capacity: { min: 2, max: 2 }, instanceHours: 0.33, cost: 0.03,
    };
    let nowS = 0;
    return {
      durationS: 600,
      get nowS() { return nowS; },
      get done() { return nowS >= 600; },
      step: () => false,
      runUntil: (t: number) => {
        if (core.throwInRun) throw new TypeError("Cannot read properties of undefined (reading 'zone')");
        nowS = Math.min(t, 600);
      },
      run: () => ({ timeseries: 'TS', events: 'EV', summary }),
      result: () => ({ timeseries: 'TS', events: 'EV', summary }),
    };
  },
  expectedRequests: () => 0,
  formatTimeseriesCsv: (ts: string) => `${ts}\n`,
  formatEventsCsv: (ev: string) => `${ev}\n`,
  formatSummaryJson: (s: { seed: number }) => `${JSON.stringify(s)}\n`,
}));

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'elbsim-main-'));
  core.parseCalls.length = 0;
  core.simCalls.length = 0;
  core.throwInRun = false;
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function scenarioFile(text: string, name = 's.yaml'): Promise<string> {
  const file = join(dir, name);
  await writeFile(file, text);
  return file;
}

describe('elbsim run (stand-in core)', () => {
  it('prints the seed first, writes the three files, ends with the replay line', async () => {
    const file = await scenarioFile('name: ok');
    const out = join(dir, 'out');
    const io = memoryIo();
    expect(await main(['run', file, '--out', out, '--set', 'autoScaling.maxSize=20'], io)).toBe(0);
    const lines = io.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('seed      11');
    expect(lines[1]).toBe(`scenario  Stand-in (${file})`);
    expect(lines.at(-1)).toBe(`replay: elbsim run ${file} --seed 11 --set autoScaling.maxSize=20`);
    expect(io.stdout).toContain('502 1');
    expect(await readFile(join(out, 'timeseries.csv'), 'utf8')).toBe('TS\n');
    expect(await readFile(join(out, 'events.csv'), 'utf8')).toBe('EV\n');
    expect(JSON.parse(await readFile(join(out, 'summary.json'), 'utf8')).seed).toBe(11);
    expect(io.stderr).toBe('');
  });

  it('passes --set in order to the parser and --seed to the simulation', async () => {
    const file = await scenarioFile('name: ok');
    const io = memoryIo();
    await main(['run', file, '--out', join(dir, 'o'), '--seed', '5', '--set', 'a=1', '--set', 'b.0.c=x y'], io);
    expect(core.parseCalls[0]![2]).toEqual({ overrides: [{ path: 'a', value: '1' }, { path: 'b.0.c', value: 'x y' }] });
    expect(core.simCalls[0]![1]).toEqual({ seed: 5 });
    expect(io.stdout).toMatch(/^seed {6}5\n/);
  });

  it('prints warnings to stderr, and nothing at all with --quiet', async () => {
    const file = await scenarioFile('name: warn');
    const loud = memoryIo();
    expect(await main(['run', file, '--out', join(dir, 'o')], loud)).toBe(0);
    expect(loud.stderr).toBe(`warning: ${file}:2:1: zones: one zone\n`);
    const quiet = memoryIo();
    expect(await main(['run', file, '--out', join(dir, 'o'), '--quiet'], quiet)).toBe(0);
    expect(quiet.stdout + quiet.stderr).toBe('');
  });

  it('exits 2 with file:line:col: path: message for an invalid scenario, and runs nothing', async () => {
    const file = await scenarioFile('bad');
    const io = memoryIo();
    expect(await main(['run', file, '--quiet'], io)).toBe(2);
    expect(io.stderr).toBe(`${file}:3:5: autoScaling.maxSize: must be ≥ minSize\n${REFERENCE_HINT}\n`);
    expect(core.simCalls).toHaveLength(0);
  });

  it.each([
    ['a missing file', (d: string) => join(d, 'nope.yaml'), 'no such file'],
    ['a directory', (d: string) => join(d, 'dir.yaml'), 'is a directory'],
    ['a file of another type', (d: string) => join(d, 's.txt'), 'expected a .yaml, .yml or .json file'],
  ])('exits 1 naming %s and why', async (_what, path, reason) => {
    await mkdir(join(dir, 'dir.yaml'));
    const file = path(dir);
    const io = memoryIo();
    expect(await main(['run', file], io)).toBe(1);
    expect(io.stderr).toBe(`elbsim run: cannot read ${file}: ${reason}\n`);
  });

  it('exits 1 when the output folder cannot be created', async () => {
    const file = await scenarioFile('name: ok');
    await writeFile(join(dir, 'taken'), '');
    const io = memoryIo();
    expect(await main(['run', file, '--out', join(dir, 'taken', 'sub'), '--quiet'], io)).toBe(1);
    expect(io.stderr).toMatch(/^elbsim run: cannot create .*taken\/sub: a parent is not a directory\n$/);
  });

  it('exits 70 on an internal error with a short message, a request to report it and the replay line', async () => {
    const file = await scenarioFile('name: ok');
    core.throwInRun = true;
    const io = memoryIo();
    expect(await main(['run', file, '--out', join(dir, 'o'), '--set', 'x=1'], io)).toBe(70);
    expect(io.stderr).toContain("elbsim: internal error: Cannot read properties of undefined (reading 'zone')\n");
    expect(io.stderr).toContain('please report');
    expect(io.stderr).toContain(`replay: elbsim run ${file} --seed 11 --set x=1\n`);
    expect(io.stderr).not.toMatch(/\n\s+at /);
  });

  it('shows the stack of an internal error with ELBSIM_DEBUG=1', async () => {
    const file = await scenarioFile('name: ok');
    core.throwInRun = true;
    const io = memoryIo({ ELBSIM_DEBUG: '1' });
    expect(await main(['run', file, '--out', join(dir, 'o')], io)).toBe(70);
    expect(io.stderr).toMatch(/\n\s+at /);
  });
});

describe('elbsim validate (stand-in core)', () => {
  it('prints ok for each valid file', async () => {
    const a = await scenarioFile('name: ok', 'a.yaml');
    const b = await scenarioFile('{"name": "ok"}', 'b.json');
    const io = memoryIo();
    expect(await main(['validate', a, b], io)).toBe(0);
    expect(io.stdout).toBe(`ok ${a}\nok ${b}\n`);
  });

  it('checks every file and exits 2 if any is invalid', async () => {
    const a = await scenarioFile('bad', 'a.yaml');
    const b = await scenarioFile('name: ok', 'b.yml');
    const io = memoryIo();
    expect(await main(['validate', a, b], io)).toBe(2);
    expect(io.stdout).toBe(`ok ${b}\n`);
    expect(io.stderr).toBe(`${a}:3:5: autoScaling.maxSize: must be ≥ minSize\n`);
  });

  it('exits 1 for an unreadable file, after checking the others', async () => {
    const b = await scenarioFile('name: ok', 'b.yaml');
    const io = memoryIo();
    expect(await main(['validate', join(dir, 'gone.yaml'), b], io)).toBe(1);
    expect(io.stderr).toBe(`elbsim validate: cannot read ${join(dir, 'gone.yaml')}: no such file\n`);
    expect(io.stdout).toBe(`ok ${b}\n`);
  });
});

describe('help, version and usage errors', () => {
  it('prints help on stdout and exits 0', async () => {
    const io = memoryIo();
    expect(await main(['help', 'run'], io)).toBe(0);
    expect(io.stdout).toMatch(/^Usage:\n {2}elbsim run <scenario>/);
  });
  it('prints the package version', async () => {
    const io = memoryIo();
    expect(await main(['--version'], io)).toBe(0);
    expect(io.stdout).toMatch(/^elbsim \d+\.\d+\.\d+\n$/);
  });
  it('prints a usage error on stderr and exits 1', async () => {
    const io = memoryIo();
    expect(await main(['run', 'a.yaml', '--seed', 'x'], io)).toBe(1);
    expect(io.stdout).toBe('');
    expect(io.stderr).toBe("elbsim run: --seed must be an integer ≥ 0, got 'x'\nSee 'elbsim run --help'.\n");
  });
});

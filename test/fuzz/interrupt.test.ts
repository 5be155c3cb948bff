/**
 * Ctrl-C during `elbsim run` (spawned: a signal needs a real process): the run stops with
 * 128 + SIGINT, and neither the output folder nor its staging folder is left behind.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';

const ELBSIM = new URL('../../bin/elbsim.js', import.meta.url).pathname;

it('SIGINT during a run leaves no output folder and no staging folder', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'elbsim-int-'));
  try {
    const file = join(dir, 'long.yaml');
    writeFileSync(file, 'name: long\nduration: 30d\nperiod: 1h\nzones: [a, b]\ntraffic: { rate: 500 }\nautoScaling: { minSize: 10, maxSize: 10 }\n');
    const child = spawn(process.execPath, [ELBSIM, 'run', file, '--out', join(dir, 'out'), '--quiet'], { stdio: 'ignore' });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    // Wait for the staging folder: the scenario is parsed and the simulation has started.
    for (let i = 0; i < 300 && !readdirSync(dir).some((f) => f.includes('.partial-')); i++) await new Promise((r) => setTimeout(r, 50));
    expect(readdirSync(dir).some((f) => f.includes('.partial-'))).toBe(true);
    await new Promise((r) => setTimeout(r, 300));
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    expect(existsSync(join(dir, 'out'))).toBe(false);
    expect(readdirSync(dir).filter((f) => f.includes('.partial-'))).toEqual([]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

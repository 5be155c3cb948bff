/**
 * Reading a big valid scenario needs memory in proportion to the file, a small multiple of it
 * (issue 10): `elbsim validate` of a 2 MiB file (the largest the full YAML reading is allowed),
 * a long rate schedule in YAML and in JSON, succeeds with V8's old space capped at 64 MB.
 * Reading the file with the YAML library's located document, as every file was read before,
 * needs over 256 MB for the same file. A cap on the heap is not a timing: the test is as steady on a loaded
 * machine as on a quiet one, and the cap is twice what the command was measured to need
 * (`npm run bench:parse` gives the figures).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { LIMITS } from '../../core/scenario/limits.ts';

const BIN = fileURLToPath(new URL('../../bin/elbsim.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'elbsim-parse-memory-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const rateAt = (i: number) => 100.5 + (i % 97);

function yaml(points: number): string {
  const lines = ['name: big schedule', 'duration: 70d', 'zones: [a, b]', 'traffic:', '  rate:'];
  for (let i = 0; i < points; i++) lines.push(`    - [${i * 60}, ${rateAt(i)}]`);
  return lines.join('\n') + '\n';
}

function json(points: number): string {
  const rate = Array.from({ length: points }, (_, i) => [i * 60, rateAt(i)]);
  return JSON.stringify({ name: 'big schedule', duration: '70d', zones: ['a', 'b'], traffic: { rate } }, null, 2) + '\n';
}

describe('parsing memory', () => {
  it.each([
    ['YAML', 'big.yaml', yaml(90_000)],
    ['JSON', 'big.json', json(44_000)],
    ['YAML with anchors, aliases and a merge key', 'anchored.yaml', yaml(90_000).replace('name: big schedule\n', 'name: &n big schedule\ndescription: *n\ninstance: { <<: &i { concurrency: 4 } }\n').replace(/\n {4}- \[6000, /, '\n    - &p [6000, ')],
  ])('a 2 MiB %s scenario validates with a 64 MB heap', (_format, name, text) => {
    const file = join(dir, name);
    writeFileSync(file, text);
    expect(statSync(file).size).toBeGreaterThan(0.95 * LIMITS.fullReadBytes.max);
    expect(statSync(file).size).toBeLessThanOrEqual(LIMITS.fullReadBytes.max);
    const result = spawnSync(process.execPath, ['--max-old-space-size=64', BIN, 'validate', file], { encoding: 'utf8', timeout: 120_000 });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it('a YAML scenario over 2 MiB with anchors, aliases and a merge key runs with --set and a 64 MB heap', () => {
    // 95,000 points a hundredth of a second apart (the schedule limit is 100,000), so the run is 20 minutes.
    const lines = ['name: &n big anchored schedule', 'description: *n', 'duration: 20m', 'zones: &z [a, b]', 'instance: { <<: &i { concurrency: 4 }, queueLimit: 50 }', 'traffic:', '  rate:'];
    for (let i = 0; i < 95_000; i++) lines.push(i === 5 ? `    - [${i / 100}, &low 20.5]` : `    - [${(i / 100).toFixed(2)}, ${i % 5000 === 7 ? '*low' : (20.123456 + (i % 17)).toFixed(6)}]`);
    const file = join(dir, 'anchored-big.yaml');
    writeFileSync(file, lines.join('\n') + '\n');
    expect(statSync(file).size).toBeGreaterThan(LIMITS.fullReadBytes.max);
    const out = join(dir, 'anchored-big-out');
    const result = spawnSync(process.execPath, ['--max-old-space-size=64', BIN, 'run', file, '--set', 'instance.concurrency=8', '--quiet', '--out', out], { encoding: 'utf8', timeout: 120_000 });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });
});

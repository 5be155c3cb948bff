/**
 * `npm run bench:parse`: what reading a big scenario costs in memory, per byte of file. Each
 * case is a scenario with a long rate schedule (YAML and indented JSON, about 1 MiB, 2 MiB and
 * the longest schedule allowed, 100,000 points; the YAML also with CR LF line breaks, as one
 * flow list over many lines, with an anchor and alias, and with every point anchored), valid or
 * with one unknown key at its end
 * (placed by reading the file once more), and the same 2 MiB files with a tab in a comment at
 * their end, which makes them need the full YAML reading (the YAML library's document with
 * every node's position, which is how every file was read before). Each runs through the real
 * `elbsim validate` in its own process under /usr/bin/time; the figure is the peak RSS above
 * that of validating a tiny scenario, divided by the file's size. A second figure is the
 * smallest V8 old-space limit (--max-old-space-size, in MB, searched among a few sizes) the
 * command succeeds with: the live memory the parse needs, less sensitive to when the garbage
 * collector runs than RSS. Pass `--quick` to skip that search.
 *
 * Peak RSS depends on the garbage collector's timing and so on the machine's load; run it on a
 * quiet machine and read the figures as ± 20 %.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const MiB = 1024 * 1024;
const quick = process.argv.includes('--quick');
const elbsim = new URL('../bin/elbsim.js', import.meta.url).pathname;
if (!existsSync('/usr/bin/time')) throw new Error('bench:parse needs /usr/bin/time (GNU time) to read the peak RSS');

const HEAD = { name: 'big schedule', duration: '70d', zones: ['a', 'b'] };

/** A rate for point `i` (a few different ones; 100.5 to 196.5 requests/s). */
const rateAt = (i: number) => 100.5 + (i % 97);

/** `points` rate points a minute apart; `bad` adds an unknown key after the schedule. */
function yaml(points: number, bad: boolean): string {
  const lines = [`name: ${HEAD.name}`, `duration: ${HEAD.duration}`, 'zones: [a, b]', 'traffic:', '  rate:'];
  for (let i = 0; i < points; i++) lines.push(`    - [${i * 60}, ${rateAt(i)}]`);
  if (bad) lines.push('  colour: blue');
  return lines.join('\n') + '\n';
}

/** The same scenario with CR LF line breaks (a file saved on Windows). */
const yamlCrLf = (points: number, bad: boolean) => yaml(points, bad).replaceAll('\n', '\r\n');

/** The schedule as one flow list over many lines (`rate: [` ... `]`, a point a line, as JSON is often pasted). */
function yamlFlow(points: number, bad: boolean): string {
  const lines = [`name: ${HEAD.name}`, `duration: ${HEAD.duration}`, 'zones: [', '    a,', '    b', ']', 'traffic:', '  rate: ['];
  for (let i = 0; i < points; i++) lines.push(`    [${i * 60}, ${rateAt(i)}]${i + 1 < points ? ',' : ''}`);
  lines.push('  ]');
  if (bad) lines.push('  colour: blue');
  return lines.join('\n') + '\n';
}

/** The schedule with an anchor and an alias (`description: *n`). */
const yamlAlias = (points: number, bad: boolean) => yaml(points, bad).replace(`name: ${HEAD.name}\n`, `name: &n ${HEAD.name}\ndescription: *n\n`);

/** Every rate point anchored (`- &p12 [720, 112.5]`), and a merge key: an anchor a line. */
function yamlAnchors(points: number, bad: boolean): string {
  const lines = [`name: ${HEAD.name}`, `duration: ${HEAD.duration}`, 'zones: [&za a, b]', 'instance:', '  <<: &base { concurrency: 4 }', 'traffic:', '  rate:'];
  for (let i = 0; i < points; i++) lines.push(`    - &p${i} [${i * 60}, ${rateAt(i)}]`);
  if (bad) lines.push('  colour: *za');
  return lines.join('\n') + '\n';
}

function json(points: number, bad: boolean): string {
  const rate: [number, number][] = [];
  for (let i = 0; i < points; i++) rate.push([i * 60, rateAt(i)]);
  return JSON.stringify({ ...HEAD, traffic: { rate, ...(bad ? { colour: 'blue' } : {}) } }, null, 2) + '\n';
}

/** The largest number of points whose file (with its error) is at most `bytes` long. */
function pointsFor(make: (points: number, bad: boolean) => string, bytes: number): number {
  let low = 0;
  let high = 200_000;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (make(mid, true).length <= bytes) low = mid;
    else high = mid - 1;
  }
  return low;
}

interface Run {
  code: number | null;
  rssKB: number;
  wallS: number;
  stderr: string;
}

function validate(file: string, nodeArgs: string[] = []): Run {
  const started = performance.now();
  const child = spawnSync('/usr/bin/time', ['-f', '\n@@ %M', process.execPath, ...nodeArgs, elbsim, 'validate', file], { encoding: 'utf8', maxBuffer: 1 << 26 });
  const wallS = (performance.now() - started) / 1000;
  const rss = /@@ (\d+)\s*$/.exec(child.stderr ?? '');
  const stderr = (child.stderr ?? '').replace(/\n@@ \d+\s*$/, '');
  return { code: child.status, rssKB: rss ? Number(rss[1]) : NaN, wallS, stderr };
}

/** The smallest of a few old-space limits (MB) under which the command gives `code`. */
function smallestHeap(file: string, code: number): string {
  for (const mb of [16, 24, 32, 48, 64, 96, 128, 192, 256, 384, 512, 768]) {
    if (validate(file, [`--max-old-space-size=${mb}`]).code === code) return String(mb);
  }
  return '>768';
}

const dir = mkdtempSync(join(tmpdir(), 'elbsim-parse-memory-'));
try {
  const tiny = join(dir, 'tiny.yaml');
  writeFileSync(tiny, yaml(10, false));
  const baseline = validate(tiny);
  if (baseline.code !== 0) throw new Error(`the tiny scenario does not validate: ${baseline.stderr}`);
  const baseHeap = quick ? '' : `, smallest old space ${smallestHeap(tiny, 0)} MB`;
  console.log(`baseline: elbsim validate of a tiny scenario, peak RSS ${(baseline.rssKB / 1024).toFixed(0)} MB${baseHeap}\n`);
  console.log(`${'case (rate points)'.padEnd(40)}${'bytes'.padStart(10)}${'exit'.padStart(6)}${'wall s'.padStart(8)}${'RSS MB'.padStart(8)}${'RSS/byte'.padStart(10)}${quick ? '' : 'heap MB'.padStart(9)}`);
  const cases = [
    ['yaml', 'yaml', yaml, [1, 2, 'max', 'full']],
    ['yaml', 'yaml CRLF', yamlCrLf, [1, 2, 'max']],
    ['yaml', 'yaml flow', yamlFlow, [1, 2, 'max']],
    ['yaml', 'yaml alias', yamlAlias, [1, 2, 'max']],
    ['yaml', 'yaml anchors', yamlAnchors, [1, 2, 'max']],
    ['json', 'json', json, [1, 2, 'max', 'full']],
  ] as const;
  for (const [format, label, make, sizes] of cases) {
    for (const size of sizes) {
      for (const bad of [false, true]) {
        const file = join(dir, `s-${size}.${format}`);
        const points = size === 'max' ? 100_000 : pointsFor(make, (size === 'full' ? 2 : size) * MiB - 4);
        writeFileSync(file, make(points, bad) + (size === 'full' ? '#\t\n' : ''));
        const bytes = statSync(file).size;
        const run = validate(file);
        const perByte = ((run.rssKB - baseline.rssKB) * 1024) / bytes;
        const expected = bad ? 2 : 0;
        const heap = quick ? '' : smallestHeap(file, expected).padStart(9);
        const what = size === 'max' ? 'max' : size === 'full' ? '2 MiB full' : `${size} MiB`;
        const name = `${label} ${what} ${bad ? 'one error' : 'valid'} (${Math.round(points / 1000)}k)`;
        const flag = run.code === expected ? '' : `  (expected exit ${expected}: ${run.stderr.split('\n')[0]})`;
        console.log(`${name.padEnd(40)}${String(bytes).padStart(10)}${String(run.code).padStart(6)}${run.wallS.toFixed(2).padStart(8)}${(run.rssKB / 1024).toFixed(0).padStart(8)}${perByte.toFixed(1).padStart(10)}${heap}${flag}`);
      }
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

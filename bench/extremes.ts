/**
 * `npm run bench:extremes`: the extreme inputs of issue 10, each through the real `elbsim`
 * command in its own process, with its exit code, wall time and peak memory (max RSS, from
 * /usr/bin/time when present, else the child's own resource usage is not available and RSS is
 * shown as "?"). Rejected cases should fail fast with exit 2; accepted ones should finish within
 * their time limit. Pass case names to run only those: `npm run bench:extremes -- cv-1e200 keys-40k`.
 *
 * The generated files go to a temporary folder that is removed at the end.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

interface Extreme {
  name: string;
  /** The scenario file's text. */
  text: () => string;
  /** `validate` (parsing and limits only) or `run`. */
  command: 'validate' | 'run';
  /** Seconds before the case is killed. */
  timeoutS: number;
}

const head = (rest: string, duration = '10m') => `name: extreme\nduration: ${duration}\nzones: [a, b]\n${rest}`;
const schedule = (points: number) => `traffic:\n  rate:\n${Array.from({ length: points }, (_, i) => `    - [${i}, ${(i % 97) + 1}]`).join('\n')}\n`;
const keys = (n: number) => `instance:\n${Array.from({ length: n }, (_, i) => `  key${i}: ${i}`).join('\n')}\n`;

const CASES: Extreme[] = [
  { name: 'cv-1e200', command: 'run', timeoutS: 60, text: () => head('instance: { serviceTime: { distribution: lognormal, mean: 100ms, cv: 1e200 } }\n') },
  { name: 'duration-1e308', command: 'run', timeoutS: 60, text: () => 'name: extreme\nduration: 1e308\nzones: [a, b]\n' },
  { name: 'duration-1e6-days', command: 'run', timeoutS: 60, text: () => 'name: extreme\nduration: 1000000d\nzones: [a, b]\n' },
  { name: 'clients-3e8', command: 'run', timeoutS: 60, text: () => head('traffic: { clients: 300000000 }\n') },
  { name: 'clients-5e9', command: 'run', timeoutS: 60, text: () => head('traffic: { clients: 5000000000 }\n') },
  { name: 'rate-1e300', command: 'run', timeoutS: 60, text: () => head('traffic: { rate: 1e300 }\n') },
  { name: 'month-10k-rps (validate)', command: 'validate', timeoutS: 60, text: () => head('traffic: { rate: 10000 }\nautoScaling: { minSize: 20, maxSize: 200 }\n', '30d') },
  {
    name: 'overload-queue-1e9-idle-4000-10m',
    command: 'run',
    timeoutS: 300,
    text: () => head('traffic: { rate: 80 }\nloadBalancer: { idleTimeout: 4000 }\ninstance: { queueLimit: 1000000000, concurrency: 2 }\n'),
  },
  {
    name: 'scale-out-40k',
    command: 'run',
    timeoutS: 300,
    text: () => head('traffic: { rate: 100 }\nautoScaling: { minSize: 2, maxSize: 40000, scheduledActions: [{ at: 1m, desiredCapacity: 40000 }] }\ninstance: { bootTime: 30 }\n', '5m'),
  },
  {
    name: 'churn-12h',
    command: 'run',
    timeoutS: 300,
    text: () => head('traffic: { rate: 50 }\nautoScaling:\n  minSize: 2\n  maxSize: 40\n  scheduledActions:\n    - { recurrence: "0,20,40 * * * *", desiredCapacity: 40 }\n    - { recurrence: "10,30,50 * * * *", desiredCapacity: 2 }\ninstance: { bootTime: 30 }\n', '12h'),
  },
  { name: 'schedule-50k-points (0.9 MB)', command: 'validate', timeoutS: 120, text: () => head(schedule(50_000), '1h') },
  { name: 'schedule-500k-points (8.9 MB)', command: 'validate', timeoutS: 120, text: () => head(schedule(500_000), '1h') },
  { name: 'schedule-2.5M-points (46 MB)', command: 'validate', timeoutS: 120, text: () => head(schedule(2_500_000), '1h') },
  { name: 'unknown-keys-1k', command: 'validate', timeoutS: 60, text: () => head(keys(1000)) },
  { name: 'unknown-keys-40k', command: 'validate', timeoutS: 60, text: () => head(keys(40_000)) },
  { name: 'unknown-keys-200k', command: 'validate', timeoutS: 60, text: () => head(keys(200_000)) },
  { name: 'nested-100k-[', command: 'validate', timeoutS: 60, text: () => `name: extreme\nzones: ${'['.repeat(100_000)}\n` },
];

const only = process.argv.slice(2);
const dir = mkdtempSync(join(tmpdir(), 'elbsim-extremes-'));
const timer = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
const elbsim = new URL('../bin/elbsim.js', import.meta.url).pathname;

console.log(`${'case'.padEnd(36)}${'exit'.padStart(5)}${'wall s'.padStart(9)}${'RSS MB'.padStart(9)}  first line of stderr`);
try {
  for (const c of CASES) {
    if (only.length > 0 && !only.some((o) => c.name.startsWith(o))) continue;
    const file = join(dir, `${c.name.replace(/[^a-z0-9.-]+/gi, '_')}.yaml`);
    writeFileSync(file, c.text());
    const args = [c.command, file, ...(c.command === 'run' ? ['--out', join(dir, 'out'), '--quiet'] : [])];
    const started = performance.now();
    const child = timer
      ? spawnSync(timer, ['-f', '\n@@ %M', 'timeout', String(c.timeoutS), process.execPath, elbsim, ...args], { encoding: 'utf8', maxBuffer: 1 << 28 })
      : spawnSync('timeout', [String(c.timeoutS), process.execPath, elbsim, ...args], { encoding: 'utf8', maxBuffer: 1 << 28 });
    const wallS = (performance.now() - started) / 1000;
    const stderr = child.stderr ?? '';
    const rss = /@@ (\d+)\s*$/.exec(stderr);
    const lines = stderr.replace(/\n@@ \d+\s*$/, '').split('\n').filter((l) => l.trim() !== '' && !l.startsWith('Command exited'));
    const code = child.status === 124 ? 'T/O' : String(child.status);
    const first = (lines[0] ?? '').replaceAll(`${dir}/`, '').slice(0, 110);
    console.log(`${c.name.padEnd(36)}${code.padStart(5)}${wallS.toFixed(2).padStart(9)}${(rss ? (Number(rss[1]) / 1024).toFixed(0) : '?').padStart(9)}  ${first}`);
    rmSync(file, { force: true });
    rmSync(join(dir, 'out'), { recursive: true, force: true });
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

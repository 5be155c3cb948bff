/**
 * `npm run bench`: simulated requests per wall-clock second, events per second and peak memory
 * for the benchmark cases, each run in a fresh process so the figure covers the whole process
 * (start-up, compilation, simulation, exit). Also checks that memory stays flat when the
 * simulated time grows tenfold. Prints figures; asserts nothing.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';
import { CASES } from './cases.ts';

interface CaseResult {
  requests: number;
  events: number;
  simMs: number;
  maxRssMB: number;
  latencyMeanMs: number;
}

// Each case runs as plain JavaScript, bundled the way a release would ship it, so start-up time
// is Node's and not a TypeScript loader's.
const launcher = join(mkdtempSync(join(tmpdir(), 'elbsim-bench-')), 'case.mjs');
buildSync({
  entryPoints: [fileURLToPath(new URL('./case.ts', import.meta.url))],
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  outfile: launcher,
  logLevel: 'error',
  // CommonJS dependencies (seedrandom, yaml) call require(); give the ES module one.
  banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
});

function runCase(name: string, scale: number): CaseResult & { wallMs: number } {
  const started = performance.now();
  const child = spawnSync(process.execPath, [launcher, name, String(scale)], { encoding: 'utf8' });
  const wallMs = performance.now() - started;
  if (child.status !== 0) throw new Error(`benchmark case ${name} failed:\n${child.stderr}`);
  return { ...(JSON.parse(child.stdout) as CaseResult), wallMs };
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const only = process.argv.slice(2);
for (const c of Object.values(CASES)) {
  if (only.length > 0 && !only.includes(c.name)) continue;
  const r = runCase(c.name, 1);
  console.log(`case (${c.name}) ${c.description}`);
  console.log(`  requests simulated        ${fmt(r.requests)}`);
  console.log(`  whole process             ${fmt(r.wallMs)} ms wall -> ${fmt((r.requests / r.wallMs) * 1000)} simulated requests/s`);
  console.log(`  simulation only           ${fmt(r.simMs)} ms -> ${fmt((r.requests / r.simMs) * 1000)} requests/s, ${fmt((r.events / r.simMs) * 1000)} events/s`);
  console.log(`  peak memory (max RSS)     ${r.maxRssMB.toFixed(0)} MB`);
  if (c.name === 'a') {
    const long = runCase(c.name, 10);
    const ratio = long.maxRssMB / r.maxRssMB;
    console.log(`  10x simulated time        ${fmt(long.requests)} requests, max RSS ${long.maxRssMB.toFixed(0)} MB (${ratio.toFixed(2)}x; flat if < 1.2x)`);
  }
}

// A sweep of many short runs on 1 and on 2 worker threads (issue: batches), through the CLI.
if (only.length === 0 || only.includes('sweep')) {
  const elbsim = fileURLToPath(new URL('../bin/elbsim.js', import.meta.url));
  const scenario = fileURLToPath(new URL('../scenarios/steady-state.yaml', import.meta.url));
  const args = ['sweep', scenario, '--vary', 'traffic.rate=100,150,200,250', '--replications', '20', '--quiet'];
  const times: number[] = [];
  for (const jobs of [1, 2]) {
    const out = mkdtempSync(join(tmpdir(), 'elbsim-bench-sweep-'));
    const started = performance.now();
    const child = spawnSync(process.execPath, [elbsim, ...args, '--jobs', String(jobs), '--out', out], { encoding: 'utf8' });
    if (child.status !== 0) throw new Error(`sweep failed:\n${child.stderr}`);
    times.push(performance.now() - started);
  }
  console.log('sweep: steady-state (30 simulated minutes) x 4 rates x 20 replications: 80 runs, 25 M requests');
  console.log(`  --jobs 1                  ${fmt(times[0]!)} ms wall`);
  console.log(`  --jobs 2                  ${fmt(times[1]!)} ms wall (${(times[0]! / times[1]!).toFixed(2)}x faster)`);
}


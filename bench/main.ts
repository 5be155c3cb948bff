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

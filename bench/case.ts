/**
 * Child process of the benchmark: parses one case's scenario text with `parseScenario`, as
 * `elbsim run` would read the file, runs it and prints its figures as one line of JSON.
 * Usage: case.mjs NAME SCALE
 */
import '../bin/v8-tuning.js'; // as `elbsim` does, first
import { createSimulation, parseScenario } from '../core/index.ts';
import { CASES } from './cases.ts';

const [name = 'a', scaleText = '1'] = process.argv.slice(2);
const benchCase = CASES[name];
if (!benchCase) throw new Error(`unknown benchmark case ${name}`);
const started = performance.now();
const parsed = parseScenario(benchCase.yaml(Number(scaleText)), `bench-${name}.yaml`);
if (!parsed.ok) throw new Error(`benchmark case ${name} does not parse: ${parsed.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`);
const sim = createSimulation(parsed.scenario);
const result = sim.run();
const simMs = performance.now() - started;
// CPU time of the whole process so far, start-up included: steadier than wall time on a busy machine.
const cpu = process.cpuUsage();
process.stdout.write(
  JSON.stringify({
    requests: result.summary.requests,
    events: sim.eventsRun,
    simMs,
    cpuMs: (cpu.user + cpu.system) / 1000,
    maxRssMB: process.resourceUsage().maxRSS / 1024,
    latencyMeanMs: result.summary.latencyMs.mean,
  }) + '\n',
);

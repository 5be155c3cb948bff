/** Child process of the benchmark: runs one case and prints its figures as JSON. */
import { createSimulation } from '../core/index.ts';
import { CASES } from './cases.ts';

const [name = 'a', scaleText = '1'] = process.argv.slice(2);
const benchCase = CASES[name];
if (!benchCase) throw new Error(`unknown benchmark case ${name}`);
const started = performance.now();
const sim = createSimulation(benchCase.scenario(Number(scaleText)));
const result = sim.run();
const simMs = performance.now() - started;
process.stdout.write(
  JSON.stringify({
    requests: result.summary.requests,
    events: sim.eventsRun,
    simMs,
    maxRssMB: process.resourceUsage().maxRSS / 1024,
    latencyMeanMs: result.summary.latencyMs.mean,
  }) + '\n',
);

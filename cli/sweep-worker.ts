/**
 * One worker thread of a batch (`sweep`, `check`): parses the scenario with a run's overrides,
 * simulates it with the run's seed and posts back the run's figures (run-figures.ts), never the
 * whole result, so the main thread's memory does not grow with the runs.
 *
 * The scenario is parsed from the text the main thread read once, with the overrides as `--set`
 * strings, exactly as `elbsim run --seed S --set …` parses it: a run in a sweep and that command
 * give the same figures. Started through bin/sweep-worker.js (compiled, or through tsx).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createSimulation, parseScenario, type Scenario } from '../core/index.ts';
import type { Override } from './args.ts';
import { runFigures } from './run-figures.ts';
import type { RunReply, RunRequest, WorkerSetup } from './worker-pool.ts';

const { file, text } = workerData as WorkerSetup;
/** The last combination parsed: runs reach a worker mostly in index order, so it is usually reused. */
let cached: { key: string; scenario: Scenario } | undefined;

function scenarioFor(overrides: readonly Override[]): Scenario {
  const key = JSON.stringify(overrides);
  if (cached?.key === key) return cached.scenario;
  const parsed = parseScenario(text, file, { overrides: overrides.map(({ path, value }) => ({ path, value })) });
  if (!parsed.ok) throw new Error(`the scenario did not parse in the worker: ${parsed.errors[0]?.message ?? 'unknown problem'}`);
  cached = { key, scenario: parsed.scenario };
  return parsed.scenario;
}

parentPort!.on('message', (request: RunRequest) => {
  let reply: RunReply;
  try {
    const result = createSimulation(scenarioFor(request.overrides), { seed: request.seed }).run();
    reply = { index: request.index, figures: runFigures(result) };
  } catch (error) {
    const failure = error instanceof Error ? error : new Error(String(error));
    reply = { index: request.index, error: failure.message, stack: failure.stack };
  }
  parentPort!.postMessage(reply);
});

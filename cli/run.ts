/**
 * `elbsim run <scenario>`: simulate one scenario and write timeseries.csv, events.csv and
 * summary.json (contract sections 2 and 3).
 *
 * Order matters for reproducibility: the seed and scenario name are printed before anything
 * else, and the last line is the exact command that replays the run. The output folder is
 * checked before the simulation starts, so a bad `--out` fails in a second, not after an hour;
 * the files are written to a staging folder beside it and moved into place at the end, so a
 * failed or interrupted run leaves nothing behind and does not touch an earlier run's files.
 * A run expected to see many requests says so on stderr before it starts.
 */
import { writeFile } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { createSimulation, expectedRequests, formatEventsCsv, formatSummaryJson, formatTimeseriesCsv, type Scenario } from '../core/index.ts';
import { formatCount } from '../core/scenario/limits.ts';
import type { Invocation, Override } from './args.ts';
import { describeFsError, EXIT, ScenarioError, UsageError, type ExitCode } from './errors.ts';
import { commandLine, type Context } from './io.ts';
import { stageOutput, withInterruptCleanup } from './out-dir.ts';
import { runWithProgress } from './progress.ts';
import { loadScenario, printIssues } from './scenario-file.ts';
import { formatRunHeader, formatRunSummary } from './summary.ts';

export type RunInvocation = Extract<Invocation, { command: 'run' }>;

/** `out/<file name without extension>` */
export function defaultOutDir(file: string): string {
  return join('out', basename(file, extname(file)));
}

/** The arguments that replay a run: the resolved seed and every `--set`, in the order given. */
export function replayArgs(file: string, seed: number, overrides: readonly Override[]): string[] {
  return ['run', file, '--seed', String(seed), ...overrides.flatMap((o) => ['--set', `${o.path}=${o.value}`])];
}

export async function runCommand(invocation: RunInvocation, context: Context): Promise<ExitCode> {
  const { io } = context;
  const { scenario: file, overrides, quiet } = invocation;
  const parsed = await loadScenario(file, overrides, 'run', io);
  if (!parsed.ok) {
    printIssues(io, parsed);
    throw new ScenarioError();
  }
  const scenario = parsed.scenario;
  const seed = invocation.seed ?? scenario.seed;
  context.replay = replayArgs(file, seed, overrides);
  if (!quiet) io.out(formatRunHeader(file, scenario.name, seed));
  printIssues(io, parsed, { quiet });

  const outDir = invocation.out ?? defaultOutDir(file);
  const staged = await stageOutput(outDir, 'run');
  if (!quiet) {
    const note = workNote(scenario);
    if (note) io.err(note);
  }

  let wallS = 0;
  let result;
  const names = ['timeseries.csv', 'events.csv', 'summary.json'];
  try {
    result = await withInterruptCleanup(staged, async () => {
      const started = performance.now();
      const simulated = await runWithProgress(createSimulation(scenario, { seed }), quiet ? undefined : io.progress);
      wallS = (performance.now() - started) / 1000;
      const texts = [formatTimeseriesCsv(simulated.timeseries, simulated.extraSeries), formatEventsCsv(simulated.events), formatSummaryJson(simulated.summary)];
      for (let i = 0; i < names.length; i++) {
        const path = join(staged.dir, names[i]!);
        try {
          await writeFile(path, texts[i]!);
        } catch (error) {
          throw new UsageError(describeFsError('write', join(outDir, names[i]!), error), 'run', false);
        }
      }
      return simulated;
    });
    await staged.commit(names);
  } catch (error) {
    await staged.discard();
    throw error;
  }
  const files = names;

  if (!quiet) {
    io.out(formatRunSummary({ summary: result.summary, wallS, outDir, files }));
    io.out(`replay: ${commandLine(context.replay)}\n`);
  }
  return EXIT.ok;
}

/** Runs expected to see at least this many requests get a note before they start. */
export const NOTE_REQUESTS = 10_000_000;

/** "this run expects about 2.6e10 requests …", or undefined for a short run. */
export function workNote(scenario: Scenario): string | undefined {
  const requests = expectedRequests(scenario.traffic.rate, scenario.durationS);
  if (requests < NOTE_REQUESTS) return undefined;
  const shown = requests >= 1e9 ? requests.toExponential(1).replace('e+', 'e') : formatCount(requests);
  return `note: this run expects about ${shown} requests (the rate schedule over the duration); simulating them takes a while\n`;
}

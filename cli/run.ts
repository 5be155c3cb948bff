/**
 * `elbsim run <scenario>`: simulate one scenario and write timeseries.csv, events.csv and
 * summary.json (contract sections 2 and 3).
 *
 * Order matters for reproducibility: the seed and scenario name are printed before anything
 * else, and the last line is the exact command that replays the run. The output folder is
 * created before the simulation starts, so a bad `--out` fails in a second, not after an hour.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { createSimulation, formatEventsCsv, formatSummaryJson, formatTimeseriesCsv } from '../core/index.ts';
import type { Invocation, Override } from './args.ts';
import { describeFsError, EXIT, ScenarioError, UsageError, type ExitCode } from './errors.ts';
import { commandLine, type Context } from './io.ts';
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
  const parsed = await loadScenario(file, overrides, 'run');
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
  try {
    await mkdir(outDir, { recursive: true });
  } catch (error) {
    throw new UsageError(describeFsError('create', outDir, error), 'run', false);
  }

  const started = performance.now();
  const result = await runWithProgress(createSimulation(scenario, { seed }), quiet ? undefined : io.progress);
  const wallS = (performance.now() - started) / 1000;

  const files: [string, string][] = [
    ['timeseries.csv', formatTimeseriesCsv(result.timeseries)],
    ['events.csv', formatEventsCsv(result.events)],
    ['summary.json', formatSummaryJson(result.summary)],
  ];
  for (const [name, text] of files) {
    const path = join(outDir, name);
    try {
      await writeFile(path, text);
    } catch (error) {
      throw new UsageError(describeFsError('write', path, error), 'run', false);
    }
  }

  if (!quiet) {
    io.out(formatRunSummary({ summary: result.summary, wallS, outDir, files: files.map(([name]) => name) }));
    io.out(`replay: ${commandLine(context.replay)}\n`);
  }
  return EXIT.ok;
}

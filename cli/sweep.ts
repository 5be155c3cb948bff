/**
 * `elbsim sweep <scenario> --vary PATH=V1,V2,... --replications R`: every combination of the
 * varied values, R replications each, on worker threads (contract section 2, "Batches").
 *
 * Every combination is parsed before the first run, so a bad `--vary` value fails in a second
 * with the same located message as a bad scenario (exit 2), not after an hour of runs. Rows are
 * written as runs finish, in run-index order, so the memory and a killed sweep's losses stay
 * small; the statistics come from the rows as written (sweep-files.ts), which is what lets
 * `merge` rebuild the same files from shards.
 */
import { writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { basename, extname, join } from 'node:path';
import { parseScenario, type ParseResult, type Scenario, type ScenarioIssue } from '../core/index.ts';
import type { Invocation } from './args.ts';
import { BufferedFile, readScenarioText, type ScenarioText } from './batch-files.ts';
import { startRunsBar } from './batch-progress.ts';
import { describeFsError, EXIT, ScenarioError, UsageError, type ExitCode } from './errors.ts';
import type { Context, Io } from './io.ts';
import { makeDirs } from './out-dir.ts';
import { replayArgs } from './run.ts';
import { loadScenario, printIssues } from './scenario-file.ts';
import { resolveShard, shardText } from './shard.ts';
import { formatRunHeader } from './summary.ts';
import {
  formatManifest, formatRunRow, formatSummaryRow, makeManifest, MANIFEST_FILE, parseRunRow, runsHeader,
  RUNS_FILE, SummaryBuilder, summaryHeader, SUMMARY_FILE, type CombinationStats,
} from './sweep-files.ts';
import { checkSeedRange, combinationOverrides, makeGrid, runAt, shardIndexes, shardSize, type Grid, type Shard } from './sweep-grid.ts';
import { formatSweepTable, TABLE_LIMIT } from './sweep-table.ts';
import { runInOrder, RunFailure, type RunRequest } from './worker-pool.ts';

export type SweepInvocation = Extract<Invocation, { command: 'sweep' }>;

/** `out/<file name without extension>-sweep`, and a folder per shard below it. */
export function defaultSweepDir(file: string, shard?: Shard): string {
  const dir = join('out', `${basename(file, extname(file))}-sweep`);
  return shard ? join(dir, `shard-${shard.k}-of-${shard.n}`) : dir;
}

export async function sweepCommand(invocation: SweepInvocation, context: Context): Promise<ExitCode> {
  const { io } = context;
  const { scenario: file, quiet } = invocation;
  const shard = invocation.shard ? resolveShard(invocation.shard, io.env) : undefined;
  const layout = makeGrid(invocation.vary, invocation.replications, 0);
  const { scenario, source } = await loadGrid(file, layout, io, quiet);
  const grid: Grid = { ...layout, seed: invocation.seed ?? scenario.seed };
  checkSeedRange(grid.seed, grid.replications, 'sweep');
  const total = shardSize(grid, shard);
  const jobs = Math.max(1, Math.min(invocation.jobs ?? availableParallelism(), total));

  if (!quiet) {
    io.out(formatRunHeader(file, scenario.name, grid.seed));
    io.out(`${'sweep'.padEnd(10)}${describeGrid(grid, shard, total, jobs)}\n`);
  }
  const outDir = invocation.out ?? defaultSweepDir(file, shard);
  try {
    await makeDirs(outDir);
    await writeFile(join(outDir, MANIFEST_FILE), formatManifest(makeManifest(file, source.sha256, grid, shard)));
  } catch (error) {
    throw new UsageError(describeFsError('create', outDir, error), 'sweep', false);
  }

  const started = performance.now();
  const table = await runSweep(grid, shard, { file, source, outDir, jobs, io: quiet ? undefined : io, context });
  const wallS = (performance.now() - started) / 1000;
  if (!quiet) {
    if (grid.combinations <= TABLE_LIMIT && table.length > 0) io.out(formatSweepTable(grid, table));
    io.out(`${'wall time'.padEnd(10)}${wallS.toFixed(2)} s for ${total} run${total === 1 ? '' : 's'} on ${jobs} worker thread${jobs === 1 ? '' : 's'}\n`);
    io.out(`${'output'.padEnd(10)}${outDir.replace(/\/+$/, '')}/ (${RUNS_FILE}, ${SUMMARY_FILE}, ${MANIFEST_FILE})\n`);
  }
  return EXIT.ok;
}

function describeGrid(grid: Grid, shard: Shard | undefined, total: number, jobs: number): string {
  const runs = `${grid.combinations} combination${grid.combinations === 1 ? '' : 's'} × ${grid.replications} replication${grid.replications === 1 ? '' : 's'} = ${grid.runs} runs`;
  const share = shard ? `; shard ${shardText(shard)}: ${total} run${total === 1 ? '' : 's'}` : '';
  return `${runs}${share}; ${jobs} worker thread${jobs === 1 ? '' : 's'}`;
}

/**
 * Parses every combination. A problem in a `--vary` value is reported against `--vary`, like a
 * bad `--set`; a problem elsewhere that only some combinations cause names the first of them.
 */
async function loadGrid(file: string, grid: Grid, io: Io, quiet: boolean): Promise<{ scenario: Scenario; source: ScenarioText }> {
  const first = await loadScenario(file, combinationOverrides(grid, 0), 'sweep', io);
  const source = await readScenarioText(file, 'sweep');
  const found = new Map<string, { issue: ScenarioIssue; firstWith: string; combinations: number }>();
  for (let c = 0; c < grid.combinations; c++) {
    const overrides = combinationOverrides(grid, c);
    const parsed: ParseResult = c === 0 ? first : parseScenario(source.text, file, { overrides });
    if (parsed.ok) continue;
    for (const issue of parsed.errors) {
      const key = `${issue.file}:${issue.line}:${issue.column}:${issue.path}:${issue.message}`;
      const known = found.get(key);
      if (known) known.combinations++;
      else found.set(key, { issue, firstWith: overrides.map((o) => `${o.path}=${o.value}`).join(' '), combinations: 1 });
    }
  }
  const errors = [...found.values()].map(({ issue, firstWith, combinations }): ScenarioIssue => {
    if (issue.file === '--set') return { ...issue, file: '--vary' };
    if (combinations === grid.combinations) return issue;
    const others = combinations > 1 ? ` and ${combinations - 1} other combination${combinations === 2 ? '' : 's'}` : '';
    return { ...issue, message: `${issue.message} (with --vary ${firstWith}${others})` };
  });
  printIssues(io, { ok: false, errors, warnings: first.warnings }, { quiet });
  if (!first.ok || errors.length > 0) throw new ScenarioError();
  return { scenario: first.scenario, source };
}

interface SweepSetup {
  file: string;
  source: ScenarioText;
  outDir: string;
  jobs: number;
  /** Where the bar goes; undefined with --quiet. */
  io: Io | undefined;
  context: Context;
}

/** Runs the shard's runs and streams runs.csv and summary.csv; returns the table's rows. */
async function runSweep(grid: Grid, shard: Shard | undefined, setup: SweepSetup): Promise<CombinationStats[]> {
  const { file, source, outDir, jobs, context } = setup;
  const runs = await BufferedFile.create(join(outDir, RUNS_FILE), 'sweep');
  const summary = await BufferedFile.create(join(outDir, SUMMARY_FILE), 'sweep');
  const builder = new SummaryBuilder(grid);
  const table: CombinationStats[] = [];
  const addCombination = async (stats: CombinationStats | undefined): Promise<void> => {
    if (!stats) return;
    if (grid.combinations <= TABLE_LIMIT) table.push(stats);
    await summary.write(formatSummaryRow(stats));
  };
  const bar = startRunsBar(setup.io?.progress, shardSize(grid, shard));
  try {
    await runs.write(runsHeader(grid.vary));
    await summary.write(summaryHeader(grid.vary));
    const requests = mapIterable(shardIndexes(grid, shard), (index) => runAt(grid, index));
    for await (const { request, figures } of runInOrder({ file, text: source.text }, requests, { jobs, onFinished: bar.tick })) {
      const line = formatRunRow(request, figures);
      await runs.write(line);
      await addCombination(builder.add(parseRunRow(line, grid.vary.length)!));
    }
    await addCombination(builder.end());
  } catch (error) {
    if (error instanceof RunFailure) throw asInternalError(error, file, context);
    throw error;
  } finally {
    bar.stop();
    await runs.close();
    await summary.close();
  }
  return table;
}

/** A run that threw inside a worker: elbsim's bug, reported with the `elbsim run` that replays it. */
export function asInternalError(failure: RunFailure, file: string, context: Context): Error {
  const { index, seed, overrides } = failure.request as RunRequest;
  context.replay = replayArgs(file, seed, overrides);
  const error = new Error(`run ${index} (seed ${seed}) failed: ${failure.message}`);
  if (failure.detail) error.stack = failure.detail;
  return error;
}

function* mapIterable<T, U>(items: Iterable<T>, map: (item: T) => U): Generator<U> {
  for (const item of items) yield map(item);
}

/**
 * `elbsim check <scenario>`: run a scenario and hold it to its `expect:` block, for CI
 * (contract section 2, "Batches"). Each expectation is printed as PASS or FAIL with its value
 * and limit; any failure makes the exit code 3 and prints the `elbsim run` command that replays
 * a failing seed, so the run behind a red build can be opened and looked at.
 *
 * With `--replications R` the seeds are N … N+R−1 (as in a sweep) and the runs share the
 * sweep's worker pool.
 */
import { availableParallelism } from 'node:os';
import type { Invocation, Override } from './args.ts';
import { readScenarioText } from './batch-files.ts';
import { startRunsBar } from './batch-progress.ts';
import { EXIT, ScenarioError, UsageError, type ExitCode } from './errors.ts';
import { CHECKABLE, formatVerdict, judge, type Bound } from './expectations.ts';
import { commandLine, type Context } from './io.ts';
import type { FigureName, RunFigures } from './run-figures.ts';
import { replayArgs } from './run.ts';
import { loadScenario, printIssues } from './scenario-file.ts';
import { formatRunHeader } from './summary.ts';
import { asInternalError } from './sweep.ts';
import { runInOrder, RunFailure } from './worker-pool.ts';
import { checkSeedRange } from './sweep-grid.ts';

export type CheckInvocation = Extract<Invocation, { command: 'check' }>;

export async function checkCommand(invocation: CheckInvocation, context: Context): Promise<ExitCode> {
  const { io } = context;
  const { scenario: file, replications, minPass, overrides } = invocation;
  // --set is applied exactly as `run` applies it, so a failing seed replays with the same values.
  const parsed = await loadScenario(file, overrides, 'check', io);
  printIssues(io, parsed);
  if (!parsed.ok) throw new ScenarioError();
  const { scenario } = parsed;
  const expectations = Object.entries(scenario.expect) as [FigureName, Bound][];
  if (expectations.length === 0) {
    throw new UsageError(`${file} has no expect: block, so there is nothing to check; add one, e.g. expect: { latencyMsP99: { max: 300 } }`, 'check', false);
  }
  const unknown = expectations.find(([figure]) => !CHECKABLE.includes(figure));
  if (unknown) throw new Error(`check does not know how to measure the expect: figure '${unknown[0]}'`);

  const seed = invocation.seed ?? scenario.seed;
  checkSeedRange(seed, replications, 'check');
  const setArgs = overrides.flatMap((o) => ['--set', `${o.path}=${o.value}`]);
  context.replay = ['check', file, '--seed', String(seed), ...(replications > 1 ? ['--replications', String(replications)] : []), ...setArgs];
  io.out(formatRunHeader(file, scenario.name, seed));
  if (replications > 1) io.out(`${'seeds'.padEnd(10)}${seed} to ${seed + replications - 1} (${replications} replications)\n`);

  const runs = await runReplications(file, seed, replications, overrides, invocation.jobs, context);
  const verdicts = expectations.map(([figure, bound]) => judge(figure, bound, runs, minPass));
  for (const verdict of verdicts) io.out(formatVerdict(verdict, minPass));
  const failed = verdicts.filter((v) => !v.passed);
  io.out(`${verdicts.length - failed.length} of ${verdicts.length} expectation${verdicts.length === 1 ? '' : 's'} passed\n`);
  const replaySeeds = [...new Set(failed.map((v) => seed + (v.firstMiss ?? 0)))];
  for (const s of replaySeeds) io.out(`replay: ${commandLine(replayArgs(file, s, overrides))}\n`);
  return failed.length > 0 ? EXIT.expectationFailed : EXIT.ok;
}

async function runReplications(file: string, seed: number, replications: number, overrides: readonly Override[], jobs: number | undefined, context: Context): Promise<RunFigures[]> {
  const source = await readScenarioText(file, 'check');
  const requests = Array.from({ length: replications }, (_, r) => ({ index: r, seed: seed + r, overrides: [...overrides] }));
  const bar = startRunsBar(replications > 1 ? context.io.progress : undefined, replications);
  const runs: RunFigures[] = [];
  try {
    const pool = runInOrder({ file, text: source.text }, requests, {
      jobs: Math.max(1, Math.min(jobs ?? availableParallelism(), replications)),
      onFinished: bar.tick,
    });
    for await (const { figures } of pool) runs.push(figures);
  } catch (error) {
    if (error instanceof RunFailure) throw asInternalError(error, file, context);
    throw error;
  } finally {
    bar.stop();
  }
  return runs;
}

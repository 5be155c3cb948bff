/**
 * `elbsim merge <DIR>... --out DIR`: joins the folders of a sweep run as shards (`--shard K/N`
 * on N processes or machines) into the files the unsharded sweep writes, byte for byte.
 *
 * Run i lives in shard (i mod N) + 1, so the merge reads the shards' runs.csv in turn, one row
 * each, checking that every row is the run it should be; the statistics are recomputed from the
 * rows by the same code the sweep uses. Anything that would make the result differ from an
 * unsharded sweep is refused with a message that names the folder and the shard to rerun:
 * folders of different sweeps, a shard missing or given twice, a shard that stopped early.
 */
import { once } from 'node:events';
import { createReadStream } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import type { Invocation } from './args.ts';
import { BufferedFile } from './batch-files.ts';
import { describeFsError, EXIT, UsageError, type ExitCode } from './errors.ts';
import type { Context } from './io.ts';
import { stageOutput } from './out-dir.ts';
import { MAX_SHARDS, shardText } from './shard.ts';
import {
  formatManifest, formatSummaryRow, MANIFEST_FILE, parseRunRow, runsHeader, RUNS_FILE, SummaryBuilder,
  summaryHeader, SUMMARY_FILE, type SweepManifest,
} from './sweep-files.ts';
import { MAX_RUNS, shardSize, type Grid, type Shard } from './sweep-grid.ts';

export type MergeInvocation = Extract<Invocation, { command: 'merge' }>;

const fail = (message: string): never => {
  throw new UsageError(message, 'merge', false);
};

export async function mergeCommand({ dirs, out }: MergeInvocation, { io }: Context): Promise<ExitCode> {
  if (dirs.some((dir) => resolve(dir) === resolve(out))) fail(`--out ${out} is one of the folders being merged; write the merged files elsewhere`);
  const manifests = await Promise.all(dirs.map(readManifest));
  const manifest = sameSweep(manifests, dirs);
  const grid: Grid = { ...manifest, vary: manifest.vary };
  const shards = shardFolders(manifests, dirs, grid);
  // Written beside --out and moved into it only when the merge succeeded: a failed merge leaves an existing --out as it was.
  const staged = await stageOutput(out, 'merge');
  try {
    await mergeRows(grid, shards, staged.dir);
    await writeFile(join(staged.dir, MANIFEST_FILE), formatManifest({ ...manifest, shard: null }));
    await staged.commit([RUNS_FILE, SUMMARY_FILE, MANIFEST_FILE]);
  } catch (error) {
    await staged.discard();
    throw error;
  }
  io.out(`merged ${dirs.length} folder${dirs.length === 1 ? '' : 's'} (${grid.runs} runs, ${grid.combinations} combination${grid.combinations === 1 ? '' : 's'}) into ${out.replace(/\/+$/, '')}/ (${RUNS_FILE}, ${SUMMARY_FILE}, ${MANIFEST_FILE})\n`);
  return EXIT.ok;
}

async function readManifest(dir: string): Promise<SweepManifest> {
  const path = join(dir, MANIFEST_FILE);
  let text = '';
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    fail(`${dir} is not a sweep folder: ${describeFsError('read', path, error)}`);
  }
  let manifest: unknown;
  try {
    manifest = JSON.parse(text);
  } catch {
    return fail(`${path} is not a sweep's ${MANIFEST_FILE} (not JSON)`);
  }
  const problem = manifestProblem(manifest);
  if (problem) fail(`${path} is not a sweep's ${MANIFEST_FILE} as elbsim writes it: ${problem}; was it edited? Run the sweep again to rewrite it`);
  return manifest as SweepManifest;
}

const wholeNumber = (value: unknown, min: number, max: number): boolean => Number.isSafeInteger(value) && (value as number) >= min && (value as number) <= max;

/**
 * What makes a parsed sweep.json unusable, or undefined. Every number that sizes the merge is
 * checked against the limits the sweep itself enforces, so an edited file (shard n = 1e9) is a
 * message, not an out-of-memory crash.
 */
export function manifestProblem(manifest: unknown): string | undefined {
  if (typeof manifest !== 'object' || manifest === null || Array.isArray(manifest)) return 'not a JSON object';
  const m = manifest as Record<string, unknown>;
  if (!Array.isArray(m.vary)) return '`vary` is not a list';
  for (const v of m.vary as unknown[]) {
    const vary = v as { path?: unknown; values?: unknown };
    if (typeof vary !== 'object' || vary === null || typeof vary.path !== 'string' || !Array.isArray(vary.values) || vary.values.length === 0 || !vary.values.every((x) => typeof x === 'string')) {
      return '`vary` holds an entry that is not { path, values }';
    }
  }
  if (!wholeNumber(m.replications, 1, MAX_RUNS)) return `replications ${JSON.stringify(m.replications)} is not a whole number from 1 to ${MAX_RUNS}`;
  if (!wholeNumber(m.runs, 1, MAX_RUNS)) return `runs ${JSON.stringify(m.runs)} is not a whole number from 1 to ${MAX_RUNS}`;
  if (!wholeNumber(m.combinations, 1, MAX_RUNS)) return `combinations ${JSON.stringify(m.combinations)} is not a whole number from 1 to ${MAX_RUNS}`;
  if (!wholeNumber(m.seed, 0, Number.MAX_SAFE_INTEGER - (m.replications as number) + 1)) return `seed ${JSON.stringify(m.seed)} is not a whole number whose replications stay at most 2^53 − 1`;
  if (!('shard' in m)) return '`shard` is missing';
  if (m.shard !== null) {
    const shard = m.shard as { k?: unknown; n?: unknown };
    if (typeof shard !== 'object' || !wholeNumber(shard.n, 1, MAX_SHARDS) || !wholeNumber(shard.k, 1, shard.n as number)) {
      return `shard ${JSON.stringify(m.shard)} is not { k, n } with 1 ≤ k ≤ n ≤ ${MAX_SHARDS}`;
    }
  }
  return undefined;
}

/** The folders' common sweep (everything in sweep.json but the shard), or a refusal naming the difference. */
function sameSweep(manifests: SweepManifest[], dirs: string[]): SweepManifest {
  const [first] = manifests as [SweepManifest];
  manifests.forEach((other, i) => {
    for (const key of Object.keys(first) as (keyof SweepManifest)[]) {
      if (key === 'shard' || JSON.stringify(first[key]) === JSON.stringify(other[key])) continue;
      fail(`${dirs[0]} and ${dirs[i]} come from different sweeps: ${key} is ${JSON.stringify(first[key])} in one and ${JSON.stringify(other[key])} in the other`);
    }
  });
  return first;
}

/** The folder of each shard 1…N, checking that none is missing or given twice. */
function shardFolders(manifests: SweepManifest[], dirs: string[], grid: Grid): { dir: string; shard?: Shard }[] {
  const whole = manifests.findIndex((m) => m.shard === null);
  if (whole >= 0) {
    if (dirs.length > 1) fail(`${dirs[whole]} holds a whole sweep, not a shard; merge it with nothing else`);
    return [{ dir: dirs[0]! }];
  }
  const n = manifests[0]!.shard!.n;
  const byK = new Map<number, string>();
  manifests.forEach(({ shard }, i) => {
    if (shard!.n !== n) fail(`${dirs[0]} is shard ${shardText(manifests[0]!.shard!)} but ${dirs[i]} is shard ${shardText(shard!)}: merge the shards of one --shard K/N split`);
    const earlier = byK.get(shard!.k);
    if (earlier !== undefined) fail(`shard ${shardText(shard!)} is given twice: ${earlier} and ${dirs[i]}`);
    byK.set(shard!.k, dirs[i]!);
  });
  const missing = Array.from({ length: n }, (_, i) => i + 1).filter((k) => !byK.has(k) && shardSize(grid, { k, n }) > 0);
  if (missing.length > 0) {
    const shown = missing.slice(0, 10).map((k) => `${k}/${n}`).join(', ') + (missing.length > 10 ? `, … (${missing.length} in all)` : '');
    fail(`shard${missing.length === 1 ? '' : 's'} ${shown} ${missing.length === 1 ? 'is' : 'are'} missing: run ${missing.length === 1 ? 'it' : 'them'} with --shard K/${n} and merge all ${n} folders`);
  }
  return Array.from({ length: n }, (_, i) => ({ dir: byK.get(i + 1) ?? '', shard: { k: i + 1, n } }));
}

/** Reads a runs.csv line by line, checking its header. */
async function openRuns(dir: string, grid: Grid) {
  const path = join(dir, RUNS_FILE);
  const input = createReadStream(path, 'utf8');
  try {
    await once(input, 'open');
  } catch (error) {
    fail(describeFsError('read', path, error));
  }
  const lines = createInterface({ input, crlfDelay: Infinity })[Symbol.asyncIterator]();
  const header = await lines.next();
  if (header.done || `${header.value}\n` !== runsHeader(grid.vary)) fail(`${path} does not start with this sweep's runs.csv header`);
  return { path, lines, close: () => input.destroy() };
}

async function mergeRows(grid: Grid, shards: { dir: string; shard?: Shard }[], out: string): Promise<void> {
  const readers = await Promise.all(shards.map(({ dir }) => (dir === '' ? undefined : openRuns(dir, grid))));
  const runs = await BufferedFile.create(join(out, RUNS_FILE), 'merge');
  const summary = await BufferedFile.create(join(out, SUMMARY_FILE), 'merge');
  const builder = new SummaryBuilder(grid);
  const n = shards.length;
  const rerun = (i: number) => (shards[i]!.shard ? `; run that shard again with --shard ${shardText(shards[i]!.shard!)}` : '');
  try {
    await runs.write(runsHeader(grid.vary));
    await summary.write(summaryHeader(grid.vary));
    for (let index = 0; index < grid.runs; index++) {
      const reader = readers[index % n]!;
      const next = await reader.lines.next();
      if (next.done) fail(`run ${index} is missing: ${reader.path} ends before it (did that shard finish?)${rerun(index % n)}`);
      const row = parseRunRow(next.value as string, grid.vary.length);
      if (!row) fail(`${reader.path}: '${next.value}' is not a row of this sweep`);
      if (row!.index !== index) {
        fail(row!.index < index ? `run ${row!.index} appears twice in ${reader.path}` : `run ${index} is missing from ${reader.path} (the next row there is run ${row!.index})${rerun(index % n)}`);
      }
      await runs.write(`${next.value}\n`);
      const done = builder.add(row!);
      if (done) await summary.write(formatSummaryRow(done));
    }
    const last = builder.end();
    if (last) await summary.write(formatSummaryRow(last));
    for (const reader of readers) {
      const extra = reader && (await reader.lines.next());
      if (extra && !extra.done && extra.value !== '') fail(`${reader!.path} has rows beyond its shard's runs: '${extra.value}'`);
    }
  } finally {
    for (const reader of readers) reader?.close();
    await runs.close();
    await summary.close();
  }
}

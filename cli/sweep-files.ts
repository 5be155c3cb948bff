/**
 * The files a sweep writes (contract section 2, "Batches"), written the same way by `sweep` and
 * by `merge`, so that merging the shards of a sweep gives the unsharded sweep's bytes:
 *
 * - runs.csv: one row per run in run-index order: the varied values (one column per `--vary`
 *   path, named by the path), `replication`, `seed`, the nine summary figures with fixed
 *   decimals, then `run`, the run index (an extra column after the contract's, so `merge` can
 *   order rows and find missing or repeated runs).
 * - summary.csv: one row per combination: the varied values, `<figure>_mean` and
 *   `<figure>_ci95` for each runs.csv figure, then `runs` (how many replications it covers).
 *   The statistics are computed from runs.csv's rounded numbers, so a merge, which only has
 *   those, computes the very same bits.
 * - sweep.json: what the sweep was (scenario and its SHA-256, the grid, the shard), so `merge`
 *   can refuse folders from different sweeps.
 */
import { readFileSync } from 'node:fs';
import { MeanAccumulator } from './confidence.ts';
import { decimal, RUN_COLUMNS, type RunFigures } from './run-figures.ts';
import { combinationValues, type Grid, type RunSpec, type Shard, type Vary } from './sweep-grid.ts';

export const RUNS_FILE = 'runs.csv';
export const SUMMARY_FILE = 'summary.csv';
export const MANIFEST_FILE = 'sweep.json';

/** A CSV cell, quoted when it holds a comma, a quote or a line break. */
function csvCell(text: string): string {
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The cells of one CSV line, unquoted. */
export function splitCsvLine(line: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') (cell += '"'), i++;
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') cells.push(cell), (cell = '');
    else cell += c;
  }
  cells.push(cell);
  return cells;
}

export function runsHeader(vary: readonly Vary[]): string {
  return [...vary.map((v) => csvCell(v.path)), 'replication', 'seed', ...RUN_COLUMNS.map((c) => c.column), 'run'].join(',') + '\n';
}

export function formatRunRow(run: RunSpec, figures: RunFigures): string {
  const cells = [
    ...run.values.map(csvCell),
    String(run.replication),
    String(run.seed),
    ...RUN_COLUMNS.map((c) => decimal(figures[c.figure], c.decimals)),
    String(run.index),
  ];
  return cells.join(',') + '\n';
}

/** A runs.csv row read back: its run index and its figures as numbers, in RUN_COLUMNS order. */
export interface RunRow {
  index: number;
  figures: number[];
}

/** Reads one runs.csv line; undefined when it does not have the shape of a row of this grid. */
export function parseRunRow(line: string, varyCount: number): RunRow | undefined {
  const cells = splitCsvLine(line.replace(/\n$/, ''));
  if (cells.length !== varyCount + 2 + RUN_COLUMNS.length + 1) return undefined;
  const index = Number(cells.at(-1));
  const figures = cells.slice(varyCount + 2, -1).map((c) => (c === '' ? NaN : Number(c)));
  if (!Number.isSafeInteger(index) || index < 0 || figures.some((f, i) => Number.isNaN(f) && cells[varyCount + 2 + i] !== '')) return undefined;
  return { index, figures };
}

export function summaryHeader(vary: readonly Vary[]): string {
  const stats = RUN_COLUMNS.flatMap((c) => [`${c.column}_mean`, `${c.column}_ci95`]);
  return [...vary.map((v) => csvCell(v.path)), ...stats, 'runs'].join(',') + '\n';
}

/** One combination's statistics, as numbers, for the table a sweep prints. */
export interface CombinationStats {
  combination: number;
  values: string[];
  /** Per RUN_COLUMNS figure. */
  stats: { mean: number; ci95: number | undefined }[];
  runs: number;
}

/**
 * Turns rows, added in run-index order, into summary.csv lines. A combination's replications
 * are consecutive run indexes, so its line is complete as soon as a row of the next one comes.
 */
export class SummaryBuilder {
  private combination = -1;
  private accumulators: MeanAccumulator[] = [];

  constructor(private readonly grid: Grid) {}

  /** Adds a row; returns the previous combination's statistics when this row starts a new one. */
  add(row: RunRow): CombinationStats | undefined {
    const combination = Math.floor(row.index / this.grid.replications);
    const finished = combination === this.combination ? undefined : this.end();
    if (combination !== this.combination) {
      this.combination = combination;
      this.accumulators = RUN_COLUMNS.map(() => new MeanAccumulator());
    }
    row.figures.forEach((x, i) => this.accumulators[i]!.add(x));
    return finished;
  }

  /** The statistics of the combination in progress, if any; call after the last row. */
  end(): CombinationStats | undefined {
    if (this.combination < 0) return undefined;
    const stats = this.accumulators.map((a) => ({ mean: a.mean, ci95: a.ci95 }));
    const done = { combination: this.combination, values: combinationValues(this.grid, this.combination), stats, runs: this.accumulators[0]!.count };
    this.combination = -1;
    return done;
  }
}

export function formatSummaryRow(row: CombinationStats): string {
  const cells = RUN_COLUMNS.flatMap((c, i) => {
    const decimals = Math.max(c.decimals, 2);
    const { mean, ci95 } = row.stats[i]!;
    return [decimal(mean, decimals), ci95 === undefined ? '' : decimal(ci95, decimals)];
  });
  return [...row.values.map(csvCell), ...cells, String(row.runs)].join(',') + '\n';
}

export interface SweepManifest {
  elbsim: string;
  scenario: string;
  scenarioSha256: string;
  vary: Vary[];
  replications: number;
  seed: number;
  combinations: number;
  runs: number;
  runIndex: string;
  shard: Shard | null;
}

const RUN_INDEX = 'run = combination × replications + replication; combinations count through the --vary values with the last --vary fastest; replication r uses seed + r';

export function elbsimVersion(): string {
  return (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
}

export function makeManifest(scenario: string, scenarioSha256: string, grid: Grid, shard: Shard | undefined): SweepManifest {
  const { vary, replications, seed, combinations, runs } = grid;
  return {
    elbsim: elbsimVersion(),
    scenario,
    scenarioSha256,
    vary: vary.map((v) => ({ path: v.path, values: [...v.values] })),
    replications,
    seed,
    combinations,
    runs,
    runIndex: RUN_INDEX,
    shard: shard ? { k: shard.k, n: shard.n } : null,
  };
}

export function formatManifest(manifest: SweepManifest): string {
  return JSON.stringify(manifest, null, 2) + '\n';
}

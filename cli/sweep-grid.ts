/**
 * The grid of a sweep (contract section 2, "Batches"): every combination of the `--vary`
 * values, R replications each, numbered so that any machine can work out any run from its
 * index alone.
 *
 * Run index order: index = combination × R + replication. Combinations count through the
 * `--vary` values like an odometer, the first `--vary` slowest and the last fastest; replication
 * r (0-based) uses seed N + r, the same seeds for every combination (common random numbers, so a
 * difference between combinations comes from the parameters, not from the luck of the draw).
 * `--shard K/N` keeps the runs whose index modulo N is K − 1. Pure: no I/O, no clock.
 */
import type { Override, Shard, Vary } from './batch-types.ts';
import { UsageError } from './errors.ts';

export type { Shard, Vary } from './batch-types.ts';

export interface Grid {
  vary: readonly Vary[];
  replications: number;
  /** Seed of replication 0. */
  seed: number;
  combinations: number;
  runs: number;
}

export interface RunSpec {
  index: number;
  combination: number;
  replication: number;
  seed: number;
  /** The value of each `--vary` path, in the order the paths were given. */
  values: string[];
  /** The same as `--set` overrides, which is how the run applies them. */
  overrides: Override[];
}

/** A sweep larger than this is surely a typo (and would take days). */
export const MAX_RUNS = 1_000_000;

/**
 * Splits `V1,V2,...` at the commas that are not inside brackets, braces or quotes, so that a
 * YAML list or map can be one value: `[[0,100],[60,200]],300` is two values.
 */
export function splitValues(text: string): string[] {
  const values: string[] = [];
  let depth = 0;
  let quote: string | undefined;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '[' || c === '{') depth++;
    else if ((c === ']' || c === '}') && depth > 0) depth--;
    else if (c === ',' && depth === 0) {
      values.push(text.slice(start, i).trim());
      start = i + 1;
    }
  }
  values.push(text.slice(start).trim());
  return values;
}

/** What is wrong with a raw `--vary` argument, or undefined when it is fine. */
export function checkVary(raw: string): string | undefined {
  const eq = raw.indexOf('=');
  if (eq < 0) return `expects PATH=V1,V2,..., e.g. autoScaling.maxSize=4,6,8; got '${raw}'`;
  const path = raw.slice(0, eq);
  if (!/^[^.\s]+(\.[^.\s]+)*$/.test(path)) return `'${path}' is not a dotted key path (like autoScaling.policies.0.targetValue)`;
  const values = splitValues(raw.slice(eq + 1));
  if (values.some((v) => v === '')) return `${path}: a value is empty in '${raw.slice(eq + 1)}'`;
  const twice = values.find((v, i) => values.indexOf(v) !== i);
  if (twice !== undefined) return `${path}: the value ${twice} is given twice`;
  return undefined;
}

export function splitVary(raw: string): Vary {
  const eq = raw.indexOf('=');
  return { path: raw.slice(0, eq), values: splitValues(raw.slice(eq + 1)) };
}

/** Every `--vary` (each already checked by `checkVary`), refusing a path varied twice. */
export function splitVaries(raws: readonly string[]): Vary[] {
  const vary = raws.map(splitVary);
  const twice = vary.find((v, i) => vary.findIndex((w) => w.path === v.path) !== i);
  if (twice) throw new UsageError(`--vary ${twice.path} is given twice; list all its values in one --vary`, 'sweep');
  return vary;
}

/** Builds the grid, refusing one beyond `MAX_RUNS`. */
export function makeGrid(vary: readonly Vary[], replications: number, seed: number, command = 'sweep'): Grid {
  const combinations = vary.reduce((product, v) => product * v.values.length, 1);
  const runs = combinations * replications;
  if (runs > MAX_RUNS) {
    throw new UsageError(`the sweep has ${combinations} combinations × ${replications} replications = ${runs} runs; the limit is ${MAX_RUNS}`, command);
  }
  return { vary, replications, seed, combinations, runs };
}

/** The value of each varied path in combination `c` (last `--vary` fastest). */
export function combinationValues(grid: Grid, c: number): string[] {
  const values = new Array<string>(grid.vary.length);
  let rest = c;
  for (let i = grid.vary.length - 1; i >= 0; i--) {
    const choices = grid.vary[i]!.values;
    values[i] = choices[rest % choices.length]!;
    rest = Math.floor(rest / choices.length);
  }
  return values;
}

export function combinationOverrides(grid: Grid, c: number): Override[] {
  return combinationValues(grid, c).map((value, i) => ({ path: grid.vary[i]!.path, value }));
}

export function runAt(grid: Grid, index: number): RunSpec {
  const combination = Math.floor(index / grid.replications);
  const replication = index % grid.replications;
  const values = combinationValues(grid, combination);
  const overrides = values.map((value, i) => ({ path: grid.vary[i]!.path, value }));
  return { index, combination, replication, seed: grid.seed + replication, values, overrides };
}

/** The indexes a shard runs, in order; every index when there is no shard. */
export function* shardIndexes(grid: Grid, shard?: Shard): Generator<number> {
  const step = shard ? shard.n : 1;
  for (let index = shard ? shard.k - 1 : 0; index < grid.runs; index += step) yield index;
}

/** How many runs a shard holds. */
export function shardSize(grid: Grid, shard?: Shard): number {
  if (!shard) return grid.runs;
  return grid.runs >= shard.k ? Math.floor((grid.runs - shard.k) / shard.n) + 1 : 0;
}

/**
 * Replication r runs with seed + r, so the last seed must still be an exact integer (at most
 * 2^53 − 1): beyond it two replications would get the same seed, one `run` then refuses.
 */
export function checkSeedRange(seed: number, replications: number, command: string): void {
  // Compared without forming seed + R − 1, which rounds beyond 2^53 (…990 + 3 − 1 comes out safe).
  if (Number.isSafeInteger(seed) && seed <= Number.MAX_SAFE_INTEGER - (replications - 1)) return;
  throw new UsageError(
    `seed ${seed} with ${replications} replications would use seeds beyond ${Number.MAX_SAFE_INTEGER} (2^53 − 1), which are not exact integers; use a seed of at most ${Number.MAX_SAFE_INTEGER - replications + 1}`,
    command,
  );
}

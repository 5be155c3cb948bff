/**
 * `--shard K/N`: this process runs the runs whose index modulo N is K − 1, so N processes or
 * machines share one sweep and `elbsim merge` joins their folders.
 *
 * Array jobs number their tasks from 0 in an environment variable: a Kubernetes Indexed Job sets
 * JOB_COMPLETION_INDEX, an AWS Batch array job AWS_BATCH_JOB_ARRAY_INDEX. `--shard auto/N` reads
 * whichever is set and adds one, so the same command line serves every task of the array.
 */
import { UsageError } from './errors.ts';
import type { Shard } from './batch-types.ts';

/** Environment variables that hold a 0-based array-task index, in the order they are tried. */
export const SHARD_INDEX_VARIABLES = ['JOB_COMPLETION_INDEX', 'AWS_BATCH_JOB_ARRAY_INDEX'] as const;

/** K/N as typed: K may be `auto`, resolved from the environment when the sweep starts. */
export interface ShardArg {
  k: number | 'auto';
  n: number;
}

/** The largest N: beyond this, shards would hold a run or two each. */
export const MAX_SHARDS = 100_000;

export function checkShard(raw: string): string | undefined {
  const match = /^(auto|\d+)\/(\d+)$/.exec(raw);
  if (!match) return `expects K/N with 1 ≤ K ≤ N (or auto/N), e.g. 2/4; got '${raw}'`;
  const n = Number(match[2]);
  if (n < 1 || n > MAX_SHARDS) return `N must be from 1 to ${MAX_SHARDS}, got ${match[2]}`;
  if (match[1] !== 'auto') {
    const k = Number(match[1]);
    if (k < 1 || k > n) return `K must be from 1 to N (${n}), got ${match[1]}`;
  }
  return undefined;
}

export function parseShardArg(raw: string): ShardArg {
  const [k, n] = raw.split('/') as [string, string];
  return { k: k === 'auto' ? 'auto' : Number(k), n: Number(n) };
}

/** Turns `auto/N` into K/N from the array job's index variable. */
export function resolveShard(arg: ShardArg, env: Record<string, string | undefined>, command = 'sweep'): Shard {
  if (arg.k !== 'auto') return { k: arg.k, n: arg.n };
  for (const name of SHARD_INDEX_VARIABLES) {
    const raw = env[name];
    if (raw === undefined || raw === '') continue;
    if (!/^\d+$/.test(raw) || Number(raw) >= arg.n) {
      throw new UsageError(`--shard auto/${arg.n}: ${name}=${raw} is not an index from 0 to ${arg.n - 1}`, command);
    }
    return { k: Number(raw) + 1, n: arg.n };
  }
  throw new UsageError(
    `--shard auto/${arg.n} needs ${SHARD_INDEX_VARIABLES.join(' or ')} in the environment (set by a Kubernetes Indexed Job or an AWS Batch array job); elsewhere give K/N`,
    command,
  );
}

export function shardText(shard: Shard): string {
  return `${shard.k}/${shard.n}`;
}

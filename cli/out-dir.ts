/**
 * Output folders that are never left half-written. A command writes its files into a staging
 * folder beside the target (`.NAME.partial-XXXXXX` in the same parent, so on the same file
 * system) and moves them into place only when everything succeeded: a failed or interrupted
 * run leaves no empty or partial folder, and an existing folder's good files are replaced only
 * by complete new ones (other files in it are left alone).
 *
 * Everything that can be checked before the work starts is: the target must be a writable
 * folder or creatable, so a bad `--out` fails in a second, not after an hour of simulation.
 * Missing parents are created one level at a time rather than with a recursive mkdir, which
 * loops forever under /proc on Linux.
 */
import { access, chmod, mkdir, mkdtemp, rename, rm, rmdir, stat } from 'node:fs/promises';
import { constants, rmSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { describeFsError, UsageError } from './errors.ts';

async function isDirectory(path: string): Promise<boolean | undefined> {
  try {
    return (await stat(path)).isDirectory();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** `mkdir -p`, one level at a time from the deepest folder that exists. */
export async function makeDirs(path: string): Promise<void> {
  const missing: string[] = [];
  let here = resolve(path);
  for (;;) {
    const existing = await isDirectory(here);
    if (existing === true) break;
    if (existing === false) throw Object.assign(new Error('a parent is not a directory'), { code: 'ENOTDIR' });
    missing.push(here);
    const parent = dirname(here);
    if (parent === here) break;
    here = parent;
  }
  for (const dir of missing.reverse()) {
    try {
      await mkdir(dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || !(await isDirectory(dir))) throw error;
    }
  }
}

export interface StagedOutput {
  /** The staging folder to write into. */
  readonly dir: string;
  /** Moves the named files into the target folder and removes the staging folder. */
  commit(names: readonly string[]): Promise<void>;
  /** Removes the staging folder and what is in it. */
  discard(): Promise<void>;
  /** The same, synchronously, for a signal handler. */
  discardSync(): void;
}

/**
 * Checks that `outDir` can be written and creates its staging folder. Throws a `UsageError`
 * (exit 1) naming the folder when it cannot.
 */
export async function stageOutput(outDir: string, command: string): Promise<StagedOutput> {
  const target = resolve(outDir);
  const parent = dirname(target);
  let staging: string;
  try {
    const existing = await isDirectory(target);
    if (existing === false) throw Object.assign(new Error('not a directory'), { code: 'ENOTDIR' });
    if (existing) await access(target, constants.W_OK | constants.X_OK);
    else await makeDirs(parent);
    staging = await mkdtemp(join(parent, `.${basename(target)}.partial-`));
    // mkdtemp makes a private folder; the target should get the mode a plain mkdir gives.
    await chmod(staging, 0o777 & ~process.umask());
  } catch (error) {
    throw new UsageError(describeFsError('create', outDir, error), command, false);
  }
  return {
    dir: staging,
    async commit(names) {
      try {
        if ((await isDirectory(target)) === undefined) {
          await rename(staging, target);
          return;
        }
        for (const name of names) await rename(join(staging, name), join(target, name));
        await rmdir(staging);
      } catch (error) {
        throw new UsageError(`${describeFsError('write', outDir, error)} (the complete files are in ${staging})`, command, false);
      }
    },
    async discard() {
      await rm(staging, { recursive: true, force: true });
    },
    discardSync() {
      rmSync(staging, { recursive: true, force: true });
    },
  };
}

/**
 * Runs `work` with a handler that removes the staging folder if the process is interrupted
 * (Ctrl-C, a scheduler's SIGTERM), then exits as the signal would have (128 + its number).
 */
export async function withInterruptCleanup<T>(staged: StagedOutput, work: () => Promise<T>): Promise<T> {
  const handlers = (['SIGINT', 'SIGTERM'] as const).map((signal) => {
    const handler = () => {
      staged.discardSync();
      process.exit(128 + (signal === 'SIGINT' ? 2 : 15));
    };
    process.once(signal, handler);
    return [signal, handler] as const;
  });
  try {
    return await work();
  } finally {
    for (const [signal, handler] of handlers) process.off(signal, handler);
  }
}

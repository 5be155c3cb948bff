/**
 * A pool of worker threads that runs a batch's simulations and hands their figures back in the
 * order the runs were asked for, whatever order they finish in.
 *
 * Memory is bounded by the jobs, not by the runs: requests are pulled from an iterator only when
 * a worker is free, and no more than WINDOW × jobs runs are outstanding (running, or finished
 * and waiting for an earlier one), so one slow run pauses the pool instead of piling up rows.
 * Each worker holds one simulation at a time; the main thread holds a few numbers per run.
 *
 * The workers start from bin/sweep-worker.js, which runs the same code as the main thread: the
 * compiled dist-cli/sweep-worker.js or the TypeScript through tsx (see bin/elbsim.js).
 */
import { Worker } from 'node:worker_threads';
import type { Override } from './args.ts';
import type { RunFigures } from './run-figures.ts';

/** What every worker is started with: the scenario text, read once by the main thread. */
export interface WorkerSetup {
  file: string;
  text: string;
}

export interface RunRequest {
  index: number;
  seed: number;
  overrides: Override[];
}

export type RunReply = { index: number; figures: RunFigures } | { index: number; error: string; stack?: string };

/** Runs outstanding per job before the pool waits for the oldest. */
const WINDOW = 16;

const WORKER_SCRIPT = new URL('../bin/sweep-worker.js', import.meta.url);

/** A run failed inside a worker: a bug in elbsim, reported with the run that shows it. */
export class RunFailure extends Error {
  override name = 'RunFailure';
  constructor(
    readonly request: RunRequest,
    message: string,
    readonly detail?: string,
  ) {
    super(message);
  }
}

export interface PoolOptions {
  jobs: number;
  /** Called as each run finishes (in any order), e.g. to advance a progress bar. */
  onFinished?: () => void;
}

/** Runs every request on `jobs` worker threads; yields each with its figures, in request order. */
export async function* runInOrder<R extends RunRequest>(
  setup: WorkerSetup,
  requests: Iterable<R>,
  { jobs, onFinished }: PoolOptions,
): AsyncGenerator<{ request: R; figures: RunFigures }> {
  const pending = requests[Symbol.iterator]();
  const order: R[] = [];
  const finished = new Map<number, RunFigures>();
  const running = new Map<Worker, R>();
  const idle: Worker[] = [];
  let exhausted = false;
  let stopping = false;
  let failure: Error | undefined;
  let wake: (() => void) | undefined;
  const signal = (): void => {
    const resume = wake;
    wake = undefined;
    resume?.();
  };
  const fail = (error: Error): void => {
    failure ??= error;
    signal();
  };

  const dispatch = (): void => {
    while (!exhausted && idle.length > 0 && order.length < WINDOW * jobs) {
      const next = pending.next();
      if (next.done) {
        exhausted = true;
        break;
      }
      const worker = idle.pop()!;
      const request = next.value;
      order.push(request);
      running.set(worker, request);
      worker.postMessage({ index: request.index, seed: request.seed, overrides: request.overrides } satisfies RunRequest);
    }
  };

  const workers = Array.from({ length: Math.max(1, jobs) }, () => {
    const worker = new Worker(WORKER_SCRIPT, { workerData: setup satisfies WorkerSetup });
    worker.on('message', (reply: RunReply) => {
      const request = running.get(worker)!;
      running.delete(worker);
      if ('error' in reply) return fail(new RunFailure(request, reply.error, reply.stack));
      finished.set(reply.index, reply.figures);
      idle.push(worker);
      onFinished?.();
      dispatch();
      signal();
    });
    worker.on('error', (error) => fail(error));
    worker.on('exit', (code) => {
      if (!stopping) fail(new Error(`a worker thread stopped unexpectedly (exit code ${code})`));
    });
    return worker;
  });
  idle.push(...workers);

  try {
    dispatch();
    while (order.length > 0) {
      const head = order[0]!;
      while (!finished.has(head.index) && failure === undefined) await new Promise<void>((resolve) => (wake = resolve));
      if (failure) throw failure;
      order.shift();
      const figures = finished.get(head.index)!;
      finished.delete(head.index);
      dispatch();
      yield { request: head, figures };
    }
    if (failure) throw failure;
  } finally {
    stopping = true;
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

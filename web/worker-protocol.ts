/**
 * Messages between the page and the simulation worker. A job is one run (scenario + seed); the
 * worker answers with progress in simulated time, then the result or an error.
 */
import type { RunResult, Scenario } from '../core/index.ts';

export type ToWorker = { type: 'run'; jobId: number; scenario: Scenario; seed: number } | { type: 'cancel'; jobId: number };

export type FromWorker =
  | { type: 'progress'; jobId: number; nowS: number; durationS: number }
  | { type: 'done'; jobId: number; result: RunResult; wallMs: number }
  | { type: 'error'; jobId: number; message: string };

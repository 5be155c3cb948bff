/**
 * The simulation worker: runs the core off the main thread so the page never freezes.
 *
 * A run advances in slices of simulated time (`runUntil`), each sized to take about 40 ms of
 * wall time, and posts its progress after every slice; between slices it yields to the message
 * queue so a `cancel` is seen promptly. Slicing does not change results: the core's event order
 * depends only on the scenario and seed (the CLI's progress bar slices the same way).
 */
import { createSimulation } from './core-api.ts';
import type { FromWorker, ToWorker } from './worker-protocol.ts';

const SLICE_WALL_MS = 40;
const cancelled = new Set<number>();

function post(message: FromWorker): void {
  (self as unknown as Worker).postMessage(message);
}

/**
 * Lets the messages that arrived during a slice (a `cancel`) be handled, then resumes. Not
 * `setTimeout(0)`: browsers stretch a timeout nested this deep to at least 4 ms, a tenth of
 * every 40 ms slice spent idle; a message to a channel of our own resumes as soon as the queue
 * before it is handled.
 */
const channel = new MessageChannel();
/** One waiting run per message sent, in order (runs of two jobs may overlap while one is cancelled). */
const waiting: (() => void)[] = [];
channel.port1.onmessage = () => waiting.shift()?.();
const yieldToMessages = (): Promise<void> =>
  new Promise((resolve) => {
    waiting.push(resolve);
    channel.port2.postMessage(null);
  });

async function run(jobId: number, message: Extract<ToWorker, { type: 'run' }>): Promise<void> {
  const started = performance.now();
  const sim = createSimulation(message.scenario, { seed: message.seed });
  let sliceS = Math.max(1, sim.durationS / 1000);
  post({ type: 'progress', jobId, nowS: 0, durationS: sim.durationS });
  while (!sim.done) {
    if (cancelled.has(jobId)) return;
    const sliceStart = performance.now();
    sim.runUntil(Math.min(sim.durationS, sim.nowS + sliceS));
    const took = performance.now() - sliceStart;
    // Aim each slice at SLICE_WALL_MS, changing its length by at most x4 at a time.
    sliceS = Math.max(0.001, sliceS * Math.min(4, Math.max(0.25, SLICE_WALL_MS / Math.max(1, took))));
    post({ type: 'progress', jobId, nowS: sim.nowS, durationS: sim.durationS });
    await yieldToMessages();
  }
  if (cancelled.has(jobId)) return;
  post({ type: 'done', jobId, result: sim.result(), wallMs: performance.now() - started });
}

self.addEventListener('message', (event: MessageEvent<ToWorker>) => {
  const message = event.data;
  if (message.type === 'cancel') {
    cancelled.add(message.jobId);
    return;
  }
  run(message.jobId, message).catch((error: unknown) => {
    post({ type: 'error', jobId: message.jobId, message: error instanceof Error ? error.message : String(error) });
  });
});

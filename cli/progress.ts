/**
 * Running a simulation to the end in slices of simulated time, drawing a progress bar on a
 * terminal between slices.
 *
 * The run is always advanced in the same slices, whether or not a bar is shown, so what a
 * terminal user sees and what a script gets come from identical calls (and, by the core's
 * contract, slicing never changes the result). Between slices the event loop gets a turn now and
 * then so the bar's clock can redraw.
 */
import type { SingleBar } from 'cli-progress';
import type { RunResult, Simulation } from '../core/index.ts';

/** Slices per run: enough for a smooth bar, few enough to cost nothing. */
const SLICES = 500;
/** Wall milliseconds between yields to the event loop. */
const YIELD_MS = 100;

export async function runWithProgress(sim: Simulation, stream?: NodeJS.WriteStream): Promise<RunResult> {
  const total = sim.durationS;
  // The bar's package only loads when a bar is drawn (--quiet and a pipe never pay its ~4 ms).
  const bar = stream ? await startBar(stream, total) : undefined;
  try {
    let lastYield = performance.now();
    for (let slice = 1; slice <= SLICES && !sim.done; slice++) {
      sim.runUntil((total * slice) / SLICES);
      if (bar) bar.update(Math.min(sim.nowS, total), { simulated: clock(sim.nowS) });
      // With or without a bar: a signal handler (Ctrl-C removing the staging folder) only runs when the loop gets a turn.
      if (performance.now() - lastYield > YIELD_MS) {
        await new Promise((resolve) => setImmediate(resolve));
        lastYield = performance.now();
      }
    }
    return sim.run();
  } finally {
    bar?.stop();
  }
}

async function startBar(stream: NodeJS.WriteStream, total: number): Promise<SingleBar> {
  const { default: cliProgress } = await import('cli-progress');
  const bar = new cliProgress.SingleBar({
    stream,
    format: ' {bar} {percentage}% | simulated {simulated} of {total_clock} | {duration_formatted} elapsed, eta {eta_formatted}',
    barsize: 30,
    clearOnComplete: true,
    hideCursor: false,
    etaBuffer: 50,
  }, cliProgress.Presets.shades_classic);
  bar.start(total, 0, { simulated: clock(0), total_clock: clock(total) });
  return bar;
}

/** Simulated seconds as h:mm:ss. */
export function clock(seconds: number): string {
  const s = Math.floor(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return `${h}:${String(m).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
}

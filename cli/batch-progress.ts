/**
 * The progress bar of a batch on a terminal: runs done of the total, time elapsed and the time
 * left, on stderr. Without a terminal (a pipe, CI, a scheduler's log) nothing is drawn, so logs
 * hold only the results.
 */
import cliProgress from 'cli-progress';

export interface RunsBar {
  /** One more run finished. */
  tick(): void;
  stop(): void;
}

const NO_BAR: RunsBar = { tick: () => {}, stop: () => {} };

export function startRunsBar(stream: NodeJS.WriteStream | undefined, total: number): RunsBar {
  if (!stream || total === 0) return NO_BAR;
  const bar = new cliProgress.SingleBar(
    {
      stream,
      format: ' {bar} {value}/{total} runs | {duration_formatted} elapsed, eta {eta_formatted}',
      barsize: 30,
      clearOnComplete: true,
      hideCursor: false,
      etaBuffer: 20,
      fps: 5,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0);
  return { tick: () => bar.increment(), stop: () => bar.stop() };
}

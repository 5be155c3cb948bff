/**
 * Progress: the run advances in the same slices of simulated time with or without a terminal,
 * ends with `run()`, and the bar is drawn on the terminal and cleared when the run ends.
 */
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { RunResult, Simulation } from '../../core/index.ts';
import { clock, runWithProgress } from '../../cli/progress.ts';

/** A simulation that only records how it was driven. */
function fakeSimulation(durationS: number, stopAtS = Infinity) {
  const calls: string[] = [];
  const sim = {
    nowS: 0,
    durationS,
    get done() {
      return this.nowS >= Math.min(durationS, stopAtS);
    },
    step: () => false,
    runUntil(timeS: number) {
      calls.push(`runUntil ${timeS}`);
      this.nowS = Math.min(timeS, durationS, stopAtS);
    },
    run() {
      calls.push('run');
      this.nowS = durationS;
      return { marker: 'result' } as unknown as RunResult;
    },
    result: () => ({}) as RunResult,
  } satisfies Simulation;
  return { sim, calls };
}

function fakeTerminal() {
  const stream = Object.assign(new PassThrough(), { isTTY: true, columns: 100 });
  let written = '';
  stream.on('data', (chunk) => (written += String(chunk)));
  return { stream: stream as unknown as NodeJS.WriteStream, written: () => written };
}

describe('runWithProgress', () => {
  it('advances in 500 equal slices up to the duration, then finishes with run()', async () => {
    const { sim, calls } = fakeSimulation(1000);
    const result = await runWithProgress(sim);
    expect(result).toEqual({ marker: 'result' });
    expect(calls).toHaveLength(501);
    expect(calls[0]).toBe('runUntil 2');
    expect(calls[499]).toBe('runUntil 1000');
    expect(calls[500]).toBe('run');
  });

  it('drives the simulation identically with a terminal', async () => {
    const plain = fakeSimulation(7200);
    const shown = fakeSimulation(7200);
    await runWithProgress(plain.sim);
    const terminal = fakeTerminal();
    await runWithProgress(shown.sim, terminal.stream);
    expect(shown.calls).toEqual(plain.calls);
  });

  it('stops slicing once the simulation says it is done', async () => {
    const { sim, calls } = fakeSimulation(1000, 10);
    await runWithProgress(sim);
    expect(calls).toEqual(['runUntil 2', 'runUntil 4', 'runUntil 6', 'runUntil 8', 'runUntil 10', 'run']);
  });

  it('draws simulated time on the terminal', async () => {
    const { sim } = fakeSimulation(7200);
    const terminal = fakeTerminal();
    await runWithProgress(sim, terminal.stream);
    expect(terminal.written()).toMatch(/simulated \d:\d\d:\d\d of 2:00:00/);
  });

  it('stops the bar when the simulation throws', async () => {
    const { sim } = fakeSimulation(100);
    sim.runUntil = () => {
      throw new Error('boom');
    };
    const terminal = fakeTerminal();
    await expect(runWithProgress(sim, terminal.stream)).rejects.toThrow('boom');
  });
});

describe('clock', () => {
  it.each([
    [0, '0:00:00'],
    [59.9, '0:00:59'],
    [3600, '1:00:00'],
    [90061, '25:01:01'],
  ])('%d s → %s', (s, text) => expect(clock(s)).toBe(text));
});

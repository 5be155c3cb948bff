/**
 * Progress: the run advances in the same slices of simulated time with or without a terminal,
 * ends with `run()`, and the bar is drawn on the terminal and cleared when the run ends.
 */
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createSimulation, formatEventsCsv, formatSummaryJson, formatTimeseriesCsv, simulate } from '../../core/index.ts';
import type { RunResult, Simulation } from '../../core/index.ts';
import { clock, runWithProgress } from '../../cli/progress.ts';
import { buildScenario } from '../support/build.ts';

/** A simulation that only records how it was driven. */
class FakeSimulation implements Simulation {
  readonly calls: string[] = [];
  nowS = 0;
  constructor(
    readonly durationS: number,
    private readonly stopAtS = Infinity,
  ) {}
  get done(): boolean {
    return this.nowS >= Math.min(this.durationS, this.stopAtS);
  }
  step(): boolean {
    return false;
  }
  runUntil(timeS: number): void {
    this.calls.push(`runUntil ${timeS}`);
    this.nowS = Math.min(timeS, this.durationS, this.stopAtS);
  }
  run(): RunResult {
    this.calls.push('run');
    this.nowS = this.durationS;
    return { marker: 'result' } as unknown as RunResult;
  }
  result(): RunResult {
    return {} as RunResult;
  }
}

function fakeSimulation(durationS: number, stopAtS = Infinity) {
  const sim = new FakeSimulation(durationS, stopAtS);
  return { sim, calls: sim.calls };
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

describe('runWithProgress with the real core', () => {
  it('slicing the run does not change a byte of the outputs', async () => {
    const scenario = buildScenario({ duration: 1800, traffic: { rate: [[0, 50], [900, 120]], arrivals: 'poisson', clients: 1000 } });
    const files = (r: RunResult) => [formatTimeseriesCsv(r.timeseries), formatEventsCsv(r.events), formatSummaryJson(r.summary)];
    const sliced = await runWithProgress(createSimulation(scenario, { seed: 3 }), fakeTerminal().stream);
    expect(files(sliced)).toEqual(files(simulate(scenario, { seed: 3 })));
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

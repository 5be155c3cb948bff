/**
 * The worker pool with real worker threads: results come back in request order whatever order
 * they finish in, a run that throws in a worker stops the pool as a RunFailure naming that run,
 * and the failure turns into an internal error whose replay line is the `elbsim run` of that run.
 */
import { describe, expect, it } from 'vitest';
import { memoryIo } from '../../cli/io.ts';
import { asInternalError } from '../../cli/sweep.ts';
import { runInOrder, RunFailure, type RunRequest } from '../../cli/worker-pool.ts';

const TEXT = `name: Pool
duration: 1m
zones: [us-east-1a]
traffic: { rate: 20 }
autoScaling: { desiredCapacity: 1 }
`;
const setup = { file: 'pool.yaml', text: TEXT };

describe('runInOrder', () => {
  it('2 workers, 9 runs with durations that finish out of order: yielded in request order', async () => {
    // Long and short runs alternate so that later requests often finish first.
    const requests: RunRequest[] = Array.from({ length: 9 }, (_, index) => ({
      index,
      seed: 1 + index,
      overrides: [{ path: 'duration', value: index % 3 === 0 ? '20m' : '1m' }],
    }));
    let finished = 0;
    const seen: number[] = [];
    for await (const { request, figures } of runInOrder(setup, requests, { jobs: 2, onFinished: () => finished++ })) {
      seen.push(request.index);
      expect(figures.requests).toBeGreaterThan(0);
    }
    expect(seen).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    expect(finished).toBe(9);
  });

  it('a run that throws in its worker: RunFailure with that request; the replay is its elbsim run', async () => {
    const requests: RunRequest[] = [
      { index: 0, seed: 1, overrides: [] },
      { index: 1, seed: 2, overrides: [{ path: 'autoScaling.desiredCapacity', value: 'many' }] },
    ];
    let caught: unknown;
    try {
      for await (const _ of runInOrder(setup, requests, { jobs: 1 })) void _;
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(RunFailure);
    const failure = caught as RunFailure;
    expect(failure.request.index).toBe(1);
    expect(failure.message).toMatch(/the scenario did not parse in the worker/);
    const context = { io: memoryIo(), replay: ['sweep', 'pool.yaml'] };
    const error = asInternalError(failure, 'pool.yaml', context);
    expect(error.message).toMatch(/^run 1 \(seed 2\) failed: /);
    expect(context.replay).toEqual(['run', 'pool.yaml', '--seed', '2', '--set', 'autoScaling.desiredCapacity=many']);
  });
});

import { describe, expect, it } from 'vitest';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { SimController, type RunJob } from '../../web/sim-controller.ts';
import type { FromWorker, ToWorker } from '../../web/worker-protocol.ts';
import { fixtureRun, fixtureScenario } from './fixtures/run-result.ts';

/** A stand-in worker: records what it is sent; the test plays the worker's replies. */
class FakeWorker extends EventTarget {
  sent: ToWorker[] = [];
  terminated = false;
  postMessage(message: ToWorker): void {
    this.sent.push(message);
  }
  terminate(): void {
    this.terminated = true;
  }
  reply(message: FromWorker): void {
    this.dispatchEvent(new MessageEvent('message', { data: message }));
  }
  /** The worker's script failed (an ErrorEvent in a browser: an event with a message). */
  fail(message: string): void {
    this.dispatchEvent(Object.assign(new Event('error', { cancelable: true }), { message }));
  }
}

class Host implements ReactiveControllerHost {
  updates = 0;
  controllers: ReactiveController[] = [];
  addController(c: ReactiveController): void {
    this.controllers.push(c);
  }
  removeController(): void {}
  requestUpdate(): void {
    this.updates++;
  }
  get updateComplete(): Promise<boolean> {
    return Promise.resolve(true);
  }
}

function setup() {
  const host = new Host();
  const workers: FakeWorker[] = [];
  const finished: number[] = [];
  const controller = new SimController(
    host,
    () => {
      const w = new FakeWorker();
      workers.push(w);
      return w as unknown as Worker;
    },
    (snapshot) => finished.push(snapshot.results.length),
  );
  return { host, workers, finished, controller };
}

const job = (label: string, seed = 1): RunJob => ({ label, scenario: fixtureScenario(), seed });

describe('SimController: runs in a worker, as immutable snapshots', () => {
  it('one job: running with progress in simulated time, then done with the result', () => {
    const { controller, workers, finished, host } = setup();
    controller.run([job('A', 5)]);
    expect(controller.snapshot.status).toBe('running');
    const [worker] = workers;
    expect(worker!.sent).toEqual([{ type: 'run', jobId: 1, scenario: fixtureScenario(), seed: 5 }]);
    const before = controller.snapshot;
    worker!.reply({ type: 'progress', jobId: 1, nowS: 150, durationS: 600 });
    expect(controller.snapshot.progress).toBe(0.25);
    expect(controller.snapshot).not.toBe(before); // replaced, not mutated
    expect(Object.isFrozen(controller.snapshot)).toBe(true);
    worker!.reply({ type: 'done', jobId: 1, result: fixtureRun(), wallMs: 12 });
    expect(controller.snapshot.status).toBe('done');
    expect(controller.snapshot.results).toHaveLength(1);
    expect(finished).toEqual([1]);
    expect(host.updates).toBeGreaterThan(2);
  });

  it('compare: two jobs run one after the other in the same worker; progress spans both', () => {
    const { controller, workers } = setup();
    controller.run([job('A'), job('B')]);
    const w = workers[0]!;
    w.reply({ type: 'progress', jobId: 1, nowS: 300, durationS: 600 });
    expect(controller.snapshot.progress).toBe(0.25);
    w.reply({ type: 'done', jobId: 1, result: fixtureRun(), wallMs: 1 });
    expect(w.sent.map((m) => m.type === 'run' && m.jobId)).toEqual([1, 2]);
    expect(controller.snapshot.jobIndex).toBe(1);
    w.reply({ type: 'progress', jobId: 2, nowS: 300, durationS: 600 });
    expect(controller.snapshot.progress).toBe(0.75);
    w.reply({ type: 'done', jobId: 2, result: fixtureRun(), wallMs: 1 });
    expect(controller.snapshot.status).toBe('done');
    expect(controller.snapshot.results).toHaveLength(2);
    expect(workers).toHaveLength(1);
  });

  it('prewarm starts the worker before any run; the first run takes it as it is, a later run gets a fresh one', () => {
    const { controller, workers } = setup();
    controller.prewarm();
    expect(workers).toHaveLength(1);
    expect(controller.snapshot.status).toBe('idle');
    controller.run([job('A')]);
    expect(workers).toHaveLength(1);
    expect(workers[0]!.terminated).toBe(false);
    workers[0]!.reply({ type: 'done', jobId: 1, result: fixtureRun(), wallMs: 1 });
    expect(controller.snapshot.status).toBe('done');
    controller.run([job('B')]);
    expect(workers[0]!.terminated).toBe(true);
    expect(workers).toHaveLength(2);
  });

  it('a prewarmed worker that fails before any run is dropped without an error; the run then starts a fresh one', () => {
    const { controller, workers } = setup();
    controller.prewarm();
    workers[0]!.fail('could not load');
    expect(controller.snapshot.status).toBe('idle');
    expect(workers[0]!.terminated).toBe(true);
    controller.run([job('A')]);
    expect(workers).toHaveLength(2);
    expect(controller.snapshot.status).toBe('running');
  });

  it('cancel terminates the worker at once; late messages from it are ignored; the next run gets a new worker', () => {
    const { controller, workers } = setup();
    controller.run([job('A')]);
    controller.cancel();
    expect(controller.snapshot.status).toBe('cancelled');
    expect(workers[0]!.terminated).toBe(true);
    workers[0]!.reply({ type: 'done', jobId: 1, result: fixtureRun(), wallMs: 1 });
    expect(controller.snapshot.status).toBe('cancelled');
    controller.run([job('A')]);
    expect(workers).toHaveLength(2);
    expect(controller.snapshot.runId).toBe(2);
  });

  it('a new run while one is going replaces it (stale progress is dropped)', () => {
    const { controller, workers } = setup();
    controller.run([job('A')]);
    controller.run([job('A', 9)]);
    workers[0]!.reply({ type: 'progress', jobId: 1, nowS: 600, durationS: 600 });
    expect(controller.snapshot.progress).toBe(0);
    workers[1]!.reply({ type: 'progress', jobId: 2, nowS: 60, durationS: 600 });
    expect(controller.snapshot.progress).toBeCloseTo(0.1);
  });

  it('an error in the worker ends the run with the message', () => {
    const { controller, workers } = setup();
    controller.run([job('A')]);
    workers[0]!.reply({ type: 'error', jobId: 1, message: 'boom' });
    expect(controller.snapshot.status).toBe('error');
    expect(controller.snapshot.error).toBe('boom');
    expect(workers[0]!.terminated).toBe(true);
  });

  it('the host going away stops the worker', () => {
    const { controller, workers } = setup();
    controller.run([job('A')]);
    controller.hostDisconnected();
    expect(workers[0]!.terminated).toBe(true);
  });
});

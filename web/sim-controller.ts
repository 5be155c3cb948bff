/**
 * SimController: a Lit ReactiveController that owns the simulation worker.
 *
 * The host asks for runs (one, or two in compare mode, run one after the other) and renders
 * the controller's `snapshot`, an immutable object replaced on every change (status,
 * progress, results). Cancelling terminates the worker outright, so even a slice that is
 * taking long stops at once; the next run starts a fresh worker.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { RunResult, Scenario } from '../core/index.ts';
import type { FromWorker, ToWorker } from './worker-protocol.ts';

export type RunStatus = 'idle' | 'running' | 'done' | 'cancelled' | 'error';

export interface RunJob {
  label: string;
  scenario: Scenario;
  seed: number;
}

export interface RunSnapshot {
  readonly status: RunStatus;
  /** 0..1 over all jobs of the run. */
  readonly progress: number;
  /** Simulated time reached in the current job. */
  readonly nowS: number;
  readonly jobIndex: number;
  readonly jobs: readonly { label: string; seed: number }[];
  readonly results: readonly RunResult[];
  readonly error: string | null;
  readonly wallMs: number;
  /** Increases with every new run, so views can tell a new result from the same one. */
  readonly runId: number;
}

const IDLE: RunSnapshot = { status: 'idle', progress: 0, nowS: 0, jobIndex: 0, jobs: [], results: [], error: null, wallMs: 0, runId: 0 };

export type WorkerFactory = () => Worker;

export const defaultWorkerFactory: WorkerFactory = () =>
  new Worker(new URL('./sim.worker.ts', import.meta.url), { type: 'module', name: 'elbsim-simulation' });

export class SimController implements ReactiveController {
  snapshot: RunSnapshot = IDLE;
  private worker: Worker | null = null;
  /** The worker has run nothing yet (prewarmed, or just started): a run may take it as it is. */
  private fresh = false;
  private jobs: RunJob[] = [];
  private jobId = 0;
  private results: RunResult[] = [];
  private wallMs = 0;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly createWorker: WorkerFactory = defaultWorkerFactory,
    private readonly onFinished?: (snapshot: RunSnapshot) => void,
  ) {
    host.addController(this);
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    this.stopWorker();
  }

  get running(): boolean {
    return this.snapshot.status === 'running';
  }

  /**
   * Starts the worker before the first run is asked for, so that its script loads and compiles
   * on its own thread while the page parses the scenario and renders (the app calls this as it
   * connects; a share link's run then starts on a worker that is ready).
   */
  prewarm(): void {
    this.ensureWorker();
  }

  /** Starts a run of one or more jobs, cancelling any run in progress (a worker that has run nothing is kept). */
  run(jobs: RunJob[]): void {
    if (!this.fresh) this.stopWorker();
    this.jobs = jobs;
    this.results = [];
    this.wallMs = 0;
    this.update({
      status: 'running',
      progress: 0,
      nowS: 0,
      jobIndex: 0,
      jobs: jobs.map((j) => ({ label: j.label, seed: j.seed })),
      results: [],
      error: null,
      wallMs: 0,
      runId: this.snapshot.runId + 1,
    });
    this.startJob(0);
  }

  cancel(): void {
    if (!this.running) return;
    this.stopWorker();
    this.update({ ...this.snapshot, status: 'cancelled' });
  }

  private startJob(index: number): void {
    const job = this.jobs[index]!;
    const worker = this.ensureWorker();
    const message: ToWorker = { type: 'run', jobId: ++this.jobId, scenario: job.scenario, seed: job.seed };
    worker.postMessage(message);
    this.fresh = false;
    this.update({ ...this.snapshot, jobIndex: index, nowS: 0 });
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = this.createWorker();
    worker.addEventListener('message', (event: MessageEvent<FromWorker>) => this.onMessage(event.data));
    worker.addEventListener('error', (event: ErrorEvent) => {
      event.preventDefault();
      // A prewarmed worker that fails before any run is asked for is dropped quietly: the next
      // run starts a fresh one and reports its own failure, instead of an error on an idle page.
      if (!this.running) {
        if (worker === this.worker) this.stopWorker();
        return;
      }
      this.fail(event.message || 'the simulation worker failed to start');
    });
    worker.addEventListener('messageerror', () => this.fail('the simulation result could not be received'));
    this.worker = worker;
    this.fresh = true;
    return worker;
  }

  private stopWorker(): void {
    this.worker?.terminate();
    this.worker = null;
    this.fresh = false;
  }

  private onMessage(message: FromWorker): void {
    if (message.jobId !== this.jobId || !this.running) return; // a stale job
    const index = this.snapshot.jobIndex;
    const count = this.jobs.length;
    switch (message.type) {
      case 'progress': {
        const fraction = message.durationS > 0 ? message.nowS / message.durationS : 1;
        this.update({ ...this.snapshot, nowS: message.nowS, progress: (index + fraction) / count });
        break;
      }
      case 'done': {
        this.results = [...this.results, message.result];
        this.wallMs += message.wallMs;
        if (index + 1 < count) {
          this.update({ ...this.snapshot, results: this.results, progress: (index + 1) / count });
          this.startJob(index + 1);
        } else {
          this.update({ ...this.snapshot, status: 'done', progress: 1, results: this.results, wallMs: this.wallMs });
          this.onFinished?.(this.snapshot);
        }
        break;
      }
      case 'error':
        this.fail(message.message);
        break;
    }
  }

  private fail(message: string): void {
    this.stopWorker();
    this.update({ ...this.snapshot, status: 'error', error: message });
  }

  private update(next: RunSnapshot): void {
    this.snapshot = Object.freeze(next);
    this.host.requestUpdate();
  }
}

/**
 * Named random streams forked from one master seed.
 *
 * Each subsystem (arrivals, service, routing, health, faults, scaling, dns, …) draws from its own
 * stream, seeded from `<master seed>/<name>`, so extra draws in one place never shift the draws
 * of another, and two variants of a scenario run with the same seed see the same traffic (common
 * random numbers, a fair A/B). The generator is Baagoe's Alea as seedrandom implements it,
 * identical in Node and in the browser: seedrandom seeds it (its Mash of the name) and hands
 * over the state; the draws themselves run in `AleaStream`, a class with numeric fields, so the
 * hot path calls one monomorphic method per draw instead of two closures.
 */
// Alea's module alone: the package's index also loads its five other generators and node:crypto
// (about 5 ms of every start-up) for autoseeding, which elbsim never uses.
import alea from 'seedrandom/lib/alea.js';

export interface RandomStream {
  readonly name: string;
  /** A uniform draw in [0, 1). */
  next(): number;
}

export type StreamName = 'arrivals' | 'clients' | 'service' | 'routing' | 'health' | 'faults' | 'scaling' | 'dns' | 'boot' | 'requests' | 'forward' | 'spot';

export class RandomStreams {
  private readonly streams = new Map<string, RandomStream>();

  constructor(readonly seed: number) {}

  /** The stream with this name; the same object on every call. */
  get(name: StreamName | `${StreamName}:${string}`): RandomStream {
    let stream = this.streams.get(name);
    if (!stream) {
      stream = new AleaStream(name, `${this.seed}/${name}`);
      this.streams.set(name, stream);
    }
    return stream;
  }
}

/** Alea's generator step, exactly as seedrandom's `alea` computes it, on fields of its own. */
export class AleaStream implements RandomStream {
  private c: number;
  private s0: number;
  private s1: number;
  private s2: number;

  constructor(
    readonly name: string,
    seed: string,
  ) {
    const state = alea(seed, { state: true }).state();
    this.c = state.c;
    this.s0 = state.s0;
    this.s1 = state.s1;
    this.s2 = state.s2;
  }

  next(): number {
    const t = 2091639 * this.s0 + this.c * 2.3283064365386963e-10; // 2^-32
    this.s0 = this.s1;
    this.s1 = this.s2;
    this.c = t | 0;
    return (this.s2 = t - this.c);
  }
}

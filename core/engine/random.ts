/**
 * Named random streams forked from one master seed.
 *
 * Each subsystem (arrivals, service, routing, health, faults, scaling, dns, …) draws from its own
 * stream, seeded from `<master seed>/<name>`, so extra draws in one place never shift the draws
 * of another, and two variants of a scenario run with the same seed see the same traffic (common
 * random numbers, a fair A/B). The generator is seedrandom's Alea: fast, and identical in Node
 * and in the browser.
 */
import seedrandom from 'seedrandom';

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
      const prng = seedrandom.alea(`${this.seed}/${name}`);
      stream = { name, next: () => prng() };
      this.streams.set(name, stream);
    }
    return stream;
  }
}

/**
 * Samplers for the scenario's distributions (contract section 1): constant, exponential,
 * lognormal given by its mean and coefficient of variation, and uniform. All values in seconds.
 *
 * A sampler is one class with numeric fields and a switch on its kind, not a closure per
 * distribution: every call site on the hot path (`sampler.draw()`) sees one shape and one
 * method, whatever distributions the scenario mixes. The draws are the classical exact
 * methods: the ziggurat for the exponential (ziggurat.ts: one uniform per value, nearly always
 * without a logarithm), one uniform per uniform value and Box–Muller (both values of each pair)
 * for the normal under the lognormal, so a change here is loud in every golden.
 */
import type { Distribution } from '../scenario/types.ts';
import type { RandomStream } from './random.ts';
import { exp1 } from './ziggurat.ts';

const CONSTANT = 0;
const EXPONENTIAL = 1;
const UNIFORM = 2;
const LOGNORMAL = 3;

export class Sampler {
  /** Box–Muller's second value, kept for the next lognormal draw. */
  private spare = 0;
  private hasSpare = false;

  private constructor(
    private readonly kind: number,
    /** constant: the value; exponential: the mean; uniform: the minimum; lognormal: mu. */
    private readonly a: number,
    /** uniform: the width; lognormal: sigma. */
    private readonly b: number,
    private readonly stream: RandomStream,
  ) {}

  static of(d: Distribution, stream: RandomStream): Sampler {
    switch (d.distribution) {
      case 'constant':
        return new Sampler(CONSTANT, d.value, 0, stream);
      case 'exponential':
        return new Sampler(EXPONENTIAL, d.mean, 0, stream);
      case 'uniform':
        return new Sampler(UNIFORM, d.min, d.max - d.min, stream);
      case 'lognormal': {
        // X = exp(mu + sigma Z) has mean exp(mu + sigma²/2) and cv² = exp(sigma²) − 1.
        const sigma2 = Math.log(1 + d.cv * d.cv);
        return new Sampler(LOGNORMAL, Math.log(d.mean) - sigma2 / 2, Math.sqrt(sigma2), stream);
      }
    }
  }

  draw(): number {
    switch (this.kind) {
      case EXPONENTIAL:
        return this.a * exp1(this.stream);
      case CONSTANT:
        return this.a;
      case UNIFORM:
        return this.a + this.b * this.stream.next();
      default:
        return Math.exp(this.a + this.b * this.normal());
    }
  }

  /** A standard normal value: Box–Muller, using both values of each pair. */
  private normal(): number {
    if (this.hasSpare) {
      this.hasSpare = false;
      return this.spare;
    }
    const u1 = 1 - this.stream.next();
    const u2 = this.stream.next();
    const r = Math.sqrt(-2 * Math.log(u1));
    this.spare = r * Math.sin(2 * Math.PI * u2);
    this.hasSpare = true;
    return r * Math.cos(2 * Math.PI * u2);
  }
}

export function makeSampler(d: Distribution, stream: RandomStream): Sampler {
  return Sampler.of(d, stream);
}

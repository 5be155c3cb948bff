/**
 * Samplers for the scenario's distributions (contract section 1): constant, exponential,
 * lognormal given by its mean and coefficient of variation, and uniform. All values in seconds.
 * A sampler is a closure over its random stream, so the hot path calls one function per draw.
 */
import type { Distribution } from '../scenario/types.ts';
import type { RandomStream } from './random.ts';

export type Sampler = () => number;

export function makeSampler(d: Distribution, stream: RandomStream): Sampler {
  switch (d.distribution) {
    case 'constant': {
      const v = d.value;
      return () => v;
    }
    case 'exponential': {
      const mean = d.mean;
      return () => -mean * Math.log(1 - stream.next());
    }
    case 'uniform': {
      const lo = d.min;
      const width = d.max - d.min;
      return () => lo + width * stream.next();
    }
    case 'lognormal': {
      // X = exp(mu + sigma Z) has mean exp(mu + sigma²/2) and cv² = exp(sigma²) − 1.
      const sigma2 = Math.log(1 + d.cv * d.cv);
      const sigma = Math.sqrt(sigma2);
      const mu = Math.log(d.mean) - sigma2 / 2;
      const normal = standardNormal(stream);
      return () => Math.exp(mu + sigma * normal());
    }
  }
}

/** Box–Muller, using both values of each pair. */
function standardNormal(stream: RandomStream): Sampler {
  let spare = 0;
  let hasSpare = false;
  return () => {
    if (hasSpare) {
      hasSpare = false;
      return spare;
    }
    const u1 = 1 - stream.next();
    const u2 = stream.next();
    const r = Math.sqrt(-2 * Math.log(u1));
    spare = r * Math.sin(2 * Math.PI * u2);
    hasSpare = true;
    return r * Math.cos(2 * Math.PI * u2);
  };
}

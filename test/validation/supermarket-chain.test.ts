/**
 * The independent supermarket jump-chain simulation is itself checked before it is used as a
 * reference: it must reproduce M/M/1 and validation.md's finite-n numbers. Seeds 1-5, 10% of the
 * events discarded as warm-up.
 */
import { describe, expect, it } from 'vitest';
import { supermarketChainResponseTime, type SupermarketChainOptions } from './supermarket-chain.ts';
import { meanCi95 } from './theory.ts';

function replicate(options: Omit<SupermarketChainOptions, 'seed' | 'warmupFraction'>): ReturnType<typeof meanCi95> {
  return meanCi95([1, 2, 3, 4, 5].map((seed) => supermarketChainResponseTime({ ...options, warmupFraction: 0.1, seed })));
}

describe('supermarket jump chain (reference for power of two choices)', () => {
  it('1 server, d 1, lambda 0.8: within 2% of M/M/1 = 5 (5 seeds x 2M events)', () => {
    const ci = replicate({ servers: 1, lambda: 0.8, d: 1, distinctChoices: false, events: 2e6 });
    expect(Math.abs(ci.mean / 5 - 1)).toBeLessThan(0.02);
  });

  it('100 servers, d 2 with replacement, lambda 0.9: within 1% of validation.md 2.6600 (5 seeds x 10M events)', () => {
    const ci = replicate({ servers: 100, lambda: 0.9, d: 2, distinctChoices: false, events: 1e7 });
    console.log(`jump chain, n 100, d 2 with replacement, lambda 0.9: ${ci.mean.toFixed(4)} +- ${ci.halfWidth.toFixed(4)} (validation.md: 2.6600 +- 0.0050)`);
    expect(Math.abs(ci.mean / 2.66 - 1)).toBeLessThan(0.01);
  });

  it('100 servers, d 2 with replacement, lambda 0.5: within 1% of validation.md 1.2719 (5 seeds x 2M events)', () => {
    const ci = replicate({ servers: 100, lambda: 0.5, d: 2, distinctChoices: false, events: 2e6 });
    expect(Math.abs(ci.mean / 1.2719 - 1)).toBeLessThan(0.01);
  });

  it('distinct choices do slightly better than independent ones: n 10, d 2, lambda 0.9, same seeds (5 seeds x 2M events)', () => {
    const independent = replicate({ servers: 10, lambda: 0.9, d: 2, distinctChoices: false, events: 2e6 });
    const distinct = replicate({ servers: 10, lambda: 0.9, d: 2, distinctChoices: true, events: 2e6 });
    expect(distinct.high).toBeLessThan(independent.low);
  });

  it('refuses d > n with distinct choices', () => {
    expect(() => supermarketChainResponseTime({ servers: 1, lambda: 0.5, d: 2, distinctChoices: true, events: 10, warmupFraction: 0, seed: 1 })).toThrow(RangeError);
  });
});

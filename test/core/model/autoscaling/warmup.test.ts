/**
 * Per-policy warm-up against the one group metric (AS-DIW, AS-WARMCOOL): the bound that makes
 * keeping one exclusion per instance acceptable.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { groupMetricWarmupS, stillWarming } from '../../../../core/model/autoscaling/warmup.ts';

describe('group metric warm-up against each policy warm-up', () => {
  it('the metric leaves an instance out at least as long as any policy counts it warming, and at most (longest − own) longer', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3600 }), fc.array(fc.integer({ min: 0, max: 3600 }), { minLength: 1, maxLength: 6 }), fc.integer({ min: 0, max: 7200 }), (dflt, own, inService) => {
        const metric = groupMetricWarmupS(dflt, own);
        for (const w of own) {
          expect(metric).toBeGreaterThanOrEqual(w);
          expect(metric - w).toBeLessThanOrEqual(Math.max(...own) - Math.min(...own) + (metric - Math.max(...own)));
          // Where policy and metric disagree, it is only during (inService + own, inService + metric].
          for (let now = inService; now <= inService + metric + 1; now += 97) {
            const policy = stillWarming(inService, w, now);
            const excluded = stillWarming(inService, metric, now);
            if (policy) expect(excluded).toBe(true);
            if (excluded && !policy) expect(now - inService).toBeLessThan(metric);
          }
        }
        expect(metric).toBe(Math.max(...own));
      }),
    );
  });

  it('with one warm-up for every policy there is no difference; with no policy, DefaultInstanceWarmup', () => {
    expect(groupMetricWarmupS(180, [180, 180])).toBe(180);
    expect(groupMetricWarmupS(180, [])).toBe(180);
    expect(groupMetricWarmupS(0, [60, 1800])).toBe(1800);
  });
});

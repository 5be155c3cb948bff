import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { bucketByLog, bucketOf, Histogram, RELATIVE_ACCURACY } from '../../../core/report/histogram.ts';
import { RandomStreams } from '../../../core/engine/random.ts';

describe('latency histogram', () => {
  const values = (() => {
    const s = new RandomStreams(5).get('service');
    return Array.from({ length: 100_000 }, () => Math.exp(8 * s.next() - 3)); // 0.05 ms .. 150 s
  })();
  const sorted = [...values].sort((a, b) => a - b);
  const exact = (q: number) => sorted[Math.floor(q * (sorted.length - 1))]!;

  it(`quantiles within ${RELATIVE_ACCURACY * 100} % relative error over six decades`, () => {
    const h = new Histogram();
    values.forEach((v) => h.record(v));
    for (const q of [0, 0.01, 0.1, 0.5, 0.9, 0.99, 0.999, 1]) {
      expect(Math.abs(h.quantile(q) / exact(q) - 1)).toBeLessThanOrEqual(RELATIVE_ACCURACY + 1e-9);
    }
  });

  it('merging two halves gives the same quantiles as recording everything in one', () => {
    const whole = new Histogram();
    const a = new Histogram();
    const b = new Histogram();
    values.forEach((v, i) => {
      whole.record(v);
      (i % 2 ? a : b).record(v);
    });
    a.merge(b);
    for (const q of [0.5, 0.9, 0.99]) expect(a.quantile(q)).toBe(whole.quantile(q));
    expect(a.count).toBe(whole.count);
  });

  it('is empty after clear, and an empty histogram has no quantile', () => {
    const h = new Histogram();
    h.record(3);
    h.clear();
    expect(h.count).toBe(0);
    expect(h.quantile(0.5)).toBeNaN();
  });

  it('every quantile is the bucket a scan up from the lowest bucket finds (the scan down from the top above the median agrees), through records, merges and clears', () => {
    // The definition, written out: the first bucket whose count with every value below it passes q (n − 1).
    const reference = (h: Histogram, q: number) => {
      if (h.count === 0) return NaN;
      const rank = q * (h.count - 1);
      let seen = h.zeros;
      if (seen > rank) return 0;
      for (let i = 0; i < h.counts.length; i++) {
        seen += h.counts[i]!;
        if (seen > rank) return i;
      }
      return -1;
    };
    const representative = (h: Histogram, q: number) => {
      const i = reference(h, q);
      if (!(i > 0)) return i; // NaN (empty), 0 (a zero), or a bucket index 0 (never reached above 1 µs)
      const one = new Histogram();
      one.recordSlot(i);
      return one.quantile(0.5);
    };
    const value = fc.oneof(fc.constant(0), fc.double({ min: 1e-4, max: 1e8, noNaN: true }));
    fc.assert(
      fc.property(fc.array(value, { maxLength: 300 }), fc.array(value, { maxLength: 300 }), fc.boolean(), (a, b, clearFirst) => {
        const h = new Histogram();
        const other = new Histogram();
        for (const v of a) h.record(v);
        if (clearFirst) h.clear();
        for (const v of b) other.record(v);
        h.merge(other);
        for (const v of a.slice(0, 20)) h.record(v);
        for (const q of [0, 0.01, 0.25, 0.5, 0.5000001, 0.9, 0.99, 0.999, 1]) {
          const got = h.quantile(q);
          const want = representative(h, q);
          if (!(Object.is(got, want) || got === want)) return false;
        }
        return true;
      }),
      { numRuns: 300, seed: 20261202 },
    );
  });

  describe('the bucket from the float\'s bits', () => {
    const step = (x: number, up: boolean) => {
      const b = new Float64Array([x]);
      const u = new BigUint64Array(b.buffer);
      u[0] = up ? u[0]! + 1n : u[0]! - 1n;
      return b[0]!;
    };

    it('agrees with the logarithm formula on both sides of every bucket boundary, from 1 µs to the last bucket', () => {
      let boundaries = 0;
      let mismatches = 0;
      // Walk the boundaries: from a value in bucket i, find the least double the formula puts higher.
      let x = 1e-3;
      for (let i = bucketByLog(x); i < 1399; i = bucketByLog(x)) {
        let hi = x * 1.03; // more than one bucket's width (γ ≈ 1.0202) above
        while (bucketByLog(hi) <= i) hi *= 1.03;
        let lo = x;
        for (;;) {
          // bisect on the doubles between lo (bucket i) and hi (above i)
          const mid = (lo + hi) / 2;
          if (mid === lo || mid === hi) break;
          if (bucketByLog(mid) <= i) lo = mid;
          else hi = mid;
        }
        while (step(lo, true) !== hi) {
          const next = step(lo, true);
          if (bucketByLog(next) <= i) lo = next;
          else hi = next;
        }
        // lo is the last double of bucket i, hi the first of the next
        if (bucketOf(lo) !== bucketByLog(lo) || bucketOf(hi) !== bucketByLog(hi)) mismatches++;
        if (bucketOf(step(hi, true)) !== bucketByLog(step(hi, true)) || bucketOf(step(lo, false)) !== bucketByLog(step(lo, false))) mismatches++;
        boundaries++;
        x = hi;
      }
      expect(boundaries).toBeGreaterThan(1000);
      expect(mismatches).toBe(0);
      expect(bucketOf(x)).toBe(1399);
      expect(bucketOf(1e12)).toBe(1399);
      expect(bucketOf(Infinity)).toBe(1399);
      expect(bucketOf(1e-3)).toBe(bucketByLog(1e-3));
    });

    it('agrees with the logarithm formula on a million values spread over fifteen decades', () => {
      const s = new RandomStreams(11).get('service');
      let mismatches = 0;
      for (let k = 0; k < 1_000_000; k++) {
        const v = 1e-3 * Math.pow(10, 15 * s.next());
        if (bucketOf(v) !== bucketByLog(v)) mismatches++;
      }
      expect(mismatches).toBe(0);
    });
  });
});

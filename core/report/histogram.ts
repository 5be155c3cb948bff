/**
 * A fixed-bucket latency histogram with bounded relative error, in the manner of DDSketch
 * (Masson, Rim & Lee, VLDB 2019): bucket i holds values in (γ^(i−1), γ^i] with
 * γ = (1 + α) / (1 − α), and a quantile is answered with the bucket's representative
 * 2γ^i / (γ + 1), which is within α of every value in the bucket. With α = 1 % and values from
 * 1 µs to about 4 months in milliseconds, 1,400 buckets suffice: memory is constant, two
 * histograms merge by adding counts.
 *
 * Recording takes no logarithm: the bucket comes from the value's bits (`bucketOf`). The
 * exponent and the top 6 mantissa bits of the double cut each binade into 64 slices, none wider
 * than log2(1 + 1/64) ≈ 0.022 in log2, less than a bucket's log2 γ ≈ 0.029, so a slice holds at
 * most one bucket boundary. A table gives each slice its lowest bucket and the exact double where
 * the next bucket starts (worked out the first time a value falls in the slice); one comparison
 * picks between the two. The boundaries are
 * those of the logarithm formula (`bucketByLog`), found double by double when the table is
 * built, so every value lands in the bucket that formula gives (tested at every boundary).
 *
 * (Datadog's @datadog/sketches-js implements the same sketch, but its lazy `require` of an
 * undeclared protobufjs dependency breaks browser bundles, so the core carries its own.)
 */

export const RELATIVE_ACCURACY = 0.01;
const GAMMA = (1 + RELATIVE_ACCURACY) / (1 - RELATIVE_ACCURACY);
const LOG_GAMMA = Math.log(GAMMA);
/** Smallest value told apart from zero (in the recorded unit, here ms): 1 µs. */
const MIN_VALUE = 1e-3;
const OFFSET = Math.floor(Math.log(MIN_VALUE) / LOG_GAMMA);
const BUCKETS = 1400;

/** The bucket of `value` (≥ MIN_VALUE) by the logarithm: the definition `bucketOf` reproduces. */
export function bucketByLog(value: number): number {
  const i = Math.ceil(Math.log(value) / LOG_GAMMA) - OFFSET;
  return i >= BUCKETS ? BUCKETS - 1 : i;
}

// The double's high 32 bits: sign, 11 exponent bits, the top 20 mantissa bits.
const bits = new Float64Array(1);
const words = new Uint32Array(bits.buffer);
const HIGH = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0; // little-endian: word 1
/** A slice: the exponent and the top 6 mantissa bits, i.e. the high word shifted right by 14. */
const sliceOf = (value: number) => {
  bits[0] = value;
  return words[HIGH]! >>> 14;
};
const FIRST_SLICE = sliceOf(MIN_VALUE);

/** The double next to positive x, above or below. */
function nextDouble(x: number, up: boolean): number {
  bits[0] = x;
  const low = words[1 - HIGH]!;
  if (up) {
    words[1 - HIGH] = low + 1;
    if (low === 0xffffffff) words[HIGH]!++;
  } else {
    words[1 - HIGH] = low - 1;
    if (low === 0) words[HIGH]!--;
  }
  return bits[0]!;
}

/** The least double ≥ MIN_VALUE in bucket ≥ i by the logarithm formula (i above the first bucket). */
function bucketStart(i: number): number {
  let x = Math.pow(GAMMA, i - 1 + OFFSET); // about where bucket i − 1 ends
  while (x > MIN_VALUE && bucketByLog(x) >= i) x = nextDouble(x, false);
  while (bucketByLog(x) < i) x = nextDouble(x, true);
  return x;
}

/** Slices from FIRST_SLICE up to the one where the last bucket starts. */
const SLICES = sliceOf(bucketStart(BUCKETS - 1)) - FIRST_SLICE + 1;
/** Per slice: its lowest bucket, and where the bucket after it starts (Infinity: the last bucket; NaN: not worked out yet). */
const sliceBucket = new Int32Array(SLICES);
const sliceNext = new Float64Array(SLICES).fill(NaN);

/** Works slice k out (once per slice a run's values reach: building all of them costs milliseconds of start-up). */
function fillSlice(k: number): void {
  // The slice's lowest double: its high word with the low 14 bits and the low word zero.
  words[HIGH] = (FIRST_SLICE + k) << 14;
  words[1 - HIGH] = 0;
  const b = bucketByLog(Math.max(bits[0]!, MIN_VALUE));
  sliceBucket[k] = b;
  sliceNext[k] = b >= BUCKETS - 1 ? Infinity : bucketStart(b + 1);
}

/** The bucket of `value` (≥ MIN_VALUE): `bucketByLog(value)`, from the value's bits. */
export function bucketOf(value: number): number {
  bits[0] = value;
  const k = (words[HIGH]! >>> 14) - FIRST_SLICE;
  if (k >= SLICES) return BUCKETS - 1;
  if (sliceNext[k] !== sliceNext[k]) fillSlice(k);
  return value >= sliceNext[k]! ? sliceBucket[k]! + 1 : sliceBucket[k]!;
}

/** Where a histogram records `value`: its bucket, or -1 below MIN_VALUE (counted as a zero). */
export function slotOf(value: number): number {
  return value < MIN_VALUE ? -1 : bucketOf(value);
}

/** Each bucket's representative, 2γ^i / (γ + 1): the value a quantile in bucket i answers with. */
const REPRESENTATIVE = new Float64Array(BUCKETS);
for (let i = 0; i < BUCKETS; i++) REPRESENTATIVE[i] = (2 * Math.pow(GAMMA, i + OFFSET)) / (GAMMA + 1);

export class Histogram {
  readonly counts = new Float64Array(BUCKETS);
  count = 0;
  zeros = 0;
  private lo = BUCKETS;
  private hi = -1;
  /**
   * The buckets holding a value, in the order they got their first: a period's histogram holds
   * a few hundred values spread over several hundred buckets, so merging it and clearing it visit
   * those buckets only, not every bucket between its lowest and its highest.
   */
  private readonly used = new Uint16Array(BUCKETS); // bucket indexes, all below 1,400
  private usedCount = 0;

  record(value: number): void {
    this.recordSlot(slotOf(value));
  }

  /** Records a value by its `slotOf`: a value recorded in several histograms is placed once. */
  recordSlot(i: number): void {
    this.count++;
    if (i < 0) {
      this.zeros++;
      return;
    }
    if (this.counts[i]!++ === 0) {
      this.used[this.usedCount++] = i;
      if (i < this.lo) this.lo = i;
      if (i > this.hi) this.hi = i;
    }
  }

  /**
   * The q-quantile (0 ≤ q ≤ 1) within the relative accuracy; NaN when empty: the first bucket
   * whose count, with every value below it, passes the rank q (n − 1). Above the median the scan
   * runs down from the highest bucket (the p99 of a period is a few buckets from its top); every
   * running count is an exact integer either way, so both directions find the same bucket.
   */
  quantile(q: number): number {
    if (this.count === 0) return NaN;
    const rank = q * (this.count - 1);
    if (this.zeros > rank) return 0;
    const counts = this.counts;
    if (q > 0.5) {
      // Values at or below bucket i: the total less the counts above i.
      let i = this.hi;
      let atOrBelow = this.count;
      while (i > this.lo && atOrBelow - counts[i]! > rank) atOrBelow -= counts[i--]!;
      return REPRESENTATIVE[i]!;
    }
    let seen = this.zeros;
    for (let i = this.lo; i <= this.hi; i++) {
      seen += counts[i]!;
      if (seen > rank) return REPRESENTATIVE[i]!;
    }
    return REPRESENTATIVE[this.hi]!;
  }

  /** Adds another histogram's counts to this one. */
  merge(other: Histogram): void {
    this.count += other.count;
    this.zeros += other.zeros;
    const from = other.counts;
    const to = this.counts;
    for (let k = 0; k < other.usedCount; k++) {
      const i = other.used[k]!;
      if (to[i] === 0) this.used[this.usedCount++] = i;
      to[i]! += from[i]!;
    }
    if (other.lo < this.lo) this.lo = other.lo;
    if (other.hi > this.hi) this.hi = other.hi;
  }

  clear(): void {
    for (let k = 0; k < this.usedCount; k++) this.counts[this.used[k]!] = 0;
    this.usedCount = 0;
    this.count = this.zeros = 0;
    this.lo = BUCKETS;
    this.hi = -1;
  }
}

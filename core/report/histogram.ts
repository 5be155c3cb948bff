/**
 * A fixed-bucket latency histogram with bounded relative error, in the manner of DDSketch
 * (Masson, Rim & Lee, VLDB 2019): bucket i holds values in (γ^(i−1), γ^i] with
 * γ = (1 + α) / (1 − α), and a quantile is answered with the bucket's representative
 * 2γ^i / (γ + 1), which is within α of every value in the bucket. With α = 1 % and values from
 * 1 µs to about 4 months in milliseconds, 1,400 buckets suffice: memory is constant, two
 * histograms merge by adding counts, and recording is one logarithm.
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

export class Histogram {
  readonly counts = new Float64Array(BUCKETS);
  count = 0;
  zeros = 0;
  private lo = BUCKETS;
  private hi = -1;

  record(value: number): void {
    this.count++;
    if (value < MIN_VALUE) {
      this.zeros++;
      return;
    }
    let i = Math.ceil(Math.log(value) / LOG_GAMMA) - OFFSET;
    if (i >= BUCKETS) i = BUCKETS - 1;
    this.counts[i]!++;
    if (i < this.lo) this.lo = i;
    if (i > this.hi) this.hi = i;
  }

  /** The q-quantile (0 ≤ q ≤ 1) within the relative accuracy; NaN when empty. */
  quantile(q: number): number {
    if (this.count === 0) return NaN;
    const rank = q * (this.count - 1);
    let seen = this.zeros;
    if (seen > rank) return 0;
    for (let i = this.lo; i <= this.hi; i++) {
      seen += this.counts[i]!;
      if (seen > rank) return (2 * Math.pow(GAMMA, i + OFFSET)) / (GAMMA + 1);
    }
    return (2 * Math.pow(GAMMA, this.hi + OFFSET)) / (GAMMA + 1);
  }

  /** Adds another histogram's counts to this one. */
  merge(other: Histogram): void {
    this.count += other.count;
    this.zeros += other.zeros;
    for (let i = other.lo; i <= other.hi; i++) this.counts[i]! += other.counts[i]!;
    if (other.lo < this.lo) this.lo = other.lo;
    if (other.hi > this.hi) this.hi = other.hi;
  }

  clear(): void {
    if (this.hi >= this.lo) this.counts.fill(0, this.lo, this.hi + 1);
    this.count = this.zeros = 0;
    this.lo = BUCKETS;
    this.hi = -1;
  }
}

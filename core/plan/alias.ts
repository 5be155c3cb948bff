/**
 * Walker's alias method: a draw from a fixed discrete distribution in O(1) with one uniform
 * number and no allocation, for a weighted forward action's choice of target group (weights
 * 0–999, traffic proportional to weight: 10/20 is 1:2; a weight of 0 gets nothing).
 */
export class AliasTable {
  readonly size: number;
  private readonly probability: Float64Array;
  private readonly alias: Int32Array;

  /** `weights` must be >= 0 with a positive sum. */
  constructor(weights: readonly number[]) {
    const n = (this.size = weights.length);
    const total = weights.reduce((s, w) => s + w, 0);
    if (!(n > 0 && total > 0) || weights.some((w) => !(w >= 0))) throw new Error(`alias table: weights must be >= 0 with a positive sum, got [${weights.join(', ')}]`);
    this.probability = new Float64Array(n);
    this.alias = new Int32Array(n);
    const scaled = weights.map((w) => (w * n) / total);
    const small: number[] = [];
    const large: number[] = [];
    scaled.forEach((p, i) => (p < 1 ? small : large).push(i));
    while (small.length > 0 && large.length > 0) {
      const s = small.pop()!;
      const l = large[large.length - 1]!;
      this.probability[s] = scaled[s]!;
      this.alias[s] = l;
      scaled[l]! -= 1 - scaled[s]!;
      if (scaled[l]! < 1) small.push(large.pop()!);
    }
    // What is left has a scaled weight of 1 up to rounding, except a weight of 0 that rounding
    // left unpaired: it must never be drawn, so it hands its column to a weighted outcome.
    const positive = weights.findIndex((w) => w > 0);
    for (const i of [...small, ...large]) {
      this.probability[i] = weights[i] === 0 ? 0 : 1;
      this.alias[i] = weights[i] === 0 ? positive : i;
    }
  }

  /** The outcome for a uniform draw u in [0, 1). */
  pick(u: number): number {
    const x = u * this.size;
    const column = Math.floor(x);
    return x - column < this.probability[column]! ? column : this.alias[column]!;
  }
}

/**
 * Exponential variates by Marsaglia and Tsang's ziggurat ("The Ziggurat Method for Generating
 * Random Variables", J. Stat. Software 5(8), 2000), 256 layers of equal area under e^(−x).
 *
 * One uniform draw gives 32 bits: the low 8 choose a layer, the high 24 a point across it. About
 * 98.9 % of draws fall inside the layer's rectangle under the curve and return at once (a table
 * compare and a multiply, no logarithm); the rest are tested against the curve itself, or, in
 * the base layer, drawn from the tail beyond R by the exponential's lack of memory. The layer
 * and the point come from separate bits, so the point is not tied to the layer index (the flaw
 * Doornik found when one integer serves both), and the result is exact in distribution up to
 * the 2^−24 grid across each layer. The goodness-of-fit tests (ziggurat.test.ts) check it.
 */
import type { RandomStream } from './random.ts';

/** Right edge of the base layer and the area of every layer (the paper's 256-layer constants). */
const R = 7.697117470131487;
const V = 3.949659822581572e-3;
/** Points across a layer: the 24 high bits of a draw. */
const POINTS = 16777216;

/** Per layer: the points inside the rectangle under the curve (k), the point spacing (w), e^(−x) at the layer's edge (f). */
const K = new Float64Array(256);
const W = new Float64Array(256);
const F = new Float64Array(256);
{
  let x = R;
  let outer = R;
  const q = V / Math.exp(-x);
  K[0] = Math.floor((x / q) * POINTS);
  K[1] = 0;
  W[0] = q / POINTS;
  W[255] = x / POINTS;
  F[0] = 1;
  F[255] = Math.exp(-x);
  for (let i = 254; i >= 1; i--) {
    x = -Math.log(V / x + Math.exp(-x));
    K[i + 1] = Math.floor((x / outer) * POINTS);
    outer = x;
    F[i] = Math.exp(-x);
    W[i] = x / POINTS;
  }
}

/** A standard exponential value (mean 1) from `stream`. */
export function exp1(stream: RandomStream): number {
  const bits = stream.next() * 4294967296; // the draw's 32 bits, exactly (Alea draws are multiples of 2^-32)
  const layer = bits & 255;
  const point = bits >>> 8;
  if (point < K[layer]!) return point * W[layer]!;
  return exp1Edge(stream, layer, point);
}

/** The draws that fall outside their layer's rectangle: the wedge under the curve, or the tail. */
function exp1Edge(stream: RandomStream, layer: number, point: number): number {
  for (;;) {
    if (layer === 0) return R - Math.log(1 - stream.next());
    const x = point * W[layer]!;
    if (F[layer]! + stream.next() * (F[layer - 1]! - F[layer]!) < Math.exp(-x)) return x;
    const bits = stream.next() * 4294967296;
    layer = bits & 255;
    point = bits >>> 8;
    if (point < K[layer]!) return point * W[layer]!;
  }
}

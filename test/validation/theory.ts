/**
 * Queueing theory the simulator must reproduce (reference: validation.md).
 *
 * Pure functions, no simulator code: M/M/1, M/M/c (Erlang C), cyclic round robin (E_N/M/1, a
 * GI/M/1 queue), Mitzenmacher's supermarket fixed point for power of d choices, and exact
 * join-the-shortest-queue for small N from the stationary distribution of its Markov chain.
 * Plus the Student t quantile for 95% confidence intervals across seeds.
 *
 * Time unit: whatever 1/mu is in. With mu = 1 the answers are in mean service times, which is how
 * the validation tests compare them with the simulator.
 */

function assertLoad(condition: boolean, message: string): void {
  if (!condition) throw new RangeError(message);
}

/** M/M/1 mean response time (waiting + service): T = 1/(mu - lambda). */
export function mm1ResponseTime(lambda: number, mu: number): number {
  assertLoad(lambda >= 0 && mu > 0 && lambda < mu, `M/M/1 needs 0 <= lambda < mu, got ${lambda}, ${mu}`);
  return 1 / (mu - lambda);
}

/**
 * Erlang B blocking probability for c servers and offered load a = lambda/mu, by the recursion
 * B_0 = 1, B_k = a B_{k-1} / (k + a B_{k-1}): no factorials or powers, so it stays accurate for
 * hundreds of servers.
 */
export function erlangB(c: number, a: number): number {
  assertLoad(Number.isInteger(c) && c >= 0 && a >= 0, `Erlang B needs integer c >= 0 and a >= 0, got ${c}, ${a}`);
  let b = 1;
  for (let k = 1; k <= c; k++) b = (a * b) / (k + a * b);
  return b;
}

/** Erlang C: probability an arrival waits in M/M/c; C = B_c / (1 - rho (1 - B_c)), rho = a/c. */
export function erlangC(c: number, a: number): number {
  assertLoad(Number.isInteger(c) && c >= 1 && a >= 0 && a < c, `Erlang C needs integer c >= 1 and 0 <= a < c, got ${c}, ${a}`);
  const b = erlangB(c, a);
  const rho = a / c;
  return b / (1 - rho * (1 - b));
}

/** M/M/c mean waiting time in queue: W_q = C(c, a) / (c mu - lambda). */
export function mmcWaitingTime(c: number, lambda: number, mu: number): number {
  return erlangC(c, lambda / mu) / (c * mu - lambda);
}

/** M/M/c mean response time: T = W_q + 1/mu. */
export function mmcResponseTime(c: number, lambda: number, mu: number): number {
  return mmcWaitingTime(c, lambda, mu) + 1 / mu;
}

/**
 * Random (Bernoulli) split of a Poisson stream over N equal servers: each is an M/M/1 queue with
 * arrival rate N rho mu / N, so T = 1/(mu (1 - rho)) whatever N is.
 */
export function randomSplitResponseTime(rho: number, mu: number): number {
  return mm1ResponseTime(rho * mu, mu);
}

/**
 * The GI/M/1 root for cyclic round robin over N servers: each server sees Erlang-N inter-arrival
 * times of mean N/lambda = 1/(rho mu), and sigma in (0, 1) solves
 *   sigma = (N rho / (N rho + 1 - sigma))^N        (independent of mu).
 *
 * g(sigma) = rhs(sigma) - sigma is convex with g(0) > 0 and g(1) = 0; for rho < 1 its slope at 1
 * is 1/rho - 1 > 0, so it has exactly one root in (0, 1) and is decreasing there. Newton's method
 * started at 0 on a convex decreasing function climbs monotonically to that root without ever
 * overshooting towards the trivial root at 1, and converges quadratically.
 */
export function enm1Sigma(n: number, rho: number): number {
  assertLoad(Number.isInteger(n) && n >= 1 && rho > 0 && rho < 1, `E_N/M/1 needs integer N >= 1 and 0 < rho < 1, got ${n}, ${rho}`);
  const a = n * rho;
  let sigma = 0;
  for (let iteration = 0; iteration < 200; iteration++) {
    const base = a / (a + 1 - sigma);
    const rhs = base ** n;
    const g = rhs - sigma;
    const slope = (n * rhs) / (a + 1 - sigma) - 1;
    if (!(slope < 0)) throw new Error(`E_N/M/1: Newton left the decreasing branch at sigma=${sigma}`);
    const next = sigma - g / slope;
    // The iterates increase until rounding takes over; stop when they no longer do.
    if (next - sigma <= 4 * Number.EPSILON) return Math.max(next, sigma);
    sigma = next;
  }
  throw new Error(`E_N/M/1: no convergence for N=${n}, rho=${rho}`);
}

/** Cyclic round robin over N servers (E_N/M/1 at each): T = 1/(mu (1 - sigma)). */
export function roundRobinResponseTime(n: number, rho: number, mu: number): number {
  return 1 / (mu * (1 - enm1Sigma(n, rho)));
}

/**
 * Mitzenmacher's supermarket model (n -> infinity), rate-1 servers, arrival rate lambda per
 * server, each arrival samples d servers and joins the shortest:
 *   T_d(lambda) = sum_{i >= 1} lambda^((d^i - d)/(d - 1)),      d = 1: 1/(1 - lambda).
 * The exponents grow like d^i, so the terms vanish doubly exponentially; the loop stops when a
 * term no longer changes the sum.
 */
export function supermarketResponseTime(lambda: number, d: number): number {
  assertLoad(Number.isInteger(d) && d >= 1 && lambda >= 0 && lambda < 1, `supermarket needs integer d >= 1 and 0 <= lambda < 1, got ${lambda}, ${d}`);
  if (d === 1) return 1 / (1 - lambda);
  if (lambda === 0) return 1;
  const logLambda = Math.log(lambda);
  let sum = 0;
  let dPower = d; // d^i
  for (let i = 1; i <= 200; i++) {
    const exponent = (dPower - d) / (d - 1);
    const term = Math.exp(exponent * logLambda);
    sum += term;
    if (term <= 1e-17 * sum) return sum;
    dPower *= d;
  }
  throw new Error(`supermarket: no convergence for lambda=${lambda}, d=${d}`);
}

export interface JsqSolution {
  /** Mean response time (Little's law on the accepted arrivals). */
  responseTime: number;
  /** Mean number in system. */
  meanInSystem: number;
  /** Probability an arrival finds every queue at the truncation level (lost); should be ~0. */
  blockingProbability: number;
  /** Number of states of the sorted (symmetric) chain. */
  states: number;
  /** Gauss-Seidel sweeps used. */
  sweeps: number;
  /** sum_j |(pi Q)_j| at the end: how well pi solves the balance equations. */
  residual: number;
}

/**
 * Exact join-the-shortest-queue for N identical exponential servers (mu = 1, one job in service
 * per server, FIFO), Poisson arrivals at rate lambda = N rho, ties broken uniformly.
 *
 * The servers are exchangeable, so the chain on sorted queue-length vectors (descending) is
 * Markov and gives the same mean: an arrival joins one of the shortest queues (whichever, the
 * sorted state is the same, which is why the tie rule does not change the mean); a queue of
 * length v > 0 completes at rate 1, so with k queues at length v the sorted state loses one v at
 * rate k. Each queue is truncated at `truncation`; an arrival that finds every queue full is lost
 * (reported as blockingProbability, negligible at the sizes used).
 *
 * Solved by Gauss-Seidel on the global balance equations pi_j out_j = sum_i pi_i q_ij, states in
 * increasing total, alternating forward and backward sweeps, each followed by an exact solve of
 * the aggregated birth-death chain of the total (see below), until the mean stops changing
 * (relative 1e-14) and the balance residual sum_j |(pi Q)_j| is below 1e-13.
 */
export function jsqSolve(n: number, rho: number, truncation: number): JsqSolution {
  assertLoad(Number.isInteger(n) && n >= 1 && n <= 4, `JSQ solver handles 1 <= N <= 4, got ${n}`);
  assertLoad(rho > 0 && rho < 1, `JSQ needs 0 < rho < 1, got ${rho}`);
  assertLoad(Number.isInteger(truncation) && truncation >= 1, `truncation must be a positive integer`);
  const lambda = n * rho;
  const k = truncation;

  // Enumerate sorted states (descending), ordered by total.
  const states: number[][] = [];
  const enumerate = (prefix: number[], max: number): void => {
    if (prefix.length === n) {
      states.push(prefix.slice());
      return;
    }
    for (let v = max; v >= 0; v--) {
      prefix.push(v);
      enumerate(prefix, v);
      prefix.pop();
    }
  };
  enumerate([], k);
  const total = (s: number[]): number => s.reduce((x, y) => x + y, 0);
  states.sort((x, y) => total(x) - total(y));
  const count = states.length;

  const base = k + 1;
  const code = (s: number[]): number => s.reduce((acc, v) => acc * base + v, 0);
  const indexOf = new Int32Array(base ** n).fill(-1);
  states.forEach((s, i) => (indexOf[code(s)] = i));
  const sortedIndex = (s: number[]): number => {
    const t = s.slice().sort((x, y) => y - x);
    const i = indexOf[code(t)];
    if (i === undefined || i < 0) throw new Error(`JSQ: state ${t.join(',')} not enumerated`);
    return i;
  };

  // Outgoing rates, incoming transitions (CSR), the occupancy and the blocked flag of each state.
  const outRate = new Float64Array(count);
  const occupancy = new Float64Array(count);
  const blocked = new Uint8Array(count);
  const incoming: Array<Array<[number, number]>> = states.map(() => []);
  states.forEach((s, i) => {
    occupancy[i] = total(s);
    const shortest = s[n - 1]!;
    if (shortest < k) {
      const next = s.slice();
      next[n - 1] = shortest + 1;
      incoming[sortedIndex(next)]!.push([i, lambda]);
      outRate[i]! += lambda;
    } else {
      blocked[i] = 1;
    }
    for (let q = 0; q < n; q++) {
      const v = s[q]!;
      if (v === 0 || (q > 0 && s[q - 1] === v)) continue; // one transition per distinct length
      let multiplicity = 0;
      for (const w of s) if (w === v) multiplicity++;
      const next = s.slice();
      next[q] = v - 1;
      incoming[sortedIndex(next)]!.push([i, multiplicity]);
      outRate[i]! += multiplicity;
    }
  });
  const inStart = new Int32Array(count + 1);
  incoming.forEach((list, j) => (inStart[j + 1] = inStart[j]! + list.length));
  const inFrom = new Int32Array(inStart[count]!);
  const inRate = new Float64Array(inStart[count]!);
  incoming.forEach((list, j) =>
    list.forEach(([from, rate], m) => {
      inFrom[inStart[j]! + m] = from;
      inRate[inStart[j]! + m] = rate;
    }),
  );

  const pi = new Float64Array(count).fill(1 / count);
  const update = (j: number): void => {
    let flow = 0;
    for (let m = inStart[j]!; m < inStart[j + 1]!; m++) flow += pi[inFrom[m]!]! * inRate[m]!;
    pi[j] = flow / outRate[j]!;
  };
  const normaliseAndMean = (): number => {
    let sum = 0;
    for (let j = 0; j < count; j++) sum += pi[j]!;
    let mean = 0;
    for (let j = 0; j < count; j++) {
      pi[j]! /= sum;
      mean += pi[j]! * occupancy[j]!;
    }
    return mean;
  };
  const residualOf = (): number => {
    let r = 0;
    for (let j = 0; j < count; j++) {
      let flow = 0;
      for (let m = inStart[j]!; m < inStart[j + 1]!; m++) flow += pi[inFrom[m]!]! * inRate[m]!;
      r += Math.abs(flow - pi[j]! * outRate[j]!);
    }
    return r;
  };

  // Aggregation by level (total number in system): the slow mode of this chain is the total,
  // which behaves like a birth-death process. After each sweep, solve that birth-death chain
  // exactly with the current within-level shape and rescale each level to it
  // (iterative aggregation-disaggregation); this cuts the sweeps from tens of thousands to tens.
  const levels = n * k + 1;
  const levelStart = new Int32Array(levels + 1);
  for (let j = 0; j < count; j++) levelStart[occupancy[j]! + 1]!++;
  for (let t = 0; t < levels; t++) levelStart[t + 1]! += levelStart[t]!;
  const busy = (j: number): number => states[j]!.filter((v) => v > 0).length;
  const upRate = new Float64Array(count);
  const downRate = new Float64Array(count);
  for (let j = 0; j < count; j++) {
    upRate[j] = blocked[j] ? 0 : lambda;
    downRate[j] = busy(j);
  }
  const levelWeight = new Float64Array(levels);
  const aggregate = (): void => {
    const up = new Float64Array(levels);
    const down = new Float64Array(levels);
    for (let t = 0; t < levels; t++) {
      let p = 0;
      let u = 0;
      let d = 0;
      for (let j = levelStart[t]!; j < levelStart[t + 1]!; j++) {
        p += pi[j]!;
        u += pi[j]! * upRate[j]!;
        d += pi[j]! * downRate[j]!;
      }
      levelWeight[t] = p;
      up[t] = p > 0 ? u / p : 0;
      down[t] = p > 0 ? d / p : 0;
    }
    // Birth-death stationary distribution, in logs so deep tails do not underflow the ratios.
    const logQ = new Float64Array(levels);
    for (let t = 1; t < levels; t++) logQ[t] = logQ[t - 1]! + Math.log(up[t - 1]!) - Math.log(down[t]!);
    let max = -Infinity;
    for (let t = 0; t < levels; t++) max = Math.max(max, logQ[t]!);
    for (let t = 0; t < levels; t++) {
      const target = Math.exp(logQ[t]! - max);
      const w = levelWeight[t]!;
      if (!(w > 0) || !Number.isFinite(target)) continue;
      for (let j = levelStart[t]!; j < levelStart[t + 1]!; j++) pi[j]! *= target / w;
    }
  };

  let mean = normaliseAndMean();
  let sweeps = 0;
  const maxSweeps = 20_000;
  for (; sweeps < maxSweeps; sweeps++) {
    if (sweeps % 2 === 0) for (let j = 0; j < count; j++) update(j);
    else for (let j = count - 1; j >= 0; j--) update(j);
    aggregate();
    const next = normaliseAndMean();
    const change = Math.abs(next - mean) / next;
    mean = next;
    if (change < 1e-14 && residualOf() < 1e-13) break;
  }
  if (sweeps === maxSweeps) throw new Error(`JSQ: Gauss-Seidel did not converge (N=${n}, rho=${rho}, K=${k})`);

  let pBlocked = 0;
  for (let j = 0; j < count; j++) if (blocked[j]) pBlocked += pi[j]!;
  return {
    responseTime: mean / (lambda * (1 - pBlocked)),
    meanInSystem: mean,
    blockingProbability: pBlocked,
    states: count,
    sweeps: sweeps + 1,
    residual: residualOf(),
  };
}

/** Exact JSQ mean response time (mu = 1), see `jsqSolve`. Truncation ~120 for N = 2, ~45 for N = 3. */
export function jsqResponseTime(n: number, rho: number, truncation: number): number {
  return jsqSolve(n, rho, truncation).responseTime;
}

// ---------------------------------------------------------------------------------------------
// Student t quantile and confidence intervals.

/** ln Gamma(x) for x > 0 (Lanczos, g = 7, 9 terms; ~15 significant digits). */
function logGamma(x: number): number {
  const g = 7;
  const coefficients = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
    -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
    1.5056327351493116e-7,
  ];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const y = x - 1;
  let s = coefficients[0]!;
  for (let i = 1; i < g + 2; i++) s += coefficients[i]! / (y + i);
  const t = y + g + 0.5;
  return 0.5 * Math.log(2 * Math.PI) + (y + 0.5) * Math.log(t) - t + Math.log(s);
}

/** Continued fraction for the incomplete beta function (modified Lentz). */
function betaContinuedFraction(a: number, b: number, x: number): number {
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 1000; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-16) return h;
  }
  throw new Error(`incomplete beta: no convergence (a=${a}, b=${b}, x=${x})`);
}

/** Regularised incomplete beta I_x(a, b). */
function regularisedBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x));
  if (x < (a + 1) / (a + b + 2)) return (front * betaContinuedFraction(a, b, x)) / a;
  return 1 - (front * betaContinuedFraction(b, a, 1 - x)) / b;
}

/** Student t CDF with df degrees of freedom. */
export function studentTCdf(t: number, df: number): number {
  const tail = 0.5 * regularisedBeta(df / (df + t * t), df / 2, 0.5);
  return t >= 0 ? 1 - tail : tail;
}

/**
 * The 0.975 quantile of Student's t with df degrees of freedom (the multiplier of a two-sided
 * 95% confidence interval): bisection on the CDF, to ~1e-12.
 */
export function studentT975(df: number): number {
  assertLoad(df > 0, `Student t needs df > 0, got ${df}`);
  let lo = 0;
  let hi = 1;
  while (studentTCdf(hi, df) < 0.975) hi *= 2;
  for (let i = 0; i < 200 && hi - lo > 1e-13 * hi; i++) {
    const mid = (lo + hi) / 2;
    if (studentTCdf(mid, df) < 0.975) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

export interface ConfidenceInterval {
  n: number;
  mean: number;
  /** Sample standard deviation (n - 1 in the denominator). */
  sd: number;
  /** t_{0.975, n-1} * sd / sqrt(n). */
  halfWidth: number;
  low: number;
  high: number;
}

/** Mean and two-sided 95% confidence interval of independent samples (e.g. one per seed). */
export function meanCi95(samples: readonly number[]): ConfidenceInterval {
  const n = samples.length;
  assertLoad(n >= 2, `a confidence interval needs at least 2 samples, got ${n}`);
  const mean = samples.reduce((a, b) => a + b, 0) / n;
  const variance = samples.reduce((a, x) => a + (x - mean) ** 2, 0) / (n - 1);
  const sd = Math.sqrt(variance);
  const halfWidth = (studentT975(n - 1) * sd) / Math.sqrt(n);
  return { n, mean, sd, halfWidth, low: mean - halfWidth, high: mean + halfWidth };
}

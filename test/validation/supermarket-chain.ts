/**
 * An independent, minimal simulation of the finite supermarket model, as a second reference for
 * power of two choices (validation.md section 3 has no closed form for finite n).
 *
 * n rate-1 exponential FIFO servers, Poisson arrivals at rate lambda n; each arrival samples d
 * servers and joins the one with the fewest jobs (ties uniform). The queue-length vector is a
 * continuous-time Markov chain, simulated here as its jump chain: from a state with b busy
 * servers the next event is an arrival with probability lambda n / (lambda n + b), otherwise a
 * departure from a uniformly chosen busy server. The mean number in system is accumulated with
 * the expected holding time 1/(lambda n + b) of each state (a conditional-expectation estimator,
 * lower variance than sampled holding times), and Little's law gives the mean response time.
 *
 * `distinctChoices` decides how the d servers are sampled: with replacement (independent uniform
 * picks, Mitzenmacher's model and, by its numbers, validation.md's finite-n simulation) or
 * without (d different servers, as elbsim's power_of_two_choices does). Shares no code with the
 * simulator.
 */

export interface SupermarketChainOptions {
  servers: number;
  /** Arrival rate per server (= load per server; mu = 1). */
  lambda: number;
  /** Choices per arrival. */
  d: number;
  distinctChoices: boolean;
  /** Jump-chain events (arrivals + departures) simulated, warm-up included. */
  events: number;
  /** Fraction of the events discarded at the start (the chain starts empty). */
  warmupFraction: number;
  seed: number;
}

/** mulberry32: a small, fast, well-mixed 32-bit generator; plenty for this check. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Mean response time (mean service times) of one run of the chain. */
export function supermarketChainResponseTime(options: SupermarketChainOptions): number {
  const { servers: n, lambda, d, distinctChoices, events, warmupFraction } = options;
  if (!(n >= 1 && d >= 1 && (!distinctChoices || d <= n) && lambda > 0 && lambda < 1)) {
    throw new RangeError(`supermarket chain: bad parameters n=${n} d=${d} lambda=${lambda}`);
  }
  const random = mulberry32(options.seed);
  const arrivalRate = lambda * n;
  const queue = new Int32Array(n);
  const busy = new Int32Array(n); // the busy servers, in any order
  const busyPosition = new Int32Array(n).fill(-1);
  const picked = new Int32Array(d);
  let busyCount = 0;
  let inSystem = 0;
  let area = 0;
  let time = 0;
  const warmup = Math.floor(events * warmupFraction);

  for (let e = 0; e < events; e++) {
    const totalRate = arrivalRate + busyCount;
    if (e >= warmup) {
      const holding = 1 / totalRate;
      area += inSystem * holding;
      time += holding;
    }
    if (random() * totalRate < arrivalRate) {
      let best = -1;
      let ties = 0;
      for (let c = 0; c < d; c++) {
        let s = Math.floor(random() * n);
        if (distinctChoices) {
          // Rejection keeps the picks uniform over distinct servers (d is small).
          for (let again = true; again; ) {
            again = false;
            for (let p = 0; p < c; p++) if (picked[p] === s) again = true;
            if (again) s = Math.floor(random() * n);
          }
        }
        picked[c] = s;
        if (best < 0 || queue[s]! < queue[best]!) {
          best = s;
          ties = 1;
        } else if (queue[s] === queue[best] && s !== best) {
          // Reservoir choice among equally short picks: uniform tie-breaking.
          ties++;
          if (random() * ties < 1) best = s;
        }
      }
      if (queue[best] === 0) {
        busyPosition[best] = busyCount;
        busy[busyCount++] = best;
      }
      queue[best]!++;
      inSystem++;
    } else {
      const b = Math.floor(random() * busyCount);
      const s = busy[b]!;
      queue[s]!--;
      inSystem--;
      if (queue[s] === 0) {
        const last = busy[--busyCount]!;
        busy[b] = last;
        busyPosition[last] = b;
        busyPosition[s] = -1;
      }
    }
  }
  return area / time / arrivalRate;
}

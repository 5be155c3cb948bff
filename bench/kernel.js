// The bare kernel `npm run bench` measures elbsim against: the same model as case (a) — Poisson
// arrivals, random dispatch to single-slot targets with FIFO queues, exponential service — and
// nothing else: a typed-array binary heap ordered by (time, seq), one ring buffer per target and a
// seeded PRNG. Plain JavaScript, so node runs it with no loader, as a whole process.
// Usage: node bench/kernel.js TARGETS RATE REQUESTS [SEED]  → one line of JSON.
const [targets, rate, requests, seed = 1] = process.argv.slice(2).map(Number);
function run() { // one function, so that every variable is a local V8 can keep in a register
  const started = performance.now();
  let s = seed >>> 0; // mulberry32
  const rnd = () => { s = (s + 0x6d2b79f5) | 0; let t = Math.imul(s ^ (s >>> 15), 1 | s); t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t; return ((t ^ (t >>> 14)) >>> 0) / 4294967296; };
  const exp = (mean) => -mean * Math.log(1 - rnd());
  const cap = targets + 2, hTime = new Float64Array(cap), hSeq = new Float64Array(cap), hWho = new Int32Array(cap); // who: -1 arrival, else the target finishing
  let size = 0, seq = 0, events = 0, arrived = 0, dropped = 0, latencySum = 0;
  function push(time, who) { // sift up from a hole, comparing (time, seq)
    const q = seq++; let i = size++;
    while (i > 0) { const p = (i - 1) >> 1; if (hTime[p] < time || (hTime[p] === time && hSeq[p] < q)) break; hTime[i] = hTime[p]; hSeq[i] = hSeq[p]; hWho[i] = hWho[p]; i = p; }
    hTime[i] = time; hSeq[i] = q; hWho[i] = who;
  }
  let now = 0, who = 0;
  function pop() { // takes the root into (now, who) and sifts the last entry down from the root
    now = hTime[0]; who = hWho[0];
    const n = --size, time = hTime[n], q = hSeq[n], w = hWho[n]; let i = 0;
    for (;;) {
      let c = 2 * i + 1; if (c >= n) break;
      if (c + 1 < n && (hTime[c + 1] < hTime[c] || (hTime[c + 1] === hTime[c] && hSeq[c + 1] < hSeq[c]))) c++;
      if (time < hTime[c] || (time === hTime[c] && q < hSeq[c])) break;
      hTime[i] = hTime[c]; hSeq[i] = hSeq[c]; hWho[i] = hWho[c]; i = c;
    }
    hTime[i] = time; hSeq[i] = q; hWho[i] = w;
  }
  const Q = 512, queue = new Float64Array(targets * Q), head = new Int32Array(targets), len = new Int32Array(targets);
  const busy = new Uint8Array(targets), inService = new Float64Array(targets); // arrival time of the request in service
  push(exp(1 / rate), -1);
  while (size > 0) {
    pop(); events++;
    if (who < 0) {
      if (++arrived < requests) push(now + exp(1 / rate), -1);
      const t = Math.floor(rnd() * targets);
      if (!busy[t]) { busy[t] = 1; inService[t] = now; push(now + exp(1), t); }
      else if (len[t] < Q) { queue[t * Q + ((head[t] + len[t]++) & (Q - 1))] = now; }
      else dropped++;
    } else {
      latencySum += now - inService[who];
      if (len[who] === 0) busy[who] = 0;
      else { inService[who] = queue[who * Q + head[who]]; head[who] = (head[who] + 1) & (Q - 1); len[who]--; push(now + exp(1), who); }
    }
  }
  return { requests: arrived, events, dropped, latencyMeanS: latencySum / (arrived - dropped), simMs: performance.now() - started };
}
const figures = run(), { user, system } = process.cpuUsage(); // CPU time of the whole process so far, start-up included
process.stdout.write(JSON.stringify({ ...figures, cpuMs: (user + system) / 1000, maxRssMB: process.resourceUsage().maxRSS / 1024 }) + '\n');

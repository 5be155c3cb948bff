/**
 * The future event list: a binary min-heap over parallel typed arrays.
 *
 * Events are ordered by (time, sequence number), so two events at the same simulated instant run
 * in the order they were scheduled (SimPy and TigerBeetle's simulator do the same). An event is
 * three numbers: its kind (a small integer the model defines), and two integer arguments (for
 * example a target index and a request index). Nothing is allocated per event; the arrays double
 * when full, so the queue's memory follows the number of pending events, which in this simulator
 * follows the size of the fleet and the requests in flight, not the length of the run.
 */

export class EventQueue {
  private time: Float64Array;
  private seq: Float64Array;
  private kind: Int32Array;
  private argA: Int32Array;
  private argB: Int32Array;
  private n = 0;
  private nextSeq = 0;

  /** Fields of the event most recently removed by `pop()`. */
  poppedTime = 0;
  poppedKind = 0;
  poppedA = 0;
  poppedB = 0;

  constructor(initialCapacity = 1024) {
    this.time = new Float64Array(initialCapacity);
    this.seq = new Float64Array(initialCapacity);
    this.kind = new Int32Array(initialCapacity);
    this.argA = new Int32Array(initialCapacity);
    this.argB = new Int32Array(initialCapacity);
  }

  get size(): number {
    return this.n;
  }

  /** Time of the earliest pending event (Infinity when empty). */
  peekTime(): number {
    return this.n > 0 ? this.time[0]! : Infinity;
  }

  push(time: number, kind: number, a = 0, b = 0): void {
    if (!(time >= 0)) throw new Error(`event scheduled at invalid time ${time}`);
    if (this.n === this.time.length) this.grow();
    const s = this.nextSeq++;
    // Sift up: move parents down until the slot for the new event is found.
    let i = this.n++;
    const time_ = this.time;
    const seq_ = this.seq;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const pt = time_[p]!;
      if (pt < time || (pt === time && seq_[p]! < s)) break;
      this.move(p, i);
      i = p;
    }
    time_[i] = time;
    seq_[i] = s;
    this.kind[i] = kind;
    this.argA[i] = a;
    this.argB[i] = b;
  }

  /** Removes the earliest event into the `popped*` fields; returns false when empty. */
  pop(): boolean {
    if (this.n === 0) return false;
    this.poppedTime = this.time[0]!;
    this.poppedKind = this.kind[0]!;
    this.poppedA = this.argA[0]!;
    this.poppedB = this.argB[0]!;
    const last = --this.n;
    if (last === 0) return true;
    const t = this.time[last]!;
    const s = this.seq[last]!;
    const k = this.kind[last]!;
    const a = this.argA[last]!;
    const b = this.argB[last]!;
    const time_ = this.time;
    const seq_ = this.seq;
    // Sift down from the root with the former last element.
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= last) break;
      const r = c + 1;
      if (r < last) {
        const ct = time_[c]!;
        const rt = time_[r]!;
        if (rt < ct || (rt === ct && seq_[r]! < seq_[c]!)) c = r;
      }
      const ct = time_[c]!;
      if (t < ct || (t === ct && s < seq_[c]!)) break;
      this.move(c, i);
      i = c;
    }
    time_[i] = t;
    seq_[i] = s;
    this.kind[i] = k;
    this.argA[i] = a;
    this.argB[i] = b;
    return true;
  }

  private move(from: number, to: number): void {
    this.time[to] = this.time[from]!;
    this.seq[to] = this.seq[from]!;
    this.kind[to] = this.kind[from]!;
    this.argA[to] = this.argA[from]!;
    this.argB[to] = this.argB[from]!;
  }

  private grow(): void {
    const cap = this.time.length * 2;
    const t = new Float64Array(cap);
    t.set(this.time);
    this.time = t;
    const s = new Float64Array(cap);
    s.set(this.seq);
    this.seq = s;
    const k = new Int32Array(cap);
    k.set(this.kind);
    this.kind = k;
    const a = new Int32Array(cap);
    a.set(this.argA);
    this.argA = a;
    const b = new Int32Array(cap);
    b.set(this.argB);
    this.argB = b;
  }
}

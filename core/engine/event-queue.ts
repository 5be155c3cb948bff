/**
 * The future event list: a binary min-heap over parallel typed arrays.
 *
 * Events are ordered by (time, sequence number), so two events at the same simulated instant run
 * in the order they were scheduled (SimPy and TigerBeetle's simulator do the same). An event is
 * three numbers: its kind (a small integer the model defines), and two integer arguments (for
 * example a target index and a request index). The heap itself orders (time, sequence, slot)
 * triples and the three numbers stay in their slot, so a sift moves three values per level,
 * not five (about 0.8x the heap's time). Nothing is allocated per event; the arrays double
 * when full, so the queue's memory follows the number of pending events, which in this simulator
 * follows the size of the fleet and the requests in flight, not the length of the run.
 *
 * Beside the heap sits one *lane*: a single slot for a stream of events that is scheduled one at
 * a time, each from the handling of the one before, such as client arrivals. A lane event takes
 * its sequence number from the same counter and `pop()` compares it with the heap's root by
 * (time, sequence), so the order of every event is exactly what it would be in the heap, while
 * the most frequent event of a run costs two comparisons instead of a sift up and a sift down.
 */

export class EventQueue {
  // The heap, by position: time, sequence number and the slot of the event's payload.
  private time: Float64Array;
  private seq: Float64Array;
  private slot: Int32Array;
  // Payloads, by slot; `free` is a stack of the unused slots below `slots`.
  private kind: Int32Array;
  private argA: Int32Array;
  private argB: Int32Array;
  private free: Int32Array;
  private freeCount = 0;
  private slots = 0;
  private n = 0;
  private nextSeq = 0;
  /** The lane's one pending event (laneTime Infinity: none). */
  private laneTime = Infinity;
  private laneSeq = 0;
  private laneKind = 0;
  private laneA = 0;
  private laneB = 0;

  /** Fields of the event most recently removed by `pop()`. */
  poppedTime = 0;
  poppedKind = 0;
  poppedA = 0;
  poppedB = 0;

  constructor(initialCapacity = 1024) {
    this.time = new Float64Array(initialCapacity);
    this.seq = new Float64Array(initialCapacity);
    this.slot = new Int32Array(initialCapacity);
    this.kind = new Int32Array(initialCapacity);
    this.argA = new Int32Array(initialCapacity);
    this.argB = new Int32Array(initialCapacity);
    this.free = new Int32Array(initialCapacity);
  }

  /** Pending events, the lane's included. */
  get size(): number {
    return this.laneTime === Infinity ? this.n : this.n + 1;
  }

  /** Time of the earliest pending event (Infinity when empty). */
  peekTime(): number {
    const t = this.n > 0 ? this.time[0]! : Infinity;
    return this.laneTime < t ? this.laneTime : t;
  }

  /**
   * Takes `count` sequence numbers for events to be pushed later, each with its own (`push`'s
   * `seq`). A stream of events whose times are known now, such as the period closes, can then be
   * pushed one at a time, each from the handler of the one before, and still run exactly where it
   * would have run had all of it been pushed now: the heap holds one of its events, not all of
   * them (case (a)'s 3,704 periods no longer make every push and pop sift through 12 levels).
   */
  reserve(count: number): number {
    const first = this.nextSeq;
    this.nextSeq += count;
    return first;
  }

  /** Schedules an event; `seq`, when given, is one taken by `reserve` (by default the next). */
  push(time: number, kind: number, a = 0, b = 0, seq = -1): void {
    if (!(time >= 0)) throw new Error(`event scheduled at invalid time ${time}`);
    if (this.n === this.time.length) this.grow();
    const slot = this.freeCount > 0 ? this.free[--this.freeCount]! : this.slots++;
    this.kind[slot] = kind;
    this.argA[slot] = a;
    this.argB[slot] = b;
    const s = seq >= 0 ? seq : this.nextSeq++;
    // Sift up: move parents down until the place for the new event is found.
    let i = this.n++;
    const time_ = this.time;
    const seq_ = this.seq;
    const slot_ = this.slot;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const pt = time_[p]!;
      if (pt < time || (pt === time && seq_[p]! < s)) break;
      time_[i] = pt;
      seq_[i] = seq_[p]!;
      slot_[i] = slot_[p]!;
      i = p;
    }
    time_[i] = time;
    seq_[i] = s;
    slot_[i] = slot;
  }

  /** Schedules the lane's next event; the lane holds one at a time. */
  pushLane(time: number, kind: number, a = 0, b = 0): void {
    if (!(time >= 0) || time === Infinity) throw new Error(`event scheduled at invalid time ${time}`);
    if (this.laneTime !== Infinity) throw new Error('the lane already holds an event');
    this.laneTime = time;
    this.laneSeq = this.nextSeq++;
    this.laneKind = kind;
    this.laneA = a;
    this.laneB = b;
  }

  /** Removes the earliest event into the `popped*` fields; returns false when empty. */
  pop(): boolean {
    return this.popDue(Infinity);
  }

  /**
   * Removes the earliest event if it is due at or before `limit` (into the `popped*` fields);
   * returns false, removing nothing, when there is none: `peekTime` and `pop` in one.
   */
  popDue(limit: number): boolean {
    const n = this.n;
    const lane = this.laneTime;
    const t0 = n > 0 ? this.time[0]! : Infinity;
    if (lane < t0 || (lane === t0 && lane !== Infinity && this.laneSeq < this.seq[0]!)) {
      if (lane > limit) return false;
      this.poppedTime = lane;
      this.poppedKind = this.laneKind;
      this.poppedA = this.laneA;
      this.poppedB = this.laneB;
      this.laneTime = Infinity;
      return true;
    }
    if (n === 0 || t0 > limit) return false;
    const time_ = this.time;
    const seq_ = this.seq;
    const slot_ = this.slot;
    const top = slot_[0]!;
    this.poppedTime = t0;
    this.poppedKind = this.kind[top]!;
    this.poppedA = this.argA[top]!;
    this.poppedB = this.argB[top]!;
    this.free[this.freeCount++] = top;
    const last = (this.n = n - 1);
    if (last === 0) return true;
    const t = time_[last]!;
    const s = seq_[last]!;
    const l = slot_[last]!;
    // Sift down from the root with the former last element.
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= last) break;
      if (c + 1 < last) {
        // The lesser of the two children, chosen without a branch: which one it is is a coin toss
        // the processor cannot predict, and a pop on a deep heap (10,000 pending completions: 14
        // levels) would pay a misprediction at nearly every level. Comparisons as 0/1 values.
        const lt = time_[c]!;
        const rt = time_[c + 1]!;
        c += +(rt < lt) | (+(rt === lt) & +(seq_[c + 1]! < seq_[c]!));
      }
      const ct = time_[c]!;
      if (t < ct || (t === ct && s < seq_[c]!)) break;
      time_[i] = ct;
      seq_[i] = seq_[c]!;
      slot_[i] = slot_[c]!;
      i = c;
    }
    time_[i] = t;
    seq_[i] = s;
    slot_[i] = l;
    return true;
  }

  private grow(): void {
    const cap = this.time.length * 2;
    this.time = grownTo(this.time, new Float64Array(cap));
    this.seq = grownTo(this.seq, new Float64Array(cap));
    this.slot = grownTo(this.slot, new Int32Array(cap));
    this.kind = grownTo(this.kind, new Int32Array(cap));
    this.argA = grownTo(this.argA, new Int32Array(cap));
    this.argB = grownTo(this.argB, new Int32Array(cap));
    this.free = grownTo(this.free, new Int32Array(cap));
  }
}

function grownTo<T extends Float64Array | Int32Array>(from: T, to: T): T {
  to.set(from);
  return to;
}

/**
 * Requests in flight, as a pool of records in typed-array rows (no object per request).
 *
 * A record lives from arrival at the load balancer until both the client has its answer and no
 * target holds the request any more, so the pool's size follows the requests in flight (bounded
 * by the fleet's slots and queues), never the number simulated. Each record sits on at most one
 * target queue (`Rec.Next`), on one deadline list (`Rec.Prev`/`Rec.ListNext`) and on its server's
 * list of the requests it holds or is being connected to (`Rec.AtPrev`/`Rec.AtNext`, from `serverHead`), all
 * intrusive linked lists, so every operation is O(1) and dropping a server's work visits that
 * server's requests only.
 */
import { nextCapacity } from './table.ts';

export const enum RequestFlag {
  /** Queued at or being served by a target. */
  AtTarget = 1,
  /** The client has its answer (2xx or an ELB 5xx). */
  Answered = 2,
  InService = 4,
  /** Counted in its node's outstanding requests for its target. */
  Outstanding = 8,
  /** A load-balancer health check, not a client request: no metrics, no client answer. */
  HealthCheck = 16,
}

/** `Rec.AtPrev` of a request on no server's list. */
const NOT_AT_SERVER = -2;

/**
 * A record's fields: one 64-byte row per record, 2 doubles then 12 int32s over one buffer, so a
 * request touches one or two adjacent cache lines (a buffer is not always 64-byte aligned) instead
 * of one per column: on a fleet of thousands of targets the records in flight are far apart and
 * each column read was a cache miss. Doubles at `f64[(r << 3) + k]`, ints at `i32[(r << 4) + k]`
 * (Rec holds slots 4 to 15: a further field needs a wider row). The shifts stay exact below 2^27
 * records, far above the inFlight limit (20 M).
 */
export const enum RecF64 {
  ArrivalS = 0,
  DeadlineS = 1,
}
export const enum Rec {
  /** The server holding the request, and the target-group member it was routed to. */
  Server = 4,
  Member = 5,
  Node = 6,
  /** Next request in the same target queue, or in the free list. */
  Next = 7,
  /** Deadline-list links and list id (-1 when on none). */
  Prev = 8,
  ListNext = 9,
  List = 10,
  Flags = 11,
  /** Changes on every allocation, so a completion event for a reused record is recognised as stale; 0 when free. */
  Token = 12,
  /** Health checks: the check's sequence number, so the checker can match the response. */
  Tag = 13,
  /** Links on the list of the server's requests (`placeAt`); AtPrev is NOT_AT_SERVER when on none, -1 at the list's head. */
  AtPrev = 14,
  AtNext = 15,
}
const ROW_BYTES = 64;

export class RequestPool {
  /** The rows' doubles and ints (replaced when the pool grows: read them after any `alloc`). */
  f64: Float64Array;
  i32: Int32Array;
  /** Per server row: the first request on its list, or -1. */
  serverHead = new Int32Array(64).fill(-1);
  private freeHead = -1;
  private allocated = 0;
  private tokens = 0;
  inFlight = 0;

  constructor(private capacity = 1024) {
    const buffer = new ArrayBuffer(capacity * ROW_BYTES);
    this.f64 = new Float64Array(buffer);
    this.i32 = new Int32Array(buffer);
  }

  /** Size of the pool: the most requests that were ever in flight at once. */
  get highWater(): number {
    return this.allocated;
  }

  /** Record r's int field (for readers off the hot path). */
  get(r: number, field: Rec): number {
    return this.i32[(r << 4) + field]!;
  }

  set(r: number, field: Rec, value: number): void {
    this.i32[(r << 4) + field] = value;
  }

  alloc(arrivalS: number, node: number): number {
    const r = this.take();
    this.f64[(r << 3) + RecF64.ArrivalS] = arrivalS;
    const i = this.i32;
    const b = r << 4;
    i[b + Rec.Node] = node;
    i[b + Rec.Server] = -1;
    i[b + Rec.Member] = -1;
    i[b + Rec.Next] = -1;
    i[b + Rec.List] = -1;
    i[b + Rec.Flags] = 0;
    i[b + Rec.AtPrev] = NOT_AT_SERVER;
    this.tokens = (this.tokens + 1) | 0 || 1; // 0 marks a free record
    i[b + Rec.Token] = this.tokens;
    this.inFlight++;
    return r;
  }

  /** A free record (the pool grows when none is left). */
  private take(): number {
    const r = this.freeHead;
    if (r >= 0) {
      this.freeHead = this.i32[(r << 4) + Rec.Next]!;
      return r;
    }
    if (this.allocated === this.capacity) this.grow();
    return this.allocated++;
  }

  /**
   * A client request routed to `member` on server s, in one pass: `alloc`, `placeAt` and the
   * member and flags written once each.
   */
  allocAt(arrivalS: number, node: number, s: number, member: number, flags: number): number {
    const r = this.take();
    this.f64[(r << 3) + RecF64.ArrivalS] = arrivalS;
    const i = this.i32;
    const b = r << 4;
    i[b + Rec.Node] = node;
    i[b + Rec.Member] = member;
    i[b + Rec.Next] = -1;
    i[b + Rec.List] = -1;
    i[b + Rec.Flags] = flags;
    this.tokens = (this.tokens + 1) | 0 || 1; // 0 marks a free record
    i[b + Rec.Token] = this.tokens;
    this.inFlight++;
    this.placeAt(r, s);
    return r;
  }

  free(r: number): void {
    const i = this.i32;
    const b = r << 4;
    if (i[b + Rec.AtPrev] !== NOT_AT_SERVER) this.leaveServer(r);
    i[b + Rec.Flags] = 0;
    i[b + Rec.Token] = 0;
    i[b + Rec.Next] = this.freeHead;
    this.freeHead = r;
    this.inFlight--;
  }

  /** Request r is sent to server s: its server, and on the list of s's requests until it is freed or `leaveServer`. */
  placeAt(r: number, s: number): void {
    const i = this.i32;
    const b = r << 4;
    i[b + Rec.Server] = s;
    if (s >= this.serverHead.length) this.growServers(s);
    const head = this.serverHead[s]!;
    i[b + Rec.AtPrev] = -1;
    i[b + Rec.AtNext] = head;
    if (head >= 0) i[(head << 4) + Rec.AtPrev] = r;
    this.serverHead[s] = r;
  }

  /** Takes r off its server's list (its server no longer holds it; it keeps `Rec.Server`). */
  leaveServer(r: number): void {
    const i = this.i32;
    const b = r << 4;
    const prev = i[b + Rec.AtPrev]!;
    const next = i[b + Rec.AtNext]!;
    if (prev >= 0) i[(prev << 4) + Rec.AtNext] = next;
    else this.serverHead[i[b + Rec.Server]!] = next;
    if (next >= 0) i[(next << 4) + Rec.AtPrev] = prev;
    i[b + Rec.AtPrev] = NOT_AT_SERVER;
  }

  private growServers(s: number): void {
    let n = this.serverHead.length;
    while (n <= s) n *= 2;
    const head = new Int32Array(n).fill(-1);
    head.set(this.serverHead);
    this.serverHead = head;
  }

  private grow(): void {
    const n = (this.capacity = nextCapacity(this.capacity));
    const buffer = new ArrayBuffer(n * ROW_BYTES);
    const i32 = new Int32Array(buffer);
    i32.set(this.i32);
    this.i32 = i32;
    this.f64 = new Float64Array(buffer);
  }
}

/**
 * A list of requests ordered by deadline, for deadlines that are a fixed offset from the time a
 * request joins (the idle timeout from arrival, the connect timeout from routing): joining in
 * time order keeps the list sorted, so only its head needs a timer.
 */
export class DeadlineList {
  head = -1;
  tail = -1;

  constructor(
    private readonly pool: RequestPool,
    readonly id: number,
  ) {}

  /** Appends r with the given deadline (callers append in nondecreasing deadline order). */
  append(r: number, deadlineS: number): void {
    const p = this.pool;
    p.f64[(r << 3) + RecF64.DeadlineS] = deadlineS;
    const i = p.i32;
    const b = r << 4;
    i[b + Rec.List] = this.id;
    i[b + Rec.Prev] = this.tail;
    i[b + Rec.ListNext] = -1;
    if (this.tail >= 0) i[(this.tail << 4) + Rec.ListNext] = r;
    else this.head = r;
    this.tail = r;
  }

  remove(r: number): void {
    const i = this.pool.i32;
    const b = r << 4;
    const prev = i[b + Rec.Prev]!;
    const next = i[b + Rec.ListNext]!;
    if (prev >= 0) i[(prev << 4) + Rec.ListNext] = next;
    else this.head = next;
    if (next >= 0) i[(next << 4) + Rec.Prev] = prev;
    else this.tail = prev;
    i[b + Rec.List] = -1;
  }

  /** The deadline of the list's first request (the list is not empty). */
  headDeadline(): number {
    return this.pool.f64[(this.head << 3) + RecF64.DeadlineS]!;
  }
}

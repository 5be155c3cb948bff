/**
 * Requests in flight, as a pool of records in parallel arrays (no object per request).
 *
 * A record lives from arrival at the load balancer until both the client has its answer and no
 * target holds the request any more, so the pool's size follows the requests in flight (bounded
 * by the fleet's slots and queues), never the number simulated. Each record sits on at most one
 * target queue (`next`), on one deadline list (`prev`/`listNext`) and on its server's list of the
 * requests it holds or is being connected to (`atPrev`/`atNext`, from `serverHead`), all
 * intrusive linked lists, so every operation is O(1) and dropping a server's work visits that
 * server's requests only.
 */
import { grown, nextCapacity } from './table.ts';

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

/** `atPrev` of a request on no server's list. */
const NOT_AT_SERVER = -2;

export class RequestPool {
  arrivalS: Float64Array;
  deadlineS: Float64Array;
  /** The server holding the request, and the target-group member it was routed to. */
  server: Int32Array;
  member: Int32Array;
  node: Int32Array;
  /** Next request in the same target queue, or in the free list. */
  next: Int32Array;
  /** Deadline-list links and list id (-1 when on none). */
  prev: Int32Array;
  listNext: Int32Array;
  list: Int8Array;
  flags: Uint8Array;
  /** Changes on every allocation, so a completion event for a reused record is recognised as stale. */
  token: Int32Array;
  /** Health checks: the check's sequence number, so the checker can match the response. */
  tag: Int32Array;
  /** Links on the list of the server's requests (`placeAt`); atPrev is NOT_AT_SERVER when on none, -1 at the list's head. */
  atPrev: Int32Array;
  atNext: Int32Array;
  /** Per server row: the first request on its list, or -1. */
  serverHead = new Int32Array(64).fill(-1);
  private freeHead = -1;
  private allocated = 0;
  private tokens = 0;
  inFlight = 0;

  constructor(private capacity = 1024) {
    this.arrivalS = new Float64Array(capacity);
    this.deadlineS = new Float64Array(capacity);
    this.server = new Int32Array(capacity);
    this.member = new Int32Array(capacity);
    this.node = new Int32Array(capacity);
    this.next = new Int32Array(capacity);
    this.prev = new Int32Array(capacity);
    this.listNext = new Int32Array(capacity);
    this.list = new Int8Array(capacity);
    this.flags = new Uint8Array(capacity);
    this.token = new Int32Array(capacity);
    this.tag = new Int32Array(capacity);
    this.atPrev = new Int32Array(capacity);
    this.atNext = new Int32Array(capacity);
  }

  /** Size of the pool: the most requests that were ever in flight at once. */
  get highWater(): number {
    return this.allocated;
  }

  alloc(arrivalS: number, node: number): number {
    const r = this.take();
    this.arrivalS[r] = arrivalS;
    this.node[r] = node;
    this.server[r] = -1;
    this.member[r] = -1;
    this.next[r] = -1;
    this.list[r] = -1;
    this.flags[r] = 0;
    this.atPrev[r] = NOT_AT_SERVER;
    this.tokens = (this.tokens + 1) | 0 || 1; // 0 marks a free record
    this.token[r] = this.tokens;
    this.inFlight++;
    return r;
  }

  /** A free record (the pool grows when none is left). */
  private take(): number {
    const r = this.freeHead;
    if (r >= 0) {
      this.freeHead = this.next[r]!;
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
    this.arrivalS[r] = arrivalS;
    this.node[r] = node;
    this.member[r] = member;
    this.next[r] = -1;
    this.list[r] = -1;
    this.flags[r] = flags;
    this.tokens = (this.tokens + 1) | 0 || 1; // 0 marks a free record
    this.token[r] = this.tokens;
    this.inFlight++;
    this.placeAt(r, s);
    return r;
  }

  free(r: number): void {
    if (this.atPrev[r] !== NOT_AT_SERVER) this.leaveServer(r);
    this.flags[r] = 0;
    this.token[r] = 0;
    this.next[r] = this.freeHead;
    this.freeHead = r;
    this.inFlight--;
  }

  /** Request r is sent to server s: its server, and on the list of s's requests until it is freed or `leaveServer`. */
  placeAt(r: number, s: number): void {
    this.server[r] = s;
    if (s >= this.serverHead.length) this.growServers(s);
    const head = this.serverHead[s]!;
    this.atPrev[r] = -1;
    this.atNext[r] = head;
    if (head >= 0) this.atPrev[head] = r;
    this.serverHead[s] = r;
  }

  /** Takes r off its server's list (its server no longer holds it; it keeps `server`). */
  leaveServer(r: number): void {
    const prev = this.atPrev[r]!;
    const next = this.atNext[r]!;
    if (prev >= 0) this.atNext[prev] = next;
    else this.serverHead[this.server[r]!] = next;
    if (next >= 0) this.atPrev[next] = prev;
    this.atPrev[r] = NOT_AT_SERVER;
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
    this.arrivalS = grown(this.arrivalS, n);
    this.deadlineS = grown(this.deadlineS, n);
    this.server = grown(this.server, n);
    this.member = grown(this.member, n);
    this.node = grown(this.node, n);
    this.next = grown(this.next, n);
    this.prev = grown(this.prev, n);
    this.listNext = grown(this.listNext, n);
    this.list = grown(this.list, n);
    this.flags = grown(this.flags, n);
    this.token = grown(this.token, n);
    this.tag = grown(this.tag, n);
    this.atPrev = grown(this.atPrev, n);
    this.atNext = grown(this.atNext, n);
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
    p.deadlineS[r] = deadlineS;
    p.list[r] = this.id;
    p.prev[r] = this.tail;
    p.listNext[r] = -1;
    if (this.tail >= 0) p.listNext[this.tail] = r;
    else this.head = r;
    this.tail = r;
  }

  remove(r: number): void {
    const p = this.pool;
    const prev = p.prev[r]!;
    const next = p.listNext[r]!;
    if (prev >= 0) p.listNext[prev] = next;
    else this.head = next;
    if (next >= 0) p.prev[next] = prev;
    else this.tail = prev;
    p.list[r] = -1;
  }
}

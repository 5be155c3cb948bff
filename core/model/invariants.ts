/**
 * Invariants of the world's tables, checked once per period when a run asks for it (the test
 * suite does; a normal run does not pay for it). Each names the row and the numbers, so a
 * failure says what broke, not just that something did.
 *
 * - a server's busy slots are within [0, concurrency], its queue within [0, queueLimit] and as
 *   long as its linked list;
 * - every per-node outstanding count is >= 0, and their sum equals the request records that are
 *   counted outstanding; least outstanding requests' buckets agree with those counts;
 * - the requests the clients still wait for equal the live records not yet answered;
 * - each server's list of requests holds exactly the live records it holds or is connecting to;
 * - the group's InService and Pending counters equal its instances in those states;
 * - a server's count of draining memberships equals its members in state Draining.
 */
import { Lifecycle, type Instances } from './autoscaling/instances.ts';
import type { AutoScalingGroup } from './autoscaling/group.ts';
import type { Servers } from './compute/servers.ts';
import { Rec, RequestFlag, type RequestPool } from './requests.ts';
import { Registration, type Members } from './target-group/members.ts';

export interface InvariantTables {
  servers: Servers;
  instances: Instances;
  members: Members;
  pool: RequestPool;
  unanswered: number;
  group: AutoScalingGroup;
}

/** The first broken invariant at `timeS`, as a sentence; null when all hold. */
export function brokenInvariant(w: InvariantTables, timeS: number): string | null {
  const { servers, instances, members, pool } = w;
  const at = `at ${timeS} s`;
  for (let s = 0; s < servers.count; s++) {
    const busy = servers.busy[s]!;
    const queued = servers.queueLen[s]!;
    if (busy < 0 || busy > servers.concurrency[s]!) return `${at}: server ${s} has ${busy} busy slots of ${servers.concurrency[s]}`;
    if (queued < 0 || queued > servers.queueLimit[s]!) return `${at}: server ${s} has ${queued} queued, limit ${servers.queueLimit[s]}`;
    let listed = 0;
    for (let r = servers.queueHead[s]!; r >= 0 && listed <= queued; r = pool.get(r, Rec.Next)) listed++;
    if (listed !== queued) return `${at}: server ${s} counts ${queued} queued but its list holds ${listed === queued + 1 ? 'more' : listed}`;
  }
  let outstanding = 0;
  for (let node = 0; node < members.outstanding.length; node++) {
    const counts = members.outstanding[node]!;
    for (let m = 0; m < members.count; m++) {
      if (counts[m]! < 0) return `${at}: member ${m} has ${counts[m]} outstanding requests at node ${node}`;
      outstanding += counts[m]!;
    }
  }
  let flagged = 0;
  let waiting = 0;
  for (let r = 0; r < pool.highWater; r++) {
    if (pool.get(r, Rec.Token) === 0) continue;
    const flags = pool.get(r, Rec.Flags);
    if (flags & RequestFlag.Outstanding) flagged++;
    if ((flags & (RequestFlag.Answered | RequestFlag.HealthCheck)) === 0) waiting++;
  }
  const buckets = members.bucketProblem();
  if (buckets) return `${at}: least-outstanding-requests buckets: ${buckets}`;
  // Each server's list holds exactly the live requests it holds or is being connected to.
  let onLists = 0;
  for (let s = 0; s < pool.serverHead.length; s++) {
    for (let r = pool.serverHead[s]!, prev = -1; r >= 0; prev = r, r = pool.get(r, Rec.AtNext)) {
      if (pool.get(r, Rec.Token) === 0 || pool.get(r, Rec.Server) !== s || pool.get(r, Rec.AtPrev) !== prev) return `${at}: request record ${r} on server ${s}'s list is ${pool.get(r, Rec.Token) === 0 ? 'free' : pool.get(r, Rec.Server) !== s ? `at server ${pool.get(r, Rec.Server)}` : 'linked back wrong'}`;
      if ((pool.get(r, Rec.Flags) & RequestFlag.AtTarget) === 0 && pool.get(r, Rec.List) !== 1) return `${at}: request record ${r} on server ${s}'s list is neither held by it nor connecting to it`;
      if (++onLists > pool.highWater) return `${at}: server ${s}'s request list loops`;
    }
  }
  let atServers = 0;
  for (let r = 0; r < pool.highWater; r++) if (pool.get(r, Rec.Token) !== 0 && ((pool.get(r, Rec.Flags) & RequestFlag.AtTarget) !== 0 || pool.get(r, Rec.List) === 1)) atServers++;
  if (atServers !== onLists) return `${at}: ${atServers} request records are at or connecting to a server but the servers' lists hold ${onLists}`;
  if (flagged !== outstanding) return `${at}: ${flagged} request records are outstanding but the nodes count ${outstanding}`;
  if (waiting !== w.unanswered) return `${at}: ${waiting} live records await an answer but the request path counts ${w.unanswered}`;
  let inService = 0;
  let pending = 0;
  for (let i = 0; i < instances.count; i++) {
    const state = instances.lifecycle[i];
    if (state === Lifecycle.InService) inService++;
    else if (state === Lifecycle.Pending || state === Lifecycle.PendingWait) pending++;
  }
  for (const state of [Lifecycle.Pending, Lifecycle.PendingWait, Lifecycle.InService, Lifecycle.Terminating, Lifecycle.TerminatingWait, Lifecycle.Warmed, Lifecycle.WarmedPending]) {
    let n = 0;
    for (let i = 0; i < instances.count; i++) if (instances.lifecycle[i] === state) n++;
    if (n !== instances.inState(state)) return `${at}: ${n} instances are in lifecycle state ${state} but the table counts ${instances.inState(state)}`;
  }
  if (inService !== w.group.inService) return `${at}: ${inService} instances are InService but the group counts ${w.group.inService}`;
  if (pending !== w.group.pending) return `${at}: ${pending} instances are Pending but the group counts ${w.group.pending}`;
  const draining = new Int32Array(servers.count);
  for (let m = 0; m < members.count; m++) if (members.registration[m] === Registration.Draining) draining[members.server[m]!]!++;
  for (let s = 0; s < servers.count; s++) {
    if (draining[s] !== servers.draining[s]) return `${at}: server ${s} counts ${servers.draining[s]} draining memberships, its members ${draining[s]}`;
  }
  return null;
}

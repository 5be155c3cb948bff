/** The invariant check names what broke: each case breaks one table on purpose. */
import { describe, expect, it } from 'vitest';
import { brokenInvariant, type InvariantTables } from '../../../core/model/invariants.ts';
import { Servers } from '../../../core/model/compute/servers.ts';
import { Instances, Lifecycle } from '../../../core/model/autoscaling/instances.ts';
import { Members } from '../../../core/model/target-group/members.ts';
import { Rec, RequestFlag, RequestPool } from '../../../core/model/requests.ts';
import { RoutingNode } from '../../../core/model/target-group/routing.ts';
import type { AutoScalingGroup } from '../../../core/model/autoscaling/group.ts';

function tables(): InvariantTables {
  const servers = new Servers();
  const instances = new Instances(1);
  const members = new Members(1);
  const s = servers.add(0, 2, 5, 0);
  const i = instances.add(s, 0, 0);
  instances.setLifecycle(i, Lifecycle.InService);
  members.add(0, s, i, 0);
  return { servers, instances, members, pool: new RequestPool(), unanswered: 0, group: { inService: 1, pending: 0 } as AutoScalingGroup };
}

describe('brokenInvariant', () => {
  it('holds for consistent tables', () => {
    expect(brokenInvariant(tables(), 60)).toBeNull();
  });

  it('names a server with more busy slots than it has', () => {
    const t = tables();
    t.servers.busy[0] = 3;
    expect(brokenInvariant(t, 60)).toBe('at 60 s: server 0 has 3 busy slots of 2');
  });

  it('names a queue count that its list does not hold', () => {
    const t = tables();
    t.servers.queueLen[0] = 1;
    expect(brokenInvariant(t, 60)).toMatch(/server 0 counts 1 queued but its list holds 0/);
  });

  it('names a negative outstanding count, and requests the client waits for that no record holds', () => {
    const t = tables();
    t.members.outstanding[0]![0] = -1;
    expect(brokenInvariant(t, 60)).toMatch(/member 0 has -1 outstanding/);
    const u = tables();
    u.unanswered = 2;
    expect(brokenInvariant(u, 60)).toMatch(/0 live records await an answer but the request path counts 2/);
  });

  it("names a server's request list that holds a record it does not hold, or misses one", () => {
    const t = tables();
    const r = t.pool.alloc(0, 0);
    t.pool.placeAt(r, 0);
    t.pool.set(r, Rec.Flags, RequestFlag.Outstanding); // neither held (AtTarget) nor connecting
    t.members.outstanding[0]![0] = 1;
    t.unanswered = 1;
    expect(brokenInvariant(t, 60)).toMatch(/request record 0 on server 0's list is neither held by it nor connecting to it/);
    t.pool.set(r, Rec.Flags, RequestFlag.Outstanding | RequestFlag.AtTarget);
    expect(brokenInvariant(t, 60)).toBeNull();
    t.pool.leaveServer(r);
    expect(brokenInvariant(t, 60)).toMatch(/1 request records are at or connecting to a server but the servers' lists hold 0/);
  });

  it('names least-outstanding-requests buckets that disagree with the counts', () => {
    const t = tables();
    const node = new RoutingNode(t.members.outstanding[0]!, t.members.rank[0]!, 'least_outstanding_requests');
    t.members.track(0, 0, node);
    node.setEligible(Int32Array.of(0), 1);
    expect(brokenInvariant(t, 60)).toBeNull();
    t.members.outstanding[0]![0] = 3; // not through acquire
    expect(brokenInvariant(t, 60)).toMatch(/least-outstanding-requests buckets: target group 0, node 0: member 0 with 3 outstanding sits at 0, outside bucket 3/);
  });

  it("names a group counter that disagrees with its instances' states", () => {
    const t = tables();
    t.instances.setLifecycle(0, Lifecycle.Pending);
    expect(brokenInvariant(t, 60)).toMatch(/0 instances are InService but the group counts 1/);
  });

  it('names a lifecycle state written past the per-zone counters', () => {
    const t = tables();
    t.instances.lifecycle[0] = Lifecycle.Terminating;
    expect(brokenInvariant(t, 60)).toBe('at 60 s: 0 instances are in lifecycle state 1 but the table counts 1');
  });
});

/** The invariant check names what broke: each case breaks one table on purpose. */
import { describe, expect, it } from 'vitest';
import { brokenInvariant, type InvariantTables } from '../../../core/model/invariants.ts';
import { Servers } from '../../../core/model/compute/servers.ts';
import { Instances, Lifecycle } from '../../../core/model/autoscaling/instances.ts';
import { Members } from '../../../core/model/target-group/members.ts';
import { RequestPool } from '../../../core/model/requests.ts';
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

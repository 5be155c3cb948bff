/**
 * The request path with a stand-in router, one server and one target-group member: admission
 * (slot, queue, refusal), the answers a client can get (2xx, 502, 503, 504 by connect or idle
 * timeout), dropping a server's work, and the report that a draining server has emptied.
 */
import { describe, expect, it } from 'vitest';
import { makeSampler } from '../../../core/engine/distributions.ts';
import { Engine } from '../../../core/engine/engine.ts';
import { Servers } from '../../../core/model/compute/servers.ts';
import { Members } from '../../../core/model/target-group/members.ts';
import { Metrics } from '../../../core/model/metrics.ts';
import { ArrivalProcess } from '../../../core/model/traffic.ts';
import { TopologyMetrics } from '../../../core/model/topology-metrics.ts';
import { RequestPath } from '../../../core/model/request-path.ts';
import { Rec } from '../../../core/model/requests.ts';
import { scenarioFromYaml } from '../../support/scenario.ts';

const scenario = scenarioFromYaml(`
name: request path
duration: 100
zones: [us-east-1a]
traffic: { rate: 1 }
loadBalancer: { idleTimeout: 20s }
autoScaling: { minSize: 1, maxSize: 1, desiredCapacity: 1 }
`);

/** Evenly spaced arrivals at `rate`, each served for `serviceS`, on 1 server of `slots` slots and `queue` places. */
function setup(rate: number, serviceS: number, slots: number, queue: number, member = 0) {
  const engine = new Engine();
  const servers = new Servers();
  const members = new Members(1);
  const s = servers.add(0, slots, queue, 0);
  members.add(0, s, s, 0);
  const metrics = new Metrics(10);
  const arrivals = new ArrivalProcess([[0, rate]], 'uniform', { name: 'arrivals', next: () => 0.5 });
  const router = { nodeFor: () => 0, route: () => member, lastTargetGroup: 0 };
  const path = new RequestPath(engine, scenario, arrivals, { name: 'clients', next: () => 0 }, [makeSampler({ distribution: 'constant', value: serviceS }, { name: 'service', next: () => 0 })], router, servers, members, metrics, new TopologyMetrics(['tg'], ['asg'], 10, false), null, 100);
  const idle: number[] = [];
  path.events = { serverIdle: (server) => idle.push(server), checkResponse: () => {} };
  return { engine, servers, members, metrics, path, idle, s };
}

describe('RequestPath', () => {
  it('serves in a slot, queues when the slots are busy, and refuses with 502 when the queue is full', () => {
    // 4 req/s for 1 s of service on 1 slot and 1 queue place: the 1st is served, the 2nd waits, the 3rd and 4th are refused.
    const { engine, metrics, path, servers, s } = setup(4, 1, 1, 1);
    path.start();
    engine.runUntil(1.0);
    expect(metrics.requests).toBe(4);
    expect(servers.busy[s]).toBe(1);
    expect(servers.queueLen[s]).toBe(1);
    expect(metrics.elb502).toBe(2);
    expect(path.unanswered).toBe(2);
  });

  it('answers 503 when the router has no target', () => {
    const { engine, metrics, path } = setup(2, 1, 1, 1, -1);
    path.start();
    engine.runUntil(2);
    expect(metrics.elb503).toBe(4);
    expect(path.unanswered).toBe(0);
  });

  it('a failed server cannot be reached: 504 after the 10 s connect timeout', () => {
    const { engine, metrics, path, servers, s, members } = setup(1, 0.1, 1, 10);
    servers.failDepth[s] = 1;
    path.start();
    engine.runUntil(10.5);
    expect(metrics.elb504).toBe(0);
    expect(members.outstanding[0]![0]).toBe(10);
    engine.runUntil(11.5);
    expect(metrics.elb504).toBe(1);
    expect(members.outstanding[0]![0]).toBe(10);
  });

  it('a response slower than the 20 s idle timeout gets 504; the request keeps its slot until it is done', () => {
    const { engine, metrics, path, servers, s } = setup(1, 30, 1, 100);
    path.start();
    engine.runUntil(21);
    expect(metrics.elb504).toBe(1);
    expect(servers.busy[s]).toBe(1);
  });

  it('dropping a server with 502 answers everything it held at once', () => {
    const { engine, metrics, path, servers, s } = setup(4, 5, 2, 10);
    path.start();
    engine.runUntil(2);
    const held = servers.busy[s]! + servers.queueLen[s]!;
    expect(held).toBe(8);
    path.dropServerWork(s, 502);
    expect(metrics.elb502).toBe(8);
    expect(path.unanswered).toBe(0);
    expect(servers.busy[s]).toBe(0);
  });

  it("dropping one server's work visits its own requests only, in record order, and leaves the others' lists whole", () => {
    // Two servers of 1 slot and 10 places; requests alternate between them.
    const engine = new Engine();
    const servers = new Servers();
    const members = new Members(1);
    const a = servers.add(0, 1, 10, 0);
    const b = servers.add(0, 1, 10, 0);
    members.add(0, a, a, 0);
    members.add(0, b, b, 0);
    const metrics = new Metrics(10);
    const arrivals = new ArrivalProcess([[0, 4]], 'uniform', { name: 'arrivals', next: () => 0.5 });
    let k = 0;
    const router = { nodeFor: () => 0, route: () => k++ % 2, lastTargetGroup: 0 };
    const path = new RequestPath(engine, scenario, arrivals, { name: 'clients', next: () => 0 }, [makeSampler({ distribution: 'constant', value: 5 }, { name: 'service', next: () => 0 })], router, servers, members, metrics, new TopologyMetrics(['tg'], ['asg'], 10, false), null, 100);
    path.events = { serverIdle: () => {}, checkResponse: () => {} };
    path.start();
    engine.runUntil(2);
    const pool = path.pool;
    const onList = (s: number) => {
      const rs: number[] = [];
      for (let r = pool.serverHead[s]!; r >= 0; r = pool.get(r, Rec.AtNext)) rs.push(r);
      return rs;
    };
    expect(onList(a).length).toBe(4);
    expect(onList(b).length).toBe(4);
    const bBefore = onList(b);
    path.dropServerWork(a, null); // a failed: its clients wait for the idle timeout
    expect(onList(a)).toEqual([]);
    expect(onList(b)).toEqual(bBefore);
    expect(metrics.elb502).toBe(0);
    expect(path.unanswered).toBe(8);
    path.dropServerWork(a, 502); // nothing is held any more: nothing to answer
    expect(metrics.elb502).toBe(0);
    path.dropServerWork(b, 502);
    expect(metrics.elb502).toBe(4);
    expect(onList(b)).toEqual([]);
    expect(path.unanswered).toBe(4);
  });

  it('connection attempts to a failed server are on its list and answered 502 when it is dropped', () => {
    const { engine, metrics, path, servers, s } = setup(1, 0.1, 1, 10);
    servers.failDepth[s] = 1;
    path.start();
    engine.runUntil(5.2); // arrivals at 0.5, 1.5, …, 4.5
    let listed = 0;
    for (let r = path.pool.serverHead[s]!; r >= 0; r = path.pool.get(r, Rec.AtNext)) listed++;
    expect(listed).toBe(5);
    path.dropServerWork(s, null); // a fault's drop leaves them connecting
    expect(metrics.elb502).toBe(0);
    path.dropServerWork(s, 502); // terminated: they fail at once
    expect(metrics.elb502).toBe(5);
    expect(path.pool.serverHead[s]).toBe(-1);
    expect(path.unanswered).toBe(0);
  });

  it('tells the world when a draining server has finished its last request', () => {
    const { engine, path, servers, idle, s } = setup(1, 0.5, 1, 10);
    path.start();
    engine.runUntil(1.2);
    expect(idle).toEqual([]);
    servers.draining[s] = 1;
    engine.runUntil(2.2);
    expect(idle).toEqual([s]);
  });
});

/** The servers table: rows, growth, the busy-slot integral, and the admission test. */
import { describe, expect, it } from 'vitest';
import { Servers } from '../../../../core/model/compute/servers.ts';

describe('Servers', () => {
  it('appends idle rows with their zone, slots and queue limit, and keeps every column when it grows', () => {
    const servers = new Servers(2);
    for (let k = 0; k < 5; k++) servers.add(k % 3, 4 + k, 100 + k, 10 * k);
    servers.busy[1] = 3;
    servers.add(2, 8, 50, 60);
    expect(servers.count).toBe(6);
    expect(servers.capacity).toBeGreaterThanOrEqual(6);
    expect(Array.from(servers.zone.subarray(0, 6))).toEqual([0, 1, 2, 0, 1, 2]);
    expect(Array.from(servers.concurrency.subarray(0, 6))).toEqual([4, 5, 6, 7, 8, 8]);
    expect(servers.queueLimit[5]).toBe(50);
    expect(servers.busy[1]).toBe(3);
    expect(servers.queueHead[5]).toBe(-1);
    expect(servers.slowFactor[5]).toBe(1);
    expect(servers.lastChange[3]).toBe(30);
  });

  it('integrates busy slots over time: 2 slots for 3 s then 1 for 2 s is 8 slot-seconds', () => {
    const servers = new Servers();
    const s = servers.add(0, 4, 10, 0);
    servers.flushBusy(s, 1);
    servers.busy[s] = 2;
    servers.flushBusy(s, 4);
    servers.busy[s] = 1;
    servers.flushBusy(s, 6);
    expect(servers.busyIntegral[s]).toBe(8);
  });

  it('refuses a connection only when every slot is busy and the queue is full', () => {
    const servers = new Servers();
    const s = servers.add(0, 2, 1, 0);
    expect(servers.full(s)).toBe(false);
    servers.busy[s] = 2;
    expect(servers.full(s)).toBe(false);
    expect(servers.holds(s)).toBe(true);
    servers.queueLen[s] = 1;
    expect(servers.full(s)).toBe(true);
    servers.busy[s] = 0;
    servers.queueLen[s] = 0;
    expect(servers.holds(s)).toBe(false);
  });
});

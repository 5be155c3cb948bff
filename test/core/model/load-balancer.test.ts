/**
 * AWS's documented load-balancer behaviour, reproduced by whole runs.
 * Sources: ELB-HOW (cross-zone example), ALB-HC (fail open), ALB-TS (503 with no targets),
 * ALB-HC / aws-behaviour §3.2 (health-check timing).
 */
import { describe, expect, it } from 'vitest';
import { simulate } from '../../../core/index.ts';
import { buildScenario, fixedFleet } from '../../support/build.ts';

const twoZones = ['us-east-1a', 'us-east-1b'];

function crossZoneShares(crossZone: boolean): number[] {
  const r = simulate(
    buildScenario({
      zones: twoZones,
      duration: 3600,
      traffic: { rate: [[0, 100]], arrivals: 'poisson', clients: 5000 },
      loadBalancer: { crossZone },
      // AZRebalance would even the zones out; the documented example holds them at 2 and 8.
      autoScaling: { ...fixedFleet(10), initialInstancesPerZone: { 'us-east-1a': 2, 'us-east-1b': 8 }, suspendedProcesses: ['AZRebalance'] },
      instance: { concurrency: 8, serviceTime: '10ms' },
    }),
  );
  const total = r.summary.targets.reduce((s, t) => s + t.requests, 0);
  return r.summary.targets.map((t) => t.requests / total);
}

describe('cross-zone load balancing (ELB-HOW worked example: 2 zones with 2 and 8 targets)', () => {
  it('on: every target gets 10 % (within 0.5 points over 360,000 requests)', () => {
    crossZoneShares(true).forEach((share) => expect(Math.abs(share - 0.1)).toBeLessThan(0.005));
  });

  it('off: each target in the 2-target zone gets 25 %, each in the 8-target zone 6.25 % (within 1 point)', () => {
    const shares = crossZoneShares(false);
    const r = simulate(buildScenario({ zones: twoZones, autoScaling: { ...fixedFleet(10), initialInstancesPerZone: { 'us-east-1a': 2, 'us-east-1b': 8 }, suspendedProcesses: ['AZRebalance'] } }));
    r.summary.targets.forEach((t, i) => expect(Math.abs(shares[i]! - (t.zone === 'us-east-1a' ? 0.25 : 0.0625))).toBeLessThan(0.01));
  });
});

describe('no healthy or no registered targets', () => {
  it('fails open: with every target failed and unhealthy, requests still go to all of them (and time out)', () => {
    const r = simulate(
      buildScenario({
        duration: 600,
        faults: [{ at: 60, action: 'fail-zone', zone: 'us-east-1a' }, { at: 60, action: 'fail-zone', zone: 'us-east-1b' }],
      }),
    );
    const ts = r.timeseries;
    const last = ts.time_s.length - 1;
    expect(ts.healthy_hosts[last]).toBe(0);
    expect(ts.unhealthy_hosts[last]).toBe(4);
    // After detection every target still receives requests: nothing is answered 503.
    expect(r.summary.elb5xx['503']).toBe(0);
    const late = r.summary.targets.map((t) => t.requests);
    late.forEach((n) => expect(n).toBeGreaterThan(1000));
    expect(ts.elb_5xx[last]).toBeGreaterThan(0.9 * ts.requests[last]!);
  });

  it('a Classic Load Balancer does not fail open: it answers 503 once no instance is healthy', () => {
    const r = simulate(
      buildScenario({
        duration: 600,
        loadBalancer: { type: 'classic', targetGroup: { algorithm: 'least_outstanding_requests', healthCheck: { interval: 30, timeout: 5, healthyThreshold: 10, unhealthyThreshold: 2, servedByTarget: false } } },
        faults: [{ at: 60, action: 'fail-zone', zone: 'us-east-1a' }, { at: 60, action: 'fail-zone', zone: 'us-east-1b' }],
      }),
    );
    const last = r.timeseries.time_s.length - 1;
    expect(r.timeseries.elb_5xx[last]).toBe(r.timeseries.requests[last]);
    expect(r.summary.elb5xx['503']).toBeGreaterThan(0);
  });

  it('answers 503 to every request when the target group has no registered targets', () => {
    const r = simulate(buildScenario({ duration: 120, autoScaling: fixedFleet(0) }));
    expect(r.summary.requests).toBeGreaterThan(2000);
    expect(r.summary.elb5xx['503']).toBe(r.summary.requests);
    expect(r.summary.responses2xx).toBe(0);
  });
});

describe('health-check timing (ALB defaults: interval 30 s, timeout 5 s, unhealthy 2, healthy 5)', () => {
  const failAt = 600;
  const recoverAt = 1200;
  const runs = [1, 2, 3, 4, 5, 6, 7, 8].map((seed) =>
    simulate(buildScenario({ duration: 1800, faults: [{ at: failAt, action: 'fail-target', count: 1, for: recoverAt - failAt }] }), { seed }),
  );
  const healthEvents = (r: (typeof runs)[number]) => {
    const victim = r.events.find((e) => e.kind === 'fault' && e.detail === 'fail-target')!.subject;
    return r.events.filter((e) => e.kind === 'health' && e.subject === victim && e.timeS > 0);
  };

  it('a failed target is marked unhealthy after 2 failed checks: between 35 s and 65 s after it fails', () => {
    for (const r of runs) {
      const [down] = healthEvents(r);
      expect(down!.detail).toBe('unhealthy');
      expect(down!.timeS - failAt).toBeGreaterThanOrEqual(30 + 5);
      expect(down!.timeS - failAt).toBeLessThanOrEqual(60 + 5);
    }
  });

  it('a recovered target is healthy again after 5 passing checks: between 120 s and 150 s after it recovers', () => {
    for (const r of runs) {
      const up = healthEvents(r)[1]!;
      expect(up.detail).toBe('healthy');
      expect(up.timeS - recoverAt).toBeGreaterThanOrEqual(120);
      expect(up.timeS - recoverAt).toBeLessThanOrEqual(150);
    }
  });

  it('a newly launched target is healthy after one passing check, within one interval of registering', () => {
    for (const r of runs.slice(0, 3)) {
      const s = simulate(buildScenario({ duration: 900, faults: [{ at: 100, action: 'terminate-target', count: 1 }] }), { seed: r.seed });
      const replacement = s.events.find((e) => e.kind === 'launch' && e.timeS > 0)!.subject;
      const registered = s.events.find((e) => e.kind === 'register' && e.subject === replacement)!;
      const healthy = s.events.find((e) => e.kind === 'health' && e.subject === replacement)!;
      expect(healthy.detail).toBe('healthy');
      expect(registered.timeS).toBe(160); // launched at 100, boots for 60 s
      expect(healthy.timeS - registered.timeS).toBeLessThan(30);
    }
  });
});

describe('errors a client sees', () => {
  it('a full queue refuses the connection and the load balancer answers 502', () => {
    const r = simulate(
      buildScenario({
        duration: 300,
        traffic: { rate: [[0, 200]], arrivals: 'poisson', clients: 1000 },
        autoScaling: fixedFleet(2),
        instance: { concurrency: 1, queueLimit: 5, serviceTime: { distribution: 'exponential', mean: '100ms' } },
      }),
    );
    expect(r.summary.elb5xx['502']).toBeGreaterThan(0.8 * r.summary.requests); // capacity 20 req/s of 200
    expect(r.summary.elb5xx['504']).toBe(0);
  });

  it('a response slower than the idle timeout is a 504 at the timeout, and conservation holds', () => {
    const r = simulate(
      buildScenario({
        duration: 300,
        loadBalancer: { idleTimeout: '1s' },
        instance: { serviceTime: { distribution: 'uniform', min: '500ms', max: '1.5s' } },
      }),
    );
    const s = r.summary;
    expect(s.elb5xx['504']).toBeGreaterThan(0.3 * s.requests);
    expect(s.latencyMs.max).toBeLessThanOrEqual(1000);
    expect(s.requests).toBe(s.responses2xx + s.target5xx + s.elb5xx['502'] + s.elb5xx['503'] + s.elb5xx['504'] + s.inFlightAtEnd);
  });
});

describe('health checks served by the target (servedByTarget)', () => {
  // Two targets, 1 slot, queue of 20, 100 ms requests at 15 req/s: each target is 75 % busy,
  // then at 300 s the rate triples and the queues fill.
  const overload = (servedByTarget: boolean) =>
    simulate(
      buildScenario({
        duration: 900,
        traffic: { rate: [[0, 15], [300, 15], [300.001, 45]], arrivals: 'poisson', clients: 1000 },
        loadBalancer: { targetGroup: { healthCheck: { interval: '10s', timeout: '2s', healthyThreshold: 2, unhealthyThreshold: 2, servedByTarget } } },
        autoScaling: fixedFleet(2),
        instance: { concurrency: 1, queueLimit: 20, serviceTime: { distribution: 'exponential', mean: '100ms' } },
      }),
    );

  it('an overloaded target fails checks that wait behind its queue (or are refused) and goes unhealthy', () => {
    const downs = overload(true).events.filter((e) => e.kind === 'health' && e.detail === 'unhealthy');
    expect(downs.length).toBeGreaterThan(0);
    expect(downs.every((e) => e.timeS > 300)).toBe(true);
  });

  it('liveness-only checks (the default) keep an overloaded target healthy', () => {
    expect(overload(false).events.filter((e) => e.kind === 'health' && e.timeS > 0)).toEqual([]);
  });

  it('checks are not client requests: they add no requests or responses to the figures', () => {
    const calm = (servedByTarget: boolean) => simulate(buildScenario({ duration: 600, loadBalancer: { targetGroup: { healthCheck: { servedByTarget } } } }));
    const [a, b] = [calm(true), calm(false)];
    expect(a.summary.requests).toBe(b.summary.requests);
    expect(a.summary.responses2xx + a.summary.inFlightAtEnd).toBe(b.summary.responses2xx + b.summary.inFlightAtEnd);
  });
});


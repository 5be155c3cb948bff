/**
 * The full topology end to end, from the file form: listener rules route each request class to
 * the target group its matching rule names, weighted forwards split by weight, redirects and
 * fixed responses are answered by the load balancer, IP targets serve beside instances, and
 * every reference is checked with a located error.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseScenario, simulate, type RunResult } from '../../core/index.ts';
import { errorsOf, minimalWith } from './scenario/helpers.ts';

const run = (yaml: string, seed?: number): RunResult => {
  const parsed = parseScenario(yaml, 'topology.yaml');
  if (!parsed.ok) throw new Error(parsed.errors.map((e) => `${e.line}:${e.path}: ${e.message}`).join('\n'));
  return simulate(parsed.scenario, { checkInvariants: true, ...(seed === undefined ? {} : { seed }) });
};

const conserved = (r: RunResult) => {
  const s = r.summary;
  return s.responses2xx + s.target5xx + s.elb5xx['502'] + s.elb5xx['503'] + s.elb5xx['504'] + (s.redirects ?? 0) + (s.fixedResponses ?? 0) + s.inFlightAtEnd;
};

function weighted(a: number, b: number, rate = 200, duration = '10m'): string {
  return `name: split
duration: ${duration}
zones: [a, b]
traffic: { rate: ${rate} }
loadBalancer:
  listeners:
    - protocol: HTTP
      port: 80
      defaultActions: { forward: [{ targetGroup: one, weight: ${a} }, { targetGroup: two, weight: ${b} }] }
  targetGroups:
    - { name: one, autoScalingGroup: g1 }
    - { name: two, autoScalingGroup: g2 }
autoScalingGroups:
  - { name: g1, desiredCapacity: 4, instance: { concurrency: 8, serviceTime: 20ms } }
  - { name: g2, desiredCapacity: 4, instance: { concurrency: 8, serviceTime: 20ms } }
`;
}

describe('weighted forward', () => {
  it('weights 10 and 20 split requests 1:2 within sampling error (AWS: traffic proportional to weight)', () => {
    const r = run(weighted(10, 20));
    const one = r.summary.targetGroups!['one']!.requests;
    const two = r.summary.targetGroups!['two']!.requests;
    const n = one + two;
    // Binomial with p = 1/3 over ~120,000 requests: sd of the share ≈ 0.0014; 4 sd.
    expect(n).toBeGreaterThan(100_000);
    expect(Math.abs(one / n - 1 / 3)).toBeLessThan(4 * Math.sqrt((1 / 3) * (2 / 3) / n));
    expect(conserved(r)).toBe(r.summary.requests);
  });

  it('a target group at weight 0 gets no request', () => {
    const r = run(weighted(0, 5));
    expect(r.summary.targetGroups!['one']!.requests).toBe(0);
    expect(r.summary.targetGroups!['two']!.requests).toBe(r.summary.requests);
  });

  it('set-weights moves the split at its time', () => {
    const r = run(`${weighted(1, 0, 100, '6m')}faults:\n  - { at: 3m, action: set-weights, weights: { one: 0, two: 1 } }\n`);
    const one = r.extraSeries.find((s) => s.column === 'requests__one')!.values;
    const two = r.extraSeries.find((s) => s.column === 'requests__two')!.values;
    expect(Array.from(two.subarray(0, 3))).toEqual([0, 0, 0]);
    expect(Array.from(one.subarray(3))).toEqual([0, 0, 0]);
    expect(r.events.some((e) => e.kind === 'fault' && e.detail === 'set-weights one 0, two 1')).toBe(true);
  });
});

const ROUTED = `name: rules
duration: 5m
zones: [a, b]
traffic:
  rate: 100
  requests:
    - { name: api, weight: 3, path: /api/v1/orders }
    - { name: img, weight: 2, host: STATIC.example.com, path: /logo.png }
    - { name: beta, weight: 1, path: /home, headers: { X-Beta: "1" } }
    - { name: old, weight: 1, path: /old/x }
    - { name: down, weight: 1, path: /maintenance }
    - { name: page, weight: 2, path: /home }
loadBalancer:
  listeners:
    - protocol: HTTP
      port: 80
      rules:
        - { priority: 5, conditions: { pathPattern: ["/api/*"] }, actions: { forward: [{ targetGroup: api }] } }
        - { priority: 10, conditions: { hostHeader: ["static.*.com"] }, actions: { forward: [{ targetGroup: static }] } }
        - { priority: 15, conditions: { httpHeader: [{ name: x-beta, values: ["1"] }] }, actions: { forward: [{ targetGroup: beta }] } }
        - { priority: 20, conditions: { pathPattern: ["/old/*"] }, actions: { redirect: { statusCode: HTTP_302, path: /new } } }
        - { priority: 25, conditions: { pathPattern: ["/maint?nance"] }, actions: { fixedResponse: { statusCode: 503 } } }
      defaultActions: { forward: [{ targetGroup: web }] }
  targetGroups:
    - { name: api, autoScalingGroup: g }
    - { name: static, targetType: ip, targets: [{ ip: 10.0.0.1, zone: on-premises, networkLatency: 5ms, concurrency: 8, serviceTime: 10ms }] }
    - { name: beta, autoScalingGroup: g }
    - { name: web, autoScalingGroup: g }
autoScalingGroups:
  - { name: g, desiredCapacity: 3, instance: { concurrency: 8, serviceTime: 10ms } }
`;

describe('listener rules', () => {
  const r = run(ROUTED);
  const s = r.summary;
  const rules = s.loadBalancers!['lb']!.rules;

  it('each class reaches the group its first matching rule names; the host matches case-insensitively', () => {
    // The shares of the classes (weights 3:2:1:1:1:2 of 10) go where the rules say.
    const n = s.requests;
    const expectShare = (actual: number, weight: number) => {
      const p = weight / 10;
      expect(Math.abs(actual / n - p)).toBeLessThan(4 * Math.sqrt((p * (1 - p)) / n));
    };
    expectShare(s.targetGroups!['api']!.requests, 3);
    expectShare(s.targetGroups!['static']!.requests, 2);
    expectShare(s.targetGroups!['beta']!.requests, 1);
    expectShare(s.redirects!, 1);
    expectShare(s.fixedResponses!, 1);
    expectShare(s.targetGroups!['web']!.requests, 2);
  });

  it('every request is answered by exactly one action: the rules\' match counts add up to the requests', () => {
    expect(rules.map((x) => x.priority)).toEqual([5, 10, 15, 20, 25, 'default']);
    expect(rules.reduce((sum, x) => sum + x.matched, 0)).toBe(s.requests);
    expect(conserved(r)).toBe(s.requests);
    expect(s.targetGroups!['api']!.requests).toBe(rules[0]!.matched);
  });

  it('an on-premises IP target serves every zone and adds its round trip', () => {
    expect(s.targets.find((t) => t.id === '10.0.0.1')).toMatchObject({ zone: 'on-premises' });
    expect(s.zones['on-premises']!.requests).toBe(s.targetGroups!['static']!.requests);
    expect(s.targetGroups!['static']!.latencyMsMean).toBeCloseTo(15, 6);
  });

  it('per-target-group columns follow the contract columns, and add up to them', () => {
    const names = r.extraSeries.map((x) => x.column);
    expect(names).toContain('requests__api');
    expect(names).toContain('in_service__g');
    const period = 2;
    const sum = ['api', 'static', 'beta', 'web'].reduce((a, tg) => a + r.extraSeries.find((x) => x.column === `requests__${tg}`)!.values[period]!, 0);
    const redirects = r.extraSeries.find((x) => x.column === 'redirects')!.values[period]!;
    const fixed = r.extraSeries.find((x) => x.column === 'fixed_responses')!.values[period]!;
    expect(sum + redirects + fixed).toBe(r.timeseries.requests[period]);
  });
});

describe('fast-check: routing by rules', () => {
  it('for any weights and seed, every request is accounted for once, and only named groups get requests', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 999 }), fc.integer({ min: 1, max: 999 }), fc.integer({ min: 1, max: 1000 }), (a, b, seed) => {
        const r = run(weighted(a, b, 50, '2m'), seed);
        const s = r.summary;
        expect(conserved(r)).toBe(s.requests);
        expect(s.targetGroups!['one']!.requests + s.targetGroups!['two']!.requests).toBe(s.requests);
        if (a === 0) expect(s.targetGroups!['one']!.requests).toBe(0);
        // Conservation per target group: what it was sent is answered (2xx or the load balancer's 5xx) or still in flight.
        const inFlight = ['one', 'two'].map((n) => {
          const tg = s.targetGroups![n]!;
          return tg.requests - tg.responses2xx - tg.elb5xx;
        });
        for (const n of inFlight) expect(n).toBeGreaterThanOrEqual(0);
        expect(inFlight[0]! + inFlight[1]!).toBe(s.inFlightAtEnd);
        const rules = s.loadBalancers!['lb']!.rules;
        expect(rules.reduce((n, x) => n + x.matched, 0)).toBe(s.requests);
      }),
      { numRuns: 15 },
    );
  });

  it('the same scenario and seed give identical outputs', () => {
    const a = run(ROUTED, 7);
    const b = run(ROUTED, 7);
    expect(JSON.stringify(a.summary)).toBe(JSON.stringify(b.summary));
    expect(a.extraSeries.map((x) => Array.from(x.values))).toEqual(b.extraSeries.map((x) => Array.from(x.values)));
  });
});

describe('references and limits, with located errors', () => {
  const full = (listeners: string, targetGroups = '    - { name: web, autoScalingGroup: g }\n', groups = '  - { name: g }\n') =>
    minimalWith(`loadBalancer:\n  listeners:\n${listeners}  targetGroups:\n${targetGroups}autoScalingGroups:\n${groups}`);
  const forwardTo = (name: string) => `    - { protocol: HTTP, port: 80, defaultActions: { forward: [{ targetGroup: ${name} }] } }\n`;

  it('an unknown target group, with a hint', () => {
    expect(errorsOf(full(forwardTo('wbe')))).toEqual([expect.stringMatching(/^scenarios\/x\.yaml:6:\d+: loadBalancer\.listeners\.0\.defaultActions\.forward\.0\.targetGroup: no target group is named `wbe`; the target groups are `web`.*did you mean `web`/)]);
  });

  it('an unknown Auto Scaling group', () => {
    expect(errorsOf(full(forwardTo('web'), '    - { name: web, autoScalingGroup: gg }\n'))).toEqual([expect.stringContaining('loadBalancer.targetGroups.0.autoScalingGroup: no Auto Scaling group is named `gg`')]);
  });

  it('duplicate priorities in a listener', () => {
    const rules = '    - protocol: HTTP\n      port: 80\n      rules:\n        - { priority: 5, conditions: { pathPattern: ["/a"] }, actions: { forward: [{ targetGroup: web }] } }\n        - { priority: 5, conditions: { pathPattern: ["/b"] }, actions: { forward: [{ targetGroup: web }] } }\n      defaultActions: { forward: [{ targetGroup: web }] }\n';
    expect(errorsOf(full(rules))).toEqual([expect.stringContaining("loadBalancer.listeners.0.rules.1.priority: priority 5 is already rule 0's")]);
  });

  it('rules on a network load balancer', () => {
    const yaml = minimalWith('loadBalancer:\n  type: network\n  listeners:\n    - protocol: TCP\n      port: 80\n      rules:\n        - { priority: 5, conditions: { pathPattern: ["/a"] }, actions: { forward: [{ targetGroup: t }] } }\n      defaultActions: { forward: [{ targetGroup: t }] }\n  targetGroups:\n    - { name: t }\n');
    expect(errorsOf(yaml)).toEqual([expect.stringContaining('loadBalancer.listeners.0.rules: listener rules exist only on application load balancers, and this one is network')]);
  });

  it("AWS's limits: 5 target groups per forward, 3 values per condition, priorities 1 to 50000", () => {
    const six = Array.from({ length: 6 }, (_, i) => `{ targetGroup: t${i}, weight: 1 }`).join(', ');
    expect(errorsOf(full(`    - { protocol: HTTP, port: 80, defaultActions: { forward: [${six}] } }\n`)).join('\n')).toContain('6 target groups are too many; AWS forwards to at most 5 per action');
    const four = '    - protocol: HTTP\n      port: 80\n      rules:\n        - { priority: 50001, conditions: { pathPattern: ["/a", "/b", "/c", "/d"] }, actions: { forward: [{ targetGroup: web }] } }\n      defaultActions: { forward: [{ targetGroup: web }] }\n';
    const errors = errorsOf(full(four)).join('\n');
    expect(errors).toContain('rules.0.priority: 50001 is out of range; allowed 1 to 50000 (AWS Priority)');
    expect(errors).toContain('rules.0.conditions.pathPattern: 4 values are too many; AWS allows at most 3 per condition');
  });

  it('the shorthand and the full form are not mixed', () => {
    const yaml = minimalWith('loadBalancer:\n  targetGroup: { deregistrationDelay: 10s }\n  targetGroups:\n    - { name: web }\nautoScaling: { desiredCapacity: 2 }\nautoScalingGroups:\n  - { name: g }\n');
    const errors = errorsOf(yaml).join('\n');
    expect(errors).toContain('loadBalancer.targetGroup: give either loadBalancer.targetGroup (one target group) or loadBalancer.targetGroups (several), not both');
    expect(errors).toContain('autoScaling: give either autoScaling with instance (one group) or autoScalingGroups');
  });

  it('an IP target in a zone the scenario does not have', () => {
    const yaml = full(forwardTo('web'), '    - { name: web, targetType: ip, targets: [{ ip: 10.0.0.1, zone: us-east-1z }] }\n');
    expect(errorsOf(yaml)).toEqual([expect.stringContaining('loadBalancer.targetGroups.0.targets.0.zone: `us-east-1z` is not one of the scenario\'s zones')]);
  });
});

describe('several load balancers behind Route 53', () => {
  const two = (dns: string, second = '    targetGroups: [{ name: b, autoScalingGroup: g }]\n') =>
    minimalWith(`${dns}loadBalancers:\n  - name: one\n    targetGroups: [{ name: a, autoScalingGroup: g }]\n  - name: two\n${second}autoScalingGroups:\n  - { name: g, desiredCapacity: 4, instance: { concurrency: 8, serviceTime: 10ms } }\n`);

  it('a weighted record splits clients by weight; each client keeps its answer for the TTL', () => {
    const yaml = two('traffic: { rate: 100, clients: 5000 }\ndns: { records: [{ loadBalancer: one, weight: 51 }, { loadBalancer: two, weight: 204 }], ttl: 30s }\n').replace('duration: 1h', 'duration: 20m');
    const s = run(yaml).summary;
    const share = s.loadBalancers!['two']!.requests / s.requests;
    expect(Math.abs(share - 0.8)).toBeLessThan(0.01);
    expect(s.loadBalancers!['one']!.requests + s.loadBalancers!['two']!.requests).toBe(s.requests);
    // One group registered with both load balancers' target groups.
    expect(s.targetGroups!['a']!.healthyHostsAtEnd).toBe(4);
    expect(s.targetGroups!['b']!.healthyHostsAtEnd).toBe(4);
  });

  it('several load balancers need a dns record, naming known load balancers', () => {
    expect(errorsOf(two('')).join('\n')).toContain('loadBalancers: with several load balancers, give `dns`');
    expect(errorsOf(two('dns: { records: [{ loadBalancer: one }, { loadBalancer: tow }] }\n')).join('\n')).toMatch(/dns\.records\.1\.loadBalancer: no load balancer is named `tow`.*did you mean `two`/);
  });

  it("an alarm with a LoadBalancer dimension reads that load balancer's own requests", () => {
    // 100 req/s split 51/204 by DNS: `one` sees about 1,200 requests a minute, `two` about 4,800.
    // A step policy on RequestCount above 3,000 scales out on `two`, not on `one`.
    const yaml = (lb: string) => minimalWith(`traffic: { rate: 100, clients: 5000 }
dns: { records: [{ loadBalancer: one, weight: 51 }, { loadBalancer: two, weight: 204 }], ttl: 30s }
loadBalancers:
  - name: one
    targetGroups: [{ name: a, autoScalingGroup: g }]
  - name: two
    targetGroups: [{ name: b, autoScalingGroup: g }]
autoScalingGroups:
  - name: g
    minSize: 2
    maxSize: 3
    desiredCapacity: 2
    instance: { concurrency: 8, serviceTime: 10ms }
    policies:
      - type: StepScaling
        adjustmentType: ChangeInCapacity
        alarm: { namespace: AWS/ApplicationELB, metric: RequestCount, statistic: Sum, period: 60s, evaluationPeriods: 2, threshold: 3000, comparisonOperator: GreaterThanThreshold, dimensions: { LoadBalancer: ${lb} } }
        stepAdjustments: [{ lowerBound: 0, scalingAdjustment: 1 }]
`).replace('duration: 1h', 'duration: 15m');
    expect(run(yaml('two')).summary.autoScalingGroups!['g']!.capacity.max).toBe(3);
    expect(run(yaml('one')).summary.autoScalingGroups!['g']!.capacity.max).toBe(2);
  });

  it('a target group serves one load balancer', () => {
    const errors = errorsOf(two('dns: { records: [{ loadBalancer: one }, { loadBalancer: two }] }\n', '    targetGroups: [{ name: a, autoScalingGroup: g }]\n')).join('\n');
    expect(errors).toContain('loadBalancers.1.targetGroups.0.name: `a` is already a target group of load balancer `one`');
  });
});

describe('CloudWatch dimensions', () => {
  const scenario = (dimensions: string) => `name: dims
duration: 20m
zones: [a, b]
traffic: { rate: 50 }
loadBalancer:
  listeners:
    - { protocol: HTTP, port: 80, defaultActions: { forward: [{ targetGroup: quiet, weight: 0 }, { targetGroup: busy, weight: 1 }] } }
  targetGroups:
    - { name: quiet, autoScalingGroup: watcher }
    - { name: busy, autoScalingGroup: worker }
autoScalingGroups:
  - name: watcher
    minSize: 1
    maxSize: 3
    policies:
      - type: StepScaling
        adjustmentType: ChangeInCapacity
        alarm: { namespace: AWS/ApplicationELB, metric: RequestCount, statistic: Sum, period: 60s, evaluationPeriods: 2, threshold: 1000, comparisonOperator: GreaterThanThreshold${dimensions} }
        stepAdjustments: [{ lowerBound: 0, scalingAdjustment: 1 }]
  - { name: worker, desiredCapacity: 2, instance: { concurrency: 8, serviceTime: 20ms } }
`;

  it("an alarm reads its group's first target group by default, and another target group by its TargetGroup dimension", () => {
    // The watcher's own target group gets no request (weight 0): no scaling on its RequestCount.
    expect(run(scenario('')).summary.autoScalingGroups!['watcher']!.capacity.max).toBe(1);
    // Reading `busy` (3,000 requests a minute > 1,000), it scales out to its maximum.
    expect(run(scenario(', dimensions: { TargetGroup: busy }')).summary.autoScalingGroups!['watcher']!.capacity.max).toBe(3);
  });

  it('a dimension naming no target group is a located error', () => {
    const errors = parseScenario(scenario(', dimensions: { TargetGroup: bsy }'), 'd.yaml');
    expect(errors.ok).toBe(false);
    if (!errors.ok) expect(errors.errors[0]).toMatchObject({ path: 'autoScalingGroups.0.policies.0', message: expect.stringMatching(/TargetGroup dimension `bsy` names no target group.*did you mean `busy`/) });
  });
});

describe('fast-check: a request reaches only the target group its first matching rule names', () => {
  const segment = fc.constantFrom('api', 'img', 'v1', 'old', 'x');
  const path = fc.array(segment, { minLength: 1, maxLength: 3 }).map((s) => `/${s.join('/')}`);
  const pattern = fc.oneof(path, path.map((p) => `${p.slice(0, p.lastIndexOf('/') + 1)}*`), segment.map((s) => `/${s}?*`));

  it('per-rule match counts and per-target-group requests agree with the rules evaluated by hand', async () => {
    const { matches } = await import('../../core/plan/rules.ts');
    fc.assert(
      fc.property(fc.uniqueArray(path, { minLength: 1, maxLength: 4 }), fc.array(pattern, { minLength: 1, maxLength: 4 }), (paths, patterns) => {
        const rules = patterns.map((p, i) => `        - { priority: ${(i + 1) * 10}, conditions: { pathPattern: ["${p}"] }, actions: { forward: [{ targetGroup: t${i % 2} }] } }`).join('\n');
        const yaml = `name: p
duration: 1m
zones: [a]
traffic:
  rate: 50
  requests:
${paths.map((p) => `    - { path: "${p}" }`).join('\n')}
loadBalancer:
  listeners:
    - protocol: HTTP
      port: 80
      rules:
${rules}
      defaultActions: { forward: [{ targetGroup: d }] }
  targetGroups:
    - { name: t0, autoScalingGroup: g }
    - { name: t1, autoScalingGroup: g }
    - { name: d, autoScalingGroup: g }
autoScalingGroups:
  - { name: g, desiredCapacity: 2, instance: { concurrency: 8, serviceTime: 5ms } }
`;
        const r = run(yaml);
        const s = r.summary;
        const got = s.loadBalancers!['lb']!.rules;
        // By hand: each class's first matching rule (or the default).
        const none = { pathPattern: null, hostHeader: null, httpHeader: [], httpRequestMethod: null, queryString: [], sourceIp: null };
        const first = paths.map((p) => {
          const k = patterns.findIndex((pat) => matches({ ...none, pathPattern: [pat] }, { method: 'GET', host: 'example.com', path: p, headers: {}, query: [] }, { cidr: '0.0.0.0/0' }));
          return k < 0 ? patterns.length : k;
        });
        // A rule some class picks first gets requests (about 3,000 a run over at most 4 classes); any other gets none.
        got.forEach((rule, k) => (first.includes(k) ? expect(rule.matched, `rule ${rule.priority}`).toBeGreaterThan(0) : expect(rule.matched, `rule ${rule.priority}`).toBe(0)));
        const forwardedTo = (tg: string) => got.filter((_, k) => (k === patterns.length ? tg === 'd' : `t${k % 2}` === tg)).reduce((n, x) => n + x.matched, 0);
        for (const tg of ['t0', 't1', 'd']) expect(s.targetGroups![tg]!.requests).toBe(forwardedTo(tg));
        expect(got.reduce((n, x) => n + x.matched, 0)).toBe(s.requests);
      }),
      { numRuns: 25 },
    );
  });
});

describe('HTTP_Redirect_Count in CloudWatch', () => {
  it('an alarm on the load balancer\'s redirects (LoadBalancer dimension) sees them', () => {
    const yaml = (threshold: number) => `name: redirects
duration: 15m
zones: [a, b]
traffic:
  rate: 40
  requests: [{ path: /old/x, weight: 1 }, { path: /, weight: 1 }]
loadBalancer:
  name: front
  listeners:
    - protocol: HTTP
      port: 80
      rules: [{ priority: 1, conditions: { pathPattern: ["/old/*"] }, actions: { redirect: { statusCode: HTTP_301, path: /new } } }]
      defaultActions: { forward: [{ targetGroup: web }] }
  targetGroups: [{ name: web, autoScalingGroup: g }]
autoScalingGroups:
  - name: g
    minSize: 1
    maxSize: 2
    policies:
      - type: StepScaling
        adjustmentType: ChangeInCapacity
        alarm: { namespace: AWS/ApplicationELB, metric: HTTP_Redirect_Count, statistic: Sum, period: 60s, evaluationPeriods: 2, threshold: ${threshold}, comparisonOperator: GreaterThanThreshold, dimensions: { LoadBalancer: front } }
        stepAdjustments: [{ lowerBound: 0, scalingAdjustment: 1 }]
    instance: { concurrency: 8, serviceTime: 10ms }
`;
    // About 1,200 redirects a minute: above 1,000 the group scales out, above 2,000 it does not.
    expect(run(yaml(1000)).summary.autoScalingGroups!['g']!.capacity.max).toBe(2);
    expect(run(yaml(2000)).summary.autoScalingGroups!['g']!.capacity.max).toBe(1);
  });
});

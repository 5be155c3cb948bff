/**
 * Random valid scenario files of the v2 topology (YAML text, through the CLI's parser), then
 * simulated: several target groups behind listener rules (path and host conditions, a weighted
 * forward, a redirect, a fixed response), IP targets in a zone or on premises, several Auto
 * Scaling groups, a second load balancer behind weighted DNS, timed actions (set-desired-
 * capacity, standby, detach/attach), an instance refresh and set-weights. Each run must:
 *
 * - parse without errors (the generator only writes valid files);
 * - conserve requests: arrived = 2xx + target 5xx + ELB 5xx + redirects + fixed responses + in
 *   flight, every request matched by exactly one rule or default action, and per target group
 *   what it was sent is answered or still in flight;
 * - have per-period columns (the contract's and the per-name ones) that add up to the summary;
 * - be byte-identical when rerun with the same seed;
 * - contain no NaN, Infinity or negative value in any output file.
 *
 * Replay a failure with FC_SEED=<seed> (printed below and by fast-check).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatEventsCsv, formatSummaryJson, formatTimeseriesCsv, parseScenario, simulate } from '../../core/index.ts';

const seed = Number(process.env.FC_SEED ?? (process.env.CI ? 20261202 : Date.now() % 1_000_000));
console.log(`topology-file property tests: FC_SEED=${seed}`);
const params = { seed, path: process.env.FC_PATH, numRuns: 24, endOnFailure: true };

const ALGORITHMS = ['round_robin', 'least_outstanding_requests', 'weighted_random', 'random'] as const;
const ACTIONS = ['set-desired-capacity', 'standby', 'detach', 'refresh'] as const;

const fileArb = fc
  .record({
    zones: fc.integer({ min: 1, max: 3 }),
    minutes: fc.integer({ min: 6, max: 16 }),
    period: fc.constantFrom(10, 30, 60),
    rate: fc.integer({ min: 10, max: 120 }),
    clients: fc.integer({ min: 20, max: 1500 }),
    classWeights: fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 5, maxLength: 5 }),
    algorithm: fc.constantFrom(...ALGORITHMS),
    weights: fc.tuple(fc.integer({ min: 0, max: 999 }), fc.integer({ min: 1, max: 999 })),
    newWeights: fc.option(fc.tuple(fc.integer({ min: 1, max: 999 }), fc.integer({ min: 0, max: 999 })), { nil: null }),
    ipTargets: fc.integer({ min: 1, max: 3 }),
    onPremises: fc.boolean(),
    mixedTargets: fc.boolean(),
    apiMin: fc.integer({ min: 1, max: 3 }),
    apiSpan: fc.integer({ min: 0, max: 4 }),
    tracking: fc.option(fc.integer({ min: 30, max: 80 }), { nil: null }),
    webDesired: fc.integer({ min: 1, max: 3 }),
    action: fc.option(fc.constantFrom(...ACTIONS), { nil: null }),
    actionCount: fc.integer({ min: 1, max: 2 }),
    decrement: fc.boolean(),
    secondLb: fc.boolean(),
    dnsWeights: fc.tuple(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 1, max: 255 })),
    ttl: fc.constantFrom(0, 30, 60),
    concurrency: fc.integer({ min: 1, max: 6 }),
    serviceMs: fc.constantFrom(20, 60, 120),
    runSeed: fc.integer({ min: 0, max: 1_000_000 }),
  })
  .map((p) => {
    const zones = ['z-a', 'z-b', 'z-c'].slice(0, p.zones);
    const durationS = p.minutes * 60;
    const service = `{ distribution: exponential, mean: ${p.serviceMs}ms }`;
    const [wApi, wOld, wHealth, wBeta, wRoot] = p.classWeights;
    const lines = [
      'name: random topology',
      `duration: ${p.minutes}m`,
      `period: ${p.period}s`,
      `zones: [${zones.join(', ')}]`,
      'traffic:',
      `  rate: ${p.rate}`,
      `  clients: ${p.clients}`,
      '  requests:',
      `    - { path: /api/items, weight: ${wApi} }`,
      `    - { path: /old/page, weight: ${wOld} }`,
      `    - { path: /health, weight: ${wHealth} }`,
      `    - { path: /, host: beta.example.com, weight: ${wBeta} }`,
      `    - { path: /, weight: ${wRoot} }`,
    ];
    if (p.secondLb) {
      lines.push('dns:', '  routing: weighted', `  ttl: ${p.ttl}`, '  records:', `    - { loadBalancer: main, weight: ${p.dnsWeights[1]} }`, `    - { loadBalancer: second, weight: ${p.dnsWeights[0]} }`);
    }
    const ip = (i: number) => `{ ip: 10.1.0.${i + 1}, zone: ${p.onPremises ? 'on-premises' : zones[i % zones.length]}, networkLatency: ${p.onPremises ? 10 : 1}ms, concurrency: ${p.concurrency}, serviceTime: ${service} }`;
    const ips = Array.from({ length: p.ipTargets }, (_, i) => ip(i));
    lines.push(
      'loadBalancers:',
      '  - name: main',
      '    listeners:',
      '      - protocol: HTTP',
      '        port: 80',
      '        rules:',
      '          - { priority: 10, conditions: { pathPattern: ["/api/*"] }, actions: { forward: [{ targetGroup: api }] } }',
      '          - { priority: 20, conditions: { pathPattern: ["/old/*"] }, actions: { redirect: { statusCode: HTTP_301, path: /new } } }',
      '          - { priority: 30, conditions: { pathPattern: [/health] }, actions: { fixedResponse: { statusCode: 200 } } }',
      `          - { priority: 40, conditions: { hostHeader: [beta.example.com] }, actions: { forward: [{ targetGroup: web, weight: ${p.weights[0]} }, { targetGroup: dc, weight: ${p.weights[1]} }] } }`,
      '        defaultActions: { forward: [{ targetGroup: web }] }',
      '    targetGroups:',
      `      - { name: api, autoScalingGroup: api, algorithm: ${p.algorithm}, deregistrationDelay: 20s }`,
      '      - { name: web, autoScalingGroup: web, deregistrationDelay: 20s }',
      // With mixedTargets the IP targets sit beside instances (a warning, not an error).
      p.mixedTargets ? `      - { name: dc, autoScalingGroup: extra, targets: [${ips.join(', ')}] }` : `      - { name: dc, targetType: ip, targets: [${ips.join(', ')}] }`,
    );
    if (p.secondLb) lines.push('  - name: second', '    targetGroups:', '      - { name: second-web, autoScalingGroup: extra }');
    const apiMax = p.apiMin + p.apiSpan;
    lines.push(
      'autoScalingGroups:',
      '  - name: api',
      `    minSize: ${p.apiMin}`,
      `    maxSize: ${apiMax}`,
      '    healthCheckType: ELB',
      `    instance: { bootTime: 30s, concurrency: ${p.concurrency}, serviceTime: ${service} }`,
    );
    if (p.tracking !== null) lines.push(`    policies: [{ type: TargetTrackingScaling, metric: ASGAverageCPUUtilization, targetValue: ${p.tracking} }]`);
    const at = (f: number) => Math.round(durationS * f);
    const decrement = `shouldDecrementDesiredCapacity: ${p.decrement}`;
    if (p.action === 'set-desired-capacity') lines.push(`    actions: [{ at: ${at(0.3)}, action: set-desired-capacity, desiredCapacity: ${apiMax} }, { at: ${at(0.6)}, action: set-desired-capacity, desiredCapacity: ${p.apiMin} }]`);
    if (p.action === 'standby') lines.push(`    actions: [{ at: ${at(0.3)}, action: enter-standby, count: ${p.actionCount}, ${decrement} }, { at: ${at(0.6)}, action: exit-standby, count: ${p.actionCount} }]`);
    if (p.action === 'detach') lines.push(`    actions: [{ at: ${at(0.3)}, action: detach-instances, count: ${p.actionCount}, ${decrement} }, { at: ${at(0.6)}, action: attach-instances, count: ${p.actionCount} }]`);
    if (p.action === 'refresh') lines.push(`    actions: [{ at: ${at(0.2)}, action: start-instance-refresh, preferences: { minHealthyPercentage: 50, instanceWarmup: 20s${p.decrement ? ', checkpointPercentages: [50], checkpointDelay: 60s' : ''} }, desiredConfiguration: { instance: { serviceTimeFactor: 0.8 } } }]`);
    lines.push(`  - { name: web, desiredCapacity: ${p.webDesired}, instance: { bootTime: 30s, concurrency: ${p.concurrency}, serviceTime: ${service} } }`);
    if (p.secondLb || p.mixedTargets) lines.push(`  - { name: extra, desiredCapacity: 1, instance: { bootTime: 30s, concurrency: ${p.concurrency}, serviceTime: ${service} } }`);
    if (p.newWeights) {
      lines.push(`faults: [{ at: ${at(0.5)}, action: set-weights,${p.secondLb ? ' loadBalancer: main,' : ''} listener: 80, rule: 40, weights: { web: ${p.newWeights[0]}, dc: ${p.newWeights[1]} } }]`);
    }
    return { text: `${lines.join('\n')}\n`, runSeed: p.runSeed };
  });

const sum = (column: ArrayLike<number>) => Array.from(column).reduce((a, b) => a + b, 0);

function outputs(text: string, runSeed: number) {
  const parsed = parseScenario(text, 'random.yaml');
  if (!parsed.ok) throw new Error(`the generator wrote an invalid file:\n${text}\n${parsed.errors.map((e) => `${e.line}:${e.column}: ${e.path}: ${e.message}`).join('\n')}`);
  const result = simulate(parsed.scenario, { seed: runSeed });
  return { result, files: [formatTimeseriesCsv(result.timeseries, result.extraSeries), formatEventsCsv(result.events), formatSummaryJson(result.summary)] };
}

describe('random valid topology files (fast-check, 24 files)', () => {
  it('conserve requests overall, per rule and per target group, add up per period, rerun byte-identically and hold no NaN or negative value', () => {
    fc.assert(
      fc.property(fileArb, ({ text, runSeed }) => {
        const { result, files } = outputs(text, runSeed);
        const s = result.summary;
        const ts = result.timeseries;
        const column = (name: string) => {
          const found = result.extraSeries.find((x) => x.column === name);
          expect(found, `${name} in:\n${text}`).toBeDefined();
          return found!.values;
        };
        const elb5xx = s.elb5xx['502'] + s.elb5xx['503'] + s.elb5xx['504'];
        const redirects = s.redirects!;
        const fixed = s.fixedResponses!;
        expect(s.requests, text).toBe(s.responses2xx + s.target5xx + elb5xx + redirects + fixed + s.inFlightAtEnd);
        // Every request is matched by exactly one rule or default action, on the load balancer DNS sent it to.
        const lbs = Object.values(s.loadBalancers!);
        expect(lbs.reduce((n, lb) => n + lb.requests, 0), text).toBe(s.requests);
        for (const lb of lbs) expect(lb.rules.reduce((n, r) => n + r.matched, 0), text).toBe(lb.requests);
        // Per target group: sent = 2xx + the load balancer's 5xx + (target 5xx and) in flight.
        const tgs = Object.entries(s.targetGroups!);
        let open = 0;
        for (const [name, tg] of tgs) {
          const left = tg.requests - tg.responses2xx - tg.elb5xx;
          expect(left, `${name} in:\n${text}`).toBeGreaterThanOrEqual(0);
          open += left;
          expect(sum(column(`requests__${name}`)), `${name} in:\n${text}`).toBe(tg.requests);
          expect(sum(column(`responses_2xx__${name}`)), `${name} in:\n${text}`).toBe(tg.responses2xx);
          expect(sum(column(`elb_5xx__${name}`)), `${name} in:\n${text}`).toBe(tg.elb5xx);
        }
        expect(open, text).toBe(s.inFlightAtEnd + s.target5xx);
        expect(tgs.reduce((n, [, tg]) => n + tg.requests, 0) + redirects + fixed, text).toBe(s.requests);
        // The contract's columns and the per-name ones add up to the summary.
        expect(sum(ts.requests), text).toBe(s.requests);
        expect(sum(ts.responses_2xx), text).toBe(s.responses2xx);
        expect(sum(ts.target_5xx), text).toBe(s.target5xx);
        expect(sum(ts.elb_5xx), text).toBe(elb5xx);
        expect(sum(column('redirects')), text).toBe(redirects);
        expect(sum(column('fixed_responses')), text).toBe(fixed);
        const main = s.loadBalancers!['main']!.rules;
        expect(main.find((r) => r.priority === 20)!.matched, text).toBe(redirects);
        expect(main.find((r) => r.priority === 30)!.matched, text).toBe(fixed);
        const matched = result.extraSeries.filter((x) => x.column.startsWith('matched__'));
        expect(matched.reduce((n, x) => n + sum(x.values), 0), text).toBe(s.requests);
        for (const file of files) {
          expect(file.replaceAll('"terminateS": null', ''), text).not.toMatch(/NaN|Infinity|null/);
          expect(file, text).not.toMatch(/(^|[,:\s[])-\d/m);
        }
        expect(outputs(text, runSeed).files, text).toEqual(files);
      }),
      params,
    );
  });
});

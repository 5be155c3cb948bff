/**
 * The limits on the topology's inputs (core/scenario/limits.ts): load balancers, listeners,
 * rules, target groups, IP targets, Auto Scaling groups, DNS records, request classes, client
 * groups, lifecycle hooks, and the two cross-key ones, rule checks before the run and per-name
 * output cells. Each is refused beyond its limit with a located message naming the limit and
 * why, and accepted at it.
 */
import { describe, expect, it } from 'vitest';
import { LIMITS } from '../../../core/scenario/limits.ts';
import { MAX_LIFECYCLE_HOOKS } from '../../../core/scenario/group-schema.ts';
import { RULE_LIMITS } from '../../../core/scenario/topology-schema.ts';
import { errorOf, errorsOf, parse, scenarioOf } from './helpers.ts';

const HEAD = 'name: t\nduration: 1h\nzones: [a, b]\n';
const range = (n: number) => Array.from({ length: n }, (_, i) => i);

/** `n` load balancers behind a weighted record, each with one target group on the group `web`. */
function loadBalancers(n: number, records = n): string {
  const lbs = range(n).map((i) => `  - { name: lb${i}, targetGroups: [{ name: tg${i}, autoScalingGroup: web }] }`);
  const recs = range(records).map((i) => `    - { loadBalancer: lb${i % n} }`);
  return `${HEAD}traffic: { rate: 1 }\ndns:\n  routing: weighted\n  records:\n${recs.join('\n')}\nloadBalancers:\n${lbs.join('\n')}\nautoScalingGroups:\n  - { name: web, desiredCapacity: 1 }\n`;
}

/** One load balancer with `listeners` listeners of `rules` path rules each and `targetGroups` target groups. */
function listeners(count: number, rules: number, targetGroups = 2, traffic = 'traffic: { rate: 1 }'): string {
  const tgs = range(targetGroups).map((i) => `      - { name: tg${i}, autoScalingGroup: web }`);
  const ls = range(count).map((l) => {
    const rs = range(rules).map((r) => `          - { priority: ${r + 1}, conditions: { pathPattern: ["/p${r}/*"] }, actions: { forward: [{ targetGroup: tg${r % targetGroups} }] } }`);
    return `      - protocol: HTTP\n        port: ${8000 + l}\n        rules:${rs.length === 0 ? ' []' : `\n${rs.join('\n')}`}\n        defaultActions: { forward: [{ targetGroup: tg0 }] }`;
  });
  return `${HEAD}${traffic}\nloadBalancers:\n  - name: lb\n    listeners:\n${ls.join('\n')}\n    targetGroups:\n${tgs.join('\n')}\nautoScalingGroups:\n  - { name: web, desiredCapacity: 1 }\n`;
}

function ipTargets(n: number): string {
  const ts = range(n).map((i) => `          - { ip: 10.${Math.floor(i / 250)}.${i % 250}.1, zone: a }`);
  return `${HEAD}traffic: { rate: 1 }\nloadBalancers:\n  - name: lb\n    targetGroups:\n      - name: dc\n        targetType: ip\n        targets:\n${ts.join('\n')}\n`;
}

function groups(n: number): string {
  const tgs = range(n).map((i) => `      - { name: tg${i}, autoScalingGroup: g${i} }`);
  const gs = range(n).map((i) => `  - { name: g${i}, desiredCapacity: 1 }`);
  const forward = range(Math.min(n, 5)).map((i) => `{ targetGroup: tg${i} }`).join(', ');
  return `${HEAD}traffic: { rate: 1 }\nloadBalancers:\n  - name: lb\n    listeners:\n      - protocol: HTTP\n        port: 80\n        defaultActions: { forward: [${forward}] }\n    targetGroups:\n${tgs.join('\n')}\nautoScalingGroups:\n${gs.join('\n')}\n`;
}

const classes = (n: number) => `traffic:\n  rate: 1\n  requests:\n${range(n).map((i) => `    - { path: /p${i} }`).join('\n')}`;
const clientGroups = (n: number) => `traffic:\n  rate: 1\n  clientGroups:\n${range(n).map((i) => `    - { count: 1, sourceIp: 10.0.${Math.floor(i / 250)}.${i % 250}/32 }`).join('\n')}`;

/** The errors that name a limit (a scenario this size may have others, e.g. targets without requests). */
const allErrors = (yaml: string) => (parse(yaml).ok ? [] : errorsOf(yaml));
const limitErrors = (yaml: string) => {
  const result = parse(yaml);
  return result.ok ? [] : errorsOf(yaml).filter((e) => e.includes('the limit is'));
};

describe('limits on the topology', () => {
  it('load balancers: 100, and DNS records: 100', () => {
    expect(scenarioOf(loadBalancers(LIMITS.loadBalancers.max)).loadBalancers).toHaveLength(100);
    expect(errorsOf(loadBalancers(101, 100)).join('\n')).toMatch(/^scenarios\/x\.yaml:109:3: loadBalancers: a list of 101 items is too long; the limit is 100 load balancers \(AWS's default quota is 50 Application Load Balancers per Region; /m);
    expect(errorsOf(loadBalancers(100, 101)).join('\n')).toMatch(/^scenarios\/x\.yaml:8:5: dns\.records: a list of 101 items is too long; the limit is 100 records \(Route 53 allows 100 weighted records with the same name and type/m);
  });

  it('listeners: 50 per load balancer; rules: 1,000 per listener', () => {
    expect(limitErrors(listeners(50, 0))).toEqual([]);
    expect(allErrors(listeners(50, 0))).toEqual([]);
    expect(errorOf(listeners(51, 0))).toMatch(/^scenarios\/x\.yaml:8:7: loadBalancers\.0\.listeners: a list of 51 items is too long; the limit is 50 listeners \(AWS allows 50 listeners per load balancer/);
    expect(allErrors(listeners(1, 1000))).toEqual([]);
    expect(errorOf(listeners(1, 1001))).toMatch(/^scenarios\/x\.yaml:11:11: loadBalancers\.0\.listeners\.0\.rules: a list of 1001 items is too long; the limit is 1,000 rules \(AWS's default quota is 100 rules per Application Load Balancer/);
  });

  it('conditions: the match evaluations per rule are the documented limit', () => {
    expect(RULE_LIMITS.evaluationsPerRule).toBe(LIMITS.matchEvaluations.max);
    const rule = (values: number) => `${HEAD}traffic: { rate: 1 }\nloadBalancer:\n  listeners:\n    - protocol: HTTP\n      port: 80\n      rules:\n        - { priority: 1, conditions: { pathPattern: [${range(Math.min(values, 3)).map((i) => `/a${i}`).join(', ')}], hostHeader: [${range(values - Math.min(values, 3)).map((i) => `h${i}.example.com`).join(', ')}] }, actions: { fixedResponse: { statusCode: 200 } } }\n      defaultActions: { fixedResponse: { statusCode: 404 } }\n`;
    expect(allErrors(rule(5))).toEqual([]);
    expect(errorsOf(rule(6)).join('\n')).toContain('6 match evaluations (values over all conditions) are too many; AWS allows at most 5 per rule');
  });

  it('target groups: 100 per load balancer', () => {
    expect(allErrors(listeners(1, 0, 100))).toEqual([]);
    expect(errorsOf(listeners(1, 0, 101)).join('\n')).toMatch(/^scenarios\/x\.yaml:13:7: loadBalancers\.0\.targetGroups: a list of 101 items is too long; the limit is 100 target groups \(AWS allows 100 target groups per Application Load Balancer/m);
  });

  it('IP targets: 1,000 per target group', () => {
    expect(scenarioOf(ipTargets(1000)).targetGroups[0]!.ipTargets).toHaveLength(1000);
    expect(errorOf(ipTargets(1001))).toMatch(/^scenarios\/x\.yaml:11:11: loadBalancers\.0\.targetGroups\.0\.targets: a list of 1001 items is too long; the limit is 1,000 targets \(AWS's default quota is 1,000 targets per Application Load Balancer/);
  });

  it('Auto Scaling groups: 500', () => {
    expect(limitErrors(groups(100))).toEqual([]);
    expect(errorsOf(groups(501)).join('\n')).toMatch(/^scenarios\/x\.yaml:\d+:3: autoScalingGroups: a list of 501 items is too long; the limit is 500 groups \(AWS's default quota is 500 groups per Region/m);
  });

  it('request classes and client groups: 1,000 each', () => {
    expect(allErrors(`${HEAD}${classes(1000)}\n`)).toEqual([]);
    expect(errorOf(`${HEAD}${classes(1001)}\n`)).toMatch(/^scenarios\/x\.yaml:7:5: traffic\.requests: a list of 1001 items is too long; the limit is 1,000 classes \(each class is matched against every rule/);
    expect(allErrors(`${HEAD}${clientGroups(1000)}\n`)).toEqual([]);
    expect(errorOf(`${HEAD}${clientGroups(1001)}\n`)).toMatch(/^scenarios\/x\.yaml:7:5: traffic\.clientGroups: a list of 1001 items is too long; the limit is 1,000 groups \(each group is matched against every rule/);
  });

  it('lifecycle hooks: the documented limit is the one the group schema checks', () => {
    expect(MAX_LIFECYCLE_HOOKS).toBe(LIMITS.lifecycleHooks.max);
  });

  it('rule checks before the run: client groups × request classes × (rules + 1) over every listener', () => {
    const traffic = (g: number, c: number) => `${classes(c)}\n  clientGroups:\n${range(g).map((i) => `    - { count: 1, sourceIp: 10.0.${Math.floor(i / 250)}.${i % 250}/32 }`).join('\n')}`;
    // 1,000 × 1,000 × (9 + 1) = 10,000,000: at the limit.
    expect(limitErrors(listeners(1, 9, 2, traffic(1000, 1000)))).toEqual([]);
    const over = limitErrors(listeners(1, 10, 2, traffic(1000, 1000)));
    expect(over).toHaveLength(1);
    expect(over[0]).toMatch(/^scenarios\/x\.yaml:6:3: traffic\.requests: 1,000 client groups × 1,000 request classes against 11 rules and default actions make 11,000,000 rule checks, too many; the limit is 10,000,000 checks \(each listener's rules are matched once/);
  });

  it('per-name output cells: output periods × columns', () => {
    // 100 target groups, 1 group, 1 default action: 2 + 500 + 3 + 1 = 506 columns; 98,814 ten-second periods fit, 98,815 do not.
    const run = (periods: number) => listeners(1, 0, 100).replace('duration: 1h', `duration: ${periods * 10}\nperiod: 10`);
    expect(limitErrors(run(98_814))).toEqual([]);
    expect(errorOf(run(98_815))).toMatch(/^scenarios\/x\.yaml:2:11: duration: 98,815 output periods × 506 per-name columns \(100 target groups, 1 Auto Scaling groups, 1 rules and default actions\) make 50,000,390 cells, too many; the limit is 50,000,000 cells/);
    // A month of one-minute periods with the shorthand's columns is far below it.
    expect(allErrors(`${HEAD.replace('1h', '30d')}period: 60\n`)).toEqual([]);
  });
});

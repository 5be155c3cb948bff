/**
 * Malformed input, class by class, through the CLI's own entry point (`main`, in-process: no
 * process per case). Every case asserts the exit code, the located message, and that nothing
 * was written: no output folder, no staging folder left beside it. The scenario-level cases run
 * `elbsim run`, so a bad file is refused before anything is simulated or created.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryIo } from '../../cli/io.ts';
import { main } from '../../cli/main.ts';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'elbsim-fuzz-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const MINIMAL = 'name: t\nduration: 10m\nzones: [a, b]\n';
let n = 0;

/** Runs `elbsim run` on `content` and returns exit code, stderr and whether anything was written. */
async function run(content: string | Buffer, extra: string[] = [], name = `case-${++n}.yaml`) {
  const file = join(dir, name);
  writeFileSync(file, content);
  return runFile(file, extra);
}

async function runFile(file: string, extra: string[] = []) {
  const out = join(dir, `out-${++n}`);
  const io = memoryIo();
  const code = await main(['run', file, '--out', out, ...extra], io);
  const leftovers = readdirSync(dir).filter((f) => f.includes('.partial-'));
  return { code, stderr: io.stderr.replaceAll(`${dir}/`, ''), wrote: existsSync(out) || leftovers.length > 0 };
}

/** [class, file text, extra args, exit code, message pattern] */
const CASES: [string, string, string[], number, RegExp][] = [
  ['syntax: unclosed flow list', `${MINIMAL}traffic: { rate: [1, 2 }\n`, [], 2, /^case-\d+\.yaml:4:\d+: /m],
  ['syntax: tab indentation', 'name: t\nloadBalancer:\n\ttype: network\n', [], 2, /^case-\d+\.yaml:3:\d+: /m],
  ['syntax: two documents', `${MINIMAL}---\nname: u\n`, [], 2, /4:1: a scenario file holds one document/],
  ['duplicate key', `${MINIMAL}seed: 1\nseed: 2\n`, [], 2, /:5:1: seed: given twice \(first on line 4\); keys must be unique/],
  ['type: text for a number', `${MINIMAL}instance: { concurrency: many }\n`, [], 2, /:4:\d+: instance\.concurrency: expected a whole number, got `many`/],
  ['type: list for a mapping', `${MINIMAL}instance: [1, 2]\n`, [], 2, /:4:11: instance: expected a mapping/],
  ['range: health check interval', `${MINIMAL}loadBalancer: { targetGroup: { healthCheck: { interval: 3s } } }\n`, [], 2, /healthCheck\.interval: 3s is out of range; allowed 5s to 300s/],
  ['missing required key', 'name: t\nzones: [a, b]\n', [], 2, /duration: required key is missing/],
  ['unknown key with a hint', `${MINIMAL}instance: { concurency: 4 }\n`, [], 2, /instance\.concurency: unknown key `concurency` \(did you mean `concurrency`\?\)/],
  ['prototype key __proto__', `${MINIMAL}__proto__: { name: x }\n`, [], 2, /:4:1: __proto__: unknown key `__proto__`/],
  ['prototype key constructor', `${MINIMAL}loadBalancer: { constructor: 1 }\n`, [], 2, /loadBalancer\.constructor: unknown key `constructor`; allowed here: name, type/],
  ['prototype key toString', `${MINIMAL}traffic: { toString: 1 }\n`, [], 2, /traffic\.toString: unknown key `toString`/],
  ['prototype key valueOf', `${MINIMAL}valueOf: 1\n`, [], 2, /:4:1: valueOf: unknown key `valueOf`/],
  ['limit: clients', `${MINIMAL}traffic: { clients: 5000000000 }\n`, [], 2, /traffic\.clients: 5000000000 is too large for clients; the limit is 10,000,000 clients \(each client costs 12 bytes/],
  ['limit: run length', 'name: t\nduration: 1e308\nzones: [a, b]\n', [], 2, /:2:11: duration: 1e\+308s is too large for run length; the limit is 31,622,400 s/],
  ['limit: lognormal cv', `${MINIMAL}instance: { serviceTime: { distribution: lognormal, mean: 100ms, cv: 1e200 } }\n`, [], 2, /cv: 1e\+200 is too large for lognormal coefficient of variation; the limit is 100/],
  ['limit: exponential mean', `${MINIMAL}instance: { bootTime: { distribution: exponential, mean: 1e300 } }\n`, [], 2, /bootTime\.mean: 1e\+300s is too large for a duration/],
  ['limit: rate', `${MINIMAL}traffic: { rate: 1e300 }\n`, [], 2, /traffic\.rate: 1e\+300 requests\/s is too large for request rate/],
  ['limit: expected requests', 'name: t\nduration: 366d\nperiod: 3600\nzones: [a, b]\ntraffic: { rate: 1000000 }\n', [], 2, /traffic\.rate: the run expects 31,622,400,000,000 requests/],
  ['limit: periods', 'name: t\nduration: 366d\nperiod: 10\nzones: [a, b]\n', [], 2, /duration: 3,162,240 output periods/],
  ['limit: in flight', `${MINIMAL}traffic: { rate: 10000 }\nloadBalancer: { idleTimeout: 4000 }\ninstance: { queueLimit: 1000000000 }\nautoScaling: { minSize: 1, maxSize: 100 }\n`, [], 2, /instance\.queueLimit: up to 40,000,000 requests could be in flight/],
  ['limit: fleet', `${MINIMAL}autoScaling: { minSize: 0, maxSize: 5000000 }\n`, [], 2, /autoScaling\.maxSize: 5000000 is too large for fleet size; the limit is 100,000 instances/],
  ['limit: nesting', `name: t\nzones: ${'['.repeat(100_000)}\n`, [], 2, /:2:\d+: too deeply nested; the limit is 64 levels/],
  ['limit: alias bomb (billion laughs)', `${MINIMAL}description:\n  a: &a [x, x, x, x, x, x, x, x, x, x]\n${'bcdefghi'.split('').map((c, i) => `  ${c}: &${c} [${Array(10).fill(`*${'abcdefgh'[i]}`).join(', ')}]`).join('\n')}\n`, [], 2, /:10:\d+: the aliases up to \*e expand to more than 1,000,000 nodes; the limit is 1,000,000 nodes \(.*billion laughs/],
  ['limit: nesting through aliases', `${MINIMAL}${['a0: &a0 [1]', ...Array.from({ length: 70 }, (_, k) => `a${k + 1}: &a${k + 1} [*a${k}]`)].join('\n')}\n`, [], 2, /:67:12: too deeply nested \(through the alias \*a62\); the limit is 64 levels/],
  ['alias inside its own anchor (a cycle)', `${MINIMAL}instance: &i\n  x: [*i]\n`, [], 2, /:5:7: the alias \*i stands inside the value of its own anchor &i, which would make it endless/],
  ['alias before its anchor', `${MINIMAL}instance: *base\n`, [], 2, /:4:11: Unresolved alias \(the anchor must be set before the alias\): base/],
  ['merge of a scalar', `${MINIMAL}x: &s 3\ninstance:\n  <<: *s\n`, [], 2, /:6:3: a merge key \(<<\) takes a mapping, an alias of one, or a list of them/],
  ['limit: keys in a mapping', `${MINIMAL}instance:\n${Array.from({ length: 2000 }, (_, i) => `  k${i}: 1`).join('\n')}\n`, [], 2, /:5:3: instance: a mapping of 2,000 keys is too large; the limit is 1,000 keys/],
  ['limit: list items', `${MINIMAL}faults: [${Array.from({ length: 10_001 }, () => '{ at: 1, action: fail-zone, zone: a }').join(',')}]\n`, [], 2, /faults: a list of 10001 items is too long; the limit is 10,000 items/],
  ['limit: price (cost must stay finite)', `${MINIMAL}instance: { pricePerHour: 1e308 }\n`, [], 2, /instance\.pricePerHour: 1e\+308 is too large for instance price; the limit is 10,000 \$\/h/],
  ['limit: alarm evaluation periods', `${MINIMAL}autoScaling: { minSize: 1, maxSize: 3, policies: [{ type: StepScaling, adjustmentType: ChangeInCapacity, alarm: { namespace: AWS/EC2, metric: CPUUtilization, statistic: Average, period: 60, evaluationPeriods: 1000000000000000, threshold: 50, comparisonOperator: GreaterThanThreshold }, stepAdjustments: [{ lowerBound: 0, scalingAdjustment: 1 }] }] }\n`, [], 2, /alarm\.evaluationPeriods: 1000000000000000 is too large for alarm evaluation periods; the limit is 10,080 periods/],
  ['duration between milliseconds', 'name: t\nduration: 10.0004\nperiod: 10\nzones: [a, b]\n', [], 2, /duration: 10\.0004s is not a whole number of milliseconds/],
  ['contradiction: scheduled minSize above maxSize', `${MINIMAL}autoScaling: { minSize: 1, maxSize: 4, scheduledActions: [{ at: 1m, minSize: 9 }] }\n`, [], 2, /scheduledActions\.0\.minSize: minSize 9 is more than the group's maxSize 4/],
  ['contradiction: scheduled desired above every maxSize', `${MINIMAL}autoScaling: { minSize: 1, maxSize: 4, scheduledActions: [{ at: 1m, desiredCapacity: 7 }] }\n`, [], 2, /desiredCapacity 7 is more than any maxSize the group can have \(at most 4\)/],
  ['--set: empty value', MINIMAL, ['--set', 'autoScaling.maxSize='], 2, /^--set: autoScaling\.maxSize: no value after `=`/m],
  ['--set: prototype path', MINIMAL, ['--set', '__proto__.x=1'], 2, /^--set: __proto__: unknown key `__proto__`/m],
  ['--set: constructor path', MINIMAL, ['--set', 'constructor.x=1'], 2, /^--set: constructor: unknown key `constructor`/m],
  ['--set: index out of range', MINIMAL, ['--set', 'zones.5=c'], 2, /^--set: zones\.5: zones has 2 items; index 5 is out of range/m],
  ['--seed beyond 2^53 − 1', MINIMAL, ['--seed', '9007199254740992'], 1, /--seed must be an integer ≥ 0/],
];

// The v2 topology's keys: listeners, rules and their actions, target groups, IP targets, DNS,
// several load balancers, request classes and client groups, timed actions, instance refresh,
// lifecycle hooks, set-weights, and their limits; and errors placed in CR LF and multi-line flow files.
const V2 = (rules = '        - { priority: 10, conditions: { pathPattern: ["/api/*"] }, actions: { forward: [{ targetGroup: api }] } }\n', defaults = '{ forward: [{ targetGroup: web }] }', tail = '', groupExtra = '') =>
  `name: t\nduration: 10m\nzones: [a, b]\nloadBalancer:\n  listeners:\n    - protocol: HTTP\n      port: 80\n      rules:\n${rules}      defaultActions: ${defaults}\n  targetGroups:\n    - { name: api, autoScalingGroup: g }\n    - { name: web, autoScalingGroup: g }\nautoScalingGroups:\n  - name: g\n    minSize: 1\n    maxSize: 4\n${groupExtra}${tail}`;
const rule = (action: string, conditions = '{ pathPattern: ["/x"] }') => `        - { priority: 10, conditions: ${conditions}, actions: ${action} }\n`;
const TWO_LBS = (dns: string) => `name: t\nduration: 10m\nzones: [a, b]\n${dns}loadBalancers:\n  - name: one\n    targetGroups: [{ name: t1, autoScalingGroup: g }]\n  - name: two\n    targetGroups: [{ name: t2, autoScalingGroup: g }]\nautoScalingGroups:\n  - { name: g, desiredCapacity: 2 }\n`;
const IP = (target: string) => `name: t\nduration: 10m\nzones: [a, b]\nloadBalancer:\n  targetGroups:\n    - name: dc\n      targetType: ip\n      targets:\n        - ${target}\n`;
const many = (n: number, item: (i: number) => string) => Array.from({ length: n }, (_, i) => item(i)).join('\n');
const CASES_V2: [string, string, string[], number, RegExp][] = [
  ['v2: unknown target group in a forward, with a hint', V2(rule('{ forward: [{ targetGroup: apj }] }')), [], 2, /^case-\d+\.yaml:9:100: loadBalancer\.listeners\.0\.rules\.0\.actions\.forward\.0\.targetGroup: no target group is named `apj`; the target groups are `api`, `web` \(did you mean `api`\?\)$/m],
  ['v2: a priority given twice', V2(rule('{ forward: [{ targetGroup: api }] }') + rule('{ forward: [{ targetGroup: web }] }', '{ pathPattern: ["/y"] }')), [], 2, /^case-\d+\.yaml:10:23: loadBalancer\.listeners\.0\.rules\.1\.priority: priority 10 is already rule 0's; priorities must be unique within a listener \(AWS\)$/m],
  ['v2: a redirect that changes nothing', V2(rule('{ redirect: { statusCode: HTTP_301 } }')), [], 2, /^case-\d+\.yaml:9:85: loadBalancer\.listeners\.0\.rules\.0\.actions\.redirect: a redirect must change at least one of protocol, host, port, path or query/m],
  ['v2: a fixed response in 3XX', V2(rule('{ fixedResponse: { statusCode: 302 } }')), [], 2, /^case-\d+\.yaml:9:104: loadBalancer\.listeners\.0\.rules\.0\.actions\.fixedResponse\.statusCode: 302 is not allowed; a fixed response is 2XX, 4XX or 5XX/m],
  ['v2: a weighted forward with every weight 0', V2(rule('{ forward: [{ targetGroup: api, weight: 0 }, { targetGroup: web, weight: 0 }] }')), [], 2, /^case-\d+\.yaml:9:84: loadBalancer\.listeners\.0\.rules\.0\.actions\.forward: every weight is 0, so the action has nowhere to send requests/m],
  ['v2: a forward to 6 target groups', V2(rule(`{ forward: [${many(6, () => '{ targetGroup: api }').replaceAll('\n', ', ')}] }`)), [], 2, /^case-\d+\.yaml:9:84: loadBalancer\.listeners\.0\.rules\.0\.actions\.forward: 6 target groups are too many; AWS forwards to at most 5 per action$/m],
  ['v2: a condition with 4 values', V2(rule('{ forward: [{ targetGroup: api }] }', '{ pathPattern: [/a, /b, /c, /d] }')), [], 2, /^case-\d+\.yaml:9:54: loadBalancer\.listeners\.0\.rules\.0\.conditions\.pathPattern: 4 values are too many; AWS allows at most 3 per condition$/m],
  ['v2: a condition of an unknown kind', V2(rule('{ forward: [{ targetGroup: api }] }', '{ pathPatern: [/a] }')), [], 2, /^case-\d+\.yaml:9:41: loadBalancer\.listeners\.0\.rules\.0\.conditions\.pathPatern: unknown key `pathPatern` \(did you mean `pathPattern`\?\)/m],
  ['v2: rules on a network load balancer', V2().replace('loadBalancer:\n', 'loadBalancer:\n  type: network\n').replace('protocol: HTTP', 'protocol: TCP'), [], 2, /^case-\d+\.yaml:9:7: loadBalancer\.listeners\.0\.rules: listener rules exist only on application load balancers, and this one is network/m],
  ['v2: an IP target in an unknown zone', IP('{ ip: 10.0.0.1, zone: c }'), [], 2, /^case-\d+\.yaml:9:33: loadBalancer\.targetGroups\.0\.targets\.0\.zone: `c` is not one of the scenario's zones \(a, b\) nor `on-premises` \(did you mean `a`\?\)$/m],
  ['v2: an IP target that is not an address', IP('{ ip: 10.0.0.300, zone: a }'), [], 2, /^case-\d+\.yaml:9:17: loadBalancer\.targetGroups\.0\.targets\.0\.ip: `10\.0\.0\.300` is not an IPv4 address/m],
  ['v2: a DNS record for an unknown load balancer', TWO_LBS('dns:\n  routing: weighted\n  records:\n    - { loadBalancer: one }\n    - { loadBalancer: three }\n'), [], 2, /^case-\d+\.yaml:8:23: dns\.records\.1\.loadBalancer: no load balancer is named `three`; the load balancers are `one`, `two`$/m],
  ['v2: a DNS weight above 255', TWO_LBS('dns:\n  routing: weighted\n  records:\n    - { loadBalancer: one, weight: 256 }\n    - { loadBalancer: two }\n'), [], 2, /^case-\d+\.yaml:7:36: dns\.records\.0\.weight: 256 is out of range; allowed 0 to 255 \(AWS Weight\)$/m],
  ['v2: two load balancers without a DNS record', TWO_LBS(''), [], 2, /^case-\d+\.yaml:4:1: loadBalancers: with several load balancers, give `dns`/m],
  ['v2: set-weights on a forward that is not weighted', V2(undefined, undefined, 'faults: [{ at: 1m, action: set-weights, weights: { web: 1 } }]\n'), [], 2, /^case-\d+\.yaml:18:10: faults\.0\.rule: that action is not a forward to several target groups/m],
  ['v2: enter-standby of 21 instances', V2(undefined, undefined, '', '    actions: [{ at: 1m, action: enter-standby, count: 21, shouldDecrementDesiredCapacity: true }]\n'), [], 2, /^case-\d+\.yaml:18:55: autoScalingGroups\.0\.actions\.0\.count: 21 is out of range; allowed 1 to 20 \(AWS InstanceIds \(up to 20 per call\)\)$/m],
  ['v2: instance refresh checkpoints out of order', V2(undefined, undefined, '', '    actions: [{ at: 1m, action: start-instance-refresh, preferences: { checkpointPercentages: [50, 20] }, desiredConfiguration: { instance: {} } }]\n'), [], 2, /^case-\d+\.yaml:18:100: autoScalingGroups\.0\.actions\.0\.preferences\.checkpointPercentages\.1: 20 is not above 50; checkpoints go in ascending order/m],
  ['v2: instance refresh checkpointDelay without checkpoints', V2(undefined, undefined, '', '    actions: [{ at: 1m, action: start-instance-refresh, preferences: { checkpointDelay: 60 }, desiredConfiguration: { instance: {} } }]\n'), [], 2, /^case-\d+\.yaml:18:72: autoScalingGroups\.0\.actions\.0\.preferences\.checkpointDelay: only applies with checkpointPercentages/m],
  ['v2: an unknown timed action', V2(undefined, undefined, '', '    actions: [{ at: 1m, action: reboot-instances }]\n'), [], 2, /^case-\d+\.yaml:18:33: autoScalingGroups\.0\.actions\.0\.action: `reboot-instances` is not an Auto Scaling group action; allowed: set-desired-capacity, enter-standby/m],
  ['v2: 51 lifecycle hooks', V2(undefined, undefined, '', `    lifecycleHooks:\n${many(51, () => '      - { transition: launching }')}\n`), [], 2, /^case-\d+\.yaml:69:9: autoScalingGroups\.0\.lifecycleHooks\.50: 51 lifecycle hooks are more than AWS allows per group \(50\)$/m],
  ['v2 limit: 51 listeners', `name: t\nduration: 10m\nzones: [a, b]\nloadBalancer:\n  listeners:\n${many(51, (i) => `    - { protocol: HTTP, port: ${8000 + i}, defaultActions: { forward: [{ targetGroup: web }] } }`)}\n  targetGroups:\n    - { name: web }\n`, [], 2, /^case-\d+\.yaml:6:5: loadBalancer\.listeners: a list of 51 items is too long; the limit is 50 listeners \(AWS allows 50 listeners per load balancer/m],
  ['v2 limit: 1,001 rules', V2(many(1001, (i) => `        - { priority: ${i + 1}, conditions: { pathPattern: ["/p${i}"] }, actions: { forward: [{ targetGroup: api }] } }`) + '\n'), [], 2, /^case-\d+\.yaml:9:9: loadBalancer\.listeners\.0\.rules: a list of 1001 items is too long; the limit is 1,000 rules \(AWS's default quota is 100 rules/m],
  ['v2 limit: 1,001 IP targets', IP(many(1001, (i) => `{ ip: 10.0.${Math.floor(i / 250)}.${(i % 250) + 1}, zone: a }`).replaceAll('\n', '\n        - ')), [], 2, /^case-\d+\.yaml:9:9: loadBalancer\.targetGroups\.0\.targets: a list of 1001 items is too long; the limit is 1,000 targets/m],
  ['v2 limit: 101 load balancers', `name: t\nduration: 10m\nzones: [a, b]\nloadBalancers:\n${many(101, (i) => `  - { name: lb${i}, targetGroups: [{ name: tg${i} }] }`)}\n`, [], 2, /^case-\d+\.yaml:5:3: loadBalancers: a list of 101 items is too long; the limit is 100 load balancers/m],
  ['v2 limit: 1,001 request classes', `name: t\nduration: 10m\nzones: [a, b]\ntraffic:\n  requests:\n${many(1001, (i) => `    - { path: /p${i} }`)}\n`, [], 2, /^case-\d+\.yaml:6:5: traffic\.requests: a list of 1001 items is too long; the limit is 1,000 classes/m],
  ['v2 limit: rule checks before the run', V2().replace('zones: [a, b]\n', `zones: [a, b]\ntraffic:\n  requests:\n${many(1000, (i) => `    - { path: /p${i} }`)}\n  clientGroups:\n${many(1000, (i) => `    - { count: 1, sourceIp: 10.0.${Math.floor(i / 250)}.${i % 250}/32 }`)}\n`).replace('      rules:\n', `      rules:\n${many(9, (i) => `        - { priority: ${i + 20}, conditions: { pathPattern: ["/q${i}"] }, actions: { forward: [{ targetGroup: api }] } }`)}\n`), [], 2, /^case-\d+\.yaml:5:3: traffic\.requests: 1,000 client groups × 1,000 request classes against 11 rules and default actions make 11,000,000 rule checks, too many; the limit is 10,000,000 checks/m],
  ['v2 limit: per-name output cells', V2(many(100, (i) => `        - { priority: ${i + 1}, conditions: { pathPattern: ["/p${i}"] }, actions: { forward: [{ targetGroup: api }] } }`) + '\n').replace('duration: 10m', 'duration: 50d\nperiod: 10'), [], 2, /^case-\d+\.yaml:2:11: duration: 432,000 output periods × 116 per-name columns \(2 target groups, 1 Auto Scaling groups, 101 rules and default actions\) make 50,112,000 cells, too many; the limit is 50,000,000 cells/m],
  ['v2: a request class weight of 0', `name: t\nduration: 10m\nzones: [a, b]\ntraffic:\n  requests: [{ path: /, weight: 0 }]\n`, [], 2, /^case-\d+\.yaml:5:33: traffic\.requests\.0\.weight: 0 is too small; must be more than 0$/m],
  ['v2: a client group with a bad CIDR block', `name: t\nduration: 10m\nzones: [a, b]\ntraffic:\n  clientGroups: [{ count: 5, sourceIp: 10.0.0.0/33 }]\n`, [], 2, /^case-\d+\.yaml:5:40: traffic\.clientGroups\.0\.sourceIp: `10\.0\.0\.0\/33` is not an IPv4 address or CIDR block/m],
  ['v2: a prototype key in a load balancer', `name: t\nduration: 10m\nzones: [a, b]\nloadBalancers:\n  - { name: x, constructor: 1 }\n`, [], 2, /^case-\d+\.yaml:5:16: loadBalancers\.0\.constructor: unknown key `constructor`; allowed here: name, type/m],
  ['v2: CR LF line ends, an error placed', V2(rule('{ forward: [{ targetGroup: apj }] }')).replaceAll('\n', '\r\n'), [], 2, /^case-\d+\.yaml:9:100: loadBalancer\.listeners\.0\.rules\.0\.actions\.forward\.0\.targetGroup: no target group is named `apj`/m],
  ['v2: a multi-line flow list, an error placed', V2(rule('{ forward: [\n            { targetGroup: api },\n            { targetGroup: wbe }\n          ] }')), [], 2, /^case-\d+\.yaml:11:28: loadBalancer\.listeners\.0\.rules\.0\.actions\.forward\.1\.targetGroup: no target group is named `wbe`; the target groups are `api`, `web` \(did you mean `web`\?\)$/m],
];


describe('malformed scenarios: exit code, located message, nothing written', () => {
  it.each([...CASES, ...CASES_V2])('%s', async (_, content, extra, code, message) => {
    const result = await run(content, extra);
    expect(result.stderr).toMatch(message);
    expect(result.code).toBe(code);
    expect(result.stderr).not.toMatch(/\n\s+at .+:\d+/); // no stack trace
    expect(result.wrote).toBe(false);
  });
});

describe('files that are not scenario text', () => {
  it('a binary file is "not UTF-8 text", one line', async () => {
    const result = await run(Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 1, 2, 0xff, 0x0a, 0x00, 0x0a]));
    expect(result).toEqual({ code: 2, stderr: expect.stringMatching(/^case-\d+\.yaml:1:1: the file is not UTF-8 text \(it holds NUL bytes: a binary file\?\)\n$/), wrote: false });
  });

  it('invalid UTF-8 without NUL bytes', async () => {
    const result = await run(Buffer.concat([Buffer.from(MINIMAL), Buffer.from([0xc3, 0x28, 0x0a])]));
    expect(result.stderr).toMatch(/:1:1: the file is not UTF-8 text \(it holds bytes that are not UTF-8\); save it as UTF-8/);
    expect(result.code).toBe(2);
  });

  it('UTF-16 (with its byte-order mark) is named, with how to convert it', async () => {
    const result = await run(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(MINIMAL, 'utf16le')]));
    expect(result).toEqual({ code: 2, stderr: expect.stringMatching(/:1:1: the file is UTF-16 text .*iconv -f UTF-16 -t UTF-8\n$/), wrote: false });
  });

  it('a UTF-8 byte-order mark is skipped', async () => {
    const file = join(dir, 'bom.yaml');
    writeFileSync(file, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(MINIMAL)]));
    const io = memoryIo();
    expect(await main(['validate', file], io)).toBe(0);
  });

  it('a FIFO named .yaml is refused without blocking', async () => {
    const fifo = join(dir, 'pipe.yaml');
    execFileSync('mkfifo', [fifo]);
    const result = await runFile(fifo);
    expect(result).toEqual({ code: 1, stderr: 'elbsim run: cannot read pipe.yaml: not a regular file (a device, FIFO or socket); give a scenario file\n', wrote: false });
  });

  it('/dev/zero (through a .yaml link) is refused as not a regular file', async () => {
    const link = join(dir, 'zero.yaml');
    symlinkSync('/dev/zero', link);
    const result = await runFile(link);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/cannot read zero\.yaml: not a regular file/);
  });

  it('a file over the size limit is refused before it is read', async () => {
    const result = await run(`${MINIMAL}# ${'x'.repeat(8 * 1024 * 1024)}\n`);
    expect(result.stderr).toMatch(/^case-\d+\.yaml:1:1: the file is too large \(8,388,\d+ bytes\); the limit is 8,388,608 bytes/);
    expect(result.code).toBe(2);
  });
});

describe('output folders', () => {
  it('--out under /proc fails at once (no recursive-mkdir hang), exit 1, before simulating', async () => {
    const file = join(dir, 'ok.yaml');
    writeFileSync(file, MINIMAL);
    const io = memoryIo();
    const started = performance.now();
    expect(await main(['run', file, '--out', '/proc/elbsim-nonexistent/x', '--quiet'], io)).toBe(1);
    expect(io.stderr).toMatch(/^elbsim run: cannot create \/proc\/elbsim-nonexistent\/x: /);
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it('--out that is a file fails before simulating', async () => {
    const file = join(dir, 'ok2.yaml');
    writeFileSync(file, MINIMAL);
    writeFileSync(join(dir, 'a-file'), 'x');
    const io = memoryIo();
    expect(await main(['run', file, '--out', join(dir, 'a-file'), '--quiet'], io)).toBe(1);
    expect(io.stderr).toMatch(/cannot create .*a-file: a parent is not a directory/);
  });

  it('a failing run leaves an existing output folder as it was; a good one replaces its files and keeps others', async () => {
    const out = join(dir, 'kept');
    mkdirSync(out);
    for (const name of ['timeseries.csv', 'events.csv', 'summary.json', 'notes.txt']) writeFileSync(join(out, name), `old ${name}`);
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, `${MINIMAL}traffic: { clients: 0 }\n`);
    expect(await main(['run', bad, '--out', out, '--quiet'], memoryIo())).toBe(2);
    expect(readFileSync(join(out, 'summary.json'), 'utf8')).toBe('old summary.json');
    const good = join(dir, 'good.yaml');
    writeFileSync(good, 'name: t\nduration: 2m\nzones: [a, b]\n');
    expect(await main(['run', good, '--out', out, '--quiet'], memoryIo())).toBe(0);
    expect(readFileSync(join(out, 'summary.json'), 'utf8')).toMatch(/^\{/);
    expect(readFileSync(join(out, 'notes.txt'), 'utf8')).toBe('old notes.txt');
    expect(readdirSync(dir).filter((f) => f.includes('.partial-'))).toEqual([]);
  });
});

describe('batch commands', () => {
  const manifest = (shard: unknown, extra: Record<string, unknown> = {}) =>
    JSON.stringify({ elbsim: '0.1.0', scenario: 's.yaml', scenarioSha256: 'x', vary: [], replications: 2, seed: 1, combinations: 1, runs: 2, runIndex: '', shard, ...extra });

  it('a hand-edited sweep.json (shard n = 1e9) is a clear error, not an out-of-memory crash', async () => {
    const a = join(dir, 'edited');
    mkdirSync(a);
    writeFileSync(join(a, 'sweep.json'), manifest({ k: 1, n: 1e9 }));
    const io = memoryIo();
    expect(await main(['merge', a, '--out', join(dir, 'merged-1')], io)).toBe(1);
    expect(io.stderr.replaceAll(`${dir}/`, '')).toMatch(/^elbsim merge: edited\/sweep\.json is not a sweep's sweep\.json as elbsim writes it: shard \{"k":1,"n":1000000000\} is not \{ k, n \} with 1 ≤ k ≤ n ≤ 100000/);
    expect(existsSync(join(dir, 'merged-1'))).toBe(false);
  });

  it.each([
    ['runs', { runs: 1e12 }, /runs 1000000000000 is not a whole number from 1 to 1000000/],
    ['seed', { seed: 9007199254740991 }, /seed 9007199254740991 is not a whole number whose replications stay at most 2\^53 − 1/],
    ['vary', { vary: [{ path: 'a' }] }, /`vary` holds an entry that is not \{ path, values \}/],
  ])('a sweep.json with a bad %s is refused', async (_, extra, message) => {
    const a = join(dir, `bad-${++n}`);
    mkdirSync(a);
    writeFileSync(join(a, 'sweep.json'), manifest(null, extra));
    const io = memoryIo();
    expect(await main(['merge', a, '--out', join(dir, `m-${n}`)], io)).toBe(1);
    expect(io.stderr).toMatch(message);
  });

  it('a failing merge keeps the runs.csv and summary.csv of an existing --out', async () => {
    const a = join(dir, 'shard-a');
    mkdirSync(a);
    writeFileSync(join(a, 'sweep.json'), manifest({ k: 1, n: 2 }));
    writeFileSync(join(a, 'runs.csv'), 'not,the,header\n');
    const out = join(dir, 'merged-good');
    mkdirSync(out);
    writeFileSync(join(out, 'runs.csv'), 'good runs');
    writeFileSync(join(out, 'summary.csv'), 'good summary');
    const b = join(dir, 'shard-b');
    mkdirSync(b);
    writeFileSync(join(b, 'sweep.json'), manifest({ k: 2, n: 2 }));
    writeFileSync(join(b, 'runs.csv'), 'not,the,header\n');
    const io = memoryIo();
    expect(await main(['merge', a, b, '--out', out], io)).toBe(1);
    expect(io.stderr).toMatch(/does not start with this sweep's runs\.csv header/);
    expect(readFileSync(join(out, 'runs.csv'), 'utf8')).toBe('good runs');
    expect(readFileSync(join(out, 'summary.csv'), 'utf8')).toBe('good summary');
    expect(readdirSync(dir).filter((f) => f.includes('.partial-'))).toEqual([]);
  });

  it('sweep and check refuse seeds whose replications would pass 2^53 − 1', async () => {
    const file = join(dir, 'seeds.yaml');
    writeFileSync(file, `${MINIMAL}expect: { requests: { min: 0 } }\n`);
    const sweep = memoryIo();
    expect(await main(['sweep', file, '--seed', '9007199254740991', '--replications', '3', '--out', join(dir, 'sw')], sweep)).toBe(1);
    expect(sweep.stderr).toMatch(/seed 9007199254740991 with 3 replications would use seeds beyond 9007199254740991 \(2\^53 − 1\)/);
    expect(existsSync(join(dir, 'sw'))).toBe(false);
    const check = memoryIo();
    expect(await main(['check', file, '--seed', '9007199254740990', '--replications', '3'], check)).toBe(1);
    expect(check.stderr).toMatch(/use a seed of at most 9007199254740989/);
  });
});

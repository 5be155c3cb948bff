import { describe, expect, it } from 'vitest';
import type { NamedSeries, Summary, Timeseries } from '../../../core/report/types.ts';
import type { RuleConditions, Scenario } from '../../../core/scenario/types.ts';
import { conditionSummary, shareLabel, topologyAt, weightsAt, type Topology, type TopologyInput } from '../../../web/model/topology.ts';
import { scenarioFromYaml } from '../../support/scenario.ts';
import { fixtureRun } from '../fixtures/run-result.ts';

const ROWS = 4;

/** A series of ROWS periods, each value given (a number repeats). */
const series = (column: string, values: number | number[]): NamedSeries => ({
  column,
  decimals: 0,
  values: Float64Array.from({ length: ROWS }, (_, i) => (typeof values === 'number' ? values : values[i]!)),
});
const col = (values: number | number[]) => Float64Array.from({ length: ROWS }, (_, i) => (typeof values === 'number' ? values : values[i]!));

function input(scenario: Scenario, requests: number | number[], extra: NamedSeries[], summary: TopologyInput['summary'] = null): TopologyInput {
  const timeseries = { requests: col(requests), in_service: col(3), healthy_hosts: col(3) } as unknown as Pick<Timeseries, 'requests' | 'in_service' | 'healthy_hosts'>;
  return { scenario, timeseries, extraSeries: extra, summary };
}

const edge = (t: Topology, from: string, to: string) => {
  const e = t.edges.find((x) => x.from === from && x.to === to);
  if (!e) throw new Error(`no edge ${from} -> ${to}; edges: ${t.edges.map((x) => x.id).join(', ')}`);
  return e;
};
const node = (t: Topology, id: string) => {
  const n = t.nodes.find((x) => x.id === id);
  if (!n) throw new Error(`no node ${id}; nodes: ${t.nodes.map((x) => x.id).join(', ')}`);
  return n;
};

const CANARY = scenarioFromYaml(`
name: canary
duration: 4m
period: 60
zones: [us-east-1a]
traffic: { rate: 10 }
loadBalancer:
  listeners:
    - protocol: HTTP
      port: 80
      defaultActions: { forward: [{ targetGroup: stable, weight: 90 }, { targetGroup: canary, weight: 10 }] }
  targetGroups:
    - { name: stable, autoScalingGroup: v1 }
    - { name: canary, autoScalingGroup: v2 }
autoScalingGroups:
  - { name: v1, desiredCapacity: 6 }
  - { name: v2, desiredCapacity: 1 }
faults:
  - { at: 2m, action: set-weights, weights: { stable: 50, canary: 50 } }
`);

const PATHS = scenarioFromYaml(`
name: paths
duration: 4m
period: 60
zones: [us-east-1a]
traffic:
  rate: 10
  requests:
    - { name: api, weight: 40, path: /api/orders }
    - { name: page, weight: 60, path: /products/1 }
loadBalancer:
  listeners:
    - protocol: HTTP
      port: 80
      rules:
        - { priority: 10, conditions: { pathPattern: ["/api/*"] }, actions: { forward: [{ targetGroup: api }] } }
        - { priority: 20, conditions: { pathPattern: ["/old/*"] }, actions: { redirect: { statusCode: HTTP_301, path: "/cart" } } }
      defaultActions: { forward: [{ targetGroup: web }] }
  targetGroups:
    - { name: api, autoScalingGroup: api }
    - { name: web, autoScalingGroup: web }
autoScalingGroups:
  - { name: api, desiredCapacity: 2 }
  - { name: web, desiredCapacity: 2 }
`);

const HYBRID = scenarioFromYaml(`
name: hybrid
duration: 4m
period: 60
zones: [us-east-1a, us-east-1b]
traffic: { rate: 10 }
loadBalancer:
  listeners:
    - protocol: HTTP
      port: 80
      defaultActions: { forward: [{ targetGroup: cloud, weight: 80 }, { targetGroup: datacenter, weight: 20 }] }
  targetGroups:
    - { name: cloud, autoScalingGroup: web }
    - name: datacenter
      targetType: ip
      targets:
        - { ip: 10.20.0.5, zone: on-premises, networkLatency: 15ms }
        - { ip: 10.20.0.6, zone: us-east-1b }
autoScalingGroups:
  - { name: web, desiredCapacity: 4 }
`);

describe('topology: a weighted forward (canary)', () => {
  const extra = [
    series('matched__HTTP:80__default', [1000, 1000, 0, 1000]),
    series('requests__stable', [903, 880, 0, 500]),
    series('requests__canary', [97, 120, 0, 500]),
    series('in_service__v1', [6, 6, 6, 5]),
    series('in_service__v2', [1, 1, 1, 2]),
    series('healthy_hosts__stable', 6),
    series('healthy_hosts__canary', 1),
  ];
  const t = topologyAt(input(CANARY, [1000, 1000, 0, 1000], extra), 30);

  it('chains load balancer → listener → default rule → both target groups → their groups', () => {
    expect(t.nodes.map((n) => `${n.column}:${n.id}`)).toEqual([
      '0:lb:0',
      '1:listener:0:0',
      '2:rule:0:0:default',
      '3:tg:0',
      '3:tg:1',
      '4:group:0',
      '4:group:1',
    ]);
    expect(node(t, 'listener:0:0').title).toBe('HTTP:80');
    expect(node(t, 'rule:0:0:default')).toMatchObject({ detail: 'otherwise', action: '→ forward stable 90 / canary 10' });
  });

  it('labels each forward branch with its share of the period at the cursor, from the target groups own columns', () => {
    expect(edge(t, 'rule:0:0:default', 'tg:0')).toMatchObject({ share: 0.903, source: 'period', weight: 90 });
    expect(edge(t, 'rule:0:0:default', 'tg:1')).toMatchObject({ share: 0.097, source: 'period', weight: 10 });
    expect(edge(t, 'lb:0', 'listener:0:0').share).toBe(1);
    expect(edge(t, 'tg:1', 'group:1')).toMatchObject({ share: 0.097, source: 'period' });
    expect(shareLabel(0.903)).toBe('90%');
    expect(shareLabel(0.097)).toBe('9.7%');
  });

  it('follows the cursor: another period, another share; the group shows its in-service count then', () => {
    const later = topologyAt(input(CANARY, [1000, 1000, 0, 1000], extra), 200);
    expect(later.period).toBe(3);
    expect(edge(later, 'rule:0:0:default', 'tg:1').share).toBe(0.5);
    expect(node(later, 'group:1').detail).toBe('2 in service');
    expect(node(t, 'group:1').detail).toBe('1 in service');
    expect(node(t, 'tg:0').detail).toBe('6 healthy hosts');
  });

  it('a period without requests has no shares (a dash), not 0 %', () => {
    const empty = topologyAt(input(CANARY, [1000, 1000, 0, 1000], extra), 150);
    expect(empty.period).toBe(2);
    expect(Number.isNaN(edge(empty, 'rule:0:0:default', 'tg:0').share)).toBe(true);
    expect(shareLabel(edge(empty, 'rule:0:0:default', 'tg:0').share)).toBe('–');
  });

  it('the weights in force at the cursor follow timed set-weights actions', () => {
    expect(weightsAt(CANARY, 0, null, 119)).toEqual([90, 10]);
    expect(weightsAt(CANARY, 0, null, 120)).toEqual([50, 50]);
    const after = topologyAt(input(CANARY, 1000, extra), 200);
    expect(node(after, 'rule:0:0:default').action).toBe('→ forward stable 50 / canary 50');
    expect(edge(after, 'rule:0:0:default', 'tg:0').weight).toBe(50);
  });

  it('without per-period columns: the run totals, and failing those the weights in force', () => {
    const summary = {
      requests: 2000,
      loadBalancers: { lb: { type: 'application', requests: 2000, rules: [{ listener: 'HTTP:80', priority: 'default' as const, action: 'forward', matched: 2000 }] } },
      targetGroups: {
        stable: { requests: 1500, responses2xx: 0, elb5xx: 0, latencyMsMean: 0, healthyHostsAtEnd: 0, unhealthyHostsAtEnd: 0 },
        canary: { requests: 500, responses2xx: 0, elb5xx: 0, latencyMsMean: 0, healthyHostsAtEnd: 0, unhealthyHostsAtEnd: 0 },
      },
      targets: [],
    } satisfies TopologyInput['summary'];
    const fromTotals = topologyAt(input(CANARY, 1000, [series('redirects', 0)], summary), 30);
    expect(edge(fromTotals, 'rule:0:0:default', 'tg:0')).toMatchObject({ share: 0.75, source: 'total' });
    expect(edge(fromTotals, 'listener:0:0', 'rule:0:0:default')).toMatchObject({ share: 1, source: 'total' });
    const fromWeights = topologyAt(input(CANARY, 1000, [series('matched__HTTP:80__default', 1000)], { ...summary, targetGroups: {} }), 30);
    expect(edge(fromWeights, 'rule:0:0:default', 'tg:0')).toMatchObject({ share: 0.9, source: 'weight' });
    expect(edge(fromWeights, 'rule:0:0:default', 'tg:1').share).toBeCloseTo(0.1, 12);
  });
});

describe('topology: rules by path, with a redirect', () => {
  const extra = [
    series('matched__HTTP:80__10', 400),
    series('matched__HTTP:80__20', 50),
    series('matched__HTTP:80__default', 550),
    series('requests__api', 400),
    series('requests__web', 550),
  ];
  const t = topologyAt(input(PATHS, 1000, extra), 90);

  it('one node per rule in priority order, the default last, each with its conditions and action', () => {
    const rules = t.nodes.filter((n) => n.kind === 'rule');
    expect(rules.map((n) => [n.title, n.detail, n.action])).toEqual([
      ['priority 10', 'path /api/*', '→ forward api'],
      ['priority 20', 'path /old/*', '→ redirect 301'],
      ['default', 'otherwise', '→ forward web'],
    ]);
  });

  it("each rule's edge carries its matches' share; the redirect ends in a terminal node", () => {
    expect(edge(t, 'listener:0:0', 'rule:0:0:10').share).toBe(0.4);
    expect(edge(t, 'listener:0:0', 'rule:0:0:20').share).toBe(0.05);
    expect(edge(t, 'rule:0:0:20', 'terminal:0:0:20')).toMatchObject({ share: 0.05, source: 'period' });
    expect(node(t, 'terminal:0:0:20')).toMatchObject({ kind: 'terminal', title: 'redirect 301', column: 3 });
    expect(edge(t, 'rule:0:0:default', 'tg:1').share).toBe(0.55);
    expect(edge(t, 'lb:0', 'listener:0:0').share).toBeCloseTo(1, 12);
  });

  it('lays the columns out centred on the tallest: three rules, one listener in the middle', () => {
    expect(t.rows).toBe(3);
    expect(node(t, 'listener:0:0').row).toBe(1);
    expect(t.nodes.filter((n) => n.column === 2).map((n) => n.row)).toEqual([0, 1, 2]);
    expect(t.nodes.filter((n) => n.column === 4).map((n) => n.row)).toEqual([0.5, 1.5]);
    expect(t.nodes.filter((n) => n.column === 3).map((n) => n.id)).toEqual(['tg:0', 'terminal:0:0:20', 'tg:1']);
  });
});

describe('topology: IP targets beside instances', () => {
  const summary = {
    requests: 1000,
    targetGroups: {
      cloud: { requests: 800, responses2xx: 0, elb5xx: 0, latencyMsMean: 0, healthyHostsAtEnd: 4, unhealthyHostsAtEnd: 0 },
      datacenter: { requests: 200, responses2xx: 0, elb5xx: 0, latencyMsMean: 0, healthyHostsAtEnd: 2, unhealthyHostsAtEnd: 0 },
    },
    targets: [
      { id: '10.20.0.5', zone: 'on-premises', requests: 150, launchS: 0, terminateS: null },
      { id: '10.20.0.6', zone: 'us-east-1b', requests: 50, launchS: 0, terminateS: null },
    ],
  } satisfies TopologyInput['summary'];
  const extra = [series('matched__HTTP:80__default', 1000), series('requests__cloud', 790), series('requests__datacenter', 210)];
  const t = topologyAt(input(HYBRID, 1000, extra, summary), 30);

  it('draws each IP target with its zone (or on-premises) and added latency', () => {
    expect(node(t, 'ip:10.20.0.5')).toMatchObject({ kind: 'ip-target', detail: 'on-premises · +15 ms', column: 4 });
    expect(node(t, 'ip:10.20.0.6').detail).toBe('us-east-1b');
  });

  it("splits an IP target group's period share between its targets by their run totals", () => {
    expect(edge(t, 'rule:0:0:default', 'tg:1')).toMatchObject({ share: 0.21, source: 'period' });
    expect(edge(t, 'tg:1', 'ip:10.20.0.5').share).toBeCloseTo(0.21 * 0.75, 12);
    expect(edge(t, 'tg:1', 'ip:10.20.0.5').source).toBe('total');
    expect(edge(t, 'tg:0', 'group:0')).toMatchObject({ share: 0.79, source: 'period' });
  });
});

describe('topology: the one-group shorthand (no extra columns)', () => {
  const run = fixtureRun();
  const t = topologyAt({ scenario: run.scenario, timeseries: run.timeseries, extraSeries: [], summary: run.summary as Summary }, 250);

  it('is still the one chain, every edge carrying all the traffic of the period', () => {
    expect(t.nodes.map((n) => n.kind)).toEqual(['load-balancer', 'listener', 'rule', 'target-group', 'group']);
    for (const e of t.edges) expect(e).toMatchObject({ share: 1, source: 'period' });
    expect(t.rows).toBe(1);
  });

  it("the group shows the run's in-service count in the period at the cursor", () => {
    // fixture: in_service is 2 for the first three periods, then 3; 250 s is in the fifth.
    expect(node(t, 'group:0').detail).toBe('3 in service');
    expect(node(t, 'tg:0').detail).toBe('1 healthy host');
  });
});

describe('condition summary', () => {
  const none: RuleConditions = { pathPattern: null, hostHeader: null, httpHeader: [], httpRequestMethod: null, queryString: [], sourceIp: null };
  it('names every condition type in a line', () => {
    expect(
      conditionSummary({
        pathPattern: ['/a/*', '/b'],
        hostHeader: ['*.example.com'],
        httpHeader: [{ name: 'User-Agent', values: ['*Mobile*'] }],
        httpRequestMethod: ['POST'],
        queryString: [[{ key: 'v', value: '2' }, { key: null, value: 'beta' }]],
        sourceIp: ['10.0.0.0/8'],
      }),
    ).toBe('path /a/* or /b · host *.example.com · User-Agent: *Mobile* · method POST · query v=2 or beta · source 10.0.0.0/8');
    expect(conditionSummary(none)).toBe('');
  });
});

describe('topology: target groups shared by two rules', () => {
  const SHARED = scenarioFromYaml(`
name: shared
duration: 4m
period: 60
zones: [us-east-1a]
traffic:
  rate: 10
  requests:
    - { name: a, weight: 40, path: /a/1 }
    - { name: b, weight: 60, path: /b }
loadBalancer:
  listeners:
    - protocol: HTTP
      port: 80
      rules:
        - { priority: 10, conditions: { pathPattern: ["/a/*"] }, actions: { forward: [{ targetGroup: x, weight: 1 }, { targetGroup: y, weight: 1 }] } }
        - { priority: 20, conditions: { pathPattern: ["/c/*"] }, actions: { forward: [{ targetGroup: y }] } }
      defaultActions: { forward: [{ targetGroup: x, weight: 3 }, { targetGroup: y, weight: 1 }] }
  targetGroups:
    - { name: x, autoScalingGroup: g }
    - { name: y, autoScalingGroup: g }
autoScalingGroups:
  - { name: g, desiredCapacity: 2 }
`);
  const extra = [
    series('matched__HTTP:80__10', 400),
    series('matched__HTTP:80__20', 0),
    series('matched__HTTP:80__default', 600),
    series('requests__x', 850),
    series('requests__y', 150),
  ];
  const t = topologyAt(input(SHARED, 1000, extra), 30);

  it("a branch to a target group another rule also forwards to is split by the weights, not the group's own column", () => {
    expect(edge(t, 'rule:0:0:10', 'tg:0')).toMatchObject({ share: 0.2, source: 'weight', weight: 1 });
    expect(edge(t, 'rule:0:0:default', 'tg:0')).toMatchObject({ source: 'weight', weight: 3 });
    expect(edge(t, 'rule:0:0:default', 'tg:0').share).toBeCloseTo(0.45, 12);
    expect(edge(t, 'rule:0:0:default', 'tg:1').share).toBeCloseTo(0.15, 12);
    // A single-target forward is the rule's own count, whoever else forwards there.
    expect(edge(t, 'rule:0:0:20', 'tg:1')).toMatchObject({ share: 0, source: 'period' });
    expect(node(t, 'tg:0').share).toBeCloseTo(0.65, 12);
  });

  it('one group registered with both target groups is one node with an edge from each', () => {
    expect(t.nodes.filter((n) => n.kind === 'group').map((n) => n.id)).toEqual(['group:0']);
    expect(edge(t, 'tg:0', 'group:0').share).toBeCloseTo(0.65, 12);
    expect(edge(t, 'tg:1', 'group:0').share).toBeCloseTo(0.35, 12);
    expect(node(t, 'group:0').share).toBeCloseTo(1, 12);
  });
});

describe('several load balancers', () => {
  it('each load balancer draws its own rules, with shares from its own matched__<lb>__ columns', async () => {
    const { simulate } = await import('../../../core/index.ts');
    const { bundledScenario } = await import('../../support/scenario.ts');
    const r = simulate(bundledScenario('hybrid-weighted-dns'));
    const t = topologyAt({ scenario: r.scenario, timeseries: r.timeseries, extraSeries: r.extraSeries, summary: r.summary }, 1800);
    const lbs = t.nodes.filter((n) => n.kind === 'load-balancer').map((n) => n.title);
    expect(lbs).toEqual(['cloud', 'datacenter']);
    const ruleEdges = t.edges.filter((e) => e.to.startsWith('rule:'));
    expect(ruleEdges.map((e) => e.source)).toEqual(['period', 'period']);
    const [cloud, dc] = ruleEdges.map((e) => e.share);
    expect(cloud! + dc!).toBeCloseTo(1, 9);
    expect(dc!).toBeGreaterThan(0.15);
    expect(dc!).toBeLessThan(0.25);
  });
});

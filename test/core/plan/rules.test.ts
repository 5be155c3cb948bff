/**
 * Listener-rule matching as AWS documents it (ALB-LST, "Condition types for listener rules"):
 * wildcards, case rules per condition type, the path without its query string, source CIDRs,
 * priority order with the default action last; and the weighted forward split (10/20 → 1:2).
 */
import { describe, expect, it } from 'vitest';
import seedrandom from 'seedrandom';
import { compileRuleTable, matches, rangeWithin, wildcardMatch, type RequestShape, type RuleConditions } from '../../../core/plan/rules.ts';
import { AliasTable } from '../../../core/plan/alias.ts';

const none: RuleConditions = { pathPattern: null, hostHeader: null, httpHeader: [], httpRequestMethod: null, queryString: [], sourceIp: null };
const req = (over: Partial<RequestShape> = {}): RequestShape => ({ method: 'GET', host: 'www.example.com', path: '/', headers: {}, query: [], ...over });
const anyone = { cidr: '203.0.113.0/24' };

describe('wildcards', () => {
  it('* matches any run of characters, slashes included, or none; ? exactly one', () => {
    expect(wildcardMatch('/img/*', '/img/logo.png', false)).toBe(true);
    expect(wildcardMatch('/img/*', '/img/2024/01/logo.png', false)).toBe(true);
    expect(wildcardMatch('/img/*', '/img/', false)).toBe(true);
    expect(wildcardMatch('/img/*', '/img', false)).toBe(false);
    expect(wildcardMatch('/img/*/pics', '/img/a/b/pics', false)).toBe(true);
    expect(wildcardMatch('/v?/users', '/v2/users', false)).toBe(true);
    expect(wildcardMatch('/v?/users', '/v10/users', false)).toBe(false);
    expect(wildcardMatch('*.example.com', 'api.example.com', true)).toBe(true);
    expect(wildcardMatch('*.example.com', 'example.com', true)).toBe(false);
    expect(wildcardMatch('a*b*c', 'aXbYbZc', false)).toBe(true);
    expect(wildcardMatch('a*b*c', 'aXbYbZ', false)).toBe(false);
  });
});

describe('condition types and their case rules', () => {
  it('path patterns are case-sensitive and see the path only, not the query string', () => {
    const c = { ...none, pathPattern: ['/api/*'] };
    expect(matches(c, req({ path: '/api/orders', query: [['page', '2']] }), anyone)).toBe(true);
    expect(matches(c, req({ path: '/API/orders' }), anyone)).toBe(false);
  });

  it('host headers are case-insensitive; several values are alternatives', () => {
    const c = { ...none, hostHeader: ['shop.example.com', '*.shop.example.com'] };
    expect(matches(c, req({ host: 'SHOP.Example.COM' }), anyone)).toBe(true);
    expect(matches(c, req({ host: 'eu.shop.example.com' }), anyone)).toBe(true);
    expect(matches(c, req({ host: 'static.example.com' }), anyone)).toBe(false);
  });

  it('HTTP headers: name and value case-insensitive, with wildcards; a missing header does not match', () => {
    const c = { ...none, httpHeader: [{ name: 'User-Agent', values: ['*Mobile*'] }] };
    expect(matches(c, req({ headers: { 'user-agent': 'Mozilla/5.0 (iPhone) mobile Safari' } }), anyone)).toBe(true);
    expect(matches(c, req({ headers: { 'user-agent': 'curl/8' } }), anyone)).toBe(false);
    expect(matches(c, req(), anyone)).toBe(false);
  });

  it('methods are case-sensitive and exact', () => {
    const c = { ...none, httpRequestMethod: ['POST', 'PUT'] };
    expect(matches(c, req({ method: 'POST' }), anyone)).toBe(true);
    expect(matches(c, req({ method: 'post' }), anyone)).toBe(false);
  });

  it('query strings: key/value pairs, case-insensitive, the key optional', () => {
    const version = { ...none, queryString: [[{ key: 'version', value: 'v1' }]] };
    expect(matches(version, req({ query: [['Version', 'V1']] }), anyone)).toBe(true);
    expect(matches(version, req({ query: [['version', 'v2']] }), anyone)).toBe(false);
    const anyKey = { ...none, queryString: [[{ key: null, value: 'example' }]] };
    expect(matches(anyKey, req({ query: [['q', 'example']] }), anyone)).toBe(true);
  });

  it('source IP: a client range inside a condition block matches; one outside does not; one straddling it is reported', () => {
    expect(rangeWithin('10.20.1.0/24', '10.20.0.0/16')).toBe('inside');
    expect(rangeWithin('10.21.1.0/24', '10.20.0.0/16')).toBe('outside');
    expect(rangeWithin('10.0.0.0/8', '10.20.0.0/16')).toBe('straddles');
    expect(rangeWithin('192.0.2.7', '192.0.2.0/24')).toBe('inside');
    const c = { ...none, sourceIp: ['10.20.0.0/16'] };
    expect(matches(c, req(), { cidr: '10.20.5.0/24' })).toBe(true);
    expect(matches(c, req(), anyone)).toBe(false);
  });

  it('every condition of a rule must hold', () => {
    const c = { ...none, pathPattern: ['/api/*'], httpRequestMethod: ['POST'] };
    expect(matches(c, req({ path: '/api/x', method: 'POST' }), anyone)).toBe(true);
    expect(matches(c, req({ path: '/api/x', method: 'GET' }), anyone)).toBe(false);
  });
});

describe('a compiled listener table', () => {
  it('the first matching rule in priority order wins; the default action takes the rest', () => {
    const rules = [
      { conditions: { ...none, pathPattern: ['/api/admin/*'] }, action: 0 },
      { conditions: { ...none, pathPattern: ['/api/*'] }, action: 1 },
      { conditions: { ...none, hostHeader: ['static.example.com'] }, action: 2 },
    ];
    const classes = [req({ path: '/api/admin/users' }), req({ path: '/api/orders' }), req({ host: 'static.example.com', path: '/img/a.png' }), req({ path: '/index.html' })];
    const internal = { cidr: '10.0.0.0/24' };
    expect(Array.from(compileRuleTable(rules, 9, classes, [anyone, internal]))).toEqual([0, 1, 2, 9, 0, 1, 2, 9]);
  });
});

describe('weighted forward', () => {
  it('weights 10 and 20 split traffic 1:2 (200,000 draws, within 0.5 points)', () => {
    const table = new AliasTable([10, 20]);
    const prng = seedrandom.alea('forward');
    let second = 0;
    for (let k = 0; k < 200_000; k++) if (table.pick(prng()) === 1) second++;
    expect(Math.abs(second / 200_000 - 2 / 3)).toBeLessThan(0.005);
  });

  it('a weight of 0 gets nothing; five groups split by their weights (each within 0.5 points)', () => {
    const weights = [0, 1, 999, 500, 0];
    const table = new AliasTable(weights);
    const prng = seedrandom.alea('five');
    const counts = new Array(5).fill(0);
    for (let k = 0; k < 300_000; k++) counts[table.pick(prng())]++;
    const total = weights.reduce((s, w) => s + w, 0);
    counts.forEach((c, i) => expect(Math.abs(c / 300_000 - weights[i]! / total)).toBeLessThan(0.005));
    expect(counts[0]).toBe(0);
    expect(counts[4]).toBe(0);
  });

  it('refuses weights that are all zero', () => {
    expect(() => new AliasTable([0, 0])).toThrow(/positive sum/);
  });
});

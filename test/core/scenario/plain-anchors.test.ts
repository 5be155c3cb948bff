/**
 * Anchors, aliases and merge keys in the plain YAML reader (core/scenario/plain-anchors.ts)
 * against the YAML library's reading (merge: true), which read every anchored file before:
 * the same values, the same problem positions (paths through aliases follow them to their
 * anchor, as positions.ts does), the same scenarios and messages through parseScenario; and
 * the problems the library could not place or survive (an alias bomb, an alias before its
 * anchor or inside its own value, nesting through aliases) located at the alias.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../../core/index.ts';
import { LIMITS } from '../../../core/scenario/limits.ts';
import { Located, NOT_PLAIN, placePlain, readPlain } from '../../../core/scenario/plain.ts';
import { anchored, anchoredTop, documentText } from './anchored-documents.ts';
import { agrees, library, ROOT, scenarioFiles } from './plain-support.ts';

/** The located reading of the same text (a tab in a comment sends it there). */
const located = (text: string, file = 'x.yaml') => parseScenario(`${text}\n#\t\n`, file);

/** parseScenario gives the same result as the located reading of the same text, and reads it plainly. */
function sameAsLocated(text: string, file = 'x.yaml') {
  expect(readPlain(text, 'yaml'), text).not.toBe(NOT_PLAIN);
  const plain = parseScenario(text, file);
  expect(plain, text).toEqual(located(text, file));
  return plain;
}

describe('anchors and aliases in the plain reader', () => {
  it.each([
    ['an anchored mapping and its alias', 'a: &x\n  b: 1\nc: *x\n', true],
    ['an anchored flow list', 'a: &x [1, 2]\nc: *x\n', true],
    ['an anchored scalar, aliased in a flow list', 'a: &x "q"\nc: [*x,*x, *x ]\n', true],
    ['an anchor with a comment, an alias with one', 'a: &x # c\n  - 1\nb: *x # d\n', true],
    ['an anchor on a list at its key\'s column', 'a: &x\n- 1\n- 2\nb: *x\n', true],
    ['an anchored null', 'a: &x\nb: *x\nc: 1\n', true],
    ['anchors inside a flow list', 'a: [&x 1, *x, &y {p: *x}, *y]\n', true],
    ['anchors on list items', 'a:\n  - &x\n    k: 1\n  - *x\n  - &y 2\n  - *y\n', true],
    ['an anchor given again', 'a: &x 1\nb: *x\nc: &x 2\nd: *x\n', true],
    ['an anchored block scalar', 'a: &x |\n  text\nb: *x\n', true],
    ['a merge key', 'a: &x {p: 1, q: 2}\nb:\n  <<: *x\n  q: 3\n', true],
    ['a merge key after the keys', 'a: &x {p: 1, q: 2}\nb:\n  q: 3\n  <<: *x\n', true],
    ['a merge of a list', 'a: &a {z: 1, y: 1}\nb: &b {z: 2, w: 3}\nc:\n  <<: [*a, *b]\n', true],
    ['a merge of a block list', 'a: &a {z: 1}\nb: &b {w: 3}\nc:\n  <<:\n    - *b\n    - *a\n', true],
    ['a merge in a flow mapping', 'a: &x {p: 1}\nb: {<<: *x, q: 2}\n', true],
    ['a merge of a literal mapping', 'b:\n  <<: {p: 1}\n  q: 2\n', true],
    ['a merge key twice', 'a: &a {z: 1}\nb: &b {z: 2, w: 3}\nc:\n  <<: *a\n  <<: *b\n', true],
    ['a merged null holds its key', 'a: &a {z: ~}\nb: &b {z: 2, w: 3}\nc:\n  <<: [*a, *b]\n', true],
    ['a null of its own holds a key against a merge', 'a: &a {x: 2}\nb:\n  x:\n  <<: *a\n', true],
    ['a null of its own replaces a merged value', 'a: &a {x: 2, y: 1}\nb:\n  <<: *a\n  x:\n', true],
    ['a merge into a list item', 'a: &a {x: 2}\nb:\n  - <<: *a\n    y: 1\n  - {<<: *a}\n', true],
    ['a merge source that merges', 'a: &a {x: 1}\nb: &b\n  <<: *a\n  y: 2\nc:\n  <<: *b\n', true],
    ['nested anchors', 'a: &o\n  i: &i [1, 2]\n  j: *i\nb: *o\nc: *i\n', true],
    ['an alias before its anchor', 'b: *x\na: &x 1\n', true],
    ['an alias inside its own anchor (a cycle)', 'a: &x\n  b: *x\n', false],
    ['a cycle a later key drops', 't:\n  <<: &b {p: *b, q: 2}\n  p: 1\n', false],
    ['a merge of a scalar', 'a: &x 3\nb:\n  <<: *x\n', true],
    ['a merge of a list of lists', 'a: &x [1]\nb:\n  <<: [*x]\n', true],
    ['a problem, then a key given twice (the library reports the key)', 'u: [*x]\nu: 1\n', false],
    ['an anchor on a key', '&k a: 1\n', false],
    ['an anchor on a compact mapping in a list', '- &x a: 1\n- *x\n', false],
    ['an alias as a key', 'a: &k x\nb: {*k : 1}\n', false],
    ['two anchors', 'a: &x &y 1\n', false],
    ['text after an alias', 'a: &x 1\nb: *x y\n', false],
    ['an alias followed by a comma', 'a: &x 1\nb: *x,\n', false],
    ['an anchor name the reader does not read', 'a: &x.y 1\nb: *x.y\n', false],
  ])('YAML: %s', (_name, text, read) => {
    expect(agrees(text, 'yaml')).toBe(read);
  });

  it('report an alias before its anchor at the alias, with the library\'s words', () => {
    expect(parseScenario('name: t\nduration: 1h\nzones: [a, *b]\n', 'x.yaml')).toMatchObject({
      ok: false,
      errors: [{ file: 'x.yaml', line: 3, column: 12, path: '', message: 'Unresolved alias (the anchor must be set before the alias): b' }],
    });
  });

  it('report an alias inside its own anchor\'s value at the alias (left to the library, which would overflow the stack)', () => {
    const text = 'name: t\nduration: 1h\nzones: [a, b]\ninstance: &i\n  x: [1, *i]\n';
    expect(readPlain(text, 'yaml')).toBe(NOT_PLAIN);
    expect(parseScenario(text, 'x.yaml')).toMatchObject({ ok: false, errors: [{ line: 5, column: 10, path: '', message: 'the alias *i stands inside the value of its own anchor &i, which would make it endless' }] });
    // A cycle a later key drops is no problem, for the library as before.
    expect(parseScenario('name: t\nduration: 1h\nzones: [a, b]\ninstance:\n  <<: &b { concurrency: *b }\n  concurrency: 2\n', 'x.yaml').ok).toBe(true);
  });

  it('report a billion laughs at the alias that passes the limit, naming the limit and why', () => {
    const names = 'abcdefghi';
    const lines = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < names.length; i++) lines.push(`${names[i]}: &${names[i]} [${Array(10).fill(`*${names[i - 1]}`).join(', ')}]`);
    const text = `name: t\nduration: 1h\nzones: [a, b]\ndescription:\n  ${lines.join('\n  ')}\n`;
    // a..e expand to 123,440 nodes; each *e adds 111,111: the eighth one in f passes 1,000,000.
    const fLine = text.split('\n').findIndex((l) => l.startsWith('  f:'));
    const column = text.split('\n')[fLine]!.split('*e', 8).join('*e').length + 1;
    const result = parseScenario(text, 'bomb.yaml');
    expect(result).toMatchObject({ ok: false, errors: [{ file: 'bomb.yaml', line: fLine + 1, column, path: '' }] });
    if (result.ok) return;
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]!.message).toMatch(/^the aliases up to \*e expand to more than 1,000,000 nodes; the limit is 1,000,000 nodes \(.*billion laughs/);
  });

  it('read an anchored file beyond the full reading\'s 2 MiB, and place its problems', () => {
    const big = `# ${'x'.repeat(LIMITS.fullReadBytes.max)}\n`;
    const text = `${big}name: t\nduration: 1h\nzones: [&z a, b]\nautoScalingGroups:\n  - { name: g, instance: &i { concurrency: 4 } }\n  - { name: h, instance: { <<: *i, queueLimit: 5 } }\nfaults: [{ at: 1m, action: fail-zone, zone: *z }]\n`;
    expect(parseScenario(text, 'x.yaml').ok).toBe(true);
    const bad = text.replace('concurrency: 4', 'concurrency: 0');
    expect(parseScenario(bad, 'x.yaml')).toMatchObject({ ok: false, errors: [{ line: 6, column: 44, path: 'autoScalingGroups.0.instance.concurrency' }, { line: 7, column: 26, path: 'autoScalingGroups.1.instance.concurrency' }] });
    // The same places as the located reading gives the file without the long comment (one line up).
    expect(sameAsLocated(bad.slice(big.length))).toMatchObject({ errors: [{ line: 5, column: 44 }, { line: 6, column: 26 }] });
  });

  it('count every alias toward the limit, merge keys too, and accept a file just under it', () => {
    const limit = LIMITS.aliasNodes.max;
    // An anchored list of 999 scalars is 1,000 nodes: 1,000 aliases of it are exactly the limit.
    const base = `name: t\nduration: 1h\nzones: [a, b]\nx: &l [${Array(999).fill('1').join(', ')}]\n`;
    const under = readPlain(`${base}y: [${Array(limit / 1000).fill('*l').join(', ')}]\n`, 'yaml');
    expect(under).not.toBeInstanceOf(Located);
    expect(Array.isArray((under as { y: unknown[] }).y)).toBe(true);
    const over = readPlain(`${base}y: [${Array(limit / 1000 + 1).fill('*l').join(', ')}]\n`, 'yaml');
    expect(over).toBeInstanceOf(Located);
    const map = `m: &m {${Array.from({ length: 999 }, (_, i) => `k${i}: 1`).join(', ')}}\n`;
    expect(readPlain(`${map}ms: [${Array(1000).fill('{<<: *m}').join(', ')}]\n`, 'yaml')).not.toBeInstanceOf(Located);
    expect(readPlain(`${map}ms: [${Array(1001).fill('{<<: *m}').join(', ')}]\n`, 'yaml')).toBeInstanceOf(Located);
  });

  it('place a problem at the end of the longest chain of aliases the reader takes (a reading for each alias)', () => {
    // Each a(k+1) holds an alias of a(k) under k: the path to a0's value goes through every alias.
    const chain = (levels: number) => ['a0: &a0 {k: 1}', ...Array.from({ length: levels }, (_, k) => `a${k + 1}: &a${k + 1} {k: *a${k}}`)].join('\n') + '\n';
    let longest = 0;
    while (!(readPlain(chain(longest + 1), 'yaml') instanceof Located)) longest++;
    expect(longest).toBeGreaterThan(LIMITS.nestingDepth.max - 4);
    const places = placePlain(chain(longest), 'yaml', [{ path: [`a${longest}`, ...Array(longest + 1).fill('k')], anchor: 'value' }]);
    expect(places).toEqual([{ position: { line: 1, column: 13 }, found: 'scalar' }]);
  });

  it('report nesting through aliases at the same depth as nesting written out', () => {
    for (let levels = 60; levels <= 66; levels++) {
      // a0 is [1]; each a(k) holds an alias of the one before, so a(n) nests n + 1 levels.
      const chain = ['a0: &a0 [1]', ...Array.from({ length: levels }, (_, k) => `a${k + 1}: &a${k + 1} [*a${k}]`)].join('\n');
      const written = `a: ${'['.repeat(levels + 1)}1${']'.repeat(levels + 1)}\n`;
      const literalTooDeep = parseScenario(written, 'x.yaml');
      const aliasRead = readPlain(`${chain}\n`, 'yaml');
      const aliasTooDeep = aliasRead instanceof Located && /too deeply nested/.test(aliasRead.message);
      const writtenTooDeep = !literalTooDeep.ok && /too deeply nested/.test(literalTooDeep.errors[0]!.message);
      expect(aliasTooDeep, `${levels + 1} levels`).toBe(writtenTooDeep);
    }
    const deep = parseScenario(`name: t\nduration: 1h\nzones: [a, b]\n${['a0: &a0 [1]', ...Array.from({ length: 70 }, (_, k) => `a${k + 1}: &a${k + 1} [*a${k}]`)].join('\n')}\n`, 'x.yaml');
    expect(deep).toMatchObject({ ok: false, errors: [{ line: 67, column: 12, message: expect.stringMatching(/^too deeply nested \(through the alias \*a62\); the limit is 64 levels/) }] });
  });

  it('agree with the library on generated documents with anchors, aliases and merge keys', () => {
    let read = 0;
    let aliased = 0;
    fc.assert(
      fc.property(anchoredTop, (top) => {
        const text = documentText(top);
        if (agrees(text, 'yaml')) {
          read++;
          const value = readPlain(text, 'yaml');
          if (!(value instanceof Located) && text.includes('*') && library(text, 'yaml')) aliased++;
        }
      }),
      { numRuns: 3000, seed: 10 },
    );
    expect(read).toBeGreaterThan(1500);
    expect(aliased).toBeGreaterThan(500);
  });
});

describe('bundled scenarios written with anchors, aliases and merge keys', () => {
  const files = scenarioFiles(join(ROOT, 'scenarios'));

  it('give the same scenario as written plainly, and the same errors as the located reading', () => {
    let aliases = 0;
    let merges = 0;
    for (const file of files) {
      const original = readFileSync(file, 'utf8');
      const rewritten = anchored(original);
      aliases += rewritten.aliases;
      merges += rewritten.merges;
      const plain = sameAsLocated(rewritten.text, file);
      expect(plain.ok, file).toBe(true);
      expect(isDeepStrictEqual(plain, parseScenario(original, file)), file).toBe(true);
      expect(agrees(rewritten.text, 'yaml'), file).toBe(true);
      // With problems under aliases and merges: a bad duration, an unknown key, a bad value.
      const bad = `${rewritten.text.replace(/^duration: .*$/m, 'duration: &d 10 parsecs').replace(/^zones: .*$/m, '$&\nwhen: *d')}colour: *top_traffic\n`;
      const placed = sameAsLocated(bad, file);
      expect(placed.ok, file).toBe(false);
    }
    expect(aliases).toBeGreaterThan(50);
    expect(merges).toBeGreaterThan(5);
  });

  it('read anchors in every place a scenario uses them to the scenario written out', () => {
    const file = join(ROOT, 'scenarios/path-routing-api-and-web.yaml');
    const original = readFileSync(file, 'utf8');
    const head = original.slice(0, original.indexOf('seed: 1\n'));
    const written = [
      'seed: &one 1',
      'duration: 2h',
      'zones: &zones [us-east-1a, us-east-1b]',
      'traffic:',
      '  rate: [[0m, &low 100], [30m, *low], [35m, &high 300], [90m, *high], [95m, *low]]',
      '  requests:',
      '    - &request { name: api, weight: 40, method: POST, host: &host shop.example.com, path: /api/orders }',
      '    - { name: page, weight: 55, host: *host, path: /products/42 }',
      '    - { <<: *request, name: legacy, weight: 5, path: /old/cart, method: ~ }',
      'loadBalancer:',
      '  listeners:',
      '    - protocol: HTTP',
      '      port: 80',
      '      rules:',
      '        - priority: 10',
      '          conditions: { pathPattern: ["/api/*"] }',
      '          actions: &toApi { forward: [{ targetGroup: api }] }',
      '        - priority: 20',
      '          conditions: { pathPattern: ["/old/*"] }',
      '          actions: { redirect: { statusCode: HTTP_301, path: "/cart" } }',
      '      defaultActions: { forward: [{ targetGroup: web }] }',
      '  targetGroups:',
      '    - &tg { name: api, autoScalingGroup: api, algorithm: least_outstanding_requests, deregistrationDelay: &delay 30s }',
      '    - { name: web, autoScalingGroup: web, deregistrationDelay: *delay }',
      'autoScalingGroups:',
      '  - &group',
      '    name: api',
      '    minSize: &two 2',
      '    maxSize: 20',
      '    defaultInstanceWarmup: 120s',
      '    policies: &policies',
      '      - { type: TargetTrackingScaling, metric: ASGAverageCPUUtilization, targetValue: 50 }',
      '    instance: &instance { concurrency: 4, serviceTime: { distribution: lognormal, mean: 200ms, cv: 1 }, detailedMonitoring: true }',
      '  - <<: *group',
      '    name: web',
      '    minSize: *two',
      '    policies: *policies',
      '    instance:',
      '      <<: *instance',
      '      serviceTime: { distribution: exponential, mean: 20ms }',
      '',
    ].join('\n');
    // The requests table has no `method` for `page` and `legacy`: the merged one is dropped by `method: ~`.
    const anchored = parseScenario(head + written, file);
    expect(anchored.ok).toBe(true);
    expect(isDeepStrictEqual(anchored, parseScenario(original, file))).toBe(true);
    expect(sameAsLocated(head + written, file).ok).toBe(true);
    // With --set, read plainly to the same result as the library's document, where an override of an anchored value reaches its aliases.
    const overrides = ['autoScalingGroups.0.maxSize=30', 'autoScalingGroups.1.instance.concurrency=8', 'traffic.requests.1.weight=x'];
    expect(parseScenario(head + written, file, { overrides })).toEqual(parseScenario(`${head}${written}#\t\n`, file, { overrides }));
    // A problem in an anchored value is placed where it is written, for each of its aliases.
    const badText = head + written.replace('targetValue: 50', 'targetValue: -5');
    const bad = parseScenario(badText, file);
    expect(bad).toMatchObject({ ok: false });
    // Where `-5` stands in the file (the head is the bundled file's own description, so its line moves with it).
    const badLines = badText.split('\n');
    const line = badLines.findIndex((l) => l.includes('targetValue: -5')) + 1;
    const at = `${line}:${badLines[line - 1]!.indexOf('-5') + 1}`;
    expect(bad.ok ? [] : bad.errors.map((e) => `${e.line}:${e.column} ${e.path}`)).toEqual([`${at} autoScalingGroups.0.policies.0.targetValue`, `${at} autoScalingGroups.1.policies.0.targetValue`]);
    expect(bad).toEqual(located(badText, file));
  });

  it('place problems inside aliased and merged values where the located reading does', () => {
    const text = [
      'name: t',
      'duration: 1h',
      'zones: [a, b]',
      'instance: &inst',
      '  concurrency: 0',
      '  serviceTime: &st { distribution: exponential, mean: 100ms, colour: 1 }',
      'autoScalingGroups:',
      '  - name: g1',
      '    instance: *inst',
      '  - name: g2',
      '    instance:',
      '      <<: *inst',
      '      bootTime: *st',
      '      queueLimit: -1',
      'faults:',
      '  - &f { at: 1m, action: fail-target, count: 0 }',
      '  - *f',
      '  - { <<: *f, at: 2m, extra: 1 }',
      '',
    ].join('\n');
    const result = sameAsLocated(text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.length).toBeGreaterThan(6);
  });
});

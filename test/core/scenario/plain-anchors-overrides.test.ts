/**
 * `--set` overrides on a file with anchors, aliases or merge keys, read plainly
 * (core/scenario/plain-anchored.ts, plain-overrides.ts) against the YAML library's document,
 * which read every such file before: the same value after the overrides (an override under an
 * anchor reaches every alias of it, an alias is not gone through, a merged key is absent until
 * set and merges are made from their sources as the overrides left them), the same messages, the
 * same rule for blaming `--set` and the same positions; and the overrides it leaves to the
 * library (one that takes away an anchor an alias names, a `<<` key) left there.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LineCounter, parseDocument } from 'yaml';
import { parseScenario } from '../../../core/index.ts';
import { LIMITS } from '../../../core/scenario/limits.ts';
import { applyOverrides } from '../../../core/scenario/overrides.ts';
import { applyPlainOverrides, fromOverride } from '../../../core/scenario/plain-overrides.ts';
import { Located, NOT_PLAIN, placePlain, readPlain } from '../../../core/scenario/plain.ts';
import { inSource, locate, type Anchor, type PathKey } from '../../../core/scenario/positions.ts';
import { anchored, anchoredTop, documentText, type Tree } from './anchored-documents.ts';
import { ROOT, scenarioFiles, withoutNulls } from './plain-support.ts';

const startsWith = (path: readonly PathKey[], prefix: readonly PathKey[]) => prefix.length <= path.length && prefix.every((k, i) => String(k) === String(path[i]));

/** Every path of `value` and of `extra`, with one more segment that is not there, both anchors (at most `max`). */
function probes(value: unknown, extra: readonly PathKey[][], max = 300): { path: PathKey[]; anchor: Anchor }[] {
  const paths: PathKey[][] = [[]];
  const walk = (node: unknown, path: PathKey[]) => {
    if (paths.length > max) return;
    if (Array.isArray(node)) {
      paths.push([...path, node.length]);
      node.forEach((item, i) => {
        paths.push([...path, i]);
        walk(item, [...path, i]);
      });
    } else if (node !== null && typeof node === 'object') {
      paths.push([...path, 'nope']);
      for (const [key, item] of Object.entries(node)) {
        paths.push([...path, key]);
        walk(item, [...path, key]);
      }
    }
  };
  walk(value, []);
  for (const path of extra) paths.push(path, [...path, 'nope'], [...path, 0]);
  return paths.flatMap((path) => [{ path, anchor: 'value' as const }, { path, anchor: 'key' as const }]);
}

/**
 * The overrides on `text` read plainly agree with the library's document: the value, the
 * issues, the paths set, and for every probe the `--set` blame and the position. Returns how
 * the text was read: plainly, left to the library by the overrides, left to it for a problem the
 * reader places (an override may take it away), or not plain at all.
 */
function overridesAgree(text: string, overrides: readonly string[]): 'plain' | 'aside' | 'located' | 'not plain' {
  const data = readPlain(text, 'yaml', true);
  if (data === NOT_PLAIN) return 'not plain';
  if (data instanceof Located) return 'located';
  const applied = applyPlainOverrides(data, overrides);
  if (!applied) return 'aside';
  const about = `${text}--set ${overrides.join(' --set ')}`;
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: false, prettyErrors: false, merge: true });
  expect(doc.errors, about).toEqual([]);
  const library = applyOverrides(doc, overrides);
  let value: unknown;
  expect(() => (value = withoutNulls(doc.toJS())), about).not.toThrow();
  // Keys in the same order too (JSON.stringify writes them as they stand).
  expect(JSON.stringify(applied.input), about).toBe(JSON.stringify(value));
  expect(applied.issues, about).toEqual(library.issues);
  expect(applied.paths, about).toEqual(library.paths);
  const asked = probes(value, library.paths);
  const places = placePlain(text, 'yaml', asked, applied.replaced);
  expect(places, about).toBeDefined();
  asked.forEach(({ path, anchor }, i) => {
    const blamed = library.paths.some((p) => startsWith(path, p) || (startsWith(p, path) && !inSource(doc, path)));
    const expected = blamed ? '--set' : locate(doc, lines, path, anchor);
    const got = fromOverride(path, places![i], applied.paths) ? '--set' : places![i]!.position;
    expect(got, `${path.join('.')} (${anchor}) in:\n${about}`).toEqual(expected);
  });
  return 'plain';
}

const base = 'name: t\nduration: 1h\nzones: [a, b]\n';
const group = `${base}instance: &i { concurrency: 4, serviceTime: { distribution: exponential, mean: 100ms } }\n`;

describe('--set on a file with anchors, aliases and merge keys', () => {
  it.each([
    ['under an anchor: every alias of it changes', `${group}autoScalingGroups:\n  - { name: g, instance: *i }\n  - { name: h, instance: *i }\n`, ['instance.concurrency=0'], 'plain'],
    ['through an alias: refused (the alias is not a mapping)', `${group}autoScalingGroups:\n  - { name: g, instance: *i }\n`, ['autoScalingGroups.0.instance.concurrency=2'], 'plain'],
    ['an alias as a whole: replaced, its anchor kept', `${group}autoScalingGroups:\n  - { name: g, instance: *i }\n  - { name: h, instance: *i }\n`, ['autoScalingGroups.0.instance={ concurrency: 0 }'], 'plain'],
    ['through an alias of a null: refused too', `${base}n: &n ~\nautoScalingGroups:\n  - { name: g, instance: *n }\n`, ['autoScalingGroups.0.instance.concurrency=2'], 'plain'],
    ['a merged key: set as a key of its own, the source kept', `${group}autoScalingGroups:\n  - { name: g, instance: { <<: *i, queueLimit: 3 } }\n`, ['autoScalingGroups.0.instance.concurrency=0'], 'plain'],
    ['under a merged key: a new mapping, nothing merged into it', `${group}autoScalingGroups:\n  - { name: g, instance: { <<: *i, queueLimit: 3 } }\n`, ['autoScalingGroups.0.instance.serviceTime.mean=1s'], 'plain'],
    ['a merge source changed: merged again from it', `${group}autoScalingGroups:\n  - name: g\n    instance:\n      <<: *i\n      queueLimit: 3\n`, ['instance.serviceTime=5', 'instance.colour=1'], 'plain'],
    ['a merge of a list of sources, one changed', `${base}x: &x { concurrency: 2 }\ny: &y { concurrency: 3, queueLimit: 4 }\nautoScalingGroups:\n  - { name: g, instance: { <<: [*x, *y] } }\n`, ['x.concurrency=0', 'y.queueLimit=-1'], 'plain'],
    ['an anchored scalar replaced, no alias of it', `${base}seed: &s 3\n`, ['seed=4'], 'plain'],
    ['a value replaced under an anchor, a problem placed through the alias', `${group}autoScalingGroups:\n  - { name: g, instance: *i }\n`, ['instance.serviceTime={ distribution: uniform }'], 'plain'],
    ['an anchored value some alias names, replaced: left to the library', `${group}autoScalingGroups:\n  - { name: g, instance: *i }\n`, ['instance=5'], 'aside'],
    ['an anchored null some alias names, filled: left to the library', `${base}n: &n\nm: *n\n`, ['n.x=1'], 'aside'],
    ['a value around an anchor some alias names, replaced: left to the library', `${base}x: { y: &y 2 }\nseed: *y\n`, ['x=1'], 'aside'],
    ['a `<<` key: left to the library', `${group}autoScalingGroups:\n  - { name: g, instance: { <<: *i } }\n`, ['autoScalingGroups.0.instance.<<={ queueLimit: 2 }'], 'aside'],
    ['a `<<` key in an override\'s value, with or without anchors in the file: left to the library, which merges it', `${base}instance: { queueLimit: 3 }\n`, ['instance={ <<: { concurrency: 2 }, queueLimit: 5 }'], 'aside'],
    ['a `<<` key deep in an override\'s value: left to the library', `${group}`, ['autoScalingGroups=[{ name: g, instance: { <<: { concurrency: 2 } } }]'], 'aside'],
    ['an alias before its anchor: left to the library', `${base}seed: *s\nx: &s 3\n`, ['seed=4'], 'located'],
  ])('%s', (_name, text, overrides, how) => {
    expect(overridesAgree(text, overrides)).toBe(how);
    expect(parseScenario(text, 'x.yaml', { overrides })).toEqual(parseScenario(`${text}#\t\n`, 'x.yaml', { overrides }));
  });

  it('reach every alias of an anchored value, and blame the anchored path on --set', () => {
    const text = `${group}autoScalingGroups:\n  - { name: g, instance: *i }\n  - { name: h, instance: { <<: *i, queueLimit: 2 } }\n`;
    // Through the alias: at the key of the value replaced under the anchor (the new value has no
    // place in the file); through the merge: at the merging mapping, as positions.ts follows no merge.
    const message = '0 is too small; allowed 1 or more';
    expect(parseScenario(text, 'x.yaml', { overrides: ['instance.concurrency=0'] })).toMatchObject({
      ok: false,
      errors: [
        { file: 'x.yaml', line: 4, column: 16, path: 'autoScalingGroups.0.instance.concurrency', message },
        { file: 'x.yaml', line: 7, column: 26, path: 'autoScalingGroups.1.instance.concurrency', message },
        { file: '--set', path: 'instance.concurrency', message },
      ],
    });
    expect(parseScenario(text, 'x.yaml', { overrides: ['autoScalingGroups.0.instance.concurrency=2'] })).toMatchObject({
      ok: false,
      errors: expect.arrayContaining([{ file: '--set', path: 'autoScalingGroups.0.instance.concurrency', message: 'cannot set `autoScalingGroups.0.instance.concurrency`: autoScalingGroups.0.instance is not a mapping' }]),
    });
  });

  /** Textual paths of a generated document: what an override may name, `<<` keys and aliases among them. */
  function textPaths(top: readonly [string, Tree][]): PathKey[][] {
    const out: PathKey[][] = [['d'], ['d', 0], ['d', 0, 'z'], ['d', 1, 'q', 0], ['d', 2], ['d', 3]];
    const walk = (node: Tree, path: PathKey[]) => {
      out.push(path);
      if ('map' in node) for (const [k, child] of node.map) walk(child, [...path, k]);
      else if ('seq' in node) node.seq.forEach((child, i) => walk(child, [...path, i]));
      else out.push([...path, 'p'], [...path, 0]);
    };
    for (const [k, child] of top) walk(child, [k]);
    return out;
  }

  it('agree with the library on generated anchored documents and generated overrides', () => {
    const counts = { plain: 0, aside: 0, located: 0, 'not plain': 0 };
    let aliased = 0;
    const values = ['1', 'x', '~', '{p: 2}', '[3]', '{}', '[]', '{q: {r: 4}}', '&a 5', '[*a]'];
    fc.assert(
      fc.property(anchoredTop, fc.array(fc.tuple(fc.nat(), fc.nat({ max: 2 }), fc.constantFrom(...values)), { minLength: 1, maxLength: 3 }), (top, picks) => {
        const text = documentText(top);
        const paths = textPaths(top);
        const overrides = picks.map(([n, extra, value]) => {
          const path = paths[n % paths.length]!;
          return `${[...path, ...['', 'p', 'q.0'][extra]!.split('.').filter(Boolean)].join('.')}=${value}`;
        });
        const how = overridesAgree(text, overrides);
        counts[how]++;
        if (how === 'plain' && /\*/.test(text)) aliased++;
      }),
      { numRuns: 2500, seed: 10 },
    );
    // Of 2,500: 663 read plainly (442 of them with aliases), 82 left to the library by their
    // overrides, 704 by a problem the reader places, 1,051 not plain (before this change: none plain).
    expect(counts.plain).toBeGreaterThan(550);
    expect(aliased).toBeGreaterThan(350);
    expect(counts.aside).toBeGreaterThan(40);
  });

  it('give every bundled scenario written with anchors the located reading\'s result under overrides of its own paths', () => {
    const values = ['0', '2', '-1', 'x', '~', '{}', '[]', '30s', '[a, b]'];
    let plain = 0;
    for (const file of scenarioFiles(join(ROOT, 'scenarios'))) {
      const { text } = anchored(readFileSync(file, 'utf8'));
      const own: string[] = [];
      const walk = (node: unknown, path: PathKey[]) => {
        if (path.length > 0) own.push(path.join('.'));
        if (Array.isArray(node)) node.forEach((item, i) => walk(item, [...path, i]));
        else if (node !== null && typeof node === 'object') for (const [key, item] of Object.entries(node)) walk(item, [...path, key]);
      };
      walk(readPlain(text, 'yaml'), []);
      for (let i = 0; i < 12; i++) {
        const overrides = [`${own[(i * 7919) % own.length]}=${values[i % values.length]}`, ...(i % 3 === 0 ? [`${own[(i * 104729) % own.length]}=${values[(i + 4) % values.length]}`] : [])];
        if (overridesAgree(text, overrides) === 'plain') plain++;
        expect(parseScenario(text, file, { overrides }), `${file} --set ${overrides.join(' --set ')}`).toEqual(parseScenario(`${text}#\t\n`, file, { overrides }));
      }
    }
    expect(plain).toBeGreaterThan(100);
  });

  it('read 150 aliases of one anchor with --set as without it (the library refuses them; the reader bounds aliases by aliasNodes)', () => {
    const text = `${base}traffic:\n  rate:\n    - [0, &r 5]\n${Array.from({ length: 150 }, (_, i) => `    - [${i + 1}, *r]\n`).join('')}`;
    expect(parseScenario(`${text}#\t\n`, 'x.yaml', { overrides: ['seed=3'] })).toMatchObject({ ok: false, errors: [{ line: 1, column: 1, message: 'Excessive alias count indicates a resource exhaustion attack' }] });
    const without = parseScenario(text, 'x.yaml');
    const plain = parseScenario(text, 'x.yaml', { overrides: ['seed=3'] });
    expect(without.ok && plain.ok).toBe(true);
    if (!without.ok || !plain.ok) return;
    expect(plain.scenario).toEqual({ ...without.scenario, seed: 3 });
  });

  it('read an anchored file beyond the full reading\'s 2 MiB with --set, and place its problems', () => {
    const big = `# ${'x'.repeat(LIMITS.fullReadBytes.max)}\n`;
    const groups = 'autoScalingGroups:\n  - { name: g, instance: &i { concurrency: 4, queueLimit: 3 } }\n  - { name: h, instance: { <<: *i, queueLimit: 5 } }\n  - { name: k, instance: *i }\n';
    const text = `${big}${base}${groups}`;
    const result = parseScenario(text, 'x.yaml', { overrides: ['autoScalingGroups.0.instance.concurrency=8', 'autoScalingGroups.1.instance.queueLimit=6'] });
    expect(result).toMatchObject({ ok: true });
    if (!result.ok) return;
    expect(result.scenario.autoScalingGroups.map((g) => [g.instance.concurrency, g.instance.queueLimit])).toEqual([[8, 3], [8, 6], [8, 3]]);
    // Problems placed as in the file without the long comment (one line up), which the library reads.
    const overrides = ['autoScalingGroups.0.instance.concurrency=0', 'autoScalingGroups.2.instance.queueLimit=1'];
    const small = parseScenario(text.slice(big.length), 'x.yaml', { overrides });
    expect(small).toEqual(parseScenario(`${text.slice(big.length)}#\t\n`, 'x.yaml', { overrides }));
    const bad = parseScenario(text, 'x.yaml', { overrides });
    expect(bad.ok ? [] : bad.errors.map((e) => `${e.file}:${e.line ?? ''} ${e.path}`)).toEqual(small.ok ? [] : small.errors.map((e) => `${e.file}:${e.line === undefined ? '' : e.line + 1} ${e.path}`));
  });
});

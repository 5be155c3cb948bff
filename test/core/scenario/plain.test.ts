/**
 * The plain readers (core/scenario/plain.ts) against the YAML library they stand in for: on
 * any text, either the very value the library's document gives (without errors or warnings;
 * `key: null` entries dropped, as parse.ts drops them), or NOT_PLAIN. Checked on every
 * scenario file in the repository, on hand-picked edge cases, and on generated texts built
 * from fragments that mix the subset with what lies just outside it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../../core/index.ts';
import { NOT_PLAIN, placePlain, readPlain } from '../../../core/scenario/plain.ts';
import { plainNumberAt, resolvePlain } from '../../../core/scenario/plain-base.ts';
import type { PathKey } from '../../../core/scenario/positions.ts';
import { agrees, library, ROOT, scenarioFiles } from './plain-support.ts';

/** A file's one-line flow lists spread over lines (an item a line), for the lines that hold only such a list. */
function multiLine(text: string): string {
  return text.replace(/^( *)((?:- )?(?:[A-Za-z_][\w.-]*: )?)(\[[^'"#\n]*\])( *(?:#.*)?)$/gm, (_all, pad: string, lead: string, list: string, tail: string) => {
    return `${pad}${lead}${list.replaceAll(', ', `,\n${pad}    `)}${tail}`;
  });
}

/** The shapes a scenario file may have beyond the one it was written in: CR LF line breaks, flow lists over several lines, both. */
function shapes(text: string): [string, string][] {
  const crlf = (t: string) => t.replaceAll('\n', '\r\n');
  return [['CR LF', crlf(text)], ['multi-line flow lists', multiLine(text)], ['both', crlf(multiLine(text))]];
}

describe('plain readers', () => {
  const files = ['scenarios', 'sweeps', 'test', 'docs'].flatMap((d) => scenarioFiles(join(ROOT, d)));

  it('agree with the library on every scenario file in the repository, and read all of scenarios/', () => {
    expect(files.length).toBeGreaterThan(20);
    for (const file of files) {
      const read = agrees(readFileSync(file, 'utf8'), file.endsWith('.json') ? 'json' : 'yaml');
      if (file.startsWith(join(ROOT, 'scenarios'))) expect(read, `${file} is left to the library`).toBe(true);
    }
  });

  it('give the same scenario as the located reading (forced by a tab in a comment)', () => {
    for (const file of scenarioFiles(join(ROOT, 'scenarios'))) {
      const text = readFileSync(file, 'utf8');
      const plain = parseScenario(text, file);
      const located = parseScenario(`${text}\n#\t\n`, file);
      expect(plain.ok, file).toBe(true);
      expect(isDeepStrictEqual(plain, located), file).toBe(true);
    }
  });

  it('read every scenario of scenarios/ with CR LF line breaks and multi-line flow lists, to the same scenario and the same errors as the located reading', () => {
    let spread = 0;
    for (const file of scenarioFiles(join(ROOT, 'scenarios'))) {
      const original = readFileSync(file, 'utf8');
      if (multiLine(original) !== original) spread++;
      for (const [shape, text] of shapes(original)) {
        const what = `${file} (${shape})`;
        expect(readPlain(text, 'yaml'), what).not.toBe(NOT_PLAIN);
        expect(agrees(text, 'yaml'), what).toBe(true);
        const plain = parseScenario(text, file);
        expect(plain.ok, what).toBe(true);
        expect(isDeepStrictEqual(plain, parseScenario(`${text}\n#\t\n`, file)), what).toBe(true);
        // With problems to place: an unknown key written as a multi-line list, and a bad duration.
        const bad = `${text.replace(/^duration: .*$/m, 'duration: 10 parsecs')}colour: [1,\n  2]\n`;
        const placed = parseScenario(bad, file);
        expect(placed.ok, what).toBe(false);
        expect(placed, what).toEqual(parseScenario(`${bad}#\t\n`, file));
      }
    }
    expect(spread).toBeGreaterThan(10);
  });

  it.each([
    ['numbers as the core schema reads them', 'a: [1, -0, +5, 0o17, 0x1F, .inf, -.Inf, .NaN, 1e3, 1., .5, 007, 1_0, 0b1]\n', true],
    ['null and booleans', 'a: [~, null, Null, NULL, true, True, TRUE, false, yes, no, on]\nb: ~\nc:\n', true],
    ['quoted text', `a: 'it''s'\nb: "q # not a comment"\nc: ['x, y', "z"]\n`, true],
    ['comments and blank lines', '# head\n\na: 1 # one\n   # odd indent\nb:\n  - x #c\n\n  - y\n', true],
    ['a list at the key column', 'a:\n- x\n- k: 1\n  j: 2\nb: 2\n', true],
    ['a folded and a literal block', 'a: >\n  one\n  two\n\nb: |-\n  x\n   y\nc: 1\n', true],
    ['plain text with indicators inside', 'a: x & y, z*2 | w > v\nb: http://h:80/p\nc: a:b\n', true],
    ['a key given twice', 'a: 1\na: 2\n', false],
    ['an anchor and alias', 'a: &x 1\nb: *x\n', true],
    ['a merge key', 'a: { x: 1 }\nb:\n  <<: { y: 2 }\n', true],
    ['a tag', 'a: !!str 1\n', false],
    ['a multi-line plain scalar', 'a: one\n  two\n', false],
    ['a multi-line flow list', 'a: [1,\n  2]\n', true],
    ['a flow list closed at its key\'s column', 'a:\n  b: [\n    1,\n    [2, 3],\n  ]\nc: 1\n', true],
    ['a flow list closed left of its key\'s column', 'a:\n  b: [\n    1\n ]\n', false],
    ['a flow line at its key\'s column', 'a:\n  b: [1,\n  2]\n', false],
    ['an inner flow list closed at the column', 'a:\n  b: [[\n    1\n  ], 2]\n', false],
    ['a comma at the column', 'a:\n  b: [\n    1\n  , 2]\n', false],
    ['a multi-line flow list in a list', 'a:\n- [1,\n 2]\n- b: [3,\n   4]\n  c: {\n   x: 1, y: [5,\n     6] }\n', true],
    ['a multi-line flow list in a list, at the dash', '- b: [1,\n  2]\n', false],
    ['comments and blank lines in a flow list', 'a: [1, # one\n\n # at column 1\n   2 # two\n   , 3\n]  # end\n', true],
    ['a comment line at the column in a flow mapping', 'a: {\n a: x\n# c\n }\n', false],
    ['a multi-line plain scalar in a flow list', 'a: [a\n b]\n', false],
    ['a comment between a scalar and its continuation', 'a: [x\n #c\n y]\n', false],
    ['a multi-line flow mapping', 'a: { x: 1,\n  y: [2,\n   3], z: "q" }\nb: {\n x: 1\n}\n', true],
    ['a key with its value on the next line in a flow mapping', 'a: { x:\n  1 }\n', false],
    ['a document marker in a flow list', 'a: [\n  1,\n---\n]\n', false],
    ['a flow list never closed', 'a: [1,\n  2\n', false],
    ['text after a multi-line flow list', 'a: [1,\n 2] x\n', false],
    ['a line after a multi-line flow list, more indented', 'a: [1,\n 2]\n  b: 1\n', false],
    ['an escape', 'a: "x\\ty"\n', false],
    ['a tab', 'a:\t1\n', false],
    ['CR LF', 'a: 1\r\nb: 2\r\n', true],
    ['CR LF everywhere', '# c\r\na: [1,\r\n  2] # x\r\n\r\nb:\r\n  - k: "q"\r\n    j: \'s\'\r\nc: >\r\n  x\r\n  y\r\n\r\nd: |-\r\n  p\r\n   q\r\ne:\r\n', true],
    ['CR LF, no line break at the end', 'a: 1\r\nb: x', true],
    ['a lone CR', 'a: 1\rb: 2\n', false],
    ['a CR at the end', 'a: 1\r', false],
    ['a CR LF in a quoted scalar', 'a: "x\r\n"\r\n', false],
    ['non-ASCII text', 'name: café × 2 # µs\nb: "naïve"\nc: [e, "ü"]\nd: a\u00a0\n', true],
    ['a byte-order mark inside', 'a: \ufeffx\n', false],
    ['a character beyond the BMP', 'a: 🙂\n', false],
    ['a C1 control character', 'a: x\u0085y\n', false],
    ['two documents', 'a: 1\n---\nb: 2\n', false],
    ['a key that is a number', '1: a\n', false],
    ['a __proto__ key', '__proto__: { a: 1 }\n', false],
    ['bad indentation', 'a:\n    b: 1\n  c: 2\n', false],
    ['a compact nested list', 'a:\n  - - 1\n', false],
    ['text after a flow list', 'a: [1] x\n', false],
    ['a comment without a space', 'a: [1]#x\n', false],
    ['a trailing comma', 'a: [1, 2, ]\nb: {x: 1,}\nc: [1,\n]\n', true],
    ['an empty entry', 'a: [1, , 2]\n', false],
    ['only a comma', 'a: [ , ]\n', false],
    ['keep-chomping', 'a: |+\n  x\n\nb: 1\n', false],
    ['an empty file', '', false],
    ['a list at the top', '- a\n', false],
  ])('YAML: %s', (_name, text, read) => {
    expect(agrees(text, 'yaml')).toBe(read);
  });

  it.each([
    ['a plain object', '{"name": "t", "zones": ["a", "b"], "x": null, "y": [null, 1.5e3, -0, true]}', true],
    ['escapes', '{"a\\u0062": "\\n\\"\\u00e9", "c": "\\/"}', true],
    ['a key given twice', '{"a": 1, "a": 2}', false],
    ['a key given twice, once escaped', '{"a": 1, "\\u0061": 2}', false],
    ['a __proto__ key', '{"__proto__": {"a": 1}}', false],
    ['a YAML-only spelling', '{"a": 10m}', false],
    ['a comment', '{"a": 1} # x', false],
    ['a top-level list', '[1, 2]', true],
  ])('JSON: %s', (_name, text, read) => {
    expect(agrees(text, 'json')).toBe(read);
  });

  const keys = ['a', 'b', 'c-d', 'e.f', 'g_h', '"q k"', "'s k'", 'true', 'null', '1', '__proto__', '<<', 'a b', '? a', 'a ', '-a'];
  const scalars = ['\u2028', 'x\u0085', '\u00a0', 'é: x', '1', '-0', '0o17', '0x1F', '.inf', '-.Inf', '.NaN', '1e3', '1.', '+5', '~', 'null', 'Null', 'TRUE', 'yes', '10m', 'a b', 'a: b', 'a #c', 'a#c', 'a:', "'it''s'", "'a", '"q"', '"a\\nb"', '"a', '[a, b]', '[ ]', '[]', '{}', '{a: 1, b: [2, 3]}', '{a: 1,}', '{a, b}', '[a, [b, c]]', '[a: 1]', '[0s, 100]', '[a,', '&x a', '*x', '!t a', '|', '>-', '>', '|+', '>2', '- x', 'http://x', 'a,b', '?x', '%x', '@x', '`x', '--x', '-x', '(x)', '~x', '/x', '{"a": 1}', '[1]#c', '[1] #c', 'x ', ''];
  const line = fc.tuple(fc.integer({ min: 0, max: 6 }), fc.constantFrom('key', 'key-empty', 'item', 'item-key', 'item-empty', 'comment', 'blank', 'text'), fc.constantFrom(...keys), fc.constantFrom(...scalars)).map(([indent, kind, key, scalar]) => {
    const pad = ' '.repeat(indent);
    switch (kind) {
      case 'key': return `${pad}${key}: ${scalar}`;
      case 'key-empty': return `${pad}${key}:`;
      case 'item': return `${pad}- ${scalar}`;
      case 'item-key': return `${pad}- ${key}: ${scalar}`;
      case 'item-empty': return `${pad}-`;
      case 'comment': return `${pad}# ${scalar}`;
      case 'blank': return pad;
      default: return `${pad}${scalar}`;
    }
  });

  it('agree with the library on generated lines of YAML', () => {
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 8 }), fc.boolean(), (lines, newline) => {
        agrees(lines.join('\n') + (newline ? '\n' : ''), 'yaml');
      }),
      { numRuns: 4000, seed: 10 },
    );
  });

  /** Mostly what the reader reads, now and then what it must leave to the library. */
  const goodScalars = ['café', 'a\u00a0', '\u00a0x', '×', 'µs "q"', '1', '-0', '0o17', '0x1F', '.inf', '.NaN', '1e3', '1.', '+5', '~', 'null', 'TRUE', 'yes', '10m', 'a b', 'a#c', "'it''s'", '"q"', '[a, b]', '[]', '{}', '{a: 1, b: [2, 3]}', '[a, [b, c]]', '[0s, 100]', 'http://x', 'a,b', '--x', '(x)', '/x', '[1] #c', 'x '];
  const mostlyGood = <T,>(good: fc.Arbitrary<T>, bad: fc.Arbitrary<T>) => fc.oneof({ weight: 12, arbitrary: good }, { weight: 1, arbitrary: bad });
  const treeKey = mostlyGood(fc.stringMatching(/^[a-z][a-z0-9_.-]{0,5}$/), fc.constantFrom(...keys));
  const treeScalar = mostlyGood(fc.constantFrom(...goodScalars), fc.constantFrom(...scalars));
  type Tree = { scalar: string } | { map: [string, Tree][] } | { seq: Tree[] };
  const { tree } = fc.letrec<{ tree: Tree; map: Tree; seq: Tree; scalar: Tree }>((tie) => ({
    tree: fc.oneof({ depthSize: 'small', withCrossShrink: true }, tie('scalar'), tie('map'), tie('seq')),
    scalar: treeScalar.map((scalar) => ({ scalar })),
    map: fc.array(fc.tuple(treeKey, tie('tree')), { minLength: 1, maxLength: 4 }).map((map) => ({ map })),
    seq: fc.array(tie('tree'), { minLength: 1, maxLength: 4 }).map((seq) => ({ seq })),
  }));

  /** Block YAML for `node` at `indent`, the spelling picked by `pick` (comments, blank lines, a list at its key's column). */
  function render(node: Tree, indent: number, pick: () => number, out: string[], first?: string, flow?: (node: Tree, column: number) => string): void {
    const pad = ' '.repeat(indent);
    const lead = (i: number) => (i === 0 && first !== undefined ? first : pad);
    if ('scalar' in node) return void out.push(`${first ?? pad}${node.scalar}`);
    const noise = pick();
    if (noise === 0) out.push(`${pad}# note`);
    if (noise === 1) out.push('');
    if ('map' in node) {
      node.map.forEach(([key, child], i) => {
        if ('scalar' in child) return void out.push(`${lead(i)}${key}: ${child.scalar}`);
        if (flow && pick() < 4) return void out.push(`${lead(i)}${key}: ${flow(child, indent)}`);
        out.push(`${lead(i)}${key}:${pick() === 2 ? ' # c' : ''}`);
        render(child, 'seq' in child && pick() < 4 ? indent : indent + 2, pick, out, undefined, flow);
      });
    } else {
      node.seq.forEach((child, i) => {
        if ('scalar' in child) return void out.push(`${lead(i)}- ${child.scalar}`);
        if (flow && pick() < 4) return void out.push(`${lead(i)}- ${flow(child, indent)}`);
        if ('map' in child && pick() < 6) return render(child, indent + 2, pick, out, `${lead(i)}- `, flow);
        out.push(`${lead(i)}-`);
        render(child, indent + 2, pick, out, undefined, flow);
      });
    }
  }

  /** Scalars that may stand in a flow collection as they are (the tree's own, now and then, may not). */
  const FLOW_SCALARS = ['café', '×', 'a b', '1', '-0', '0x1F', '.inf', '1e3', '~', 'null', 'TRUE', '10m', "'it''s'", '"q"', "'a, b'", '"x: y"', '/x', '(x)', 'x ', '[]', '{}', '[0s, 100]'];

  /**
   * `node` as a flow collection in a block collection at `column`, its tokens spread over lines
   * by `pick`: breaks more indented than the column, at it or left of it, blank lines, comments
   * (on their own line at column 0 too), trailing commas. `lines` counts the breaks.
   */
  function flowText(node: Tree, column: number, pick: () => number, lines: { count: number }): string {
    if ('scalar' in node) return pick() < 8 ? FLOW_SCALARS[(pick() * 10 + pick()) % FLOW_SCALARS.length]! : node.scalar;
    const gap = (): string => {
      const choice = pick();
      if (choice > 6) return choice > 8 ? ' ' : '';
      lines.count++;
      switch (choice) {
        case 3: return `\n${' '.repeat(pick() < 3 ? Math.max(0, column - 1 + (pick() % 3)) : column + 4)}`;
        case 4: return ` # c\n${' '.repeat(column + 2)}`;
        case 5: return `\n\n${' '.repeat(column + 3)}`;
        case 6: return `\n${pick() === 0 ? '' : ' '.repeat(column + 1)}# c\n${' '.repeat(column + 1)}`;
        default: return `\n${' '.repeat(column + 1 + choice)}`;
      }
    };
    const entries = 'map' in node ? node.map.map(([key, child]) => `${key}: ${flowText(child, column, pick, lines)}`) : node.seq.map((child) => flowText(child, column, pick, lines));
    const [open, close] = 'map' in node ? ['{', '}'] : ['[', ']'];
    return `${open}${gap()}${entries.map((entry) => `${entry}${gap()}`).join(`,${gap()}`)}${pick() === 0 ? ',' : ''}${gap()}${close}`;
  }

  it('agree with the library on generated YAML with flow collections over several lines and CR LF line breaks, and read a good share of them', () => {
    let read = 0;
    let readMultiLine = 0;
    let readCrLf = 0;
    const top = fc.array(fc.tuple(treeKey, tree), { minLength: 1, maxLength: 5 }).map((map): Tree => ({ map }));
    fc.assert(
      fc.property(top, fc.array(fc.nat(9), { minLength: 61, maxLength: 61 }), fc.boolean(), (doc, choices, crlf) => {
        let n = 0;
        const pick = () => choices[n++ % choices.length]!;
        const lines = { count: 0 };
        const out: string[] = [];
        render(doc, 0, pick, out, undefined, (node, column) => flowText(node, column, pick, lines));
        const text = out.join('\n') + '\n';
        if (agrees(crlf ? text.replaceAll('\n', '\r\n') : text, 'yaml')) {
          read++;
          if (lines.count > 0) readMultiLine++;
          if (crlf) readCrLf++;
        }
      }),
      { numRuns: 2000, seed: 11 },
    );
    expect(read).toBeGreaterThan(250);
    expect(readMultiLine).toBeGreaterThan(110);
    expect(readCrLf).toBeGreaterThan(130);
  });

  it('agree with the library on generated YAML documents, and read a good share of them', () => {
    let read = 0;
    const top = fc.array(fc.tuple(treeKey, tree), { minLength: 1, maxLength: 5 }).map((map): Tree => ({ map }));
    fc.assert(
      fc.property(top, fc.array(fc.nat(9), { minLength: 16, maxLength: 16 }), (doc, choices) => {
        let n = 0;
        const out: string[] = [];
        render(doc, 0, () => choices[n++ % choices.length]!, out);
        if (agrees(out.join('\n') + '\n', 'yaml')) read++;
      }),
      { numRuns: 3000, seed: 10 },
    );
    expect(read).toBeGreaterThan(300);
  });

  it('agree with the library on generated JSON', () => {
    fc.assert(
      fc.property(fc.json({ depthSize: 'small' }), fc.constantFrom(0, 2), (json, indent) => {
        const text = JSON.stringify(JSON.parse(json), null, indent);
        expect(agrees(text, 'json') || library(text, 'json') === undefined || /"__proto__"/.test(text)).toBe(true);
      }),
      { numRuns: 1000, seed: 10 },
    );
  });
});

describe('numbers read in place', () => {
  it('are the numbers the core schema gives, or left to it', () => {
    const text = fc.oneof(
      fc.stringMatching(/^[0-9]{0,18}(?:\.[0-9]{0,18})?$/),
      fc.double({ noNaN: true, noDefaultInfinity: true, min: 0 }).chain((x) => fc.constantFrom(String(x), x.toFixed(2), x.toFixed(6), x.toPrecision(15))),
      fc.constantFrom('', '.', '1.', '.5', '-1', '+1', '1e3', '0', '00', '007', '0.0', '1.2.3', '123456789012345', '1234567890123456', '99999999999999.9'),
    );
    let read = 0;
    fc.assert(
      fc.property(text, (raw) => {
        const number = plainNumberAt(` ${raw} `, 1, raw.length + 1);
        if (number === undefined) return;
        read++;
        expect(Object.is(number, resolvePlain(raw)), raw).toBe(true);
      }),
      { numRuns: 20000, seed: 10 },
    );
    expect(read).toBeGreaterThan(5000);
  });
});

describe('--set overrides on a plain file', () => {
  const texts = scenarioFiles(join(ROOT, 'scenarios')).map((file) => ({ file, text: readFileSync(file, 'utf8') }));
  for (const { file, text } of texts.slice(0, 6)) texts.push(...shapes(text).map(([shape, variant]) => ({ file: `${file} (${shape})`, text: variant })));
  texts.push(
    { file: 'nulls.yaml', text: 'name: t\nduration: 1h\nzones: [a, b]\nautoScaling:\ntraffic:\n  rate: 5\n  clients:\nfaults:\n  -\n  - { at: 1m, action: failInstance }\n' },
    { file: 'nulls.json', text: '{"name": "t", "duration": "1h", "zones": ["a", null], "autoScaling": null, "traffic": {"rate": 5}}' },
    { file: 'null.json', text: 'null' },
  );
  const ownPaths = (text: string, file: string): string[] => {
    const value = readPlain(text, file.endsWith('.json') ? 'json' : 'yaml');
    const out: string[] = [];
    const walk = (node: unknown, path: PathKey[]) => {
      if (path.length > 0) out.push(path.join('.'));
      if (Array.isArray(node)) node.forEach((item, i) => walk(item, [...path, i]));
      else if (node !== null && typeof node === 'object') for (const [key, item] of Object.entries(node)) walk(item, [...path, key]);
    };
    walk(value, []);
    return out;
  };
  const extraPaths = ['x', 'autoScaling.maxSize', 'autoScaling.minSize', 'autoScaling.policies.0.targetValue', 'zones.5', 'zones.x', 'name.x', 'traffic.rate.0.0', 'traffic.clients', 'instance', 'faults.1.count', 'faults.0.at', 'faults.2', 'x.y.z', '__proto__.x', 'loadBalancer.targetGroup.algorithm', 'expect.x'];
  const values = ['1', '0', '-5', 'abc', '~', '[]', '{}', '[1, 2]', '{a: 1, b: ~}', '10m', 'true', "''", '[[0, 1], [60, 2]]', '&a [1]', '{__proto__: 1}', '', 'least_outstanding_requests', '[a, b, c]'];

  it('give the same result as the located reading (forced by a tab in a comment)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...texts),
        fc.array(fc.tuple(fc.nat(), fc.constantFrom(...extraPaths), fc.boolean(), fc.constantFrom(...values)), { minLength: 1, maxLength: 3 }),
        ({ file, text }, picks) => {
          const own = ownPaths(text, file);
          const overrides = picks.map(([n, extra, useOwn, value]) => `${useOwn && own.length > 0 ? own[n % own.length] : extra}=${value}`);
          const plain = parseScenario(text, file, { overrides });
          const located = parseScenario(`${text}\n#\t\n`, file, { overrides });
          expect(plain, `${file} --set ${overrides.join(' --set ')}`).toEqual(located);
        },
      ),
      { numRuns: 300, seed: 10 },
    );
  });
});

describe('placing a problem', () => {
  it('costs one tracked node per segment of its path, however many of them are list indexes', () => {
    // Each numeric segment used to be tracked as a mapping key and as a list index both, so a
    // path through 40 lists made 2^40 nodes (16 indexes took 16 s and 594 MB; 40 never finished).
    // The columns are the innermost value's: after `a: ` and 40 brackets; after 39 levels of two-space indent, `- `.
    const depth = 40;
    for (const [text, column] of [
      [`a: ${'['.repeat(depth)}1${']'.repeat(depth)}\n`, depth + 4],
      [`a:\n${Array.from({ length: depth }, (_, k) => `${' '.repeat(2 * k + 2)}-`).join('\n')} 1\n`, 2 * depth + 3],
    ] as const) {
      const places = placePlain(text, 'yaml', [{ path: ['a', ...Array<number>(depth).fill(0)], anchor: 'value' }]);
      expect(places?.[0]?.position?.column, text).toBe(column);
    }
  });
});

/**
 * Generated and rewritten YAML with anchors, aliases and merge keys, for the tests of the plain
 * reader against the YAML library (plain-anchors.test.ts, plain-anchors-overrides.test.ts).
 */
import fc from 'fast-check';

// Generated documents: anchors on scalars and collections, aliases and merge keys among them,
// now and then an alias before its anchor or a merge of something that is not a mapping.
export const names = ['a', 'b', 'c'];
const scalar = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('1', 'x', '~', '"q"', '[1, 2]', '{p: 1, q: [2]}', '{}', '[]') },
  { weight: 3, arbitrary: fc.constantFrom(...names).map((n) => `*${n}`) },
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom(...names), fc.constantFrom('1', 'x', '[1, *a]', '{p: *b, q: 2}', '{p: 1}', '{q: ~}')).map(([n, v]) => `&${n} ${v}`) },
  { weight: 1, arbitrary: fc.constantFrom('[*a, *b]', '{r: *c}') },
);
export type Tree = { scalar: string } | { map: [string, Tree][]; anchor?: string } | { seq: Tree[]; anchor?: string };
const key = fc.oneof({ weight: 5, arbitrary: fc.constantFrom('p', 'q', 'r', 's') }, { weight: 2, arbitrary: fc.constant('<<') });
const anchor = fc.option(fc.constantFrom(...names), { nil: undefined, freq: 2 });
export const { tree } = fc.letrec<{ tree: Tree; map: Tree; seq: Tree }>((tie) => ({
  tree: fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalar.map((s): Tree => ({ scalar: s })), tie('map'), tie('seq')),
  map: fc.tuple(fc.uniqueArray(fc.tuple(key, tie('tree')), { minLength: 1, maxLength: 4, selector: ([k]) => k }), anchor).map(([map, a]): Tree => ({ map, ...(a ? { anchor: a } : {}) })),
  seq: fc.tuple(fc.array(tie('tree'), { minLength: 1, maxLength: 3 }), anchor).map(([seq, a]): Tree => ({ seq, ...(a ? { anchor: a } : {}) })),
}));

/** Block YAML for `node` after `lead` (`key:` or `-`), its entries at column `indent`. */
export function render(node: Tree, indent: number, out: string[], lead: string): void {
  const pad = ' '.repeat(indent);
  if ('scalar' in node) return void out.push(`${lead} ${node.scalar}`);
  out.push(node.anchor ? `${lead} &${node.anchor}` : lead);
  if ('map' in node) for (const [k, child] of node.map) render(child, indent + 2, out, `${pad}${k}:`);
  else for (const child of node.seq) render(child, indent + 2, out, `${pad}-`);
}

/** Top-level entries of a generated document (keys t, u, v, w). */
export const anchoredTop = fc.uniqueArray(fc.tuple(fc.constantFrom('t', 'u', 'v', 'w'), tree), { minLength: 1, maxLength: 4, selector: ([k]) => k });

/** The text of a generated document: a first key `d` with anchors, mostly, so that most aliases have one to refer to. */
export function documentText(top: readonly [string, Tree][]): string {
  const out: string[] = [top.length % 4 === 0 ? 'd: 0' : 'd: [&a {z: 0}, &b {p: 1, q: [2]}, &c 3]'];
  for (const [k, child] of top) render(child, 2, out, `${k}:`);
  return out.join('\n') + '\n';
}

/**
 * Every bundled scenario rewritten to use anchors where its value stays the same: each scalar
 * given again is an alias of its first occurrence, each block mapping's first key moves into a
 * merge key (`<<: { key: value }`), and block mappings are anchored.
 */
export function anchored(text: string): { text: string; aliases: number; merges: number } {
  const first = new Map<string, string>();
  let aliases = 0;
  let merges = 0;
  let n = 0;
  const lines = text.split('\n');
  let inBlockScalar = -1;
  const out = lines.map((line, i) => {
    const indent = line.length - line.trimStart().length;
    if (inBlockScalar >= 0 && (line.trim() === '' || indent > inBlockScalar)) return line;
    inBlockScalar = -1;
    const m = /^( *(?:- )?)([A-Za-z_][\w.-]*): (.*)$/.exec(line);
    if (!m) return line;
    const [, lead, key, value] = m as unknown as [string, string, string, string];
    if (/^[>|]/.test(value)) {
      inBlockScalar = indent;
      return line;
    }
    if (/^[\w.-]+$/.test(value) && !/^(?:true|false|null)$/.test(value)) {
      const known = first.get(value);
      if (known) {
        aliases++;
        return `${lead}${key}: *${known}`;
      }
      const name = `v${++n}`;
      first.set(value, name);
      return `${lead}${key}: &${name} ${value}`;
    }
    if (/^\{ [\w]+: [\w.-]+,/.test(value) && !lead.includes('-') && lines[i + 1] !== undefined) {
      merges++;
      const inner = /^\{ ([\w]+: [\w.-]+), (.*)$/.exec(value)!;
      return `${lead}${key}: { <<: { ${inner[1]} }, ${inner[2]}`;
    }
    return line;
  });
  return { text: out.join('\n').replace(/^([A-Za-z_]\w*):$/gm, (_all, k: string) => `${k}: &top_${k}`), aliases, merges };
}


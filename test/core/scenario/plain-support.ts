/**
 * What the tests of the plain readers share: the library's reading of a text as parse.ts does
 * it, and the property that the plain reader agrees with it (the same value and the same
 * problem positions) or steps aside.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { expect } from 'vitest';
import { LineCounter, parseDocument } from 'yaml';
import { Located, NOT_PLAIN, placePlain, readPlain } from '../../../core/scenario/plain.ts';
import { inSource, locate, type Anchor, type PathKey } from '../../../core/scenario/positions.ts';

export const ROOT = join(import.meta.dirname, '../../..');

/** `value` without its `key: null` entries, as parse.ts reads the library's value. */
export function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) if (item !== null) out[key] = withoutNulls(item);
  return out;
}

/** What the library makes of `text`, as parse.ts reads it; undefined when it reports anything. */
export function library(text: string, format: 'yaml' | 'json'): { value: unknown } | undefined {
  const doc = parseDocument(text, { uniqueKeys: false, prettyErrors: false, ...(format === 'json' ? { schema: 'json' as const } : { merge: true }) });
  if (doc.errors.length > 0 || doc.warnings.length > 0) return undefined;
  try {
    return { value: withoutNulls(doc.toJS()) };
  } catch {
    return undefined;
  }
}

/** Every path in `value`, and next to each a few that are not there, with both anchors (at most `max`). */
function probes(value: unknown, max = 400): { path: PathKey[]; anchor: Anchor }[] {
  const paths: PathKey[][] = [[]];
  const walk = (node: unknown, path: PathKey[]) => {
    if (paths.length > max / 2) return;
    if (Array.isArray(node)) {
      paths.push([...path, node.length], [...path, 'x']);
      node.forEach((item, i) => {
        paths.push([...path, i]);
        walk(item, [...path, i]);
      });
    } else if (node !== null && typeof node === 'object') {
      paths.push([...path, 'nope'], [...path, 0], [...path, 'nope', 'deeper']);
      for (const [key, item] of Object.entries(node)) {
        paths.push([...path, key]);
        walk(item, [...path, key]);
      }
    } else {
      paths.push([...path, 'below']);
    }
  };
  walk(value, []);
  return paths.flatMap((path) => [{ path, anchor: 'value' as const }, { path, anchor: 'key' as const }]);
}

/** The problem positions plain.ts gives a text equal those positions.ts gives in the library's document. */
export function placesAgree(text: string, format: 'yaml' | 'json'): void {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: false, prettyErrors: false, ...(format === 'json' ? { schema: 'json' as const } : { merge: true }) });
  const asked = probes(doc.toJS());
  const plain = placePlain(text, format, asked);
  expect(plain, text).toBeDefined();
  asked.forEach(({ path, anchor }, i) => {
    expect(plain![i]!.position, `${path.join('.')} (${anchor}) in:\n${text}`).toEqual(locate(doc, lines, path, anchor));
    expect(plain![i]!.found !== undefined, `${path.join('.')} in source, in:\n${text}`).toBe(inSource(doc, path));
  });
}

/** The property: the reader agrees with the library or steps aside. Returns whether it read the text. */
export function agrees(text: string, format: 'yaml' | 'json'): boolean {
  const plain = readPlain(text, format);
  if (plain === NOT_PLAIN) return false;
  if (plain instanceof Located) {
    // A problem the reader places itself: one the library's value cannot be had for (an
    // alias before its anchor or inside its value, a merge of a scalar), or a limit.
    if (!/expand to more than|too deeply nested/.test(plain.message)) expect(library(text, format), `the library reads a text the reader refuses (${plain.message}):\n${text}`).toBeUndefined();
    return true;
  }
  const expected = library(text, format);
  expect(expected, `the library reports a problem in a text read as plain:\n${text}`).toBeDefined();
  expect(isDeepStrictEqual(plain, expected!.value), `different values for:\n${text}\nplain: ${JSON.stringify(plain)}\nlibrary: ${JSON.stringify(expected!.value)}`).toBe(true);
  placesAgree(text, format);
  return true;
}

export function scenarioFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) scenarioFiles(path, out);
    else if (/\.(ya?ml|json)$/.test(name)) out.push(path);
  }
  return out;
}


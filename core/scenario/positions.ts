/**
 * Where a key path sits in the scenario file. The YAML parser keeps every node's source range;
 * a `LineCounter` turns offsets into 1-based line and column. JSON files go through the same
 * parser (JSON is YAML 1.2), so they get positions too.
 *
 * A path that is not in the file (a missing required key, a default that breaks a rule) points
 * at the deepest part that is: the parent mapping. Aliases are followed to their anchors.
 */
import { isAlias, isMap, isScalar, isSeq, type Document, type LineCounter, type Pair, type YAMLMap } from 'yaml';

export type PathKey = string | number;

export interface Position {
  line: number;
  column: number;
}

/** Point at a key itself (unknown keys) or at its value (everything else). */
export type Anchor = 'key' | 'value';

interface Ranged {
  range?: readonly [number, number, number] | null;
}

function sameKey(key: unknown, segment: PathKey): boolean {
  const value = isScalar(key) ? key.value : key;
  return value !== null && value !== undefined && String(value) === String(segment);
}

/**
 * Each mapping's pairs by key, built the first time the mapping is searched, so placing many
 * issues in one mapping (40,000 unknown keys) costs one pass over it, not one per issue. The
 * first pair wins, as in a linear search.
 */
const pairIndex = new WeakMap<YAMLMap, Map<string, Pair>>();

function pairFor(map: YAMLMap, segment: PathKey): Pair | undefined {
  let index = pairIndex.get(map);
  if (!index) {
    index = new Map();
    for (const pair of map.items as Pair[]) {
      const value = isScalar(pair.key) ? pair.key.value : pair.key;
      if (value === null || value === undefined) continue;
      const key = String(value);
      if (!index.has(key)) index.set(key, pair);
    }
    pairIndex.set(map, index);
  }
  return index.get(String(segment));
}

function positionOf(node: unknown, lines: LineCounter): Position | undefined {
  const range = (node as Ranged | null | undefined)?.range;
  if (!range) return undefined;
  const { line, col } = lines.linePos(range[0]);
  return { line, column: col };
}

/** The position of `path` in `doc`, or of its nearest ancestor present in the file. */
export function locate(doc: Document, lines: LineCounter, path: readonly PathKey[], anchor: Anchor = 'value'): Position | undefined {
  let node: unknown = doc.contents;
  let best = positionOf(node, lines);
  let keyPosition: Position | undefined;
  for (const segment of path) {
    if (isAlias(node)) node = node.resolve(doc);
    let next: unknown;
    keyPosition = undefined;
    if (isMap(node)) {
      const pair = pairFor(node, segment);
      if (!pair) return best;
      keyPosition = positionOf(pair.key, lines);
      next = pair.value;
    } else if (isSeq(node) && typeof segment === 'number') {
      next = node.items[segment];
    } else {
      return best;
    }
    const here = positionOf(next, lines) ?? keyPosition;
    // An empty value (`key:` and nothing) has no useful range of its own: use the key.
    if (next === null || next === undefined || (isScalar(next) && next.value === null)) {
      return keyPosition ?? best;
    }
    if (here) best = here;
    node = next;
  }
  return anchor === 'key' && keyPosition ? keyPosition : best;
}

/** True when `path` names a node written in the source (not one added by an override). */
export function inSource(doc: Document, path: readonly PathKey[]): boolean {
  let node: unknown = doc.contents;
  for (const segment of path) {
    if (isAlias(node)) node = node.resolve(doc);
    if (isMap(node)) node = node.items.find((p) => sameKey(p.key, segment))?.value; // not cached: overrides add pairs
    else if (isSeq(node) && typeof segment === 'number') node = node.items[segment];
    else return false;
  }
  return Boolean((node as Ranged | null | undefined)?.range);
}

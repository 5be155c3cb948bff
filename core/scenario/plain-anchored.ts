/**
 * A plain reading for `--set` overrides (plain-overrides.ts) of a file with anchors, aliases or
 * merge keys, kept as the YAML library's document keeps them until the overrides are applied:
 *
 * - an alias is an `AliasRef` in its place, not its anchor's value, since the library's
 *   `setIn` does not go through an alias node (`a.b` where `a: *x` is refused: a is not a
 *   mapping) but replaces it as a whole;
 * - an anchored value is an `Anchored` in its place, its value shared with the aliases of it:
 *   an override under it changes every alias, as in the document, and one that replaces it (or
 *   a value around it) takes the anchor away, which the caller leaves to the located reading;
 * - a mapping with merge keys keeps, under the symbol MERGES, its own keys and its merges in
 *   the order written: an override sees only the keys of its own (a merged key counts as
 *   absent, as the document has no pair for it), and the merges are made again afterwards,
 *   from their sources as the overrides left them, as `toJS()` makes them.
 *
 * The merged values are also put in the mapping as it is read (plain-anchors.ts), so that the
 * reader's limits measure the same value with or without overrides. `resolveAnchored` then turns
 * the whole reading into the plain data the library's `toJS()` gives for the document as the
 * overrides changed it.
 */

/** An anchor's definition as the reader keeps it (plain-anchors.ts). */
export interface Defined {
  value: unknown;
  /** Offset of its `&`, which names this definition (an anchor may be given again later). */
  at: number;
  /** While its value is read (an alias to it then would be a cycle). */
  open: boolean;
  /** Aliases (merge keys among them) that named this definition. */
  uses: number;
}

/** An alias in its place, for overrides. */
export class AliasRef {
  constructor(readonly target: Defined) {}
}

/** An anchored value in its place, for overrides. */
export class Anchored {
  constructor(readonly defined: Defined) {}
}

/** A mapping's own keys and merges in the order written (a merge: the merge key's value as read). */
export interface MergeRecord {
  own: Set<string>;
  entries: (string | { merge: unknown })[];
}

export const MERGES: unique symbol = Symbol('merges');
/** Set on the top mapping of a reading that holds any of the above. */
const ANCHORED: unique symbol = Symbol('anchored');

type Held = Record<string, unknown> & { [MERGES]?: MergeRecord; [ANCHORED]?: true };

/** The value a place holds (an alias's target's, an anchored value's own). */
export function unwrap(node: unknown): unknown {
  if (node instanceof AliasRef) return node.target.value;
  if (node instanceof Anchored) return node.defined.value;
  return node;
}

export function mergeRecord(map: object): MergeRecord | undefined {
  return (map as Held)[MERGES];
}

/** Notes an own key of `map` (once it has merges). */
export function noteOwnKey(map: object, key: string): void {
  const record = mergeRecord(map);
  if (record && !record.own.has(key)) {
    record.own.add(key);
    record.entries.push(key);
  }
}

/** Notes a merge of `value` (as read) into `map`, whose own keys so far are all it holds. */
export function noteMerge(map: object, value: unknown): void {
  let record = mergeRecord(map);
  if (!record) {
    const own = Object.keys(map);
    record = { own: new Set(own), entries: own };
    (map as Held)[MERGES] = record;
  }
  record.entries.push({ merge: value });
}

export function markAnchored(root: object): void {
  (root as Held)[ANCHORED] = true;
}

export function isAnchored(root: object): boolean {
  return (root as Held)[ANCHORED] === true;
}

/** Whether `node` (as read, aliases not followed) is or holds an anchor some alias named. */
export function holdsUsedAnchor(node: unknown): boolean {
  if (node instanceof Anchored) return node.defined.uses > 0 || holdsUsedAnchor(node.defined.value);
  if (node instanceof AliasRef || node === null || typeof node !== 'object') return false;
  if (Array.isArray(node)) return node.some(holdsUsedAnchor);
  const map = node as Held;
  const record = map[MERGES];
  if (!record) return Object.values(map).some(holdsUsedAnchor);
  for (const key of record.own) if (holdsUsedAnchor(map[key])) return true;
  return record.entries.some((entry) => typeof entry !== 'string' && holdsUsedAnchor(entry.merge));
}

/**
 * The reading (with overrides applied) turned, in place, into the plain data `toJS()` gives:
 * each alias its anchor's value (the same object, as in the library), each mapping's merges
 * made again in the order written. Anchored values come before their aliases in the text, and
 * each is resolved once, so this is one pass over the reading.
 */
export function resolveAnchored(root: Record<string, unknown>): void {
  delete (root as Held)[ANCHORED];
  const done = new Set<object>();
  const shared = (value: unknown): unknown => {
    if (value !== null && typeof value === 'object' && !done.has(value)) {
      done.add(value);
      container(value);
    }
    return value;
  };
  const resolve = (node: unknown): unknown => {
    if (node instanceof AliasRef) return shared(node.target.value);
    if (node instanceof Anchored) return shared(node.defined.value);
    if (node !== null && typeof node === 'object') container(node);
    return node;
  };
  const container = (node: object): void => {
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) node[i] = resolve(node[i]);
      return;
    }
    const map = node as Held;
    const record = map[MERGES];
    if (!record) {
      for (const key of Object.keys(map)) map[key] = resolve(map[key]);
      return;
    }
    const own = new Map<string, unknown>();
    for (const key of record.own) own.set(key, resolve(map[key]));
    const sources = record.entries.map((entry) => {
      if (typeof entry === 'string') return entry;
      const value = resolve(entry.merge); // a list of sources is resolved in place, item by item
      return (Array.isArray(value) ? value : [value]) as Record<string, unknown>[];
    });
    delete map[MERGES];
    for (const key of Object.keys(map)) delete map[key];
    for (const entry of sources) {
      if (typeof entry === 'string') {
        map[entry] = own.get(entry);
        continue;
      }
      for (const source of entry) for (const key of Object.keys(source)) if (!Object.hasOwn(map, key)) map[key] = source[key];
    }
  };
  container(root);
}

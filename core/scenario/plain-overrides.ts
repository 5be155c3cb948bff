/**
 * `--set` overrides on a plain file (plain.ts) without the YAML library's document: applied to
 * the plain data exactly as overrides.ts applies them to the document (same order, same
 * creation of missing mappings and lists, same messages), and problems under them blamed on
 * `--set` by the same rule parse.ts uses, with "written in the source" answered from the
 * reading that places the problems (plain-locate.ts). Overrides this does not mirror exactly
 * (a `__proto__` key, a value with YAML anchors or aliases, a file that is not a mapping, not
 * even an empty one) are left to the located reading.
 */
import { dropNulls } from './plain-json.ts';
import { isMapping } from './objects.ts';
import { AliasRef, Anchored, holdsUsedAnchor, isAnchored, mergeRecord, noteOwnKey, resolveAnchored, unwrap } from './plain-anchored.ts';
import { OVERRIDE_FILE, parseOverride, pathText, type OverrideInput } from './overrides.ts';
import type { PlainPlace } from './plain.ts';
import type { Replaced } from './plain-locate.ts';
import type { PathKey } from './positions.ts';
import type { ScenarioIssue } from './types.ts';

function describeValue(value: unknown): string {
  return value === null ? 'empty' : `the value \`${String(value)}\``;
}

/** What setPlain answers for an override it leaves to the located reading. */
const ASIDE: unique symbol = Symbol('aside');


/**
 * overrides.ts `setIn` on plain data whose `key: null` entries are kept (they count as absent),
 * with aliases, anchored values and merges in their places (plain-anchored.ts): an alias is not
 * gone through, a merged key is absent, and an override that takes away an anchor some alias
 * names (by replacing its value or one around it) is left to the located reading.
 */
function setPlain(root: Record<string, unknown>, path: readonly PathKey[], value: unknown, replaced: Replaced): string | undefined | typeof ASIDE {
  let node: unknown = root;
  const anchors: { at: number; from: number }[] = [];
  for (let i = 0; i < path.length; i++) {
    const segment = path[i]!;
    const last = i === path.length - 1;
    const here = pathText(path.slice(0, i)) || 'the scenario';
    const fresh = () => (typeof path[i + 1] === 'number' ? [] : {});
    if (node instanceof Anchored) {
      anchors.push({ at: node.defined.at, from: i });
      node = node.defined.value;
    }
    let existing: unknown;
    if (node instanceof AliasRef) {
      return `cannot set \`${pathText(path)}\`: ${here} is not a mapping`;
    } else if (isMapping(node)) {
      const key = String(segment);
      const record = mergeRecord(node);
      existing = (record ? record.own.has(key) : Object.hasOwn(node, key)) ? node[key] : undefined;
      // An alias is kept (and refused below) even when it names a null; an anchored null is replaced.
      const kept = existing instanceof AliasRef || (existing !== undefined && unwrap(existing) !== null);
      const child = last ? value : kept ? existing : fresh();
      if (child !== existing && holdsUsedAnchor(existing)) return ASIDE;
      node[key] = child;
      noteOwnKey(node, key);
      node = child;
    } else if (Array.isArray(node)) {
      if (typeof segment !== 'number') return `${here} is a list; index it with a number, e.g. ${here}.0`;
      if (segment > node.length) return `${here} has ${node.length} item${node.length === 1 ? '' : 's'}; index ${segment} is out of range (use 0 to ${node.length})`;
      // A null item is kept and descended into, as the document's null scalar is.
      existing = segment < node.length ? node[segment] : undefined;
      const child = last ? value : segment < node.length ? existing : fresh();
      if (child !== existing && holdsUsedAnchor(existing)) return ASIDE;
      node[segment] = child;
      node = child;
    } else {
      return `cannot set \`${pathText(path)}\`: ${here} is ${describeValue(node)}`;
    }
    if (last && existing !== undefined) {
      for (const { at, from } of anchors) {
        let list = replaced.get(at);
        if (!list) replaced.set(at, (list = []));
        list.push(path.slice(from));
      }
    }
  }
  return undefined;
}

/** Whether a key of `value`, at any depth, is `__proto__` or a merge key `<<` (which the document merges at toJS). */
function hasSpecialKey(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(hasSpecialKey);
  if (!isMapping(value)) return false;
  return Object.keys(value).some((key) => key === '__proto__' || key === '<<' || hasSpecialKey(value[key]));
}

export interface PlainOverrides {
  /** The data with the overrides applied, `key: null` entries dropped. */
  input: Record<string, unknown>;
  issues: ScenarioIssue[];
  /** The paths set, in order. */
  paths: PathKey[][];
  replaced: Replaced;
}

/** Applies `overrides` to `data` (read with keepNulls); undefined when left to the located reading. */
export function applyPlainOverrides(data: unknown, overrides: readonly OverrideInput[]): PlainOverrides | undefined {
  // An empty file's null is replaced by a mapping the source has no place for: left to the located reading.
  const input = data;
  if (!isMapping(input)) return undefined;
  const issues: ScenarioIssue[] = [];
  const paths: PathKey[][] = [];
  const replaced: Replaced = new Map();
  for (const override of overrides) {
    const parsed = parseOverride(override);
    if (!parsed.ok) {
      issues.push(parsed.issue);
      continue;
    }
    const { path, value } = parsed.override;
    const source = typeof override === 'string' ? override : override.value;
    // A `<<` key an override adds, in its path or in its value, is a merge key in the document, which merges it at toJS.
    if (path.includes('__proto__') || path.includes('<<') || hasSpecialKey(value) || (typeof value === 'object' && value !== null && /[&*]/.test(source))) return undefined;
    const failure = setPlain(input, path, value, replaced);
    if (failure === ASIDE) return undefined;
    if (failure) issues.push({ file: OVERRIDE_FILE, path: pathText(path), message: failure });
    else paths.push(path);
  }
  if (isAnchored(input)) resolveAnchored(input);
  dropNulls(input);
  return { input, issues, paths, replaced };
}

function startsWith(path: readonly PathKey[], prefix: readonly PathKey[]): boolean {
  return prefix.length <= path.length && prefix.every((k, i) => String(k) === String(path[i]));
}

/**
 * Whether a problem at `path` is blamed on `--set` (parse.ts's rule: under a path set, or
 * above one and not written in the source as it stands after the overrides). `place.found` is
 * what the file itself holds there: a node an override replaced, or a null one it filled, is
 * no longer the file's.
 */
export function fromOverride(path: readonly PathKey[], place: PlainPlace | undefined, paths: readonly PathKey[][]): boolean {
  if (paths.some((p) => startsWith(path, p))) return true;
  const above = paths.some((p) => startsWith(p, path));
  if (!above) return false;
  const inSource = place !== undefined && place.found !== undefined && place.found !== 'null';
  return !inSource;
}

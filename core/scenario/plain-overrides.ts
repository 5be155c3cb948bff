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
import { OVERRIDE_FILE, parseOverride, pathText, type OverrideInput } from './overrides.ts';
import type { PlainPlace } from './plain.ts';
import type { PathKey } from './positions.ts';
import type { ScenarioIssue } from './types.ts';

function describeValue(value: unknown): string {
  return value === null ? 'empty' : `the value \`${String(value)}\``;
}

/** overrides.ts `setIn` on plain data whose `key: null` entries are kept (they count as absent). */
function setPlain(root: Record<string, unknown>, path: readonly PathKey[], value: unknown): string | undefined {
  let node: unknown = root;
  for (let i = 0; i < path.length; i++) {
    const segment = path[i]!;
    const last = i === path.length - 1;
    const here = pathText(path.slice(0, i)) || 'the scenario';
    const fresh = () => (typeof path[i + 1] === 'number' ? [] : {});
    if (isMapping(node)) {
      const key = String(segment);
      const existing = Object.hasOwn(node, key) ? node[key] : undefined;
      const child = last ? value : existing !== undefined && existing !== null ? existing : fresh();
      node[key] = child;
      node = child;
    } else if (Array.isArray(node)) {
      if (typeof segment !== 'number') return `${here} is a list; index it with a number, e.g. ${here}.0`;
      if (segment > node.length) return `${here} has ${node.length} item${node.length === 1 ? '' : 's'}; index ${segment} is out of range (use 0 to ${node.length})`;
      // A null item is kept and descended into, as the document's null scalar is.
      const child = last ? value : segment < node.length ? node[segment] : fresh();
      node[segment] = child;
      node = child;
    } else {
      return `cannot set \`${pathText(path)}\`: ${here} is ${describeValue(node)}`;
    }
  }
  return undefined;
}

function hasProtoKey(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(hasProtoKey);
  if (!isMapping(value)) return false;
  return Object.keys(value).some((key) => key === '__proto__' || hasProtoKey(value[key]));
}

export interface PlainOverrides {
  /** The data with the overrides applied, `key: null` entries dropped. */
  input: Record<string, unknown>;
  issues: ScenarioIssue[];
  /** The paths set, in order. */
  paths: PathKey[][];
}

/** Applies `overrides` to `data` (read with keepNulls); undefined when left to the located reading. */
export function applyPlainOverrides(data: unknown, overrides: readonly OverrideInput[]): PlainOverrides | undefined {
  // An empty file's null is replaced by a mapping the source has no place for: left to the located reading.
  const input = data;
  if (!isMapping(input)) return undefined;
  const issues: ScenarioIssue[] = [];
  const paths: PathKey[][] = [];
  for (const override of overrides) {
    const parsed = parseOverride(override);
    if (!parsed.ok) {
      issues.push(parsed.issue);
      continue;
    }
    const { path, value } = parsed.override;
    const source = typeof override === 'string' ? override : override.value;
    if (path.includes('__proto__') || hasProtoKey(value) || (typeof value === 'object' && value !== null && /[&*]/.test(source))) return undefined;
    const failure = setPlain(input, path, value);
    if (failure) issues.push({ file: OVERRIDE_FILE, path: pathText(path), message: failure });
    else paths.push(path);
  }
  dropNulls(input);
  return { input, issues, paths };
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

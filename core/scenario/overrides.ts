/**
 * `--set PATH=VALUE` overrides (contract section 2): change one value of a scenario before it
 * is validated, so an override is checked exactly like the file. PATH is dotted, with numeric
 * segments indexing lists (`autoScaling.policies.0.targetValue`); VALUE is read as YAML, so
 * `30s`, `true` and `[[0, 1], [60, 2]]` mean what they would in the file. Missing mappings on
 * the way are created; an index must name an existing list item (or the next one, to append).
 *
 * The batch tool (`sweep --vary`) applies its values the same way.
 */
import { isMap, isScalar, isSeq, parseDocument, type Document, type Node } from 'yaml';
import type { PathKey } from './positions.ts';
import type { ScenarioIssue } from './types.ts';

/** The file name given to issues found in overrides. */
export const OVERRIDE_FILE = '--set';

export interface Override {
  path: PathKey[];
  /** The value as parsed from VALUE (plain data). */
  value: unknown;
}

export type OverrideResult = { ok: true; override: Override } | { ok: false; issue: ScenarioIssue };

function problem(path: string, message: string): { ok: false; issue: ScenarioIssue } {
  return { ok: false, issue: { file: OVERRIDE_FILE, path, message } };
}

/**
 * An override as the command line gives it: `PATH=VALUE`, or already split at the first `=`
 * (the CLI's argument parser does that). VALUE is YAML text either way.
 */
export type OverrideInput = string | { readonly path: string; readonly value: string };

/** Reads one override; never throws. */
export function parseOverride(input: OverrideInput): OverrideResult {
  let pathSource: string;
  let valueSource: string;
  if (typeof input === 'string') {
    const eq = input.indexOf('=');
    if (eq < 0) return problem(input, `expected PATH=VALUE, e.g. autoScaling.maxSize=20; got \`${input}\``);
    pathSource = input.slice(0, eq);
    valueSource = input.slice(eq + 1);
  } else {
    pathSource = input.path;
    valueSource = input.value;
  }
  const pathString = pathSource.trim();
  const segments = pathString.split('.');
  if (pathString === '' || segments.some((s) => s.trim() === '')) {
    const what = pathString === '' ? 'no key path before `=`' : `\`${pathString}\` is not a key path`;
    return problem(pathString, `${what}; use dotted keys such as loadBalancer.targetGroup.algorithm`);
  }
  if (valueSource.trim() === '') {
    return problem(pathString, `no value after \`=\`; give one, e.g. ${pathString}=10 (to keep the file's value or the default, leave out this --set; for an empty text, write ${pathString}='')`);
  }
  const path = segments.map((s): PathKey => (/^\d+$/.test(s) ? Number(s) : s));
  const valueDoc = parseDocument(valueSource);
  const parseError = valueDoc.errors[0];
  if (parseError) return problem(pathString, `the value is not valid YAML: ${parseError.message.split('\n')[0]}`);
  try {
    return { ok: true, override: { path, value: valueDoc.toJS() } };
  } catch (error) {
    // An alias without its anchor (`[*a]`) is no parse error, but toJS refuses it.
    return problem(pathString, `the value is not valid YAML: ${error instanceof Error ? error.message : String(error)}`);
  }
}

export function pathText(path: readonly PathKey[]): string {
  return path.join('.');
}

function describeNode(node: unknown): string {
  if (isSeq(node)) return 'a list';
  if (isScalar(node)) return node.value === null ? 'empty' : `the value \`${String(node.value)}\``;
  return 'not a mapping';
}

/** Sets one value in `doc`, creating missing mappings on the way; returns a message on failure. */
function setIn(doc: Document, path: readonly PathKey[], value: unknown): string | undefined {
  if (doc.contents === null || (isScalar(doc.contents) && doc.contents.value === null)) doc.contents = doc.createNode({}) as Node;
  let node: unknown = doc.contents;
  for (let i = 0; i < path.length; i++) {
    const segment = path[i]!;
    const last = i === path.length - 1;
    const here = pathText(path.slice(0, i)) || 'the scenario';
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(segment));
      const child = last ? doc.createNode(value) : pair && !(isScalar(pair.value) && pair.value.value === null) ? pair.value : doc.createNode(typeof path[i + 1] === 'number' ? [] : {});
      if (pair) pair.value = child;
      else node.add(doc.createPair(String(segment), child));
      node = child;
    } else if (isSeq(node)) {
      if (typeof segment !== 'number') return `${here} is a list; index it with a number, e.g. ${here}.0`;
      if (segment > node.items.length) return `${here} has ${node.items.length} item${node.items.length === 1 ? '' : 's'}; index ${segment} is out of range (use 0 to ${node.items.length})`;
      const existing = node.items[segment];
      const child = last ? doc.createNode(value) : existing ?? doc.createNode(typeof path[i + 1] === 'number' ? [] : {});
      if (segment === node.items.length) node.items.push(child as Node);
      else node.items[segment] = child as Node;
      node = child;
    } else {
      return `cannot set \`${pathText(path)}\`: ${here} is ${describeNode(node)}`;
    }
  }
  return undefined;
}

/**
 * Applies `PATH=VALUE` overrides to a parsed scenario document, in order. Returns the issues
 * (file `--set`) and the paths that were set, so later errors under them are reported against
 * `--set` rather than a line of the file.
 */
export function applyOverrides(doc: Document, overrides: readonly OverrideInput[]): { issues: ScenarioIssue[]; paths: PathKey[][] } {
  const issues: ScenarioIssue[] = [];
  const paths: PathKey[][] = [];
  for (const input of overrides) {
    const parsed = parseOverride(input);
    if (!parsed.ok) {
      issues.push(parsed.issue);
      continue;
    }
    const failure = setIn(doc, parsed.override.path, parsed.override.value);
    if (failure) issues.push({ file: OVERRIDE_FILE, path: pathText(parsed.override.path), message: failure });
    else paths.push(parsed.override.path);
  }
  return { issues, paths };
}

/**
 * Reading a scenario file: text → YAML document (with positions) → `--set` overrides → schema
 * check → resolution of defaults and cross-key rules → `Scenario`. Every problem comes back as
 * a `ScenarioIssue` naming the file, line, column and key path; nothing here throws at a user.
 *
 * JSON is read by the same YAML parser (JSON is YAML 1.2) with the JSON schema, so a `.json`
 * file gets positions too and YAML-only spellings (`10m` unquoted) are rejected there.
 *
 * The document with positions costs about 170 bytes of memory per byte of file. So a file is
 * first read to plain data (plain.ts: a few bytes per byte), validated and resolved; problems
 * are placed, and overrides applied, by plain.ts as the document would (plain-locate.ts,
 * plain-overrides.ts, plain-anchored.ts for anchors, aliases and merge keys). Only text plain.ts
 * leaves to the library gets the document of positions.ts, and the few overrides plain-overrides.ts
 * leaves to it (one that takes away an anchor an alias names, a `<<` or `__proto__` key).
 */
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, visit, type Document, type YAMLError } from 'yaml';
import { compareIssues } from './format.ts';
import { checkInput, partsFrom } from './check-input.ts';
import type { Finding } from './issues.ts';
import { formatCount, LIMITS, limitText } from './limits.ts';
import { isMapping } from './objects.ts';
import { tooDeep, tooDeepMessage } from './nesting.ts';
import { Located, NOT_PLAIN, placePlain, readPlain } from './plain.ts';
import { lineFinder } from './plain-locate.ts';
import { applyPlainOverrides, fromOverride } from './plain-overrides.ts';
import { applyOverrides, OVERRIDE_FILE, pathText, type OverrideInput } from './overrides.ts';
import { inSource, locate, type PathKey } from './positions.ts';
import { resolveScenario } from './resolve.ts';
import { ScenarioFileSchema } from './schema.ts';
import type { ParseResult, ScenarioIssue } from './types.ts';

export interface ParseOptions {
  /** `PATH=VALUE` strings (or `{ path, value }` pairs), applied in order before validation. */
  overrides?: readonly OverrideInput[];
  /** Default: `json` for a `.json` file name, otherwise `yaml`. */
  format?: 'yaml' | 'json';
}

/**
 * Drops `key: null` entries (a key written with nothing after it counts as absent). A key named
 * `__proto__` is left out and its path recorded in `prototypeKeys`: kept, it would replace the
 * object's prototype in any later copy (zod's among them) and hide everything under it.
 */
function withoutNulls(value: unknown, path: PathKey[], prototypeKeys: PathKey[][]): unknown {
  if (Array.isArray(value)) return value.map((item, i) => withoutNulls(item, [...path, i], prototypeKeys));
  if (!isMapping(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    if (key === '__proto__') prototypeKeys.push([...path, key]);
    else if (item !== null) out[key] = withoutNulls(item, [...path, key], prototypeKeys);
  }
  return out;
}

/** What the YAML parser says when a document nests deeper than the JavaScript stack. */
const STACK_OVERFLOW = /call stack/i;


/**
 * The file's shape against the limits, before it is converted or validated: nesting depth and
 * keys per mapping. Iterative, so a deep file cannot overflow the stack here; one issue at the
 * first place found, because a file this far off is not worth a list.
 */
function checkShape(doc: Document, lines: LineCounter, file: string): ScenarioIssue[] {
  interface Entry { node: unknown; depth: number; path: PathKey[] }
  const stack: Entry[] = [{ node: doc.contents, depth: 0, path: [] }];
  const at = (node: unknown, path: PathKey[], message: string): ScenarioIssue => {
    const range = (node as { range?: [number, number, number] } | null)?.range;
    const pos = range ? lines.linePos(range[0]) : { line: 1, col: 1 };
    return { file, line: pos.line, column: pos.col, path: pathText(path), message };
  };
  const duplicates: ScenarioIssue[] = [];
  while (stack.length > 0) {
    const { node, depth, path } = stack.pop()!;
    if (!isMap(node) && !isSeq(node)) continue;
    if (depth >= LIMITS.nestingDepth.max) return [at(node, path, tooDeepMessage())];
    if (isMap(node)) {
      if (node.items.length > LIMITS.mappingKeys.max) {
        return [at(node, path, `a mapping of ${formatCount(node.items.length)} keys is too large; ${limitText('mappingKeys')}`)];
      }
      // Repeated keys, found here in one pass (the parser's own check compares every pair with every other).
      const seen = new Map<unknown, unknown>();
      for (const pair of node.items) {
        const value = isScalar(pair.key) ? pair.key.value : pair.key;
        const key = isScalar(pair.key) ? String(value) : '?';
        const first = seen.get(value);
        if (first !== undefined) {
          const line = lines.linePos((first as { range: [number] }).range[0]).line;
          duplicates.push(at(pair.key, [...path, key], `given twice (first on line ${line}); keys must be unique`));
        } else if (isScalar(pair.key) && pair.key.range) {
          seen.set(value, pair.key);
        }
        stack.push({ node: pair.value, depth: depth + 1, path: [...path, key] });
      }
    } else {
      // Lists are bounded by the schema (listItems, ratePoints); only their depth matters here.
      node.items.forEach((item, i) => stack.push({ node: item, depth: depth + 1, path: [...path, i] }));
    }
  }
  return duplicates.sort(compareIssues);
}

/** Parser messages that would otherwise speak of the parser's own API. */
const SYNTAX_HINTS: Readonly<Record<string, string>> = {
  MULTIPLE_DOCS: 'a scenario file holds one document; remove the second `---` and what follows',
};

function syntaxIssue(file: string, error: YAMLError, lines: LineCounter, format: 'yaml' | 'json'): ScenarioIssue {
  const { line, col } = lines.linePos(error.pos[0]);
  let message = (Object.hasOwn(SYNTAX_HINTS, error.code) ? SYNTAX_HINTS[error.code] : undefined) ?? error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
  if (format === 'json' && error.code === 'TAG_RESOLVE_FAILED') message += ' (in JSON, text goes in double quotes)';
  return { file, line, column: col, path: '', message };
}

function startsWith(path: readonly PathKey[], prefix: readonly PathKey[]): boolean {
  return prefix.length <= path.length && prefix.every((k, i) => String(k) === String(path[i]));
}

function readDocument(text: string, format: 'yaml' | 'json', lines: LineCounter): Document {
  return parseDocument(text, {
    lineCounter: lines,
    prettyErrors: false,
    // Repeated keys are found by checkShape in linear time.
    uniqueKeys: false,
    ...(format === 'json' ? { schema: 'json' as const } : { merge: true }),
  });
}

/**
 * The file read to plain data (plain.ts), validated and resolved, when that meets no problem
 * (`result`); otherwise nothing, or the plain value when the schema refused it (`value`: the
 * placed reading checks that very value, rather than reading the file again), or NOT_PLAIN
 * when plain.ts steps aside.
 */
function parsePlain(text: string, file: string, format: 'yaml' | 'json'): { result: ParseResult } | { value: unknown } | typeof NOT_PLAIN | undefined {
  let value = readPlain(text, format);
  if (value === NOT_PLAIN) return NOT_PLAIN;
  if (value instanceof Located) return { result: locatedFailure(text, file, value) };
  const checked = ScenarioFileSchema.safeParse(value ?? {});
  if (!checked.success) return { value };
  value = undefined; // the schema's output is a copy: let the plain value go before resolving
  const resolution = resolveScenario(partsFrom(checked.data), true);
  if (resolution.errors.length > 0 || resolution.warnings.length > 0 || !resolution.scenario) return undefined;
  return { result: { ok: true, scenario: resolution.scenario, warnings: [] } };
}

/** A problem the plain reader placed itself (an alias bomb, an unknown alias: plain-anchors.ts). */
function locatedFailure(text: string, file: string, problem: Located): ParseResult {
  const { line, column } = lineFinder(text)(problem.offset);
  return { ok: false, errors: [{ file, line, column, path: '', message: problem.message }], warnings: [] };
}

/**
 * A plain file with problems or `--set` overrides (plain-overrides.ts), read again to plain
 * data and checked, its problems placed by plain.ts in one more reading (the same positions
 * as the located document's, see plain-locate.ts); undefined where plain.ts steps aside.
 */
function parsePlainPlaced(text: string, file: string, format: 'yaml' | 'json', overrides: readonly OverrideInput[], read?: { value: unknown }): ParseResult | undefined {
  const value = read && overrides.length === 0 ? read.value : readPlain(text, format, overrides.length > 0);
  if (value === NOT_PLAIN) return undefined;
  // With overrides, a problem the reader places (in an alias or merge) is left to the library:
  // an override may replace what holds it, and the document would then have no problem.
  if (value instanceof Located) return overrides.length > 0 ? undefined : locatedFailure(text, file, value);
  const applied = overrides.length > 0 ? applyPlainOverrides(value, overrides) : { input: value ?? {}, issues: [], paths: [], replaced: undefined };
  if (!applied) return undefined;
  let placedAll = true;
  const result = checkInput(applied.input, {
    findings: [],
    errors: applied.issues,
    warnings: [],
    place: (findings) => {
      const places = findings.length > 0 ? placePlain(text, format, findings, applied.replaced) : [];
      if (!places) placedAll = false;
      return findings.map((f, i) => {
        const path = pathText(f.path);
        if (fromOverride(f.path, places?.[i], applied.paths)) return { file: OVERRIDE_FILE, path, message: f.message };
        const at = places?.[i]?.position;
        return { file, ...(at ? { line: at.line, column: at.column } : {}), path, message: f.message };
      });
    },
  });
  return placedAll ? result : undefined;
}

/** Parses, validates and resolves a scenario file. `file` is used in messages and to guess the format. */
export function parseScenario(text: string, file: string, options: ParseOptions = {}): ParseResult {
  const format = options.format ?? (/\.json$/i.test(file) ? 'json' : 'yaml');
  if (text.length > LIMITS.fileBytes.max) {
    return { ok: false, errors: [{ file, line: 1, column: 1, path: '', message: `the file is too large (${formatCount(text.length)} characters); ${limitText('fileBytes')}` }], warnings: [] };
  }
  const deep = tooDeep(text);
  if (deep) {
    const before = text.slice(0, deep.offset);
    const line = (before.match(/\n/g)?.length ?? 0) + 1;
    return { ok: false, errors: [{ file, line, column: deep.offset - before.lastIndexOf('\n'), path: '', message: tooDeepMessage() }], warnings: [] };
  }
  const overrides = options.overrides ?? [];
  let plain: ParseResult | undefined;
  if (overrides.length > 0) {
    plain = parsePlainPlaced(text, file, format, overrides);
  } else {
    const first = parsePlain(text, file, format);
    if (first !== NOT_PLAIN) plain = first && 'result' in first ? first.result : parsePlainPlaced(text, file, format, [], first);
  }
  if (plain) return plain;
  if (text.length > LIMITS.fullReadBytes.max) {
    return { ok: false, errors: [{ file, line: 1, column: 1, path: '', message: `the file is too large (${formatCount(text.length)} characters) for the full YAML reading it needs; ${limitText('fullReadBytes')}` }], warnings: [] };
  }
  return parseLocated(text, file, format, options);
}

/**
 * The first alias that stands inside the value of the anchor it names (a cycle), if any: one
 * walk in document order, an alias naming the last anchor of its name before it (as the
 * library resolves it).
 */
function cyclicAlias(doc: Document): { offset: number; name: string } | undefined {
  const anchors = new Map<string, { range?: readonly [number, number, number] | null }>();
  let found: { offset: number; name: string } | undefined;
  visit(doc, {
    Node(_key, node) {
      if (isAlias(node)) {
        const range = anchors.get(node.source)?.range;
        const at = node.range?.[0];
        if (!found && range && at !== undefined && range[0] <= at && at < range[1]) found = { offset: at, name: node.source };
      } else if (node.anchor) {
        anchors.set(node.anchor, node);
      }
    },
  });
  return found;
}

/** The reading that keeps every node's position: for a file with a problem to place, or overrides. */
function parseLocated(text: string, file: string, format: 'yaml' | 'json', options: ParseOptions): ParseResult {
  const lines = new LineCounter();
  const doc = readDocument(text, format, lines);
  const warnings: ScenarioIssue[] = doc.warnings.map((w) => syntaxIssue(file, w, lines, format));
  if (doc.errors.length > 0) {
    const deep = doc.errors.find((e) => STACK_OVERFLOW.test(e.message));
    if (deep) return { ok: false, errors: [{ ...syntaxIssue(file, deep, lines, format), message: tooDeepMessage() }], warnings };
    return { ok: false, errors: doc.errors.map((e) => syntaxIssue(file, e, lines, format)).sort(compareIssues), warnings };
  }
  const shape = checkShape(doc, lines, file);
  if (shape.length > 0) return { ok: false, errors: shape, warnings };

  const overrides = applyOverrides(doc, options.overrides ?? []);
  let input: unknown;
  const prototypeKeys: PathKey[][] = [];
  try {
    input = withoutNulls(doc.toJS() ?? {}, [], prototypeKeys);
  } catch (error) {
    // toJS refuses documents whose aliases expand too far ("billion laughs"); a cycle (an alias
    // inside its own anchor's value) makes a value without end, which overflows the stack.
    const message = error instanceof Error ? error.message : String(error);
    const cycle = STACK_OVERFLOW.test(message) ? cyclicAlias(doc) : undefined;
    if (cycle) {
      const { line, col } = lines.linePos(cycle.offset);
      return { ok: false, errors: [{ file, line, column: col, path: '', message: `the alias *${cycle.name} stands inside the value of its own anchor &${cycle.name}, which would make it endless` }], warnings };
    }
    return { ok: false, errors: [{ file, line: 1, column: 1, path: '', message }], warnings };
  }

  const place = (finding: Finding): ScenarioIssue => {
    const path = pathText(finding.path);
    const fromOverride = overrides.paths.some((p) => startsWith(finding.path, p) || (startsWith(p, finding.path) && !inSource(doc, finding.path)));
    if (fromOverride) return { file: OVERRIDE_FILE, path, message: finding.message };
    const position = locate(doc, lines, finding.path, finding.anchor);
    return { file, ...(position ? { line: position.line, column: position.column } : {}), path, message: finding.message };
  };
  const findings: Finding[] = prototypeKeys.map((path) => ({ path, message: 'unknown key `__proto__`; it is not a scenario key', anchor: 'key' }));
  return checkInput(input, { findings, errors: overrides.issues, warnings, place: (all) => all.map(place) });
}

/**
 * A scenario file's plain data, however it was read (parse.ts: the YAML library's located
 * document, or the plain readers of plain.ts), checked against the schema and resolved; every
 * problem found (schema issues, cross-key errors and warnings) is handed in one batch to
 * `place`, which gives each its file and position, so that a reading can place them all in
 * one pass over the file.
 */
import { compareIssues } from './format.ts';
import { findingFromZod, type Finding } from './issues.ts';
import { isMapping } from './objects.ts';
import { resolveScenario, type Parts } from './resolve.ts';
import { faultSchema, ScenarioFileSchema } from './schema.ts';
import type { ParseResult, ScenarioIssue } from './types.ts';

/** Every top-level part that passes the schema on its own. */
function partsOf(input: unknown): Parts {
  const parts: Record<string, { value: unknown }> = {};
  if (!isMapping(input)) return parts;
  for (const [key, schema] of Object.entries(ScenarioFileSchema.shape)) {
    const result = schema.safeParse(input[key]);
    if (result.success) parts[key] = { value: result.data };
  }
  const faults = input['faults'];
  if (!parts['faults'] && Array.isArray(faults)) {
    const validFaults = faults.flatMap((item: unknown, index) => {
      const result = faultSchema.safeParse(item);
      return result.success ? [{ index, value: result.data }] : [];
    });
    return { ...(parts as Parts), validFaults };
  }
  return parts as Parts;
}

/** All parts of a file that passed the schema as a whole. */
export function partsFrom(data: Record<string, unknown>): Parts {
  const parts: Record<string, { value: unknown }> = {};
  for (const key of Object.keys(ScenarioFileSchema.shape)) parts[key] = { value: data[key] };
  return parts as Parts;
}

function dedupe(issues: ScenarioIssue[]): ScenarioIssue[] {
  const seen = new Set<string>();
  return issues.filter((i) => {
    const key = `${i.file}\u0000${i.path}\u0000${i.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export interface CheckOptions {
  /** Findings of the reading itself (a `__proto__` key), placed with the schema's. */
  findings: Finding[];
  /** Issues already placed: the overrides' errors, the parser's warnings. */
  errors: ScenarioIssue[];
  warnings: ScenarioIssue[];
  /** Each finding with its file and position, in the order given. */
  place: (findings: readonly Finding[]) => ScenarioIssue[];
}

/** Validates and resolves `input`; the problems come back placed, sorted, without repeats. */
export function checkInput(input: unknown, options: CheckOptions): ParseResult {
  const checked = ScenarioFileSchema.safeParse(input);
  const findings = checked.success ? [] : checked.error.issues.map((issue) => findingFromZod(issue, input));
  findings.push(...options.findings);
  const parts = checked.success ? partsFrom(checked.data) : partsOf(input);
  const resolution = resolveScenario(parts, checked.success);
  const problems = [...findings, ...resolution.errors];
  const placed = options.place([...problems, ...resolution.warnings]);
  const errors = dedupe([...options.errors, ...placed.slice(0, problems.length)]).sort(compareIssues);
  const warnings = [...options.warnings, ...placed.slice(problems.length)].sort(compareIssues);
  if (errors.length > 0 || !resolution.scenario) return { ok: false, errors, warnings };
  return { ok: true, scenario: resolution.scenario, warnings };
}

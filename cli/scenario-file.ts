/**
 * Reading a scenario file from disk and handing it to the core's parser.
 *
 * The core parses text and never touches the file system; this module owns the part that can
 * fail for reasons outside the scenario (a missing file, a directory, a permission), which are
 * usage errors (exit 1), and prints the scenario's own problems in the contract's one-line form
 * `file:line:col: path: message`, which the caller turns into exit 2.
 */
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { formatIssue, parseScenario } from '../core/index.ts';
import type { ParseResult, ScenarioIssue } from '../core/index.ts';
import type { Override } from './args.ts';
import { describeFsError, UsageError } from './errors.ts';
import type { Io } from './io.ts';

export const SCENARIO_EXTENSIONS = ['.yaml', '.yml', '.json'] as const;

/** Reads and validates one scenario file; throws a `UsageError` if it cannot be read. */
export async function loadScenario(file: string, overrides: readonly Override[], command: string): Promise<ParseResult> {
  const extension = extname(file).toLowerCase();
  if (!(SCENARIO_EXTENSIONS as readonly string[]).includes(extension)) {
    throw new UsageError(`cannot read ${file}: expected a .yaml, .yml or .json file`, command, false);
  }
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new UsageError(describeFsError('read', file, error), command, false);
  }
  return parseScenario(text, file, { overrides: overrides.map(({ path, value }) => ({ path, value })) });
}

/** Prints warnings (unless quiet) and errors to stderr, one line each. */
export function printIssues(io: Io, result: ParseResult, options: { quiet?: boolean } = {}): void {
  if (!options.quiet) for (const warning of result.warnings) io.err(`warning: ${oneLine(warning)}\n`);
  if (!result.ok) for (const error of result.errors) io.err(`${oneLine(error)}\n`);
}

function oneLine(issue: ScenarioIssue): string {
  return formatIssue(issue).replace(/\s*\n\s*/g, ' ');
}

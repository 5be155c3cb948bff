/**
 * The web app's door into the core. Everything the page and the worker need from `core/` comes
 * through here, so the browser uses the very functions the CLI uses (same parser, same
 * simulation, same formatters: byte-identical files).
 *
 * The scenario parser is read off the module namespace rather than imported by name, so the
 * app still builds and runs (with a clear message instead of a crash) in a checkout where the
 * core's parser is not exported yet.
 */
import * as core from '../core/index.ts';
import type { ParseResult, ScenarioIssue } from '../core/index.ts';

export { createSimulation, formatEventsCsv, formatSummaryJson, formatTimeseriesCsv } from '../core/index.ts';
export type { ParseResult, RunResult, Scenario, ScenarioIssue, SimEvent, Summary, Timeseries } from '../core/index.ts';

type ParseScenario = (text: string, fileName: string, options?: { overrides?: { path: string; value: string }[] }) => ParseResult;
type FormatIssue = (issue: ScenarioIssue) => string;

const namespace = core as unknown as { parseScenario?: ParseScenario; formatIssue?: FormatIssue };

/** Parses and validates a scenario text with the core's parser (as `elbsim validate` does). */
export function parseScenario(text: string, fileName: string): ParseResult {
  const parse = namespace.parseScenario;
  if (typeof parse !== 'function') {
    return {
      ok: false,
      errors: [{ file: fileName, path: '', message: 'this build of elbsim has no scenario parser yet' }],
      warnings: [],
    };
  }
  try {
    return parse(text, fileName);
  } catch (error) {
    // The core promises never to throw at a user; if it does, still show something useful.
    return {
      ok: false,
      errors: [{ file: fileName, path: '', message: `internal error while reading the scenario: ${String(error)}` }],
      warnings: [],
    };
  }
}

/** One issue in the contract's form `file:line:col: path: message`. */
export function formatIssue(issue: ScenarioIssue): string {
  if (typeof namespace.formatIssue === 'function') return namespace.formatIssue(issue);
  const where = [issue.file, issue.line, issue.column].filter((part) => part !== undefined).join(':');
  return `${where}: ${issue.path ? `${issue.path}: ` : ''}${issue.message}`;
}

/**
 * The web app's door into the core. Everything the page and the worker need from `core/` comes
 * through here, so the browser uses the very functions the CLI uses (same parser, same
 * simulation, same formatters: byte-identical files).
 */
import { parseDocument } from 'yaml';
import { parseScenario as coreParseScenario, type ParseResult } from '../core/index.ts';

export { createSimulation, formatEventsCsv, formatIssue, formatSummaryJson, formatTimeseriesCsv } from '../core/index.ts';
export type { ParseResult, RunResult, Scenario, ScenarioIssue, SimEvent, Summary, Timeseries } from '../core/index.ts';

/**
 * Parses and validates a scenario text with the core's parser (as `elbsim validate` does).
 *
 * A YAML syntax error often makes the parser report several lines for one mistake (a bad
 * indent gives "Nested mappings are not allowed…" and "Implicit keys need to be on a single
 * line…" at the same place); the editor shows the first as one message, with its line and
 * column, since the others follow from it.
 */
export function parseScenario(text: string, fileName: string): ParseResult {
  try {
    const result = coreParseScenario(text, fileName);
    if (result.ok || result.errors.length < 2 || !/\.ya?ml$/i.test(fileName) || parseDocument(text).errors.length === 0) return result;
    const first = result.errors[0]!;
    const more = result.errors.length - 1;
    const message = `YAML syntax error: ${first.message}${first.line ? ` (line ${first.line}, column ${first.column ?? 1})` : ''}; fix it first (the parser's ${more} other ${more === 1 ? 'message follows' : 'messages follow'} from it)`;
    return { ...result, errors: [{ ...first, message }] };
  } catch (error) {
    // The core promises never to throw at a user; if it ever does, still show something useful.
    return {
      ok: false,
      errors: [{ file: fileName, path: '', message: `internal error while reading the scenario: ${String(error)}` }],
      warnings: [],
    };
  }
}

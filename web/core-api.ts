/**
 * The web app's door into the core. Everything the page and the worker need from `core/` comes
 * through here, so the browser uses the very functions the CLI uses (same parser, same
 * simulation, same formatters: byte-identical files).
 */
import { parseScenario as coreParseScenario, type ParseResult } from '../core/index.ts';

export { createSimulation, formatEventsCsv, formatIssue, formatSummaryJson, formatTimeseriesCsv } from '../core/index.ts';
export type { ParseResult, RunResult, Scenario, ScenarioIssue, SimEvent, Summary, Timeseries } from '../core/index.ts';

/** Parses and validates a scenario text with the core's parser (as `elbsim validate` does). */
export function parseScenario(text: string, fileName: string): ParseResult {
  try {
    return coreParseScenario(text, fileName);
  } catch (error) {
    // The core promises never to throw at a user; if it ever does, still show something useful.
    return {
      ok: false,
      errors: [{ file: fileName, path: '', message: `internal error while reading the scenario: ${String(error)}` }],
      warnings: [],
    };
  }
}

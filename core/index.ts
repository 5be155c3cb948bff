/**
 * The public surface of the elbsim core: parse a scenario, simulate it, format the results.
 * The CLI, the web app and the tests all come through here, so they cannot disagree.
 */
export type * from './scenario/types.ts';
export type * from './report/types.ts';
export { TIMESERIES_COLUMNS } from './report/types.ts';

// Implemented in core/simulate.ts and core/report/format.ts (in progress):
//   createSimulation(scenario: Scenario, options?: { seed?: number }): Simulation
//   simulate(scenario: Scenario, options?: { seed?: number }): RunResult
//   formatTimeseriesCsv(ts: Timeseries): string
//   formatEventsCsv(events: SimEvent[]): string
//   formatSummaryJson(summary: Summary): string
// and from core/scenario: parseScenario, applyOverrides, formatIssue.

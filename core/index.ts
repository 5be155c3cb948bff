/**
 * The public surface of the elbsim core: parse a scenario, simulate it, format the results.
 * The CLI, the web app and the tests all come through here, so they cannot disagree.
 */
export type * from './scenario/types.ts';
export type * from './report/types.ts';
export { TIMESERIES_COLUMNS, loadInPeriod } from './report/types.ts';
export { createSimulation, simulate, type SimulateOptions } from './simulate.ts';
export { formatTimeseriesCsv, formatEventsCsv, formatSummaryJson } from './report/format.ts';
export { parseScenario, type ParseOptions } from './scenario/parse.ts';
export { formatIssue, formatIssues } from './scenario/format.ts';
export { parseDuration, resolveDuration, formatDuration } from './scenario/duration.ts';
export { LIMITS as SCENARIO_LIMITS, type Limit } from './scenario/limits.ts';
export { expectedRequests } from './scenario/resolve-limits.ts';

/**
 * Judging a scenario's `expect:` block (`elbsim check`): each expectation bounds one figure of
 * a run with `min`, `max` or both, inclusive. Over R replications an expectation passes when it
 * holds in at least `minPass` percent of them; with one replication, when it holds.
 *
 * Pure: figures in, verdicts and their lines of text out.
 */
import type { FigureName, RunFigures } from './run-figures.ts';

export interface Bound {
  min?: number;
  max?: number;
}

export interface Verdict {
  figure: FigureName;
  bound: Bound;
  /** The figure in each replication, in seed order. */
  values: number[];
  /** Replications in which the bound holds. */
  held: number;
  passed: boolean;
  /** The first replication (0-based) in which it does not hold, if any. */
  firstMiss: number | undefined;
}

/** How each figure an `expect:` block may bound is shown. */
const SHOWN: Readonly<Record<string, (value: number) => string>> = {
  latencyMsP50: (v) => `${v.toFixed(3)} ms`,
  latencyMsP99: (v) => `${v.toFixed(3)} ms`,
  latencyMsMean: (v) => `${v.toFixed(3)} ms`,
  // A fraction, as the expect: block bounds it; the percent beside it is what run and the app print.
  elb5xxRate: (v) => (v === 0 ? '0 (0 %)' : `${v.toPrecision(3)} (${(v * 100).toFixed(3)} %)`),
  cost: (v) => `$${v.toFixed(4)}`,
  instanceHours: (v) => `${v.toFixed(4)} instance-hours`,
  capacityMax: (v) => `${v} instances`,
  healthyHostsMin: (v) => `${v} healthy hosts`,
  requests: (v) => `${v} requests`,
  clientLatencyMsP50: (v) => `${v.toFixed(3)} ms`,
  clientLatencyMsP99: (v) => `${v.toFixed(3)} ms`,
  clientLatencyMsMean: (v) => `${v.toFixed(3)} ms`,
};

/** The figure names `check` can judge; the core's list of expect figures should match it. */
export const CHECKABLE: readonly string[] = Object.keys(SHOWN);

export function holds(value: number, { min, max }: Bound): boolean {
  return (min === undefined || value >= min) && (max === undefined || value <= max);
}

export function judge(figure: FigureName, bound: Bound, runs: readonly RunFigures[], minPassPercent: number): Verdict {
  const values = runs.map((r) => r[figure]);
  const misses = values.map((v, i) => (holds(v, bound) ? -1 : i)).filter((i) => i >= 0);
  const held = values.length - misses.length;
  // Compared in whole hundredths of a percent so that 19 of 20 meets 95 exactly.
  const passed = held * 10000 >= Math.round(minPassPercent * 100) * values.length;
  return { figure, bound, values, held, passed, firstMiss: misses[0] };
}

function limit({ min, max }: Bound): string {
  return [min === undefined ? '' : `min ${min}`, max === undefined ? '' : `max ${max}`].filter(Boolean).join(', ');
}

/** `PASS  latencyMsP99     252.187 ms  (max 300)`, or over replications how often it held. */
export function formatVerdict(verdict: Verdict, minPassPercent: number): string {
  const show = SHOWN[verdict.figure] ?? String;
  const status = verdict.passed ? 'PASS' : 'FAIL';
  const name = verdict.figure.padEnd(16);
  const n = verdict.values.length;
  if (n === 1) return `${status}  ${name}${show(verdict.values[0]!)}  (${limit(verdict.bound)})\n`;
  const low = Math.min(...verdict.values);
  const high = Math.max(...verdict.values);
  const range = low === high ? show(low) : `${show(low)} to ${show(high)}`;
  const share = `${((100 * verdict.held) / n).toFixed(0)} %`;
  return `${status}  ${name}holds in ${verdict.held} of ${n} (${share}, at least ${minPassPercent} % required); ${range}  (${limit(verdict.bound)})\n`;
}

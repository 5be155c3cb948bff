/**
 * How a CloudWatch metric alarm turns the datapoints of its evaluation range into a state
 * (CW-ALARM, "Configuring how CloudWatch alarms treat missing data" and "Avoiding premature
 * transitions to alarm state"; aws-behaviour.md §5.6).
 *
 * CloudWatch fetches more periods than EvaluationPeriods (N), the *evaluation range*, so that
 * missing periods can be made up from older real datapoints. AWS does not give the range in
 * general ("depends on the length of the alarm period and whether it is based on a metric with
 * standard resolution or high resolution"); its only example is N = 3 → 5 datapoints. We use
 * N + 2 (`evaluationRange`), which reproduces every documented example; callers may pass
 * another range, since the evaluator takes whatever points it is given.
 *
 * With k real (non-missing) datapoints in the range, M = DatapointsToAlarm:
 *  1. k ≥ N: the most recent N real datapoints are evaluated (this covers "the last N are all
 *     present"); TreatMissingData is not consulted. ALARM if ≥ M breach, else OK.
 *  2. k < N, `breaching` / `notBreaching`: all k real datapoints plus N − k filled ones (as few
 *     fills as possible), each fill counted as breaching or not. ALARM if ≥ M breach, else OK.
 *     With k = 0 this is "no datapoints were received": ALARM, resp. OK.
 *  3. k < N, `missing` / `ignore`: only the real datapoints are considered.
 *     k = 0: `missing` → INSUFFICIENT_DATA, `ignore` → keep the current state.
 *     ≥ M of them breach → ALARM; any of them does not breach → OK.
 *     Otherwise all of them breach, but fewer than M: the premature-alarm guard. With `missing`
 *     the alarm goes to ALARM only if the oldest breaching datapoint is at least M datapoints
 *     old (the newest counts as 1), else INSUFFICIENT_DATA, so `- - - - X` and `- - - X -`
 *     (M = 3) wait for the next datapoint while `- - X - -` alarms. With `ignore` the state is
 *     kept (the documented `- - X - -` → "Retain current state").
 * This reproduces all ten rows of the two tables on the CW-ALARM page (N = 3, M = 3 and M = 2)
 * and the older page's `- - - - X` → INSUFFICIENT_DATA and `X - - - -` → ALARM rows.
 *
 * Not modelled: EvaluateLowSampleCountPercentile = ignore (AlarmSpec carries none; AWS's
 * default, evaluate, is what this does), and re-use of pre-creation datapoints, which the
 * store gives for free because alarms read whatever it holds.
 */
import type { AlarmSpec, ComparisonOperator } from '../../scenario/types.ts';

export type AlarmState = 'OK' | 'ALARM' | 'INSUFFICIENT_DATA';

/** Datapoints fetched beyond EvaluationPeriods; 2 gives the documented N = 3 → 5. */
export const EXTRA_RANGE_DATAPOINTS = 2;

/** How many periods an alarm fetches for N = EvaluationPeriods: N + 2. */
export function evaluationRange(evaluationPeriods: number): number {
  return evaluationPeriods + EXTRA_RANGE_DATAPOINTS;
}

export function isBreaching(value: number, operator: ComparisonOperator, threshold: number): boolean {
  switch (operator) {
    case 'GreaterThanThreshold':
      return value > threshold;
    case 'GreaterThanOrEqualToThreshold':
      return value >= threshold;
    case 'LessThanThreshold':
      return value < threshold;
    case 'LessThanOrEqualToThreshold':
      return value <= threshold;
  }
}

/** Which of the rules above decided. */
export type AlarmRule = 'datapoints' | 'filled' | 'premature' | 'insufficient' | 'retained';

/** A state and the evidence for it, enough to write CloudWatch's state reason. */
export interface AlarmDecision {
  state: AlarmState;
  rule: AlarmRule;
  /** Indices into `points` of the real datapoints evaluated, newest first. */
  evaluated: number[];
  /** Missing datapoints filled per TreatMissingData (rule `filled` only). */
  filled: number;
  /** Breaching datapoints among those evaluated, fills included. */
  breaching: number;
}

/**
 * The state CloudWatch would set from `points` (oldest → newest over the evaluation range,
 * null = missing), an alarm spec, and the alarm's current state. Pure.
 */
export function evaluateAlarm(points: readonly (number | null)[], spec: AlarmSpec, current: AlarmState): AlarmState {
  return decideAlarm(points, spec, current).state;
}

/** As `evaluateAlarm`, with the evidence. */
export function decideAlarm(points: readonly (number | null)[], spec: AlarmSpec, current: AlarmState): AlarmDecision {
  const n = spec.evaluationPeriods;
  const m = spec.datapointsToAlarm;
  if (!(n >= 1 && m >= 1 && m <= n)) throw new Error(`need 1 ≤ DatapointsToAlarm (${m}) ≤ EvaluationPeriods (${n})`);
  if (points.length < n) throw new Error(`need at least ${n} points, got ${points.length}`);

  const real: number[] = [];
  for (let i = points.length - 1; i >= 0; i--) if (points[i] !== null) real.push(i);
  const breaches = (indices: number[]) =>
    indices.filter((i) => isBreaching(points[i]!, spec.comparisonOperator, spec.threshold)).length;

  if (real.length >= n) {
    const evaluated = real.slice(0, n);
    const breaching = breaches(evaluated);
    return { state: breaching >= m ? 'ALARM' : 'OK', rule: 'datapoints', evaluated, filled: 0, breaching };
  }

  const evaluated = real;
  const realBreaching = breaches(evaluated);
  const tmd = spec.treatMissingData;
  if (tmd === 'breaching' || tmd === 'notBreaching') {
    const filled = n - real.length;
    const breaching = realBreaching + (tmd === 'breaching' ? filled : 0);
    return { state: breaching >= m ? 'ALARM' : 'OK', rule: 'filled', evaluated, filled, breaching };
  }

  const decided = (state: AlarmState, rule: AlarmRule): AlarmDecision => ({
    state,
    rule,
    evaluated,
    filled: 0,
    breaching: realBreaching,
  });
  const retainOr = (state: AlarmState, rule: AlarmRule) =>
    tmd === 'ignore' ? decided(current, 'retained') : decided(state, rule);

  if (real.length === 0) return retainOr('INSUFFICIENT_DATA', 'insufficient');
  if (realBreaching >= m) return decided('ALARM', 'datapoints');
  if (realBreaching < real.length) return decided('OK', 'datapoints');
  // All real datapoints breach, fewer than M: the premature-alarm guard.
  const oldestBreachingAge = points.length - real[real.length - 1]!;
  return oldestBreachingAge >= m ? retainOr('ALARM', 'premature') : retainOr('INSUFFICIENT_DATA', 'insufficient');
}

/**
 * The StateReason CloudWatch writes when an alarm changes state, in AWS's wording (CW-ALARM;
 * the EventBridge example there reads "Threshold Crossed: 3 out of the last 3 datapoints
 * [20000.0 (08/11/22 11:25:00), …] were greater than the threshold (0.0) (minimum 1 datapoint
 * for OK -> ALARM transition).").
 *
 * Datapoints are listed newest first with the start of their period as hh:mm:ss from the start
 * of the run, and numbers print as Java doubles do (50 → "50.0"), as in AWS's messages.
 */
import type { AlarmSpec, ComparisonOperator } from '../../scenario/types.ts';
import { isBreaching, type AlarmDecision, type AlarmState } from './alarm-evaluation.ts';

export const INITIAL_REASON = 'Unchecked: Initial alarm creation';

const OPERATOR_WORDS: Record<ComparisonOperator, string> = {
  GreaterThanThreshold: 'greater than',
  GreaterThanOrEqualToThreshold: 'greater than or equal to',
  LessThanThreshold: 'less than',
  LessThanOrEqualToThreshold: 'less than or equal to',
};

/** 50 → "50.0", 72.125 → "72.125", as Java's Double.toString prints plain values. */
export function formatDouble(value: number): string {
  const s = String(Number(value.toPrecision(12)));
  return /[.e]/.test(s) ? s : `${s}.0`;
}

/** Seconds from the run start as hh:mm:ss (hours keep counting past 24). */
export function formatClock(timeS: number): string {
  const t = Math.floor(timeS);
  const pad = (v: number) => String(v).padStart(2, '0');
  return `${pad(Math.floor(t / 3600))}:${pad(Math.floor((t % 3600) / 60))}:${pad(t % 60)}`;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
const wasWere = (n: number) => (n === 1 ? 'was' : 'were');

/**
 * Why `decision` put the alarm where it is. `points` and `timesS` are parallel, oldest first:
 * each datapoint (null = missing) and the start of its period.
 */
export function alarmReason(
  decision: AlarmDecision,
  points: readonly (number | null)[],
  timesS: readonly number[],
  spec: AlarmSpec,
  previous: AlarmState,
): string {
  const n = spec.evaluationPeriods;
  const m = spec.datapointsToAlarm;
  const words = OPERATOR_WORDS[spec.comparisonOperator];
  const threshold = `the threshold (${formatDouble(spec.threshold)})`;
  const alarming = decision.state === 'ALARM';
  const breaches = (i: number) => isBreaching(points[i]!, spec.comparisonOperator, spec.threshold);
  const listed = decision.evaluated.filter((i) => breaches(i) === alarming);
  const format = (indices: number[]) =>
    `[${indices.map((i) => `${formatDouble(points[i]!)} (${formatClock(timesS[i]!)})`).join(', ')}]`;
  const list = format(listed);
  const verb = `${alarming ? '' : 'not '}${words}`;

  switch (decision.rule) {
    case 'retained':
      return `Unchanged: missing datapoints are ignored, so the alarm stays ${decision.state}.`;
    case 'insufficient':
      if (decision.evaluated.length === 0) {
        return `Insufficient Data: no datapoints were received for ${plural(points.length, 'period')}.`;
      }
      return (
        `Insufficient Data: ${plural(decision.evaluated.length, 'datapoint')} ${format(decision.evaluated)} ` +
        `${wasWere(decision.evaluated.length)} ${words} ${threshold}, fewer than ${m} and too recent to alarm.`
      );
    case 'premature':
      return (
        `Threshold Crossed: ${plural(listed.length, 'datapoint')} ${list} ${wasWere(listed.length)} ${verb} ` +
        `${threshold}, the oldest at least ${plural(m, 'period')} old and every newer datapoint breaching or missing.`
      );
    case 'filled':
    case 'datapoints': {
      const as = spec.treatMissingData === 'breaching' ? 'Breaching' : 'NonBreaching';
      if (decision.evaluated.length === 0) {
        return `Threshold Crossed: no datapoints were received for ${plural(n, 'period')} and ${n} missing datapoints were treated as [${as}].`;
      }
      const f = decision.filled;
      const needed = alarming ? m : n - m + 1;
      const minimum = m < n ? ` (minimum ${plural(needed, 'datapoint')} for ${previous} -> ${decision.state} transition)` : '';
      if (listed.length === 0) {
        return `Threshold Crossed: ${f} out of the last ${plural(n, 'datapoint')} ${wasWere(f)} missing and treated as [${as}]${minimum}.`;
      }
      const count = listed.length === n ? plural(n, 'datapoint') : `${listed.length} out of the last ${plural(n, 'datapoint')}`;
      const fills = f > 0 ? ` and ${plural(f, 'missing datapoint')} ${wasWere(f)} treated as [${as}]` : '';
      return `Threshold Crossed: ${count} ${list} ${wasWere(listed.length)} ${verb} ${threshold}${fills}${minimum}.`;
    }
  }
}

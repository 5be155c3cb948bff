/**
 * A CloudWatch metric alarm as a stateful object the simulator drives (CW-ALARM;
 * aws-behaviour.md §5.6). The simulator calls `evaluate(nowS)` on the alarm's cadence (every
 * 60 s for periods ≥ 60 s, every 10 s for 10/30-s periods: `evaluationIntervalS`); the alarm
 * never schedules anything itself.
 *
 * Each evaluation reads a sliding window from the store, not one aligned to the period: period
 * i (0 = newest) covers [now − (i+1)·Period, now − i·Period), for i below the evaluation range.
 * So with Period 300 and N = 1, the evaluation at the end of minute 5 uses minutes 1–5 and the
 * one at the end of minute 6 uses minutes 2–6 (CW-ALARM). A new alarm starts in
 * INSUFFICIENT_DATA. Auto Scaling re-invokes its action every evaluation while the alarm stays
 * in ALARM (CW-ALARM); that is the caller's business, which is why every evaluation returns the
 * state and not only changes.
 */
import type { AlarmSpec } from '../../scenario/types.ts';
import { decideAlarm, evaluationRange, type AlarmState } from './alarm-evaluation.ts';
import { alarmReason, INITIAL_REASON } from './alarm-reason.ts';
import type { MetricStore } from './metric-store.ts';
import { assertStatistic } from './statistic.ts';
import { compileMetricMath, type MetricMath } from './metric-math.ts';

export { evaluateAlarm, decideAlarm, evaluationRange, isBreaching } from './alarm-evaluation.ts';
export type { AlarmState, AlarmDecision, AlarmRule } from './alarm-evaluation.ts';

export interface AlarmEvaluation {
  nowS: number;
  state: AlarmState;
  previous: AlarmState;
  changed: boolean;
  /** The evaluation range, oldest → newest; null = missing. */
  points: (number | null)[];
  /** Start of each point's period, parallel to `points`. */
  timesS: number[];
  /** Why the alarm is in `state`: new when `changed`, else the reason of the last change. */
  reason: string;
}

export interface AlarmOptions {
  /** Datapoints fetched per evaluation; default EvaluationPeriods + 2 (see alarm-evaluation.ts). */
  evaluationRange?: number;
  /** A metric math alarm (`spec.math`): the store key of each of its metrics, in order. */
  mathKeys?: readonly string[];
}

export class Alarm {
  readonly range: number;
  private current: AlarmState = 'INSUFFICIENT_DATA';
  private currentReason = INITIAL_REASON;
  private changedAt = -Infinity;
  private readonly math: MetricMath | null = null;
  private readonly mathKeys: readonly string[] = [];
  private readonly mathValues: (number | null)[] = [];

  constructor(
    readonly name: string,
    readonly spec: AlarmSpec,
    private readonly store: MetricStore,
    readonly metricKey: string,
    options: AlarmOptions = {},
  ) {
    const p = spec.periodS;
    if (!(p === 10 || p === 30 || (p >= 60 && p % 60 === 0))) {
      throw new Error(`alarm ${name}: Period must be 10, 30 or a multiple of 60 s, got ${p}`);
    }
    if (!(spec.datapointsToAlarm >= 1 && spec.datapointsToAlarm <= spec.evaluationPeriods)) {
      throw new Error(`alarm ${name}: need 1 ≤ DatapointsToAlarm ≤ EvaluationPeriods`);
    }
    assertStatistic(spec.statistic);
    if (spec.math) {
      for (const m of spec.math.metrics) assertStatistic(m.statistic);
      this.mathKeys = options.mathKeys ?? [];
      if (this.mathKeys.length !== spec.math.metrics.length) throw new Error(`alarm ${name}: need one store key per metric of its expression`);
      this.math = compileMetricMath(spec.math.expression, spec.math.metrics.map((m) => m.id));
      this.mathValues = new Array<number | null>(this.mathKeys.length).fill(null);
    }
    this.range = options.evaluationRange ?? evaluationRange(spec.evaluationPeriods);
    if (!(this.range >= spec.evaluationPeriods)) throw new Error(`alarm ${name}: evaluation range below N`);
    store.ensureRetention(this.range * p);
  }

  get state(): AlarmState {
    return this.current;
  }

  get stateReason(): string {
    return this.currentReason;
  }

  /** When the state last changed (-Infinity before the first change). */
  get stateChangedAtS(): number {
    return this.changedAt;
  }

  /** How often CloudWatch evaluates this alarm. */
  get evaluationIntervalS(): number {
    return this.spec.periodS < 60 ? 10 : 60;
  }

  /** The expression's value for the period [fromS, toS): each metric's statistic there, combined. */
  private mathPoint(fromS: number, toS: number, nowS: number): number | null {
    const metrics = this.spec.math!.metrics;
    for (let i = 0; i < metrics.length; i++) this.mathValues[i] = this.store.query(this.mathKeys[i]!, metrics[i]!.statistic, fromS, toS, nowS);
    return this.math!(this.mathValues);
  }

  /** Evaluates at `nowS` over the datapoints visible then, and updates the state. */
  evaluate(nowS: number): AlarmEvaluation {
    const { periodS, statistic } = this.spec;
    const points: (number | null)[] = new Array(this.range);
    const timesS: number[] = new Array(this.range);
    for (let j = 0; j < this.range; j++) {
      const from = nowS - (this.range - j) * periodS;
      timesS[j] = from;
      points[j] = this.math ? this.mathPoint(from, from + periodS, nowS) : this.store.query(this.metricKey, statistic, from, from + periodS, nowS);
    }
    const previous = this.current;
    const decision = decideAlarm(points, this.spec, previous);
    const changed = decision.state !== previous;
    if (changed) {
      this.current = decision.state;
      this.currentReason = alarmReason(decision, points, timesS, this.spec, previous);
      this.changedAt = nowS;
    }
    return { nowS, state: this.current, previous, changed, points, timesS, reason: this.currentReason };
  }
}

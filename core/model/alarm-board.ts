/**
 * The scenario's standalone alarms (`cloudWatch.alarms`) and composite alarms
 * (`cloudWatch.compositeAlarms`): alarms with no action, kept for their state, each change an
 * `alarm` event in events.csv and a line of summary.json's `alarms`.
 *
 * A metric alarm here is the same Alarm a step policy has (CW-ALARM), reading the store of the
 * group it names: evaluated every minute after the minute's datapoints are published, and every
 * 10 s in between when its period is 10 s or 30 s. A composite alarm (CW-COMP) starts in
 * INSUFFICIENT_DATA and is evaluated once at creation (time 0), then again whenever one of the
 * alarms it names changes state; its rule holding means ALARM, else OK, so it is never again in
 * INSUFFICIENT_DATA (AWS: "this initial time after creation is the only time that the alarm can
 * be in INSUFFICIENT_DATA state"). Composite alarms are kept in dependency order (resolve-
 * alarms.ts), so one pass settles a composite alarm that names another.
 *
 * Not modelled: actions (none can hang on these alarms: composite alarms cannot drive Auto
 * Scaling policies in AWS, and notifications are outside the simulation), ActionsSuppressor,
 * and composite rules naming the alarms of scaling policies.
 */
import type { Engine } from '../engine/engine.ts';
import type { Scenario } from '../scenario/types.ts';
import type { EventLog } from './event-log.ts';
import type { AlarmSummary } from '../report/types.ts';
import { Alarm, type AlarmState } from './cloudwatch/index.ts';
import { compositeState, parseAlarmRule, type RuleNode } from './cloudwatch/alarm-rule.ts';
import type { CloudWatchPublisher } from './cloudwatch/publisher.ts';

/** CloudWatch evaluates alarms with 10 s and 30 s periods every 10 s (CW-ALARM). */
const FINE_S = 10;

interface Tracked {
  name: string;
  type: 'metric' | 'composite';
  state: AlarmState;
  enteredS: number;
  timeInAlarmS: number;
  transitionsToAlarm: number;
  firstAlarmS: number | null;
}

export class AlarmBoard {
  private readonly metric: { alarm: Alarm; tracked: Tracked }[] = [];
  private readonly composite: { rule: RuleNode; tracked: Tracked }[] = [];
  private readonly byName = new Map<string, Tracked>();
  /** Which groups' metrics the alarms read (those groups publish even without policies). */
  private readonly groupsRead = new Set<number>();
  private readonly kFine: number = -1;
  private readonly kCreate: number = -1;
  private readonly stateOf = (name: string): AlarmState => this.byName.get(name)!.state;

  constructor(
    private readonly engine: Engine,
    private readonly scenario: Scenario,
    publishers: readonly CloudWatchPublisher[],
    private readonly log: EventLog,
  ) {
    const track = (name: string, type: Tracked['type']): Tracked => {
      const t: Tracked = { name, type, state: 'INSUFFICIENT_DATA', enteredS: 0, timeInAlarmS: 0, transitionsToAlarm: 0, firstAlarmS: null };
      this.byName.set(name, t);
      return t;
    };
    for (const a of scenario.alarms ?? []) {
      const cw = publishers[a.group]!;
      const mathKeys = a.spec.math?.metrics.map((m) => cw.keyFor(m.namespace, m.metric, m.dimension));
      const alarm = new Alarm(a.name, a.spec, cw.store, cw.keyFor(a.spec.namespace, a.spec.metric, a.spec.dimension), mathKeys ? { mathKeys } : {});
      this.metric.push({ alarm, tracked: track(a.name, 'metric') });
      this.groupsRead.add(a.group);
    }
    for (const c of scenario.compositeAlarms ?? []) this.composite.push({ rule: parseAlarmRule(c.alarmRule), tracked: track(c.name, 'composite') });
    if (this.metric.some((m) => m.alarm.evaluationIntervalS === FINE_S)) this.kFine = engine.register(() => this.fineTick());
    if (this.composite.length > 0) this.kCreate = engine.register(() => this.settleComposites(engine.now));
  }

  /** Whether the alarms read group `g`'s metrics. */
  readsGroup(g: number): boolean {
    return this.groupsRead.has(g);
  }

  /** Schedules the composite alarms' first evaluation (at creation, time 0) and the 10-s tick if needed. */
  start(): void {
    if (this.kCreate >= 0) this.engine.schedule(0, this.kCreate);
    if (this.kFine >= 0 && FINE_S <= this.scenario.durationS) this.engine.schedule(FINE_S, this.kFine);
  }

  /** Once a minute, after every group has published the minute: every metric alarm, then the composite alarms. */
  minute(nowS: number): void {
    if (this.metric.length === 0) return;
    let changed = false;
    for (const m of this.metric) changed = this.evaluateMetric(m, nowS) || changed;
    if (changed) this.settleComposites(nowS);
  }

  private fineTick(): void {
    const nowS = this.engine.now;
    if (nowS + FINE_S <= this.scenario.durationS) this.engine.schedule(nowS + FINE_S, this.kFine);
    if (Math.abs(nowS / 60 - Math.round(nowS / 60)) < 1e-9) return; // the minute does this one
    let changed = false;
    for (const m of this.metric) if (m.alarm.evaluationIntervalS === FINE_S) changed = this.evaluateMetric(m, nowS) || changed;
    if (changed) this.settleComposites(nowS);
  }

  private evaluateMetric(m: { alarm: Alarm; tracked: Tracked }, nowS: number): boolean {
    const e = m.alarm.evaluate(nowS);
    if (e.changed) this.enter(m.tracked, e.state, nowS);
    return e.changed;
  }

  /** Each composite alarm in dependency order, so one that names another sees its new state. */
  private settleComposites(nowS: number): void {
    for (const c of this.composite) {
      const state = compositeState(c.rule, this.stateOf);
      if (state !== c.tracked.state) this.enter(c.tracked, state, nowS);
    }
  }

  private enter(t: Tracked, state: AlarmState, nowS: number): void {
    if (t.state === 'ALARM') t.timeInAlarmS += nowS - t.enteredS;
    if (state === 'ALARM') {
      t.transitionsToAlarm++;
      t.firstAlarmS ??= nowS;
    }
    t.state = state;
    t.enteredS = nowS;
    this.log.add(nowS, 'alarm', { name: t.name, state });
  }

  /** summary.json's `alarms` at the end of a run of `durationS`: each alarm by name, metric alarms first, composite alarms in dependency order. */
  summary(durationS: number): Record<string, AlarmSummary> | null {
    if (this.byName.size === 0) return null;
    const out: Record<string, AlarmSummary> = {};
    for (const t of [...this.metric.map((m) => m.tracked), ...this.composite.map((c) => c.tracked)]) {
      out[t.name] = {
        type: t.type,
        stateAtEnd: t.state,
        timeInAlarmS: t.timeInAlarmS + (t.state === 'ALARM' ? durationS - t.enteredS : 0),
        transitionsToAlarm: t.transitionsToAlarm,
        firstAlarmS: t.firstAlarmS,
      };
    }
    return out;
  }
}

/**
 * Dynamic, scheduled and predictive scaling: what changes the group's desired capacity
 * (aws-behaviour §6.4–6.10).
 *
 * Every minute, after the fleet has published its metrics, each policy's CloudWatch alarms are
 * evaluated (CW-ALARM); alarms with 10 s or 30 s periods also every 10 s in between, on an engine
 * event this controller registers only when such an alarm exists, and one entering ALARM
 * invokes its policy at once. Alarm actions on Auto Scaling are re-invoked every minute while an alarm
 * stays in ALARM, so each minute every policy whose alarm is in ALARM proposes a capacity:
 * - target tracking (AS-TT) owns two alarms [observed shapes, parameters]: above the target,
 *   capacity grows in proportion to metric / target (the newest datapoint); below 90 % of it for
 *   15 datapoints, it shrinks, "more gradually": sized from the highest of those 15, removing
 *   only whole instances that keep all of them at or under the target, never while instances
 *   are warming up;
 * - step scaling (AS-STEP) picks the step for the metric's distance from the threshold; warming
 *   instances count toward the current capacity, so the same breach does not add twice;
 * - simple scaling applies its one adjustment; the cooldown belongs to the group (AS-COOL):
 *   after any activity that changes the desired capacity (a policy's, a scheduled action's, the
 *   forecast's), no simple policy acts until its last instance is done and the cooldown (the
 *   simple policy's own, else DefaultCooldown) has passed. Target tracking and step scaling
 *   ignore it.
 * The proposals combine as AWS documents (AS-DYN): the largest capacity wins; target tracking
 * scales in only if all its policies agree. Scheduled actions set min/max/desired at their time
 * or cron (AS-SCHED). Predictive scaling forecasts each hour from the same hour of earlier days
 * and raises capacity before it, never lowering it (AS-PRED).
 */
import type { Engine } from '../engine/engine.ts';
import type { PredictiveScalingPolicy, ScalingPolicy, GroupScenario, ScheduledAction } from '../scenario/types.ts';
import type { AutoScalingGroup } from './autoscaling/group.ts';
import type { EventLog } from './event-log.ts';
import { Alarm, targetTrackingAlarms, predefinedMetricSpec, metricGranularityS, targetTrackingPeriodS, type AlarmEvaluation, type AlarmState } from './cloudwatch/index.ts';
import { readsAgent, type CloudWatchPublisher } from './cloudwatch/publisher.ts';
import { combineDecisions, holdDecision, targetTrackingDecision, type ScalingDecision } from './autoscaling/target-tracking.ts';
import { aggregateMetric, simpleScalingDecision, stepScalingDecision } from './autoscaling/step-scaling.ts';
import { alarmCause, predictiveCause, scheduledActionCause, targetTrackingAlarmName } from './autoscaling/activity.ts';
import { nextActionS } from './autoscaling/cron.ts';
import { forecastCapacity, historyHoursAt, predictiveActionTimeS, predictiveDesired } from './autoscaling/predictive.ts';
import { groupMetricWarmupS, stillWarming } from './autoscaling/warmup.ts';
import { Lifecycle, type Instances } from './autoscaling/instances.ts';

interface PolicyAlarms {
  policy: ScalingPolicy;
  /** Target tracking: high and low; step and simple: `high` is the policy's alarm. */
  high: Alarm | null;
  low: Alarm | null;
}

const HOUR_S = 3600;
/** CloudWatch evaluates alarms with 10 s and 30 s periods every 10 s (CW-ALARM). */
const FINE_S = 10;

export class ScalingController {
  private readonly policies: PolicyAlarms[] = [];
  private readonly alarms: Alarm[] = [];
  private readonly kScheduled: number;
  /** The 10-s tick for high-resolution alarms; -1 when no alarm needs one (no per-tick work then). */
  private readonly kFine: number = -1;
  private readonly readsAgent: boolean;
  /**
   * What the policies read of each alarm's latest evaluation, copied into one record per alarm:
   * an evaluation kept until the next minute would outlive young-generation GCs every minute.
   */
  private readonly evaluations = new Map<Alarm, LatestEvaluation>();
  private readonly kPredictive: number;
  /**
   * The group's simple-scaling cooldown (AS-COOL): after an activity that changes the desired
   * capacity, no simple policy acts until its last instance is done and then the cooldown ends.
   */
  private waitingForActivity = false;
  private pendingCooldownS = 0;
  private cooldownUntilS = 0;
  /**
   * Per predictive metric, the load per hour (averaged over its minutes) and the running hour.
   * With basic monitoring a CPU datapoint comes every 5 minutes; the minutes between reuse `last`.
   */
  private readonly history = new Map<PredictiveScalingPolicy['metric'], { hourly: number[]; sum: number; samples: number; last: number }>();

  constructor(
    private readonly engine: Engine,
    private readonly scenario: GroupScenario,
    private readonly group: AutoScalingGroup,
    private readonly cloudWatch: CloudWatchPublisher,
    private readonly instances: Instances,
    private readonly log: EventLog,
  ) {
    const store = cloudWatch.store;
    const settings = scenario.cloudWatch;
    for (const policy of scenario.autoScaling.policies) {
      const entry: PolicyAlarms = { policy, high: null, low: null };
      if (policy.type === 'TargetTrackingScaling') {
        const metric = typeof policy.metric === 'string' ? predefinedMetricSpec(policy.metric) : policy.metric.customized;
        // The alarms' period follows the metric's granularity (5 minutes with EC2 basic monitoring).
        const periodS = targetTrackingPeriodS(metricGranularityS(metric, scenario.instance.detailedMonitoring));
        const specs = targetTrackingAlarms(
          { metric: policy.metric, targetValue: policy.targetValue, disableScaleIn: policy.disableScaleIn },
          { highDatapoints: settings.targetTrackingHighDatapoints, lowDatapoints: settings.targetTrackingLowDatapoints, lowRatio: settings.targetTrackingLowRatio, periodS },
        );
        const key = cloudWatch.keyFor(metric.namespace, metric.metric, metric.dimension);
        const mathKeys = specs.high.math?.metrics.map((m) => cloudWatch.keyFor(m.namespace, m.metric, m.dimension));
        const options = mathKeys ? { mathKeys } : {};
        entry.high = new Alarm(targetTrackingAlarmName(group.name, 'High', policy.name), specs.high, store, key, options);
        if (specs.low) entry.low = new Alarm(targetTrackingAlarmName(group.name, 'Low', policy.name), specs.low, store, key, options);
      } else if (policy.type === 'StepScaling' || policy.type === 'SimpleScaling') {
        const a = policy.alarm;
        const mathKeys = a.math?.metrics.map((m) => cloudWatch.keyFor(m.namespace, m.metric, m.dimension));
        entry.high = new Alarm(`${policy.name}-alarm`, a, store, cloudWatch.keyFor(a.namespace, a.metric, a.dimension), mathKeys ? { mathKeys } : {});
      }
      for (const a of [entry.high, entry.low]) if (a) this.alarms.push(a);
      if (policy.type === 'PredictiveScaling' && !this.history.has(policy.metric)) this.history.set(policy.metric, { hourly: [], sum: 0, samples: 0, last: 0 });
      this.policies.push(entry);
    }
    // Each policy counts warming instances with its own warm-up; the one group metric leaves an
    // instance out for the longest of them (see autoscaling/warmup.ts).
    const warmups = scenario.autoScaling.policies.flatMap((p) => ('estimatedInstanceWarmupS' in p ? [p.estimatedInstanceWarmupS] : []));
    group.warmupS = groupMetricWarmupS(scenario.autoScaling.defaultInstanceWarmupS, warmups);
    group.onActivityDone = () => this.activityDone();

    this.kScheduled = engine.register((i) => this.runScheduled(i));
    this.readsAgent = readsAgent(scenario);
    if (this.readsAgent || this.alarms.some((a) => a.evaluationIntervalS === FINE_S)) this.kFine = engine.register(() => this.fineTick());
    this.kPredictive = engine.register((i, hour) => this.runPredictive(i, hour));
  }

  /** Whether any policy reads CloudWatch (scheduled actions do not). */
  get hasPolicies(): boolean {
    return this.policies.length > 0;
  }

  start(): void {
    if (this.kFine >= 0 && FINE_S <= this.scenario.durationS) this.engine.schedule(FINE_S, this.kFine);
    this.scenario.autoScaling.scheduledActions.forEach((action, i) => this.scheduleAction(action, i, -1));
    this.policies.forEach((p, i) => {
      if (p.policy.type === 'PredictiveScaling') this.schedulePredictive(i, p.policy, 25);
    });
  }

  /** Once a minute, after the metrics for the minute are published: every alarm, then every policy whose alarm is in ALARM. */
  minute(nowS: number): void {
    this.recordLoad(nowS);
    if (this.readsAgent) this.cloudWatch.publishAgent(nowS);
    for (const alarm of this.alarms) this.evaluate(alarm, nowS);
    if (this.group.suspended('AlarmNotification')) return;
    this.decide(nowS, null);
  }

  private evaluate(alarm: Alarm, nowS: number): AlarmEvaluation {
    const e = alarm.evaluate(nowS);
    let latest = this.evaluations.get(alarm);
    if (!latest) this.evaluations.set(alarm, (latest = { state: e.state, values: new Float64Array(e.points.length), present: new Uint8Array(e.points.length) }));
    latest.state = e.state;
    for (let j = 0; j < e.points.length; j++) {
      const v = e.points[j];
      latest.present[j] = v === null || v === undefined ? 0 : 1;
      latest.values[j] = v ?? 0;
    }
    if (e.changed) this.log.add(nowS, 'alarm', { name: alarm.name, state: e.state });
    return e;
  }

  /**
   * Every 10 s between the minutes, only when a high-resolution alarm exists: the agent's
   * datapoint, then the alarms with 10 s or 30 s periods, which CloudWatch evaluates every 10 s
   * (CW-ALARM). An alarm entering ALARM invokes its policy at once; while it stays there, the
   * policy is re-invoked with the others on the minute.
   */
  private fineTick(): void {
    const nowS = this.engine.now;
    if (nowS + FINE_S <= this.scenario.durationS) this.engine.schedule(nowS + FINE_S, this.kFine);
    if (Math.abs(nowS / 60 - Math.round(nowS / 60)) < 1e-9) return; // the minute tick does this one
    if (this.readsAgent) this.cloudWatch.publishAgent(nowS);
    let invoked: Set<PolicyAlarms> | null = null;
    for (const entry of this.policies) {
      const alarm = entry.high;
      if (alarm === null || alarm.evaluationIntervalS !== FINE_S) continue;
      const e = this.evaluate(alarm, nowS);
      if (e.changed && e.state === 'ALARM') (invoked ??= new Set()).add(entry);
    }
    if (invoked !== null && !this.group.suspended('AlarmNotification')) this.decide(nowS, invoked);
  }

  /** Each policy (all, or those `only` names) proposes a capacity from its alarms' latest evaluations; the winner acts. */
  private decide(nowS: number, only: Set<PolicyAlarms> | null): void {
    const evaluations = this.evaluations;
    const current = this.group.desired;
    const decisions: { decision: ScalingDecision; alarm: Alarm | null; entry: PolicyAlarms }[] = [];
    for (const entry of this.policies) {
      if (only !== null && !only.has(entry)) continue;
      const { policy } = entry;
      const high = entry.high ? evaluations.get(entry.high)! : null;
      const low = entry.low ? evaluations.get(entry.low)! : null;
      if (policy.type === 'TargetTrackingScaling') {
        const firing = high?.state === 'ALARM' ? high : low?.state === 'ALARM' ? low : null;
        // Out: the newest datapoint, to scale out as fast as it can. In: the highest of the
        // datapoints the low alarm evaluated, so the group scales in "more gradually" (AS-TT) and
        // only to a capacity that would have kept every one of them under the target.
        const metric = firing === null ? null : firing === high ? newest(firing) : highestEvaluated(firing, entry.low!.spec.evaluationPeriods);
        const decision =
          firing && metric !== null
            ? targetTrackingDecision(policy, metric, current, this.warmingCapacity(nowS, policy.estimatedInstanceWarmupS), policy.metric === 'ALBRequestCountPerTarget')
            : holdDecision(policy, current, 'no alarm in ALARM');
        decisions.push({ decision, alarm: firing === high ? entry.high : entry.low, entry });
      } else if (policy.type === 'StepScaling') {
        if (high?.state !== 'ALARM') continue;
        const points = realPoints(high).slice(-policy.alarm.datapointsToAlarm);
        const value = aggregateMetric(points, policy.metricAggregationType);
        if (value !== null) decisions.push({ decision: stepScalingDecision(policy, value, current, this.warmingCapacity(nowS, policy.estimatedInstanceWarmupS)), alarm: entry.high, entry });
      } else if (policy.type === 'SimpleScaling') {
        if (high?.state !== 'ALARM' || this.inCooldown(nowS)) continue;
        decisions.push({ decision: simpleScalingDecision(policy, current), alarm: entry.high, entry });
      }
    }
    const winner = combineDecisions(decisions.map((d) => d.decision));
    if (!winner || winner.desiredCapacity === current) return;
    const chosen = decisions.find((d) => d.decision === winner)!;
    const target = this.group.clamp(winner.desiredCapacity);
    if (target === current) return;
    this.group.setDesired(target, alarmCause(nowS, chosen.alarm?.name ?? winner.policyName, winner.policyName, current, target), winner.policyName);
    this.startCooldown(chosen.entry.policy.type === 'SimpleScaling' ? chosen.entry.policy.cooldownS : this.scenario.autoScaling.defaultCooldownS);
  }

  /** The end of the group's cooldown at `nowS`: Infinity while its activity is under way, null when none runs (SetDesiredCapacity's HonorCooldown reads it). */
  cooldownEnd(nowS: number): number | null {
    if (this.waitingForActivity) return Infinity;
    return nowS < this.cooldownUntilS ? this.cooldownUntilS : null;
  }

  /** Whether simple scaling policies must wait: an activity is under way, or its cooldown has not ended (AS-COOL). */
  private inCooldown(nowS: number): boolean {
    return this.waitingForActivity || nowS < this.cooldownUntilS;
  }

  /**
   * A scaling activity changed the desired capacity: the group's cooldown starts when its last
   * instance is done (AS-COOL), with the simple policy's own Cooldown if one started it, else
   * the group's DefaultCooldown. One cooldown for the whole group, as AWS has it.
   */
  startCooldown(cooldownS: number): void {
    this.waitingForActivity = true;
    this.pendingCooldownS = cooldownS;
    this.activityDone();
  }

  /**
   * Pending instances and InService ones still in a warm-up of `warmupS` (the policy's own;
   * AS-DIW). `warmupEndS` is the group's longest warm-up, so it only rules out instances that
   * never warm up (the fleet at time 0).
   */
  private warmingCapacity(nowS: number, warmupS: number): number {
    const t = this.instances;
    // With weighted instance types, capacity is in units, as the desired capacity is.
    const mixed = this.group.mixed?.weighted ? this.group.mixed : null;
    let n = 0;
    for (let k = 0; k < t.liveCount; k++) {
      const i = t.live[k]!;
      const state = t.lifecycle[i];
      const warming = state === Lifecycle.Pending || state === Lifecycle.PendingWait || (state === Lifecycle.InService && t.warmupEndS[i]! > nowS && stillWarming(t.inServiceS[i]!, warmupS, nowS));
      if (warming) n += mixed ? mixed.units(i) : 1;
    }
    return n;
  }

  /** The group's cooldown starts when its activity's last instance finishes (AS-COOL). */
  private activityDone(): void {
    if (!this.waitingForActivity) return;
    const t = this.instances;
    if (t.inState(Lifecycle.Pending) + t.inState(Lifecycle.PendingWait) + t.inState(Lifecycle.Terminating) + t.inState(Lifecycle.TerminatingWait) > 0) return;
    this.waitingForActivity = false;
    this.cooldownUntilS = this.engine.now + this.pendingCooldownS;
  }

  private scheduleAction(action: ScheduledAction, i: number, afterS: number): void {
    const at = nextActionS(action, afterS);
    if (at !== null && at <= this.scenario.durationS) this.engine.schedule(at, this.kScheduled, i);
  }

  private runScheduled(i: number): void {
    const action = this.scenario.autoScaling.scheduledActions[i]!;
    const now = this.engine.now;
    if (action.recurrence !== null) this.scheduleAction(action, i, now);
    if (this.group.suspended('ScheduledActions')) return;
    const g = this.group;
    const from = g.desired;
    g.setLimits(action.minSize, action.maxSize);
    const to = g.clamp(action.desiredCapacity ?? g.desired);
    const cause = scheduledActionCause(now, { minSize: g.minSize, maxSize: g.maxSize, desiredCapacity: to }, from, to);
    if (to === from) {
      if (action.minSize !== null || action.maxSize !== null) this.log.add(now, 'scaling', { name: action.name, group: this.group.name, cause });
      return;
    }
    g.setDesired(to, cause, action.name);
    this.startCooldown(this.scenario.autoScaling.defaultCooldownS);
  }

  // Predictive scaling: act `schedulingBufferTime` before each hour, from the forecast made at the last 6-hour refresh.
  private schedulePredictive(i: number, policy: PredictiveScalingPolicy, hour: number): void {
    const at = Math.max(predictiveActionTimeS(hour, policy.schedulingBufferTimeS), this.engine.now);
    if (at <= this.scenario.durationS) this.engine.schedule(at, this.kPredictive, i, hour);
  }

  private runPredictive(i: number, hour: number): void {
    const policy = this.policies[i]!.policy as PredictiveScalingPolicy;
    this.schedulePredictive(i, policy, hour + 1);
    const now = this.engine.now;
    const history = this.history.get(policy.metric)!.hourly.slice(0, historyHoursAt(now));
    const forecast = forecastCapacity(history, hour, policy.targetValue);
    if (forecast === null || policy.mode !== 'ForecastAndScale') return;
    const g = this.group;
    const { desiredCapacity, maxSize } = predictiveDesired(forecast, g.desired, {
      maxSize: g.maxSize,
      maxCapacityBreachBehavior: policy.maxCapacityBreachBehavior,
      maxCapacityBufferPct: policy.maxCapacityBuffer,
    });
    g.setLimits(null, maxSize);
    if (desiredCapacity > g.desired) {
      g.setDesired(desiredCapacity, predictiveCause(now, policy.name, hour * HOUR_S, g.desired, desiredCapacity), policy.name);
      this.startCooldown(this.scenario.autoScaling.defaultCooldownS);
    }
  }

  /**
   * The load the forecast learns from, sampled every minute, for each predictive metric in use:
   * for CPU the sum of CPU % over the InService instances, for requests the requests per minute.
   * Divided by the target value it gives the capacity that would have held the target.
   */
  private recordLoad(nowS: number): void {
    const store = this.cloudWatch.store;
    for (const [metric, h] of this.history) {
      const load =
        metric === 'ALBRequestCountPerTarget'
          ? (store.query(this.cloudWatch.keyFor('AWS/ApplicationELB', 'RequestCount'), 'Sum', nowS - 60, nowS, Infinity) ?? 0)
          : (store.query(this.cloudWatch.keyFor('AWS/EC2', 'CPUUtilization'), 'Sum', nowS - this.cloudWatch.cpuIntervalS, nowS, Infinity) ?? h.last);
      h.last = load;
      h.sum += load;
      h.samples++;
      if (nowS % HOUR_S < 1e-9) {
        h.hourly.push(h.samples > 0 ? h.sum / h.samples : 0);
        h.sum = 0;
        h.samples = 0;
      }
    }
  }
}

/** An alarm's latest state and datapoints (the evaluation range, oldest first; `present` 0 = missing). */
interface LatestEvaluation {
  state: AlarmState;
  values: Float64Array;
  present: Uint8Array;
}

/** The newest datapoint of an evaluation, or null if all are missing. */
function newest(e: LatestEvaluation): number | null {
  for (let i = e.values.length - 1; i >= 0; i--) if (e.present[i] === 1) return e.values[i]!;
  return null;
}

/** The highest of the newest `n` real datapoints (those an alarm with N = n evaluates), or null if none. */
function highestEvaluated(e: LatestEvaluation, n: number): number | null {
  let best: number | null = null;
  let seen = 0;
  for (let i = e.values.length - 1; i >= 0 && seen < n; i--) {
    if (e.present[i] !== 1) continue;
    const v = e.values[i]!;
    seen++;
    if (best === null || v > best) best = v;
  }
  return best;
}

/** The real (not missing) datapoints of an evaluation, oldest first. */
function realPoints(e: LatestEvaluation): number[] {
  const out: number[] = [];
  for (let i = 0; i < e.values.length; i++) if (e.present[i] === 1) out.push(e.values[i]!);
  return out;
}

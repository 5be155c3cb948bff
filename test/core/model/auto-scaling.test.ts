/**
 * EC2 Auto Scaling in whole runs: timing of target tracking against its alarms, the group's
 * lifecycle (drain, hooks, warm pool, health replacement, AZ rebalance), scheduled actions and
 * simple scaling's cooldown. Sources: AS-TT, AS-COOL, AS-HC, AS-HOOK, AS-WP, AS-BEN, AS-SCHED.
 */
import { describe, expect, it } from 'vitest';
import { simulate } from '../../../core/index.ts';
import type { RunResult, Scenario } from '../../../core/index.ts';
import { buildScenario, type FileMapping } from '../../support/build.ts';

const cpu50 = {
  type: 'TargetTrackingScaling',
  name: 'cpu-50',
  metric: 'ASGAverageCPUUtilization',
  targetValue: 50,
  disableScaleIn: false,
  estimatedInstanceWarmup: '2m',
};

const cloudWatch = (publicationDelay: number) => ({ publicationDelay, targetTrackingHighDatapoints: 3, targetTrackingLowDatapoints: 15, targetTrackingLowRatio: 0.9 });

/** Load steps from 100 to 400 req/s at `upS` and back at `downS`; 4 instances of 4 slots x 50 ms (about 31 % CPU at 100 req/s). */
function stepLoad(upS: number, downS: number, extra: FileMapping = {}): Scenario {
  return buildScenario(
    {
      duration: downS + 40 * 60,
      traffic: { rate: [[0, 100], [upS, 100], [upS + 0.001, 400], [downS, 400], [downS + 0.001, 100]], arrivals: 'poisson', clients: 1000 },
      autoScaling: { minSize: 2, maxSize: 20, desiredCapacity: 4, policies: [cpu50] },
      instance: { concurrency: 4, queueLimit: 100, serviceTime: { distribution: 'exponential', mean: '50ms' }, detailedMonitoring: true },
    },
    extra,
  );
}

const scaling = (r: RunResult) => r.events.filter((e) => e.kind === 'scaling');
const firstScaling = (r: RunResult, fromS: number, word: RegExp) => scaling(r).find((e) => e.timeS >= fromS && word.test(e.detail));

describe('target tracking timing (alarm shapes 3 of 3 above, 15 of 15 below 90 % of target)', () => {
  const upS = 1200;
  const downS = 3600;
  for (const delay of [0, 60]) {
    const r = simulate(stepLoad(upS, downS, { cloudWatch: cloudWatch(delay) }));

    it(`publication delay ${delay} s: the first scale-out comes 3 datapoints after the step, not sooner (within one more minute)`, () => {
      const out = firstScaling(r, upS, /AlarmHigh/)!;
      expect(out).toBeDefined();
      // The minute containing the step is the first breaching datapoint; it is evaluated when it ends.
      const earliest = Math.ceil(upS / 60) * 60 + 2 * 60 + delay;
      expect(out.timeS).toBeGreaterThanOrEqual(earliest);
      expect(out.timeS).toBeLessThanOrEqual(earliest + 60);
      expect(r.events.find((e) => e.kind === 'alarm' && e.subject.includes('AlarmHigh') && e.detail === 'ALARM')!.timeS).toBe(out.timeS);
    });

    it(`publication delay ${delay} s: scale-in waits for 15 datapoints below 45 % after the load drops`, () => {
      const inn = firstScaling(r, downS, /AlarmLow/)!;
      expect(inn).toBeDefined();
      expect(inn.timeS).toBeGreaterThanOrEqual(downS + 14 * 60 + delay);
      expect(inn.timeS).toBeLessThanOrEqual(downS + 17 * 60 + delay);
    });
  }

  it('sizes the scale-out from metric / target: 400 req/s x 50 ms on 4-slot instances at 50 % needs about 10 instances', () => {
    const r = simulate(stepLoad(upS, downS, { cloudWatch: cloudWatch(60) }));
    const ts = r.timeseries;
    const i = ts.time_s.findIndex((t) => t === downS);
    expect(ts.desired_capacity[i]).toBeGreaterThanOrEqual(10);
    expect(ts.desired_capacity[i]).toBeLessThanOrEqual(12);
    expect(ts.cpu_avg_pct[i]).toBeGreaterThan(40);
    expect(ts.cpu_avg_pct[i]).toBeLessThan(55);
  });

  it('the same seed gives the same scaling history; another seed a different one', () => {
    const s = stepLoad(upS, downS);
    const a = JSON.stringify(simulate(s, { seed: 3 }).events);
    expect(JSON.stringify(simulate(s, { seed: 3 }).events)).toBe(a);
    expect(JSON.stringify(simulate(s, { seed: 4 }).events)).not.toBe(a);
  });
});

describe('the group lifecycle', () => {
  it('scale-in drains each instance for at most the deregistration delay; requests still in flight then get 502', () => {
    const r = simulate(stepLoad(600, 1800, { loadBalancer: { targetGroup: { deregistrationDelay: '20s' } } }));
    const drains = r.events.filter((e) => e.kind === 'drain');
    expect(drains.length).toBeGreaterThan(0);
    for (const d of drains) {
      const dereg = r.events.find((e) => e.kind === 'deregister' && e.subject === d.subject && e.timeS >= d.timeS)!;
      const term = r.events.find((e) => e.kind === 'terminate' && e.subject === d.subject)!;
      expect(term.timeS).toBe(dereg.timeS);
      if (dereg.detail.startsWith('drained')) expect(dereg.timeS - d.timeS).toBeLessThanOrEqual(20);
      else expect(dereg.timeS - d.timeS).toBeCloseTo(20, 9);
    }
  });

  it('desired capacity stays within [min, max], and the fleet never exceeds max', () => {
    const r = simulate(stepLoad(600, 2400, { autoScaling: { maxSize: 7 } }));
    const ts = r.timeseries;
    for (let i = 0; i < ts.time_s.length; i++) {
      expect(ts.desired_capacity[i]).toBeGreaterThanOrEqual(2);
      expect(ts.desired_capacity[i]).toBeLessThanOrEqual(7);
      expect(ts.in_service[i]! + ts.pending[i]!).toBeLessThanOrEqual(7);
    }
    expect(Math.max(...ts.desired_capacity)).toBe(7);
  });

  it('health-check type ELB: an instance the load balancer marks unhealthy is terminated after the grace period, then replaced', () => {
    const r = simulate(
      buildScenario({
        duration: 1800,
        autoScaling: { healthCheckType: 'ELB', healthCheckGracePeriod: '5m' },
        faults: [{ at: 600, action: 'fail-target', count: 1 }],
      }),
    );
    const victim = r.events.find((e) => e.kind === 'fault')!.subject;
    const unhealthy = r.events.find((e) => e.kind === 'health' && e.subject === victim && e.detail === 'unhealthy')!;
    const replaced = r.events.find((e) => e.kind === 'scaling' && e.subject === victim)!;
    expect(replaced.detail).toMatch(/ELB system health check failure/);
    expect(replaced.timeS - unhealthy.timeS).toBeLessThanOrEqual(10); // the group checks every 10 s
    const terminated = r.events.find((e) => e.kind === 'terminate' && e.subject === victim)!;
    const relaunch = r.events.find((e) => e.kind === 'launch' && e.timeS >= terminated.timeS)!;
    expect(relaunch.timeS).toBe(terminated.timeS); // terminate first, then launch
    expect(r.timeseries.in_service.at(-1)).toBe(4);
  });

  it('health-check type EC2 (the default) leaves a failed but running instance alone', () => {
    const r = simulate(buildScenario({ duration: 1200, faults: [{ at: 300, action: 'fail-target', count: 1 }] }));
    expect(r.events.filter((e) => e.kind === 'terminate')).toEqual([]);
  });

  it('a launch lifecycle hook holds the instance in Pending:Wait until its action completes; ABANDON terminates and replaces it', () => {
    // completesAfter null: the hook never completes, so its heartbeat timeout decides.
    const hook = (completesAfter: number | null) =>
      buildScenario({
        duration: 1200,
        autoScaling: {
          lifecycleHooks: [{ name: 'bootstrap', transition: 'autoscaling:EC2_INSTANCE_LAUNCHING', heartbeatTimeout: '5m', defaultResult: 'ABANDON', completesAfter }],
        },
        faults: [{ at: 100, action: 'terminate-target', count: 1 }],
      });
    const ok = simulate(hook(120));
    const launched = ok.events.find((e) => e.kind === 'launch' && e.timeS === 100)!;
    const inService = ok.events.find((e) => e.kind === 'in_service' && e.subject === launched.subject)!;
    expect(inService.timeS).toBe(100 + 60 + 120); // boot 60 s, then the hook's 120 s
    const abandoned = simulate(hook(null));
    const first = abandoned.events.find((e) => e.kind === 'launch' && e.timeS === 100)!;
    const gone = abandoned.events.find((e) => e.kind === 'terminate' && e.subject === first.subject)!;
    expect(gone.timeS).toBe(100 + 60 + 300);
    expect(abandoned.events.some((e) => e.kind === 'launch' && e.timeS === gone.timeS)).toBe(true);
  });

  it('a warm pool serves scale-outs with a warm start, and bills stopped pool instances for nothing', () => {
    // No maxGroupPreparedCapacity: the pool is sized up to the group's maxSize.
    const warmPool = { minSize: 0, poolState: 'Stopped', reuseOnScaleIn: false, warmStartTime: '20s' };
    const pooled = stepLoad(600, 1800, { autoScaling: { maxSize: 14, warmPool } });
    const r = simulate(pooled);
    const warmStarts = r.events.filter((e) => e.kind === 'warm_pool' && e.detail.startsWith('leaves'));
    expect(warmStarts.length).toBeGreaterThan(0);
    for (const w of warmStarts) {
      const up = r.events.find((e) => e.kind === 'in_service' && e.subject === w.subject && e.timeS >= w.timeS)!;
      expect(up.timeS - w.timeS).toBe(20);
    }
    const plain = simulate(stepLoad(600, 1800, { autoScaling: { maxSize: 14 } }));
    // Stopped pool instances cost nothing until they leave the pool.
    expect(Math.abs(r.summary.instanceHours - plain.summary.instanceHours)).toBeLessThan(0.25 * plain.summary.instanceHours);
  });

  it('a zone that fails is avoided for launches; after it recovers AZRebalance evens the zones, briefly exceeding max by at most 10 % or one', () => {
    const r = simulate(
      buildScenario({
        duration: 3600,
        zones: ['us-east-1a', 'us-east-1b'],
        autoScaling: { minSize: 4, maxSize: 4, desiredCapacity: 4, healthCheckType: 'ELB' },
        faults: [{ at: 300, action: 'fail-zone', zone: 'us-east-1b', for: 900 }],
      }),
    );
    const launchesDuringOutage = r.events.filter((e) => e.kind === 'launch' && e.timeS > 300 && e.timeS < 1200);
    expect(launchesDuringOutage.length).toBe(2);
    launchesDuringOutage.forEach((e) => expect(e.detail).toBe('us-east-1a'));
    expect(r.events.some((e) => e.kind === 'scaling' && /balancing the group's zones/.test(e.detail))).toBe(true);
    const last = r.summary.targets.filter((t) => t.terminateS === null);
    expect(last.filter((t) => t.zone === 'us-east-1a').length).toBe(2);
    expect(last.filter((t) => t.zone === 'us-east-1b').length).toBe(2);
    const ts = r.timeseries;
    for (let i = 0; i < ts.time_s.length; i++) expect(ts.in_service[i]! + ts.pending[i]!).toBeLessThanOrEqual(4 + 1);
  });

  it('a scheduled action sets min, max and desired at its time (cron recurrences too)', () => {
    const r = simulate(
      buildScenario({
        duration: '3h',
        autoScaling: {
          minSize: 2,
          maxSize: 10,
          desiredCapacity: 4,
          scheduledActions: [
            { name: 'morning', at: '1h', desiredCapacity: 8 },
            { name: 'every-2h', recurrence: '30 */2 * * *', desiredCapacity: 3 },
          ],
        },
      }),
    );
    const acts = scaling(r).map((e) => [e.timeS, e.subject, e.detail.match(/from \d+ to \d+/)?.[0]]);
    expect(acts).toEqual([
      [1800, 'every-2h', 'from 4 to 3'],
      [3600, 'morning', 'from 3 to 8'],
      [9000, 'every-2h', 'from 8 to 3'],
    ]);
  });

  it('simple scaling waits for its activity to finish and then the cooldown before acting again', () => {
    const r = simulate(
      stepLoad(600, 5000, {
        duration: 3600,
        autoScaling: {
          policies: [
            {
              type: 'SimpleScaling',
              name: 'add-one',
              adjustmentType: 'ChangeInCapacity',
              scalingAdjustment: 1,
              cooldown: '5m',
              alarm: { namespace: 'AWS/EC2', metric: 'CPUUtilization', statistic: 'Average', period: 60, evaluationPeriods: 2, datapointsToAlarm: 2, threshold: 60, comparisonOperator: 'GreaterThanThreshold', treatMissingData: 'missing' },
            },
          ],
        },
      }),
    );
    const acts = scaling(r);
    expect(acts.length).toBeGreaterThan(2);
    for (let k = 1; k < acts.length; k++) {
      const prevLaunch = r.events.find((e) => e.kind === 'launch' && e.timeS === acts[k - 1]!.timeS)!;
      const prevUp = r.events.find((e) => e.kind === 'in_service' && e.subject === prevLaunch.subject)!;
      expect(acts[k]!.timeS).toBeGreaterThanOrEqual(prevUp.timeS + 300);
    }
  });

  it('a termination lifecycle hook holds a scaled-in instance in Terminating:Wait after it drains', () => {
    const r = simulate(
      stepLoad(600, 1800, {
        autoScaling: {
          lifecycleHooks: [{ name: 'flush-logs', transition: 'autoscaling:EC2_INSTANCE_TERMINATING', heartbeatTimeout: '10m', defaultResult: 'CONTINUE', completesAfter: '45s' }],
        },
      }),
    );
    const deregs = r.events.filter((e) => e.kind === 'deregister');
    expect(deregs.length).toBeGreaterThan(0);
    for (const d of deregs) {
      const term = r.events.find((e) => e.kind === 'terminate' && e.subject === d.subject);
      if (term) expect(term.timeS - d.timeS).toBeCloseTo(45, 9);
    }
  });
});

describe('step scaling on TargetResponseTime p99 (the contract example)', () => {
  it('picks the step from the p99 CloudWatch sees, which agrees with the time series', () => {
    const r = simulate(
      buildScenario({
        duration: 1800,
        traffic: { rate: [[0, 30], [1200, 150]], arrivals: 'poisson', clients: 1000 },
        cloudWatch: cloudWatch(0),
        autoScaling: {
          minSize: 2,
          maxSize: 12,
          desiredCapacity: 2,
          policies: [
            {
              type: 'StepScaling',
              name: 'latency-steps',
              adjustmentType: 'ChangeInCapacity',
              metricAggregationType: 'Average',
              estimatedInstanceWarmup: '2m',
              alarm: { namespace: 'AWS/ApplicationELB', metric: 'TargetResponseTime', statistic: 'p99', period: 60, evaluationPeriods: 3, datapointsToAlarm: 2, threshold: 0.5, comparisonOperator: 'GreaterThanThreshold', treatMissingData: 'missing' },
              stepAdjustments: [
                { lowerBound: 0, upperBound: 0.5, scalingAdjustment: 1 },
                { lowerBound: 0.5, scalingAdjustment: 3 },
              ],
            },
          ],
        },
      }),
    );
    const first = r.events.find((e) => e.kind === 'scaling')!;
    const k = r.timeseries.time_s.indexOf(first.timeS);
    // The step uses the average of the two newest datapoints (metricAggregationType Average over M = 2).
    const p99s = [r.timeseries.latency_p99_ms[k - 1]!, r.timeseries.latency_p99_ms[k]!].map((ms) => ms / 1000);
    const avg = (p99s[0]! + p99s[1]!) / 2;
    expect(avg).toBeGreaterThan(0.5);
    expect(first.detail).toMatch(avg >= 1.0 ? /from 2 to 5\./ : /from 2 to 3\./);
  });
});

describe('predictive scaling (ForecastAndScale)', () => {
  // Two days of a cycle: 40 req/s at night, 300 req/s from 10:00 to 14:00.
  const rate: [number, number][] = [];
  for (let day = 0; day < 2; day++) {
    rate.push([day * 86400, 40], [day * 86400 + 36000, 40], [day * 86400 + 36000.001, 300], [day * 86400 + 50400, 300], [day * 86400 + 50400.001, 40]);
  }
  const r = simulate(
    buildScenario({
      duration: '2d',
      period: '5m',
      traffic: { rate, arrivals: 'poisson', clients: 1000 },
      autoScaling: {
        minSize: 2,
        maxSize: 20,
        desiredCapacity: 2,
        policies: [
          // Request counts are not capped by a saturated fleet, as CPU would be on day 1.
          { type: 'PredictiveScaling', name: 'forecast', metric: 'ALBRequestCountPerTarget', targetValue: 2400, mode: 'ForecastAndScale', schedulingBufferTime: '5m', maxCapacityBreachBehavior: 'HonorMaxCapacity' },
        ],
      },
      instance: { concurrency: 4, serviceTime: { distribution: 'exponential', mean: '50ms' }, detailedMonitoring: true },
    }),
  );
  const predictive = r.events.filter((e) => e.kind === 'scaling' && e.subject === 'forecast');

  it('does nothing on day 1 (under 24 h of history), then raises capacity 5 minutes before the busy hours of day 2', () => {
    expect(predictive.length).toBeGreaterThan(0);
    expect(predictive.every((e) => e.timeS >= 86400 - 300)).toBe(true);
    const first = predictive[0]!;
    expect(first.timeS).toBe(86400 + 36000 - 300); // 09:55 on day 2, ahead of the 10:00 step
    // 300 req/s = 18,000 requests a minute, at 2,400 per target: 7.5, rounded up to 8 instances.
    expect(first.detail).toMatch(/from 2 to 8\./);
  });

  it('never scales in', () => {
    for (const e of predictive) {
      const [, from, to] = e.detail.match(/from (\d+) to (\d+)/)!;
      expect(Number(to)).toBeGreaterThan(Number(from));
    }
  });
});


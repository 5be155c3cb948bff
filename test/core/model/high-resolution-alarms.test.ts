/**
 * High-resolution alarms in whole runs (CW-ALARM: alarms with 10 s or 30 s periods are
 * evaluated every 10 s; CW-PUB: high-resolution metrics). The CloudWatch agent's CPU metric comes
 * every 10 s; a step policy on it reacts within seconds where a one-minute alarm takes minutes.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { simulate } from '../../../core/index.ts';
import type { RunResult } from '../../../core/index.ts';
import { scenarioFromYaml } from '../../support/scenario.ts';

const TEN_S = '{ namespace: CWAgent, metric: cpu_usage_active, statistic: Average, period: 10s, evaluationPeriods: 3, threshold: 60, comparisonOperator: GreaterThanThreshold }';
const THIRTY_S = '{ namespace: CWAgent, metric: cpu_usage_active, statistic: Average, period: 30s, evaluationPeriods: 2, threshold: 60, comparisonOperator: GreaterThanThreshold }';
const ONE_MIN = '{ namespace: AWS/EC2, metric: CPUUtilization, statistic: Average, period: 60s, evaluationPeriods: 3, threshold: 60, comparisonOperator: GreaterThanThreshold }';

/** Three instances serving about 60 req/s; traffic goes from 30 to 100 req/s at `spikeS`. */
function spike(alarm: string, spikeS: number, duration = 1500): string {
  return `
name: spike
duration: ${duration}
zones: [us-east-1a, us-east-1b, us-east-1c]
traffic: { rate: [[0, 30], [${spikeS}, 30], [${spikeS + 0.001}, 100], [${duration}, 100]] }
loadBalancer: { type: application }
autoScaling:
  minSize: 3
  maxSize: 12
  desiredCapacity: 3
  defaultInstanceWarmup: 60s
  policies:
    - name: out
      type: StepScaling
      adjustmentType: ChangeInCapacity
      alarm: ${alarm}
      stepAdjustments: [{ lowerBound: 0, scalingAdjustment: 2 }]
instance:
  concurrency: 4
  queueLimit: 50
  serviceTime: { distribution: exponential, mean: 200ms }
  detailedMonitoring: true
`;
}

const alarmEvents = (r: RunResult) => r.events.filter((e) => e.kind === 'alarm');
const firstAlarm = (r: RunResult, fromS: number) => alarmEvents(r).find((e) => e.detail === 'ALARM' && e.timeS >= fromS);
const firstScaling = (r: RunResult) => r.events.find((e) => e.kind === 'scaling');

describe('alarms with 10 s and 30 s periods are evaluated every 10 s', () => {
  it('property: a 10 s alarm changes state on 10-s boundaries and reacts 20–60 s after a spike at any time; its policy acts at once', () => {
    fc.assert(
      fc.property(fc.integer({ min: 300, max: 900 }), fc.integer({ min: 0, max: 999 }), (spikeS, ms) => {
        const at = spikeS + ms / 1000;
        const r = simulate(scenarioFromYaml(spike(TEN_S, at, Math.ceil(at) + 240)));
        for (const e of alarmEvents(r)) expect(e.timeS % 10).toBe(0);
        const alarm = firstAlarm(r, at)!;
        expect(alarm).toBeDefined();
        // 2 or 3 breaching 10-s periods, visible 10 s after each ends, seen at the next 10-s evaluation.
        expect(alarm.timeS - at).toBeGreaterThanOrEqual(20);
        expect(alarm.timeS - at).toBeLessThanOrEqual(60);
        expect(firstScaling(r)!.timeS).toBe(alarm.timeS);
      }),
      { numRuns: 12 },
    );
  });

  it('a 30 s alarm is also evaluated between the minutes (2 of 2 thirty-second periods)', () => {
    const r = simulate(scenarioFromYaml(spike(THIRTY_S, 600.5, 900)));
    const alarm = firstAlarm(r, 600)!;
    expect(alarm.timeS % 60).not.toBe(0);
    expect(alarm.timeS - 600.5).toBeLessThanOrEqual(90);
  });

  it('a one-minute alarm on the same spike changes state only on minutes and reacts minutes later', () => {
    const fast = simulate(scenarioFromYaml(spike(TEN_S, 600.5, 1200)));
    const slow = simulate(scenarioFromYaml(spike(ONE_MIN, 600.5, 1200)));
    for (const e of alarmEvents(slow)) expect(e.timeS % 60).toBe(0);
    const f = firstScaling(fast)!.timeS - 600.5;
    const s = firstScaling(slow)!.timeS - 600.5;
    expect(f).toBeLessThan(60);
    expect(s).toBeGreaterThanOrEqual(180);
    // Reacting sooner, the high-resolution policy leaves fewer requests to the full queues.
    expect(fast.summary.elb5xx['502']).toBeLessThan(slow.summary.elb5xx['502']);
  });
});

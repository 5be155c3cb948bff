/**
 * Judging `expect:` bounds: inclusive min and max, the share of replications that must hold
 * (19 of 20 meets 95 % exactly), and the PASS / FAIL lines with value and limit.
 */
import { describe, expect, it } from 'vitest';
import { CHECKABLE, formatVerdict, holds, judge } from '../../cli/expectations.ts';
import type { RunFigures } from '../../cli/run-figures.ts';
import { EXPECT_FIGURES } from '../../core/scenario/schema.ts';

const run = (latencyMsP99: number, elb5xxRate = 0): RunFigures => ({
  requests: 1000, responses2xx: 1000, elb5xx: 0, latencyMsMean: 50, latencyMsP50: 40, latencyMsP99,
  instanceHours: 1, cost: 0.085, capacityMax: 4, healthyHostsMin: 2, elb5xxRate,
  clientLatencyMsMean: 60, clientLatencyMsP50: 45, clientLatencyMsP99: latencyMsP99 + 10,
});

describe('expectations', () => {
  it('every figure an expect: block accepts can be checked', () => {
    expect([...CHECKABLE].sort()).toEqual([...EXPECT_FIGURES].sort());
  });

  it('bounds are inclusive', () => {
    expect([holds(300, { max: 300 }), holds(300.001, { max: 300 }), holds(2, { min: 2, max: 4 }), holds(1, { min: 2 })]).toEqual([true, false, true, false]);
  });

  it('one run: PASS or FAIL with the value and the limit', () => {
    expect(formatVerdict(judge('latencyMsP99', { max: 300 }, [run(252.178)], 100), 100)).toBe('PASS  latencyMsP99    252.178 ms  (max 300)\n');
    const fail = judge('elb5xxRate', { max: 0.001 }, [run(1, 0.00213)], 100);
    expect(fail.passed).toBe(false);
    expect(formatVerdict(fail, 100)).toBe('FAIL  elb5xxRate      0.00213 (0.213 %)  (max 0.001)\n');
  });

  it('20 replications, --min-pass 95: 19 holding passes, 18 fails; the first miss is kept for the replay', () => {
    const runs = (misses: number[]) => Array.from({ length: 20 }, (_, i) => run(misses.includes(i) ? 400 : 200));
    const nineteen = judge('latencyMsP99', { max: 300 }, runs([7]), 95);
    expect([nineteen.held, nineteen.passed, nineteen.firstMiss]).toEqual([19, true, 7]);
    const eighteen = judge('latencyMsP99', { max: 300 }, runs([3, 7]), 95);
    expect([eighteen.held, eighteen.passed, eighteen.firstMiss]).toEqual([18, false, 3]);
    expect(formatVerdict(eighteen, 95)).toBe(
      'FAIL  latencyMsP99    holds in 18 of 20 (90 %, at least 95 % required); 200.000 ms to 400.000 ms  (max 300)\n',
    );
    expect(judge('latencyMsP99', { max: 300 }, runs([]), 100).passed).toBe(true);
    expect(judge('latencyMsP99', { max: 300 }, runs([0]), 100).passed).toBe(false);
  });

  it('min and max together', () => {
    expect(formatVerdict(judge('capacityMax', { min: 2, max: 4 }, [run(1)], 100), 100)).toBe('PASS  capacityMax     4 instances  (min 2, max 4)\n');
  });
});

describe('expect: on client latency', () => {
  it('bounds what clients waited, failures included: in a zone outage 1,785 requests wait ~10 s for a 504, which moves the client mean (109.7 ms) but not the mean of successes (60.2 ms)', async () => {
    const { readFileSync } = await import('node:fs');
    const { parseScenario, simulate } = await import('../../core/index.ts');
    const { runFigures } = await import('../../cli/run-figures.ts');
    const parsed = parseScenario(readFileSync('scenarios/zone-outage-cross-zone-on.yaml', 'utf8'), 'zone-outage-cross-zone-on.yaml');
    if (!parsed.ok) throw new Error('invalid bundled scenario');
    const figures = runFigures(simulate(parsed.scenario));
    expect(judge('latencyMsMean', { max: 80 }, [figures], 100).passed).toBe(true);
    expect(judge('clientLatencyMsMean', { max: 80 }, [figures], 100).passed).toBe(false);
    expect(figures.clientLatencyMsMean).toBeCloseTo(109.704, 1);
    expect(formatVerdict(judge('clientLatencyMsMean', { max: 80 }, [figures], 100), 100)).toMatch(/FAIL.*clientLatencyMsMean.*109\.704 ms/);
  });
});

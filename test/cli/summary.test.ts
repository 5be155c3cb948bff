/** The human summary `elbsim run` prints: fixed formats, counts with separators, no locale. */
import { describe, expect, it } from 'vitest';
import type { Summary } from '../../core/index.ts';
import { count, formatRunHeader, formatRunSummary, percent } from '../../cli/summary.ts';

const summary: Summary = {
  scenario: 'Flash sale',
  seed: 7,
  durationS: 7200,
  requests: 1_234_567,
  responses2xx: 1_230_000,
  target5xx: 0,
  elb5xx: { '502': 12, '503': 4000, '504': 555 },
  inFlightAtEnd: 0,
  latencyMs: { mean: 85.24, p50: 70.06, p90: 200, p99: 410.33, max: 1200 },
  zones: {},
  targets: [],
  capacity: { min: 2, max: 10 },
  instanceHours: 14.5333,
  cost: 1.2353,
  clientLatencyMs: { mean: 95.1, p50: 70.2, p90: 210, p99: 2000, max: 10000 },
};

describe('formatRunSummary', () => {
  it('shows requests by outcome, latency, capacity, cost and speed', () => {
    const text = formatRunSummary({ summary, wallS: 3.2, outDir: 'out/flash', files: ['timeseries.csv', 'events.csv', 'summary.json'] });
    expect(text).toBe(
      [
        'requests  1,234,567 · 2xx 1,230,000 · 502 12 · 503 4,000 · 504 555 · ELB 5xx rate 0.370%',
        'latency   mean 85.2 ms · p50 70.1 ms · p99 410.3 ms',
        'capacity  2–10 instances · 14.53 instance-hours · cost $1.24',
        'wall time 3.20 s · 385,802 simulated requests/s',
        'output    out/flash/ (timeseries.csv, events.csv, summary.json)',
        '',
      ].join('\n'),
    );
  });
  it('with a mixed instances policy, the cost split and the Spot interruptions follow the cost', () => {
    const text = formatRunSummary({ summary: { ...summary, costOnDemand: 0.34, costSpot: 0.204, spotInterruptions: 5 }, wallS: 1, outDir: 'o', files: [] });
    expect(text).toContain('capacity  2–10 instances · 14.53 instance-hours · cost $1.24 (On-Demand $0.34, Spot $0.20, 5 Spot interruptions)\n');
  });
  it('mentions target 5xx and requests in flight only when there are some', () => {
    const text = formatRunSummary({ summary: { ...summary, target5xx: 3, inFlightAtEnd: 4 }, wallS: 1, outDir: 'o', files: [] });
    expect(text).toContain('· target 5xx 3 · in flight at end 4\n');
  });
  it('shows a fleet that never changed size as one number', () => {
    expect(formatRunSummary({ summary: { ...summary, capacity: { min: 4, max: 4 } }, wallS: 1, outDir: 'o', files: [] })).toContain('capacity  4 instances ·');
    expect(formatRunSummary({ summary: { ...summary, capacity: { min: 1, max: 1 } }, wallS: 1, outDir: 'o', files: [] })).toContain('capacity  1 instance ·');
  });
  it('copes with a run that served nothing', () => {
    const empty = { ...summary, requests: 0, responses2xx: 0, elb5xx: { '502': 0, '503': 0, '504': 0 }, latencyMs: { mean: NaN, p50: NaN, p90: NaN, p99: NaN, max: NaN } };
    const text = formatRunSummary({ summary: empty, wallS: 0, outDir: 'o', files: [] });
    expect(text).toContain('ELB 5xx rate –');
    expect(text).toContain('latency   no successful responses');
    expect(text).toContain('0 simulated requests/s');
  });
});

describe('formatRunHeader', () => {
  it('puts the seed first', () => {
    expect(formatRunHeader('s.yaml', 'Flash sale', 7)).toBe('seed      7\nscenario  Flash sale (s.yaml)\n');
  });
});

describe('number formats', () => {
  it.each([
    [0, '0'],
    [999, '999'],
    [1000, '1,000'],
    [1234567.4, '1,234,567'],
    [-1234, '-1,234'],
  ])('count(%d) = %s', (n, text) => expect(count(n)).toBe(text));
  it('percent keeps small error rates visible', () => {
    expect(percent(1, 100_000)).toBe('0.001%');
    expect(percent(0, 0)).toBe('–');
  });
});

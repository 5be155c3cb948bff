import { describe, expect, it } from 'vitest';
import { FIGURES, figuresFor } from '../../../web/model/summary-figures.ts';
import { fixtureRun } from '../fixtures/run-result.ts';

describe('summary figures', () => {
  const summary = fixtureRun().summary;
  const value = (key: string): number => FIGURES.find((f) => f.key === key)!.value(summary);
  it('read summary.json fields', () => {
    expect(value('requests')).toBe(6270);
    expect(value('elb5xx')).toBe(636);
    expect(value('latencyP99')).toBe(445);
    expect(value('cost')).toBe(0.04);
  });
  it('the error rate is all 5xx over requests, in percent', () => {
    expect(value('errorRate')).toBeCloseTo((636 / 6270) * 100, 10);
  });
  it('every figure has a unique key and a label', () => {
    expect(new Set(FIGURES.map((f) => f.key)).size).toBe(FIGURES.length);
    expect(FIGURES.every((f) => f.label.length > 0)).toBe(true);
  });
  it('the Spot figures show only for runs that have them (a mixed instances policy)', () => {
    expect(figuresFor([summary]).map((f) => f.key)).not.toContain('costSpot');
    const spot = { ...summary, costOnDemand: 0.34, costSpot: 0.204, spotInterruptions: 5 };
    const shown = figuresFor([summary, spot]);
    expect(shown.map((f) => f.key).slice(-3)).toEqual(['costOnDemand', 'costSpot', 'spotInterruptions']);
    expect(shown.find((f) => f.key === 'costSpot')!.value(spot)).toBe(0.204);
  });
});

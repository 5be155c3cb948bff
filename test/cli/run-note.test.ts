/** The note `elbsim run` prints on stderr before a long run: the expected requests, from the rate schedule. */
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../core/index.ts';
import { workNote } from '../../cli/run.ts';

const scenario = (yaml: string) => {
  const result = parseScenario(`name: t\nzones: [a, b]\n${yaml}`, 'x.yaml');
  if (!result.ok) throw new Error(result.errors.map((e) => e.message).join('\n'));
  return result.scenario;
};

describe('workNote', () => {
  it('a month at 10,000 requests/s: 2.6e10 requests', () => {
    expect(workNote(scenario('duration: 30d\ntraffic: { rate: 10000 }\n'))).toBe('note: this run expects about 2.6e10 requests (the rate schedule over the duration); simulating them takes a while\n');
  });

  it('a ramp integrates to its area', () => {
    expect(workNote(scenario('duration: 2h\ntraffic: { rate: [[0, 0], [2h, 4000]] }\n'))).toContain('about 14,400,000 requests');
  });

  it('nothing for a short run', () => {
    expect(workNote(scenario('duration: 1h\ntraffic: { rate: 100 }\n'))).toBeUndefined();
  });
});

/**
 * Every example in scenarios/ parses, runs, conserves requests and matches its golden summary
 * (test/scenarios/__golden__/<name>.summary.json). A model change that moves a figure shows up
 * here; after checking that the change is intended, refresh the goldens with
 * `npx vitest run test/scenarios -u` and say why in the commit.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatIssues, formatSummaryJson, parseScenario, simulate } from '../../core/index.ts';

const dir = join(import.meta.dirname, '../../scenarios');
const files = readdirSync(dir).filter((f) => /\.(ya?ml|json)$/.test(f)).sort();

describe('example scenarios', () => {
  it('there are examples for each behaviour the issues name (at least eight)', () => {
    expect(files.length).toBeGreaterThanOrEqual(8);
  });

  for (const file of files) {
    it(`${file}: valid, described, conserves requests, matches its golden summary`, async () => {
      const parsed = parseScenario(readFileSync(join(dir, file), 'utf8'), `scenarios/${file}`);
      if (!parsed.ok) throw new Error(formatIssues(parsed.errors));
      expect(parsed.warnings).toEqual([]);
      const s = parsed.scenario;
      expect(s.description.length).toBeGreaterThan(80);
      const r = simulate(s, { checkInvariants: true });
      const m = r.summary;
      expect(m.requests).toBe(m.responses2xx + m.target5xx + m.elb5xx['502'] + m.elb5xx['503'] + m.elb5xx['504'] + (m.redirects ?? 0) + (m.fixedResponses ?? 0) + m.inFlightAtEnd);
      await expect(formatSummaryJson(m)).toMatchFileSnapshot(`__golden__/${file.replace(/\.\w+$/, '')}.summary.json`);
    });
  }
});

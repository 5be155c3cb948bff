import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { simulate, formatEventsCsv, formatSummaryJson, formatTimeseriesCsv } from '../../core/index.ts';
import { buildScenario } from '../support/build.ts';
import type { Scenario } from '../../core/scenario/types.ts';

const files = (s: Scenario, seed?: number) => {
  const r = simulate(s, { seed });
  return [formatTimeseriesCsv(r.timeseries), formatEventsCsv(r.events), formatSummaryJson(r.summary)];
};

describe('determinism', () => {
  const scenario = buildScenario({
    duration: 900,
    traffic: { rate: [[0, 30], [300, 90], [600, 30]], arrivals: 'poisson', clients: 500 },
    faults: [
      { at: 120, action: 'fail-target', count: 1, for: 200 },
      { at: 400, action: 'terminate-target', count: 1 },
      { at: 500, action: 'slow-target', count: 2, factor: 4, for: 100 },
    ],
  });

  it('the same scenario and seed give byte-identical timeseries.csv, events.csv and summary.json', () => {
    expect(files(scenario, 11)).toEqual(files(scenario, 11));
  });

  it('another seed gives different results', () => {
    const [a] = files(scenario, 11);
    const [b] = files(scenario, 12);
    expect(a).not.toEqual(b);
  });

  it('running in slices (as the CLI progress bar and web worker do) gives the same bytes as one run', async () => {
    const { createSimulation } = await import('../../core/index.ts');
    const sim = createSimulation(scenario, { seed: 11 });
    for (let t = 0; !sim.done; t += 37) sim.runUntil(t);
    const r = sim.result();
    expect([formatTimeseriesCsv(r.timeseries), formatEventsCsv(r.events), formatSummaryJson(r.summary)]).toEqual(files(scenario, 11));
  });

  it('core/ never reads a clock, Math.random, timers, the DOM or Node built-ins', () => {
    const forbidden = /Math\.random|Date\.now|new Date\(|performance\.now|setTimeout|setInterval|\bdocument\.|\bwindow\.|from ['"]node:|require\(/;
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else if (path.endsWith('.ts')) {
          readFileSync(path, 'utf8')
            .split('\n')
            .forEach((line, i) => {
              const code = line.replace(/\/\/.*$/, '').replace(/^\s*\*.*$/, '');
              if (forbidden.test(code)) offenders.push(`${path}:${i + 1}: ${line.trim()}`);
            });
        }
      }
    };
    walk(join(import.meta.dirname, '../../core'));
    expect(offenders).toEqual([]);
  });
});

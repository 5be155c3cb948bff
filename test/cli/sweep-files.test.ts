/**
 * The files of a sweep: runs.csv rows with fixed decimals that read back to the same numbers,
 * quoting of YAML values with commas, and summary.csv statistics built from the rows in run
 * order (empty half-widths with one replication).
 */
import { describe, expect, it } from 'vitest';
import type { RunFigures } from '../../cli/run-figures.ts';
import { decimal } from '../../cli/run-figures.ts';
import {
  formatRunRow, formatSummaryRow, parseRunRow, runsHeader, splitCsvLine, SummaryBuilder, summaryHeader,
  type CombinationStats,
} from '../../cli/sweep-files.ts';
import { makeGrid, runAt } from '../../cli/sweep-grid.ts';

const figures = (over: Partial<RunFigures> = {}): RunFigures => ({
  requests: 1000,
  responses2xx: 990,
  elb5xx: 10,
  latencyMsMean: 52.1234,
  latencyMsP50: 40,
  latencyMsP99: 250.5,
  instanceHours: 0.33333,
  cost: 0.0283,
  capacityMax: 3,
  healthyHostsMin: 2,
  elb5xxRate: 0.01,
  clientLatencyMsMean: 60,
  clientLatencyMsP50: 45,
  clientLatencyMsP99: 900,
  ...over,
});

describe('runs.csv', () => {
  const grid = makeGrid([{ path: 'traffic.rate', values: ['[[0,10],[60,20]]', '30'] }, { path: 'x.y', values: ['a'] }], 2, 5);

  it('header: the --vary paths, replication, seed, the nine figures, run', () => {
    expect(runsHeader(grid.vary)).toBe(
      'traffic.rate,x.y,replication,seed,requests,responses_2xx,elb_5xx,latency_mean_ms,latency_p50_ms,latency_p99_ms,instance_hours,cost,capacity_max,run\n',
    );
  });

  it('a row: quoted YAML value, fixed decimals, run index last; reads back as the numbers it shows', () => {
    const line = formatRunRow(runAt(grid, 1), figures());
    expect(line).toBe('"[[0,10],[60,20]]",a,1,6,1000,990,10,52.123,40.000,250.500,0.3333,0.0283,3,1\n');
    expect(splitCsvLine(line.trimEnd()).slice(0, 2)).toEqual(['[[0,10],[60,20]]', 'a']);
    expect(parseRunRow(line, 2)).toEqual({ index: 1, figures: [1000, 990, 10, 52.123, 40, 250.5, 0.3333, 0.0283, 3] });
  });

  it('refuses lines that are not rows of the grid', () => {
    expect(parseRunRow('1,2,3\n', 2)).toBeUndefined();
    expect(parseRunRow('30,a,0,5,1000,990,10,x,40.000,250.500,0.3333,0.0283,3,2', 2)).toBeUndefined();
    expect(parseRunRow('30,a,0,5,1000,990,10,1,40.000,250.500,0.3333,0.0283,3,-1', 2)).toBeUndefined();
  });

  it('decimal: fixed digits, no -0, NaN as an empty cell', () => {
    expect([decimal(1.23456, 3), decimal(-0.0001, 2), decimal(NaN, 3), decimal(2, 0)]).toEqual(['1.235', '0.00', '', '2']);
  });
});

describe('summary.csv', () => {
  it('one line per combination, emitted when the next combination starts, from rows in run order', () => {
    const grid = makeGrid([{ path: 'a', values: ['1', '2'] }], 3, 1);
    const builder = new SummaryBuilder(grid);
    const done: CombinationStats[] = [];
    for (let index = 0; index < grid.runs; index++) {
      const row = parseRunRow(formatRunRow(runAt(grid, index), figures({ latencyMsP99: 100 + index, requests: 1000 })), 1)!;
      const finished = builder.add(row);
      if (finished) done.push(finished);
      expect(done).toHaveLength(index < 3 ? 0 : 1);
    }
    done.push(builder.end()!);
    expect(builder.end()).toBeUndefined();
    const p99 = 5; // RUN_COLUMNS index of latency_p99_ms
    expect(done.map((d) => [d.values, d.stats[p99]!.mean, d.runs])).toEqual([[['1'], 101, 3], [['2'], 104, 3]]);
    // sd 1, n 3: t(0.975, 2) / √3 = 4.302653 / 1.732051
    expect(done[0]!.stats[p99]!.ci95).toBeCloseTo(2.484138, 6);
    expect(summaryHeader(grid.vary).split(',').slice(0, 4)).toEqual(['a', 'requests_mean', 'requests_ci95', 'responses_2xx_mean']);
    expect(formatSummaryRow(done[0]!)).toBe('1,1000.00,0.00,990.00,0.00,10.00,0.00,52.123,0.000,40.000,0.000,101.000,2.484,0.3333,0.0000,0.0283,0.0000,3.00,0.00,3\n');
  });

  it('one replication: the mean and an empty half-width', () => {
    const grid = makeGrid([], 1, 1);
    const builder = new SummaryBuilder(grid);
    builder.add(parseRunRow(formatRunRow(runAt(grid, 0), figures()), 0)!);
    expect(formatSummaryRow(builder.end()!)).toBe('1000.00,,990.00,,10.00,,52.123,,40.000,,250.500,,0.3333,,0.0283,,3.00,,1\n');
  });
});

/**
 * The sweep grid: `--vary` values split as YAML allows, combinations in odometer order (first
 * --vary slowest), run index = combination × R + replication, seeds N + r for every combination,
 * and shards that partition the runs; `--shard auto/N` from array-job variables.
 */
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../cli/errors.ts';
import { checkShard, parseShardArg, resolveShard } from '../../cli/shard.ts';
import {
  checkVary, combinationValues, makeGrid, MAX_RUNS, runAt, shardIndexes, shardSize, splitValues, splitVaries, splitVary,
} from '../../cli/sweep-grid.ts';

describe('--vary values', () => {
  it.each([
    ['4,6,8', ['4', '6', '8']],
    ['round_robin', ['round_robin']],
    [' 30s , 5m ', ['30s', '5m']],
    ['[[0,100],[60,200]],300', ['[[0,100],[60,200]]', '300']],
    ['{ distribution: constant, value: 1s },2s', ['{ distribution: constant, value: 1s }', '2s']],
    ['"a,b",c', ['"a,b"', 'c']],
  ])('%s splits into %j', (text, values) => {
    expect(splitValues(text)).toEqual(values);
  });

  it.each([
    ['autoScaling.maxSize=4,6', undefined],
    ['autoScaling.maxSize', /expects PATH=V1,V2/],
    ['.maxSize=4', /not a dotted key path/],
    ['autoScaling.maxSize=4,,6', /a value is empty/],
    ['autoScaling.maxSize=', /a value is empty/],
    ['autoScaling.maxSize=4,6,4', /the value 4 is given twice/],
  ])('checkVary(%s)', (raw, problem) => {
    const message = checkVary(raw);
    if (problem === undefined) expect(message).toBeUndefined();
    else expect(message).toMatch(problem);
  });

  it('splitVary keeps the path and the values in order', () => {
    expect(splitVary('autoScaling.policies.0.targetValue=40,50')).toEqual({ path: 'autoScaling.policies.0.targetValue', values: ['40', '50'] });
  });
});

describe('grid expansion and run indexes', () => {
  const grid = makeGrid(
    [
      { path: 'a', values: ['1', '2'] },
      { path: 'b', values: ['x', 'y', 'z'] },
    ],
    2,
    10,
  );

  it('2 × 3 values × 2 replications: 6 combinations, 12 runs', () => {
    expect(grid.combinations).toBe(6);
    expect(grid.runs).toBe(12);
  });

  it('combinations count like an odometer, the last --vary fastest', () => {
    expect(Array.from({ length: 6 }, (_, c) => combinationValues(grid, c).join(''))).toEqual(['1x', '1y', '1z', '2x', '2y', '2z']);
  });

  it('run index = combination × R + replication; replication r has seed N + r in every combination', () => {
    const runs = Array.from({ length: grid.runs }, (_, i) => runAt(grid, i));
    expect(runs.map((r) => [r.combination, r.replication, r.seed])).toEqual([
      [0, 0, 10], [0, 1, 11], [1, 0, 10], [1, 1, 11], [2, 0, 10], [2, 1, 11],
      [3, 0, 10], [3, 1, 11], [4, 0, 10], [4, 1, 11], [5, 0, 10], [5, 1, 11],
    ]);
    expect(runs[7]).toEqual({
      index: 7, combination: 3, replication: 1, seed: 11, values: ['2', 'x'],
      overrides: [{ path: 'a', value: '2' }, { path: 'b', value: 'x' }],
    });
  });

  it('no --vary: one combination of R replications', () => {
    const plain = makeGrid([], 3, 1);
    expect([plain.combinations, plain.runs]).toEqual([1, 3]);
    expect(runAt(plain, 2)).toEqual({ index: 2, combination: 0, replication: 2, seed: 3, values: [], overrides: [] });
  });

  it('refuses a path varied twice and a grid beyond the run limit', () => {
    expect(() => splitVaries(['a=1', 'b=1', 'a=2'])).toThrow(/--vary a is given twice/);
    expect(() => makeGrid([{ path: 'a', values: Array.from({ length: 1001 }, String) }], 1000, 1)).toThrow(UsageError);
    expect(() => makeGrid([{ path: 'a', values: ['1'] }], MAX_RUNS, 1)).not.toThrow();
  });
});

describe('shards', () => {
  const grid = makeGrid([{ path: 'a', values: ['1', '2', '3'] }], 3, 1);

  it('K/N holds the runs whose index mod N is K − 1', () => {
    expect([...shardIndexes(grid, { k: 1, n: 4 })]).toEqual([0, 4, 8]);
    expect([...shardIndexes(grid, { k: 4, n: 4 })]).toEqual([3, 7]);
    expect([...shardIndexes(grid)]).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it.each([1, 2, 3, 4, 9, 10, 13])('the %i shards partition the runs, and shardSize counts them', (n) => {
    const all = Array.from({ length: n }, (_, i) => [...shardIndexes(grid, { k: i + 1, n })]);
    expect(all.flat().sort((x, y) => x - y)).toEqual([...shardIndexes(grid)]);
    all.forEach((indexes, i) => expect(shardSize(grid, { k: i + 1, n })).toBe(indexes.length));
  });

  it.each([
    ['2/4', undefined],
    ['auto/4', undefined],
    ['4/4', undefined],
    ['0/4', /K must be from 1 to N/],
    ['5/4', /K must be from 1 to N \(4\)/],
    ['1/0', /N must be from 1/],
    ['2', /expects K\/N/],
    ['a/4', /expects K\/N/],
  ])('checkShard(%s)', (raw, problem) => {
    const message = checkShard(raw);
    if (problem === undefined) expect(message).toBeUndefined();
    else expect(message).toMatch(problem);
  });

  it('auto/N: JOB_COMPLETION_INDEX or AWS_BATCH_JOB_ARRAY_INDEX (0-based) + 1', () => {
    const auto = parseShardArg('auto/4');
    expect(resolveShard(auto, { JOB_COMPLETION_INDEX: '0' })).toEqual({ k: 1, n: 4 });
    expect(resolveShard(auto, { AWS_BATCH_JOB_ARRAY_INDEX: '3' })).toEqual({ k: 4, n: 4 });
    expect(resolveShard(parseShardArg('2/4'), { JOB_COMPLETION_INDEX: '0' })).toEqual({ k: 2, n: 4 });
    expect(() => resolveShard(auto, { JOB_COMPLETION_INDEX: '4' })).toThrow(/JOB_COMPLETION_INDEX=4 is not an index from 0 to 3/);
    expect(() => resolveShard(auto, {})).toThrow(/needs JOB_COMPLETION_INDEX or AWS_BATCH_JOB_ARRAY_INDEX/);
  });
});

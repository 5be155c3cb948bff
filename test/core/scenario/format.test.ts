/**
 * The one-line form of a scenario problem (contract section 2): `file:line:col: path: message`,
 * leaving out what is not known.
 */
import { describe, expect, it } from 'vitest';
import { compareIssues, formatIssue, formatIssues } from '../../../core/scenario/format.ts';
import type { ScenarioIssue } from '../../../core/scenario/types.ts';

describe('formatIssue', () => {
  it('file, line, column, path and message', () => {
    expect(formatIssue({ file: 'scenarios/x.yaml', line: 12, column: 15, path: 'loadBalancer.targetGroup.healthCheck.interval', message: '3s is out of range; allowed 5s to 300s (AWS HealthCheckIntervalSeconds)' })).toBe(
      'scenarios/x.yaml:12:15: loadBalancer.targetGroup.healthCheck.interval: 3s is out of range; allowed 5s to 300s (AWS HealthCheckIntervalSeconds)',
    );
  });

  it('without a known position: no line or column', () => {
    expect(formatIssue({ file: '--set', path: 'seed', message: 'bad' })).toBe('--set: seed: bad');
  });

  it('with a line but no column: just the line', () => {
    expect(formatIssue({ file: 'f.yaml', line: 3, path: 'seed', message: 'bad' })).toBe('f.yaml:3: seed: bad');
  });

  it('without a path (a syntax error): no path', () => {
    expect(formatIssue({ file: 'f.yaml', line: 1, column: 2, path: '', message: 'Map keys must be unique' })).toBe('f.yaml:1:2: Map keys must be unique');
  });

  it('formatIssues labels each line when asked', () => {
    const issues: ScenarioIssue[] = [{ file: 'a', path: 'x', message: 'm' }, { file: 'a', path: 'y', message: 'n' }];
    expect(formatIssues(issues, 'warning')).toBe('warning: a: x: m\nwarning: a: y: n');
  });
});

describe('compareIssues', () => {
  it('orders by line, then column, then path; issues without a position go last', () => {
    const issues: ScenarioIssue[] = [
      { file: '--set', path: 'a', message: '' },
      { file: 'f', line: 9, column: 1, path: 'b', message: '' },
      { file: 'f', line: 2, column: 8, path: 'c', message: '' },
      { file: 'f', line: 2, column: 3, path: 'd', message: '' },
    ];
    expect([...issues].sort(compareIssues).map((i) => i.path)).toEqual(['d', 'c', 'b', 'a']);
  });
});

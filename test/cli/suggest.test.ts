/** "Did you mean": typos get the closest name, unrelated words get nothing. */
import { describe, expect, it } from 'vitest';
import { closest, didYouMean, editDistance } from '../../cli/suggest.ts';

describe('editDistance', () => {
  it.each([
    ['seed', 'seed', 0],
    ['sed', 'seed', 1],
    ['esed', 'seed', 1],
    ['quiet', 'qiuet', 1],
    ['', 'abc', 3],
    ['kitten', 'sitting', 3],
  ])('%s → %s: %i', (a, b, d) => expect(editDistance(a, b)).toBe(d));
});

describe('closest', () => {
  const options = ['--seed', '--out', '--set', '--quiet'];
  it.each([
    ['--sed', '--seed'],
    ['--qiuet', '--quiet'],
    ['--ot', '--out'],
    ['--Seed', '--seed'],
    ['--qu', '--quiet'],
    ['--verbose', undefined],
    ['--xyz', undefined],
  ])('%s → %s', (word, expected) => expect(closest(word, options)).toBe(expected));
  it('renders as a parenthesis, or nothing', () => {
    expect(didYouMean('rnu', ['run', 'validate'])).toBe(' (did you mean run?)');
    expect(didYouMean('zzz', ['run', 'validate'])).toBe('');
  });
});

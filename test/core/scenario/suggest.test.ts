/**
 * "Did you mean" hints: Damerau–Levenshtein (optimal string alignment) distance, compared
 * case-insensitively, offered only when the nearest key is close for the word's length.
 */
import { describe, expect, it } from 'vitest';
import { didYouMean, editDistance, listAllowed, suggest } from '../../../core/scenario/suggest.ts';

const HEALTH = ['interval', 'timeout', 'healthyThreshold', 'unhealthyThreshold'];

describe('editDistance', () => {
  it.each([
    ['', '', 0],
    ['abc', '', 3],
    ['kitten', 'sitting', 3],
    ['ab', 'ba', 1],
    ['intreval', 'interval', 1],
    ['ca', 'abc', 3],
  ])('%j → %j is %d', (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
  });
});

describe('suggest', () => {
  it.each([
    ['helthyThreshold', 'healthyThreshold'],
    ['healthythreshold', 'healthyThreshold'],
    ['healthyThersehold', 'healthyThreshold'],
    ['unhealthyTreshold', 'unhealthyThreshold'],
    ['intreval', 'interval'],
    ['timout', 'timeout'],
    ['interval_s', 'interval'],
  ])('%s → %s', (word, expected) => {
    expect(suggest(word, HEALTH)).toBe(expected);
  });

  it.each(['port', 'x', 'matcher', 'path'])('%s has no close key, so no hint', (word) => {
    expect(suggest(word, HEALTH)).toBeUndefined();
  });

  it('didYouMean formats the hint or nothing', () => {
    expect(didYouMean('timout', HEALTH)).toBe(' (did you mean `timeout`?)');
    expect(didYouMean('zzz', HEALTH)).toBe('');
    expect(didYouMean('a', [])).toBe('');
  });

  it('listAllowed joins with commas and a final "or"', () => {
    expect(listAllowed(['a'])).toBe('a');
    expect(listAllowed(['a', 'b'])).toBe('a or b');
    expect(listAllowed(['a', 'b', 'c'])).toBe('a, b or c');
  });
});

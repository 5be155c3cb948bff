/**
 * The top-level `cloudWatch` block: settings AWS documents no value for (aws-behaviour.md §5.6
 * publication lag, §6.7 target tracking alarm shapes [observed]). It is resolved in every
 * scenario, block or not, so the simulator can read `scenario.cloudWatch!` without a fallback.
 */
import { describe, expect, it } from 'vitest';
import { errorOf, errorsOf, MINIMAL, minimalWith, scenarioOf } from './helpers.ts';

const DEFAULTS = { publicationDelayS: 60, targetTrackingHighDatapoints: 3, targetTrackingLowDatapoints: 15, targetTrackingLowRatio: 0.9 };

describe('cloudWatch defaults', () => {
  it('no block: resolved anyway with the observed defaults (60 s, 3 of 3 high, 15 of 15 low at 90 %)', () => {
    expect(scenarioOf(MINIMAL).cloudWatch).toEqual(DEFAULTS);
  });

  it('an empty block, or one with nothing after it, gives the same', () => {
    expect(scenarioOf(minimalWith('cloudWatch: {}\n')).cloudWatch).toEqual(DEFAULTS);
    expect(scenarioOf(minimalWith('cloudWatch:\n')).cloudWatch).toEqual(DEFAULTS);
  });

  it('one key given: the others keep their defaults; durations in seconds', () => {
    expect(scenarioOf(minimalWith('cloudWatch:\n  publicationDelay: 2m\n')).cloudWatch).toEqual({ ...DEFAULTS, publicationDelayS: 120 });
  });

  it('every key given', () => {
    const yaml = minimalWith('cloudWatch: { publicationDelay: 90s, targetTrackingHighDatapoints: 1, targetTrackingLowDatapoints: 3, targetTrackingLowRatio: 0.7 }\n');
    expect(scenarioOf(yaml).cloudWatch).toEqual({ publicationDelayS: 90, targetTrackingHighDatapoints: 1, targetTrackingLowDatapoints: 3, targetTrackingLowRatio: 0.7 });
  });
});

describe('cloudWatch ranges', () => {
  it.each([
    ['publicationDelay: 0s', 'publicationDelayS', 0],
    ['publicationDelay: 10m', 'publicationDelayS', 600],
    ['targetTrackingHighDatapoints: 60', 'targetTrackingHighDatapoints', 60],
    ['targetTrackingLowDatapoints: 1', 'targetTrackingLowDatapoints', 1],
    ['targetTrackingLowRatio: 0.99', 'targetTrackingLowRatio', 0.99],
    ['targetTrackingLowRatio: 0.01', 'targetTrackingLowRatio', 0.01],
  ] as const)('edge %s is accepted', (yaml, key, value) => {
    expect(scenarioOf(minimalWith(`cloudWatch: { ${yaml} }\n`)).cloudWatch![key]).toBe(value);
  });

  it.each([
    ['publicationDelay: 601s', 'cloudWatch.publicationDelay: 601s is out of range; allowed 0s to 600s'],
    ['publicationDelay: -1s', 'cloudWatch.publicationDelay: -1s: a duration cannot be negative'],
    ['targetTrackingHighDatapoints: 0', 'cloudWatch.targetTrackingHighDatapoints: 0 is out of range; allowed 1 to 60'],
    ['targetTrackingHighDatapoints: 2.5', 'cloudWatch.targetTrackingHighDatapoints: 2.5 is not a whole number'],
    ['targetTrackingLowDatapoints: 61', 'cloudWatch.targetTrackingLowDatapoints: 61 is out of range; allowed 1 to 60'],
    ['targetTrackingLowRatio: 0', 'cloudWatch.targetTrackingLowRatio: 0 is out of range; allowed more than 0 and less than 1 (the scale-in alarm\'s threshold as a fraction of the target value, observed 0.7 to 0.9)'],
    ['targetTrackingLowRatio: 1', 'cloudWatch.targetTrackingLowRatio: 1 is out of range; allowed more than 0 and less than 1'],
    ['targetTrackingLowRatio: -0.5', 'cloudWatch.targetTrackingLowRatio: -0.5 is out of range; allowed more than 0 and less than 1'],
    ['targetTrackingLowRatio: 90%', 'cloudWatch.targetTrackingLowRatio: expected a number, got `90%`'],
  ])('%s', (yaml, message) => {
    expect(errorsOf(minimalWith(`cloudWatch: { ${yaml} }\n`)).join('\n')).toContain(message);
  });

  it('an out-of-range value is reported at its line and column', () => {
    expect(errorOf(minimalWith('cloudWatch:\n  publicationDelay: 1h\n'))).toBe('scenarios/x.yaml:5:21: cloudWatch.publicationDelay: 1h is out of range; allowed 0s to 600s');
  });

  it('a misspelt key gets a hint and the allowed keys', () => {
    expect(errorOf(minimalWith('cloudWatch:\n  targetTrackingLowRatoi: 0.8\n'))).toBe(
      'scenarios/x.yaml:5:3: cloudWatch.targetTrackingLowRatoi: unknown key `targetTrackingLowRatoi` (did you mean `targetTrackingLowRatio`?); allowed here: publicationDelay, targetTrackingHighDatapoints, targetTrackingLowDatapoints, targetTrackingLowRatio, alarms, compositeAlarms',
    );
  });

  it('a misspelt block name suggests cloudWatch', () => {
    expect(errorOf(minimalWith('cloudwatch: {}\n'))).toContain('unknown key `cloudwatch` (did you mean `cloudWatch`?)');
  });

  it('--set reaches the block like any other key', () => {
    expect(scenarioOf(MINIMAL, { overrides: ['cloudWatch.publicationDelay=0s'] }).cloudWatch).toEqual({ ...DEFAULTS, publicationDelayS: 0 });
  });
});

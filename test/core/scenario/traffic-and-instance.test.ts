/**
 * Traffic (rate schedules, arrivals, clients) and the instance model (distributions of boot and
 * service times, capacity, CPU): contract section 1's value types as the simulator sees them.
 */
import { describe, expect, it } from 'vitest';
import { errorOf, errorsOf, minimalWith, scenarioOf } from './helpers.ts';

const traffic = (yaml: string) => scenarioOf(minimalWith(`traffic:\n  ${yaml}\n`)).traffic;
const instance = (yaml: string) => scenarioOf(minimalWith(`instance:\n  ${yaml}\n`)).autoScalingGroups[0]!.instance;

describe('rate schedules', () => {
  it('a constant rate becomes one point at time 0', () => {
    expect(traffic('rate: 200').rate).toEqual([[0, 200]]);
  });

  it('the contract example schedule resolves to [seconds, rate] points', () => {
    expect(traffic('rate: [[0s, 100], [30m, 100], [32m, 600], [57m, 600], [60m, 100]]').rate).toEqual([
      [0, 100], [1800, 100], [1920, 600], [3420, 600], [3600, 100],
    ]);
  });

  it('a schedule may start after 0 (held before its first point) and a rate may be 0', () => {
    expect(traffic('rate: [[5m, 0], [10m, 2.5]]').rate).toEqual([[300, 0], [600, 2.5]]);
  });

  it.each([
    ['rate: -1', 'traffic.rate: -1 is too small; a rate cannot be negative'],
    ['rate: lots', 'traffic.rate: expected a rate in requests per second, got `lots`; give a number of requests per second, or a list of [time, rate] points'],
    ['rate: []', 'traffic.rate: an empty schedule'],
    ['rate: [[0, 1], [60, 2, 3]]', 'traffic.rate.1: expected a [time, rate] pair, got a list of 3'],
    ['rate: [[0, 1], 5]', 'traffic.rate.1: expected a [time, rate] pair, got 5'],
    ['rate: [[0, 1], [1m, -2]]', 'traffic.rate.1.1: -2 is too small; a rate cannot be negative'],
    ['rate: [[0, 1], [-1m, 2]]', 'traffic.rate.1.0: -1m: a duration cannot be negative'],
  ])('%s', (yaml, message) => {
    expect(errorsOf(minimalWith(`traffic:\n  ${yaml}\n`)).join('\n')).toContain(message);
  });

  it('times must increase strictly: a repeated or earlier time is an error at that time', () => {
    expect(errorOf(minimalWith('traffic:\n  rate: [[0, 1], [10m, 2], [10m, 3]]\n'))).toBe(
      'scenarios/x.yaml:5:29: traffic.rate.2.0: 10m is not after the previous point (10m); times must increase strictly',
    );
  });
});

describe('arrivals and clients', () => {
  it('uniform arrivals and a client count are taken as given', () => {
    expect(traffic('arrivals: uniform\n  clients: 50')).toMatchObject({ arrivals: 'uniform', clients: 50 });
  });

  it('an unknown arrival process lists the two', () => {
    expect(errorOf(minimalWith('traffic: { arrivals: poison }\n'))).toContain(
      'traffic.arrivals: `poison` is not an arrival process; allowed: poisson or uniform (did you mean `poisson`?)',
    );
  });
});

describe('distributions', () => {
  it.each([
    ['serviceTime: 40ms', { distribution: 'constant', value: 0.04 }],
    ['serviceTime: 2', { distribution: 'constant', value: 2 }],
    ['serviceTime: { distribution: constant, value: 1m }', { distribution: 'constant', value: 60 }],
    ['serviceTime: { distribution: exponential, mean: 100ms }', { distribution: 'exponential', mean: 0.1 }],
    ['serviceTime: { distribution: lognormal, mean: 60ms, cv: 1 }', { distribution: 'lognormal', mean: 0.06, cv: 1 }],
    ['serviceTime: { distribution: uniform, min: 10ms, max: 30ms }', { distribution: 'uniform', min: 0.01, max: 0.03 }],
    ['serviceTime: { distribution: uniform, min: 1s, max: 1s }', { distribution: 'uniform', min: 1, max: 1 }],
  ])('%s', (yaml, expected) => {
    expect(instance(yaml).serviceTime).toEqual(expected);
  });

  it('bootTime takes a distribution too', () => {
    expect(instance('bootTime: { distribution: uniform, min: 40s, max: 2m }').bootTime).toEqual({ distribution: 'uniform', min: 40, max: 120 });
  });

  it.each([
    ['serviceTime: { distribution: uniform, min: 2s, max: 1s }', 'instance.serviceTime.min: min 2s is more than max 1s; min must be at most max'],
    ['serviceTime: { distribution: gamma, mean: 1s }', 'instance.serviceTime.distribution: `gamma` is not a distribution; allowed: constant, exponential, lognormal or uniform'],
    ['serviceTime: { distribution: exponentail, mean: 1s }', '(did you mean `exponential`?)'],
    ['serviceTime: { mean: 1s }', 'instance.serviceTime.distribution: required key is missing; allowed: constant, exponential, lognormal or uniform'],
    ['serviceTime: { distribution: exponential }', 'instance.serviceTime.mean: required key is missing'],
    ['serviceTime: { distribution: exponential, mean: 0s }', 'instance.serviceTime.mean: 0s is too small; must be more than 0s'],
    ['serviceTime: { distribution: lognormal, mean: 1s, cv: -1 }', 'instance.serviceTime.cv: -1 is too small; allowed 0 or more'],
    ['serviceTime: { distribution: exponential, mean: 1s, cv: 2 }', 'instance.serviceTime.cv: unknown key `cv`; allowed here: distribution, mean'],
    ['serviceTime: -5ms', 'instance.serviceTime: -5ms: a duration cannot be negative'],
    ['serviceTime: [1, 2]', 'instance.serviceTime: expected a mapping (key: value), got a list'],
  ])('%s', (yaml, message) => {
    expect(errorsOf(minimalWith(`instance:\n  ${yaml}\n`)).join('\n')).toContain(message);
  });
});

describe('instance', () => {
  it('every instance key is taken as given', () => {
    const yaml = 'type: m5.xlarge\n  pricePerHour: 0.192\n  concurrency: 8\n  queueLimit: 0\n  idleCpu: 5\n  detailedMonitoring: true';
    expect(instance(yaml)).toMatchObject({ type: 'm5.xlarge', pricePerHour: 0.192, concurrency: 8, queueLimit: 0, idleCpu: 5, detailedMonitoring: true });
  });
});

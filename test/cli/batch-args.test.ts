/**
 * The batch commands' arguments (`sweep`, `merge`, `check`): what each command line parses to,
 * and the usage error (exit 1) each mistake gets.
 */
import { describe, expect, it } from 'vitest';
import { parseArgs, type Invocation } from '../../cli/args.ts';

const sweep = (extra: Partial<Extract<Invocation, { command: 'sweep' }>> = {}): Invocation => ({
  command: 'sweep',
  scenario: 's.yaml',
  vary: [],
  replications: 1,
  seed: undefined,
  jobs: undefined,
  shard: undefined,
  out: undefined,
  quiet: false,
  ...extra,
});

describe('parseArgs: batch command lines', () => {
  const cases: [string, string[], Invocation][] = [
    ['sweep with defaults', ['sweep', 's.yaml'], sweep()],
    [
      'two --vary in order, YAML lists kept whole',
      ['sweep', 's.yaml', '--vary', 'a.b=1,2', '--vary=traffic.rate=[[0,1],[60,2]],3'],
      sweep({ vary: [{ path: 'a.b', values: ['1', '2'] }, { path: 'traffic.rate', values: ['[[0,1],[60,2]]', '3'] }] }),
    ],
    [
      'every sweep option',
      ['sweep', 's.yaml', '--replications', '5', '--seed', '7', '--jobs', '2', '--shard', '2/4', '--out', 'o', '--quiet'],
      sweep({ replications: 5, seed: 7, jobs: 2, shard: { k: 2, n: 4 }, out: 'o', quiet: true }),
    ],
    ['--shard auto/N', ['sweep', 's.yaml', '--shard', 'auto/8'], sweep({ shard: { k: 'auto', n: 8 } })],
    ['merge', ['merge', 'a', 'b', '--out', 'm'], { command: 'merge', dirs: ['a', 'b'], out: 'm' }],
    ['check with defaults', ['check', 's.yaml'], { command: 'check', scenario: 's.yaml', seed: undefined, overrides: [], replications: 1, minPass: 100, jobs: undefined }],
    [
      'check with replications',
      ['check', 's.yaml', '--seed', '3', '--replications', '20', '--min-pass', '95', '--jobs', '2'],
      { command: 'check', scenario: 's.yaml', seed: 3, overrides: [], replications: 20, minPass: 95, jobs: 2 },
    ],
    [
      'check --set, as run takes it',
      ['check', 's.yaml', '--set', 'autoScaling.maxSize=12', '--set', 'seed=4'],
      { command: 'check', scenario: 's.yaml', seed: undefined, overrides: [{ path: 'autoScaling.maxSize', value: '12' }, { path: 'seed', value: '4' }], replications: 1, minPass: 100, jobs: undefined },
    ],
    ['check --min-pass 99.5', ['check', 's.yaml', '--min-pass', '99.5'], { command: 'check', scenario: 's.yaml', seed: undefined, overrides: [], replications: 1, minPass: 99.5, jobs: undefined }],
    ['sweep --help', ['sweep', '--help'], { command: 'help', topic: 'sweep' }],
    ['help merge', ['help', 'merge'], { command: 'help', topic: 'merge' }],
  ];
  it.each(cases)('%s: %j', (_title, argv, expected) => {
    expect(parseArgs(argv)).toEqual(expected);
  });
});

describe('parseArgs: batch usage errors', () => {
  const cases: [string, string[], RegExp, string][] = [
    ['--vary without =', ['sweep', 's.yaml', '--vary', 'a.b'], /--vary expects PATH=V1,V2/, 'sweep'],
    ['--vary with an empty value', ['sweep', 's.yaml', '--vary', 'a=1,,2'], /--vary a: a value is empty/, 'sweep'],
    ['--vary with a value twice', ['sweep', 's.yaml', '--vary', 'a=1,2,1'], /the value 1 is given twice/, 'sweep'],
    ['--vary of one path twice', ['sweep', 's.yaml', '--vary', 'a=1', '--vary', 'a=2'], /--vary a is given twice/, 'sweep'],
    ['--replications 0', ['sweep', 's.yaml', '--replications', '0'], /--replications must be a whole number from 1/, 'sweep'],
    ['--jobs 1.5', ['sweep', 's.yaml', '--jobs', '1.5'], /--jobs must be a whole number from 1/, 'sweep'],
    ['--shard 5/4', ['sweep', 's.yaml', '--shard', '5/4'], /--shard K must be from 1 to N \(4\)/, 'sweep'],
    ['--shard 0/4', ['sweep', 's.yaml', '--shard', '0/4'], /--shard K must be from 1/, 'sweep'],
    ['--shard 2', ['sweep', 's.yaml', '--shard', '2'], /--shard expects K\/N/, 'sweep'],
    ['merge without --out', ['merge', 'a', 'b'], /missing --out DIR/, 'merge'],
    ['merge without folders', ['merge', '--out', 'm'], /missing <DIR>/, 'merge'],
    ['check --min-pass 0', ['check', 's.yaml', '--min-pass', '0'], /--min-pass must be a percentage above 0/, 'check'],
    ['check --min-pass 101', ['check', 's.yaml', '--min-pass', '101'], /--min-pass must be a percentage/, 'check'],
    ['check --vary', ['check', 's.yaml', '--vary', 'a=1'], /unknown option --vary/, 'check'],
  ];
  it.each(cases)('%s: %j', (_title, argv, message, command) => {
    expect(() => parseArgs(argv)).toThrow(expect.objectContaining({ name: 'UsageError', command, message: expect.stringMatching(message) }));
  });
});

/**
 * The argument parser: every option of every command, repeated --set, and every usage error,
 * as tables of argv → invocation or argv → message.
 */
import { describe, expect, it } from 'vitest';
import { checkOverride, checkSeed, COMMANDS, parseArgs, splitOverride, type Invocation } from '../../cli/args.ts';
import { formatUsageError, UsageError } from '../../cli/errors.ts';

const run = (extra: Partial<Extract<Invocation, { command: 'run' }>> = {}): Invocation => ({
  command: 'run',
  scenario: 's.yaml',
  seed: undefined,
  out: undefined,
  overrides: [],
  quiet: false,
  ...extra,
});

describe('parseArgs: accepted command lines', () => {
  const cases: [string, string[], Invocation][] = [
    ['run with defaults', ['run', 's.yaml'], run()],
    ['--seed N', ['run', 's.yaml', '--seed', '42'], run({ seed: 42 })],
    ['--seed=N', ['run', 's.yaml', '--seed=0'], run({ seed: 0 })],
    ['--seed before the file', ['run', '--seed', '7', 's.yaml'], run({ seed: 7 })],
    ['largest safe seed', ['run', 's.yaml', '--seed', '9007199254740991'], run({ seed: 9007199254740991 })],
    ['--out DIR', ['run', 's.yaml', '--out', 'results/a'], run({ out: 'results/a' })],
    ['--out=DIR', ['run', 's.yaml', '--out=x'], run({ out: 'x' })],
    ['--quiet', ['run', 's.yaml', '--quiet'], run({ quiet: true })],
    ['--quiet twice is harmless', ['run', 's.yaml', '--quiet', '--quiet'], run({ quiet: true })],
    [
      'repeated --set keeps order',
      ['run', 's.yaml', '--set', 'autoScaling.maxSize=20', '--set=autoScaling.policies.0.targetValue=40', '--set', 'autoScaling.maxSize=30'],
      run({
        overrides: [
          { path: 'autoScaling.maxSize', value: '20' },
          { path: 'autoScaling.policies.0.targetValue', value: '40' },
          { path: 'autoScaling.maxSize', value: '30' },
        ],
      }),
    ],
    ['--set value may hold = and spaces', ['run', 's.yaml', '--set', 'name=a = b'], run({ overrides: [{ path: 'name', value: 'a = b' }] })],
    ['--set with an empty value', ['run', 's.yaml', '--set', 'description='], run({ overrides: [{ path: 'description', value: '' }] })],
    ['-- ends options', ['run', '--', '--odd-name.yaml'], run({ scenario: '--odd-name.yaml' })],
    ['every option at once', ['run', 's.yaml', '--seed', '3', '--out', 'o', '--set', 'seed=9', '--quiet'], run({ seed: 3, out: 'o', overrides: [{ path: 'seed', value: '9' }], quiet: true })],
    ['validate one file', ['validate', 'a.yaml'], { command: 'validate', scenarios: ['a.yaml'] }],
    ['validate many files', ['validate', 'a.yaml', 'b.json', 'c.yml'], { command: 'validate', scenarios: ['a.yaml', 'b.json', 'c.yml'] }],
    ['--help', ['--help'], { command: 'help' }],
    ['-h', ['-h'], { command: 'help' }],
    ['help', ['help'], { command: 'help' }],
    ['help run', ['help', 'run'], { command: 'help', topic: 'run' }],
    ['run --help', ['run', '--help'], { command: 'help', topic: 'run' }],
    ['run -h wins over other mistakes', ['run', '--bogus', '-h'], { command: 'help', topic: 'run' }],
    ['validate --help', ['validate', '--help'], { command: 'help', topic: 'validate' }],
    ['--version', ['--version'], { command: 'version' }],
  ];
  it.each(cases)('%s: %j', (_title, argv, expected) => {
    expect(parseArgs(argv)).toEqual(expected);
  });
});

describe('parseArgs: usage errors name the problem and the command', () => {
  const cases: [string, string[], RegExp, string | undefined][] = [
    ['no command', [], /missing command: one of run, validate/, undefined],
    ['unknown command', ['bogus'], /unknown command 'bogus'$/, undefined],
    ['misspelt command', ['rnu', 's.yaml'], /unknown command 'rnu' \(did you mean run\?\)/, undefined],
    ['misspelt validate', ['valdiate'], /did you mean validate\?/, undefined],
    ['option before the command', ['--seed', '1', 'run'], /unknown option --seed \(options go after the command\)/, undefined],
    ['help for an unknown command', ['help', 'sweeep'], /no help for 'sweeep': unknown command/, undefined],
    ['help with two topics', ['help', 'run', 'validate'], /help takes at most one command/, undefined],
    ['missing scenario', ['run'], /missing <scenario>/, 'run'],
    ['missing scenario after options', ['run', '--seed', '1'], /missing <scenario>/, 'run'],
    ['two scenarios for run', ['run', 'a.yaml', 'b.yaml'], /unexpected argument 'b.yaml'/, 'run'],
    ['validate with no files', ['validate'], /missing <scenario>/, 'validate'],
    ['unknown option', ['run', 's.yaml', '--bogus'], /unknown option --bogus$/, 'run'],
    ['misspelt option', ['run', 's.yaml', '--sed', '1'], /unknown option --sed \(did you mean --seed\?\)/, 'run'],
    ['misspelt option with =', ['run', 's.yaml', '--qiuet=1'], /unknown option --qiuet \(did you mean --quiet\?\)/, 'run'],
    ['short option other than -h', ['run', 's.yaml', '-q'], /unknown option -q/, 'run'],
    ['option of another command', ['validate', 'a.yaml', '--seed', '1'], /unknown option --seed/, 'validate'],
    ['--seed without value', ['run', 's.yaml', '--seed'], /--seed needs a value \(N\)/, 'run'],
    ['--seed followed by an option', ['run', 's.yaml', '--seed', '--quiet'], /--seed needs a value/, 'run'],
    ['--seed=', ['run', 's.yaml', '--seed='], /--seed needs a value/, 'run'],
    ['negative seed', ['run', 's.yaml', '--seed', '-1'], /--seed must be an integer ≥ 0, got '-1'/, 'run'],
    ['fractional seed', ['run', 's.yaml', '--seed', '1.5'], /--seed must be an integer ≥ 0, got '1.5'/, 'run'],
    ['word seed', ['run', 's.yaml', '--seed', 'abc'], /--seed must be an integer ≥ 0/, 'run'],
    ['exponent seed', ['run', 's.yaml', '--seed', '1e3'], /--seed must be an integer ≥ 0/, 'run'],
    ['unsafe seed', ['run', 's.yaml', '--seed', '9007199254740993'], /--seed must be an integer ≥ 0/, 'run'],
    ['--seed twice', ['run', 's.yaml', '--seed', '1', '--seed', '2'], /--seed given more than once/, 'run'],
    ['--out twice', ['run', 's.yaml', '--out', 'a', '--out', 'b'], /--out given more than once/, 'run'],
    ['--out without value', ['run', 's.yaml', '--out'], /--out needs a value \(DIR\)/, 'run'],
    ['--set without =', ['run', 's.yaml', '--set', 'autoScaling.maxSize'], /--set expects PATH=VALUE/, 'run'],
    ['--set with an empty path', ['run', 's.yaml', '--set', '=3'], /--set '' is not a dotted key path/, 'run'],
    ['--set with a bad path', ['run', 's.yaml', '--set', 'a..b=3'], /is not a dotted key path/, 'run'],
    ['--set without value', ['run', 's.yaml', '--set'], /--set needs a value \(PATH=VALUE\)/, 'run'],
    ['--quiet with a value', ['run', 's.yaml', '--quiet=yes'], /--quiet takes no value/, 'run'],
  ];
  it.each(cases)('%s: %j', (_title, argv, message, command) => {
    let caught: unknown;
    try {
      parseArgs(argv);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(UsageError);
    const error = caught as UsageError;
    expect(error.message).toMatch(message);
    expect(error.command).toBe(command);
  });
});

describe('usage error text', () => {
  it('is the message on one line, then a pointer to the help of the command', () => {
    expect(formatUsageError(new UsageError('unknown option --x', 'run'))).toBe("elbsim run: unknown option --x\nSee 'elbsim run --help'.\n");
    expect(formatUsageError(new UsageError('missing command'))).toBe("elbsim: missing command\nSee 'elbsim --help'.\n");
  });
  it('has no help pointer for a file problem', () => {
    expect(formatUsageError(new UsageError('cannot read a.yaml: no such file', 'run', false))).toBe('elbsim run: cannot read a.yaml: no such file\n');
  });
});

describe('value checks', () => {
  it.each([['0'], ['1'], ['4294967296']])('seed %s is fine', (raw) => expect(checkSeed(raw)).toBeUndefined());
  it.each([['-0'], [''], [' 1'], ['0x10'], ['+1']])('seed %j is refused', (raw) => expect(checkSeed(raw)).toBeDefined());
  it.each([['a=1'], ['a.b.0.c=x'], ['loadBalancer.targetGroup.health-check=1'], ['a_b=']])('override %s is fine', (raw) =>
    expect(checkOverride(raw)).toBeUndefined(),
  );
  it('splits an override at the first =', () => expect(splitOverride('a.b=c=d')).toEqual({ path: 'a.b', value: 'c=d' }));
});

describe('the command table', () => {
  it('has unique command and option names, each with help text', () => {
    const names = COMMANDS.map((c) => c.name);
    expect(new Set(names).size).toBe(names.length);
    for (const command of COMMANDS) {
      expect(command.summary).not.toBe('');
      const options = command.options.map((o) => o.name);
      expect(new Set(options).size).toBe(options.length);
      for (const option of command.options) {
        expect(option.help, `${command.name} --${option.name}`).not.toBe('');
        expect(option.name).toMatch(/^[a-z][a-z-]*$/);
        expect(option.name).not.toBe('help');
      }
    }
  });
});

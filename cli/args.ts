/**
 * The `elbsim` command line: one table of subcommands and their options, and a pure parser
 * that turns `argv` into a typed `Invocation` or throws a `UsageError`.
 *
 * The same table renders `--help` (see help.ts), so what the parser accepts and what the help
 * says cannot drift apart. To add a subcommand (`sweep`, `merge`, `check`): add its member to
 * `Invocation`, an entry to `COMMANDS` whose `build` turns raw values into that member, and a
 * handler in main.ts. Nothing here touches the process, the file system or the clock.
 */
import type { Override, Vary } from './batch-types.ts';
import { UsageError } from './errors.ts';
import { checkShard, parseShardArg, type ShardArg } from './shard.ts';
import { didYouMean } from './suggest.ts';
import { checkVary, splitVaries } from './sweep-grid.ts';

export type { Override } from './batch-types.ts';

export type Invocation =
  | { command: 'help'; topic?: string }
  | { command: 'version' }
  | { command: 'run'; scenario: string; seed?: number; out?: string; overrides: Override[]; quiet: boolean }
  | { command: 'validate'; scenarios: string[] }
  | {
      command: 'sweep';
      scenario: string;
      vary: Vary[];
      replications: number;
      seed?: number;
      jobs?: number;
      shard?: ShardArg;
      out?: string;
      quiet: boolean;
    }
  | { command: 'merge'; dirs: string[]; out: string }
  | { command: 'check'; scenario: string; seed?: number; overrides: Override[]; replications: number; minPass: number; jobs?: number };

export interface OptionSpec {
  /** Long name without the dashes: `seed` for `--seed`. */
  name: string;
  /** Placeholder for the value in help (`N`, `DIR`); absent for a flag. */
  value?: string;
  /** May be given more than once; the values are kept in order. */
  repeat?: boolean;
  /** Must be given (rendered without brackets in the usage line). */
  required?: boolean;
  help: string;
  /** Checks one raw value; returns what is wrong with it, or undefined when it is fine. */
  check?: (raw: string) => string | undefined;
}

export interface PositionalSpec {
  name: string;
  help: string;
  /** One or more values (`<scenario>...`). */
  variadic?: boolean;
}

/** What the parser collected for one subcommand, before `build` gives it a type. */
export interface RawArgs {
  positionals: string[];
  /** Flags map to `true`; value options to their values in the order given. */
  options: Map<string, true | string[]>;
}

export interface CommandSpec {
  name: string;
  /** One line for the command list. */
  summary: string;
  /** Paragraphs for `elbsim help <command>`. */
  description: string[];
  positionals: PositionalSpec[];
  options: OptionSpec[];
  examples: string[];
  build(raw: RawArgs): Invocation;
}

/** An integer seed ≥ 0 that survives a round trip through a double. */
export function checkSeed(raw: string): string | undefined {
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(Number(raw))) return `must be an integer ≥ 0, got '${raw}'`;
  return undefined;
}

export function checkOverride(raw: string): string | undefined {
  const eq = raw.indexOf('=');
  if (eq < 0) return `expects PATH=VALUE, e.g. autoScaling.maxSize=20; got '${raw}'`;
  if (!/^[^.\s]+(\.[^.\s]+)*$/.test(raw.slice(0, eq))) {
    return `'${raw.slice(0, eq)}' is not a dotted key path (like autoScaling.policies.0.targetValue)`;
  }
  return undefined;
}

/** A whole number from 1 to `max`. */
export function checkCount(max: number): (raw: string) => string | undefined {
  return (raw) => (/^\d+$/.test(raw) && Number(raw) >= 1 && Number(raw) <= max ? undefined : `must be a whole number from 1 to ${max}, got '${raw}'`);
}

/** A percentage above 0 and at most 100. */
export function checkPercent(raw: string): string | undefined {
  const value = Number(raw);
  return /^\d+(\.\d+)?$/.test(raw) && value > 0 && value <= 100 ? undefined : `must be a percentage above 0 and at most 100, got '${raw}'`;
}

export function splitOverride(raw: string): Override {
  const eq = raw.indexOf('=');
  return { path: raw.slice(0, eq), value: raw.slice(eq + 1) };
}

const SCENARIO: PositionalSpec = { name: 'scenario', help: 'a scenario file (.yaml, .yml or .json)' };

/** Worker threads at most: more than any machine's cores, few enough to catch a typo. */
const MAX_JOBS = 1024;
const MAX_REPLICATIONS = 100_000;
const SEED_OPTION: OptionSpec = {
  name: 'seed',
  value: 'N',
  help: "seed of the first replication; replication r uses N + r (default: the scenario's seed)",
  check: checkSeed,
};
const REPLICATIONS_OPTION: OptionSpec = {
  name: 'replications',
  value: 'R',
  help: 'runs of each combination, with seeds N, N+1, …, N+R−1 (default 1)',
  check: checkCount(MAX_REPLICATIONS),
};
const JOBS_OPTION: OptionSpec = { name: 'jobs', value: 'J', help: 'worker threads (default: the number of cores)', check: checkCount(MAX_JOBS) };

/** `--set PATH=VALUE`, shared by run and check (the same overrides, applied the same way). */
const SET_OPTION: OptionSpec = {
  name: 'set',
  value: 'PATH=VALUE',
  repeat: true,
  help: 'override one scenario value before validation, e.g. autoScaling.maxSize=20 or autoScaling.policies.0.targetValue=40',
  check: checkOverride,
};

export const COMMANDS: readonly CommandSpec[] = [
  {
    name: 'run',
    summary: 'simulate a scenario and write its time series, events and summary',
    description: [
      'Simulates the scenario and writes DIR/timeseries.csv, DIR/events.csv and DIR/summary.json, then prints a short summary and the command that replays the run. On a terminal, progress is shown on stderr.',
      'The same scenario, seed and --set values always give byte-identical files.',
    ],
    positionals: [SCENARIO],
    options: [
      { name: 'seed', value: 'N', help: "master random seed, an integer ≥ 0 (default: the scenario's seed)", check: checkSeed },
      { name: 'out', value: 'DIR', help: 'output folder (default: out/<scenario file name without extension>)' },
      SET_OPTION,
      { name: 'quiet', help: 'print nothing but errors' },
    ],
    examples: [
      'elbsim run scenarios/steady-state.yaml',
      'elbsim run scenarios/flash-sale-target-tracking.yaml --seed 7 --set autoScaling.maxSize=20 --out out/flash-20',
    ],
    build: (raw) => ({
      command: 'run',
      scenario: raw.positionals[0]!,
      seed: optionalValue(raw, 'seed', Number),
      out: optionalValue(raw, 'out', String),
      overrides: values(raw, 'set').map(splitOverride),
      quiet: raw.options.has('quiet'),
    }),
  },
  {
    name: 'validate',
    summary: 'check scenario files without running them',
    description: ["Parses and validates each file, printing 'ok <file>' or one line per problem. Exits 2 if any file is invalid."],
    positionals: [{ ...SCENARIO, variadic: true }],
    options: [],
    examples: ['elbsim validate scenarios/*.yaml'],
    build: (raw) => ({ command: 'validate', scenarios: raw.positionals }),
  },
  {
    name: 'sweep',
    summary: 'run every combination of --vary values, R times each, in parallel',
    description: [
      'Runs every combination of the --vary values, R replications each, on J worker threads, and writes DIR/runs.csv (one row per run), DIR/summary.csv (one row per combination: each figure\'s mean and 95% confidence half-width, Student t; empty with one replication) and DIR/sweep.json (what was swept). On a terminal, a progress bar shows runs done, time elapsed and time left.',
      'Replication r uses seed N + r for every combination (common random numbers), so differences between combinations come from the values, not the draw. Runs are numbered combination × R + replication, the first --vary varying slowest; each run gives exactly the figures of elbsim run --seed N+r --set PATH=VALUE ….',
      '--shard K/N runs only the runs whose number modulo N is K−1; elbsim merge joins the shards\' folders into the files one unsharded sweep writes. --shard auto/N takes K from JOB_COMPLETION_INDEX (Kubernetes Indexed Job) or AWS_BATCH_JOB_ARRAY_INDEX (AWS Batch array job), plus one.',
    ],
    positionals: [SCENARIO],
    options: [
      {
        name: 'vary',
        value: 'PATH=V1,V2,...',
        repeat: true,
        help: 'a scenario path and its values, each read as YAML like --set (commas inside [ ] or { } do not split)',
        check: checkVary,
      },
      REPLICATIONS_OPTION,
      SEED_OPTION,
      JOBS_OPTION,
      { name: 'shard', value: 'K/N', help: 'run only share K of N (K from 1; auto/N: from the array job\'s index)', check: checkShard },
      { name: 'out', value: 'DIR', help: 'output folder (default: out/<scenario file name>-sweep, plus /shard-K-of-N with --shard)' },
      { name: 'quiet', help: 'print nothing but errors' },
    ],
    examples: [
      'elbsim sweep scenarios/steady-state.yaml --vary loadBalancer.targetGroup.algorithm=round_robin,least_outstanding_requests --replications 10',
      'elbsim sweep s.yaml --vary autoScaling.policies.0.targetValue=40,50,60,70 --vary autoScaling.defaultInstanceWarmup=60s,300s --replications 5 --jobs 8',
      'elbsim sweep s.yaml --vary autoScaling.maxSize=6,8 --replications 20 --shard auto/4   # in an array job',
    ],
    build: (raw) => ({
      command: 'sweep',
      scenario: raw.positionals[0]!,
      vary: splitVaries(values(raw, 'vary')),
      replications: optionalValue(raw, 'replications', Number) ?? 1,
      seed: optionalValue(raw, 'seed', Number),
      jobs: optionalValue(raw, 'jobs', Number),
      shard: optionalValue(raw, 'shard', parseShardArg),
      out: optionalValue(raw, 'out', String),
      quiet: raw.options.has('quiet'),
    }),
  },
  {
    name: 'merge',
    summary: "join the folders of a sharded sweep into one sweep's files",
    description: [
      "Reads the runs.csv and sweep.json of each shard's folder and writes DIR/runs.csv, DIR/summary.csv and DIR/sweep.json, byte for byte what the unsharded sweep writes. Refuses folders from different sweeps, and names any shard or run that is missing or given twice.",
    ],
    positionals: [{ name: 'DIR', help: 'the folder a sweep --shard K/N wrote', variadic: true }],
    options: [{ name: 'out', value: 'DIR', required: true, help: 'folder for the merged files (not one of the inputs)' }],
    examples: ['elbsim merge out/flash-sale-target-tracking-sweep/shard-* --out out/flash-sale-target-tracking-sweep'],
    build: (raw) => ({ command: 'merge', dirs: raw.positionals, out: optionalValue(raw, 'out', String)! }),
  },
  {
    name: 'check',
    summary: 'run a scenario against its expect: block; exit 3 if one fails',
    description: [
      "Runs the scenario and prints each expectation of its expect: block as PASS or FAIL with the figure's value and the limit, then exits 3 if any failed: a guard for CI. Values are compared as summary.json writes them; elb5xxRate is (502 + 503 + 504) / requests as a fraction (max: 0.01 means 1 %; run and the web app show it in percent), healthyHostsMin the fewest healthy hosts at the end of any period.",
      'With --replications R the scenario runs with seeds N … N+R−1, and an expectation passes when it holds in at least --min-pass percent of them (default 100: in every one); a failure prints the command that replays a failing seed.',
    ],
    positionals: [SCENARIO],
    options: [
      { ...SEED_OPTION, help: "seed of the first replication (default: the scenario's seed)" },
      { ...REPLICATIONS_OPTION, help: 'runs, with seeds N, N+1, …, N+R−1 (default 1)' },
      { name: 'min-pass', value: 'P', help: 'percent of replications each expectation must hold in (default 100)', check: checkPercent },
      SET_OPTION,
      JOBS_OPTION,
    ],
    examples: [
      'elbsim check sweeps/flash-sale-guard.yaml',
      'elbsim check sweeps/flash-sale-guard.yaml --replications 20 --min-pass 95',
      'elbsim check sweeps/flash-sale-guard.yaml --set autoScaling.maxSize=12',
    ],
    build: (raw) => ({
      command: 'check',
      scenario: raw.positionals[0]!,
      seed: optionalValue(raw, 'seed', Number),
      overrides: values(raw, 'set').map(splitOverride),
      replications: optionalValue(raw, 'replications', Number) ?? 1,
      minPass: optionalValue(raw, 'min-pass', Number) ?? 100,
      jobs: optionalValue(raw, 'jobs', Number),
    }),
  },
];

function values(raw: RawArgs, name: string): string[] {
  const got = raw.options.get(name);
  return Array.isArray(got) ? got : [];
}

function optionalValue<T>(raw: RawArgs, name: string, convert: (s: string) => T): T | undefined {
  const got = values(raw, name);
  return got.length === 0 ? undefined : convert(got[got.length - 1]!);
}

export function findCommand(name: string): CommandSpec | undefined {
  return COMMANDS.find((c) => c.name === name);
}

const commandNames = (): string[] => COMMANDS.map((c) => c.name);

/** Turns the arguments after `elbsim` into an invocation, or throws a `UsageError`. */
export function parseArgs(argv: readonly string[]): Invocation {
  const [first, ...rest] = argv;
  if (first === undefined) throw new UsageError(`missing command: one of ${commandNames().join(', ')}`);
  if (first === '--help' || first === '-h') return { command: 'help' };
  if (first === '--version') return { command: 'version' };
  if (first === 'help') return parseHelp(rest);
  if (first.startsWith('-')) throw new UsageError(`unknown option ${first} (options go after the command)`);
  const spec = findCommand(first);
  if (!spec) throw new UsageError(`unknown command '${first}'${didYouMean(first, commandNames())}`);
  const dashDash = rest.indexOf('--');
  const beforeDashDash = dashDash < 0 ? rest : rest.slice(0, dashDash);
  if (beforeDashDash.includes('--help') || beforeDashDash.includes('-h')) return { command: 'help', topic: spec.name };
  return spec.build(collect(spec, rest));
}

function parseHelp(rest: string[]): Invocation {
  if (rest.length > 1) throw new UsageError(`help takes at most one command, got ${rest.length}`);
  const topic = rest[0];
  if (topic === undefined) return { command: 'help' };
  if (!findCommand(topic)) throw new UsageError(`no help for '${topic}': unknown command${didYouMean(topic, commandNames())}`);
  return { command: 'help', topic };
}

/** Sorts one subcommand's arguments into options and positionals, checking each against the table. */
function collect(spec: CommandSpec, args: readonly string[]): RawArgs {
  const fail = (message: string): never => {
    throw new UsageError(message, spec.name);
  };
  const raw: RawArgs = { positionals: [], options: new Map() };
  let optionsEnded = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (optionsEnded || arg === '-' || !arg.startsWith('-')) {
      raw.positionals.push(arg);
      continue;
    }
    if (arg === '--') {
      optionsEnded = true;
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.startsWith('--') ? arg.slice(2, eq < 0 ? undefined : eq) : '';
    const option = spec.options.find((o) => o.name === name);
    if (!option) {
      const known = spec.options.map((o) => `--${o.name}`);
      const shown = eq < 0 ? arg : arg.slice(0, eq);
      return fail(`unknown option ${shown}${didYouMean(shown, known)}`);
    }
    const inline = eq < 0 ? undefined : arg.slice(eq + 1);
    if (option.value === undefined) {
      if (inline !== undefined) fail(`--${name} takes no value`);
      raw.options.set(name, true);
      continue;
    }
    let value = inline;
    if (value === undefined) {
      const next = args[i + 1];
      if (next !== undefined && !next.startsWith('--')) {
        value = next;
        i++;
      }
    }
    if (value === undefined || value === '') fail(`--${name} needs a value (${option.value})`);
    const problem = option.check?.(value!);
    if (problem !== undefined) fail(`--${name} ${problem}`);
    const previous = raw.options.get(name);
    if (Array.isArray(previous) && !option.repeat) fail(`--${name} given more than once`);
    raw.options.set(name, [...(Array.isArray(previous) ? previous : []), value!]);
  }
  checkCounts(spec, raw, fail);
  return raw;
}

function checkCounts(spec: CommandSpec, raw: RawArgs, fail: (message: string) => never): void {
  const wanted = spec.positionals;
  const variadic = wanted.some((p) => p.variadic);
  if (raw.positionals.length < wanted.length) fail(`missing <${wanted[raw.positionals.length]!.name}>`);
  if (!variadic && raw.positionals.length > wanted.length) fail(`unexpected argument '${raw.positionals[wanted.length]}'`);
  for (const option of spec.options) {
    if (option.required && !raw.options.has(option.name)) fail(`missing --${option.name} ${option.value ?? ''}`.trimEnd());
  }
}

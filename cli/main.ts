/**
 * The `elbsim` command: turns arguments into an invocation (args.ts), runs the subcommand, and
 * maps every outcome to an exit code (errors.ts).
 *
 * This is the only place that decides how failures look. A user's mistake (bad arguments, an
 * unreadable file, an invalid scenario) gets a short message and exit 1 or 2; anything else is
 * a bug in elbsim and gets a short message, a request to report it, the command that replays
 * it, and exit 70. Stack traces are shown only with ELBSIM_DEBUG=1.
 */
import { readFileSync } from 'node:fs';
import { findCommand, parseArgs, type Invocation } from './args.ts';
import { EXIT, formatUsageError, ScenarioError, UsageError, type ExitCode } from './errors.ts';
import { renderCommandHelp, renderHelp } from './help.ts';
import { commandLine, processIo, type Context, type Io } from './io.ts';

/** Printed after a scenario's problems: the scenario format's reference, in the repository. */
export const REFERENCE_HINT = 'Every scenario key, its default and its allowed range: docs/scenario-reference.md';

/** Runs `elbsim <argv>` and resolves to its exit code; never throws. */
export async function main(argv: readonly string[], io: Io = processIo()): Promise<ExitCode> {
  const context: Context = { io, replay: [...argv] };
  try {
    return await dispatch(parseArgs(argv), context);
  } catch (error) {
    return report(error, context);
  }
}

async function dispatch(invocation: Invocation, context: Context): Promise<ExitCode> {
  switch (invocation.command) {
    case 'help': {
      const spec = invocation.topic === undefined ? undefined : findCommand(invocation.topic);
      context.io.out(spec ? renderCommandHelp(spec) : renderHelp());
      return EXIT.ok;
    }
    case 'version':
      context.io.out(`elbsim ${version()}\n`);
      return EXIT.ok;
    // Subcommands load on demand: help and usage errors never wait for (or depend on) the core.
    case 'run':
      return (await import('./run.ts')).runCommand(invocation, context);
    case 'validate':
      return (await import('./validate.ts')).validateCommand(invocation, context);
    case 'sweep':
      return (await import('./sweep.ts')).sweepCommand(invocation, context);
    case 'merge':
      return (await import('./merge.ts')).mergeCommand(invocation, context);
    case 'check':
      return (await import('./check.ts')).checkCommand(invocation, context);
  }
}

/** Prints a failure the way its class deserves and picks the exit code. */
function report(error: unknown, { io, replay }: Context): ExitCode {
  if (error instanceof UsageError) {
    io.err(formatUsageError(error));
    return EXIT.usage;
  }
  if (error instanceof ScenarioError) {
    // Its issues are already printed; say where every key, its default and its range are written.
    if (error.pointToReference) io.err(`${REFERENCE_HINT}\n`);
    return EXIT.invalidScenario;
  }
  const message = error instanceof Error ? error.message : String(error);
  io.err(
    `elbsim: internal error: ${message}\n` +
      `This is a bug in elbsim: please report it, with the scenario file and this command:\n` +
      `replay: ${commandLine(replay)}\n`,
  );
  if (io.env.ELBSIM_DEBUG && error instanceof Error && error.stack) io.err(`${error.stack}\n`);
  return EXIT.internal;
}

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

/**
 * Exit codes and the errors that map to them (contract section 2).
 *
 * Each failure class has its own exit code so scripts and schedulers can tell "you typed it
 * wrong" from "the scenario is wrong" from "the simulator is wrong". A `UsageError` or a
 * `ScenarioError` is a user's mistake: it is printed as a short message, never a stack trace.
 * Anything else that reaches `main` is our bug and exits with `EXIT.internal`.
 */

export const EXIT = {
  /** The command did what was asked. */
  ok: 0,
  /** Unknown subcommand or option, missing argument, bad value, unreadable or unwritable file. */
  usage: 1,
  /** A scenario file failed validation. */
  invalidScenario: 2,
  /** A scenario's `expect` block failed (`elbsim check`). */
  expectationFailed: 3,
  /** A bug in elbsim (BSD sysexits EX_SOFTWARE). */
  internal: 70,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/**
 * How `instanceof UsageError` and `instanceof ScenarioError` recognise an error: by a registered
 * symbol it carries, not by the class object. The compiled CLI bundles main.js apart from the
 * commands' modules (scripts/build-cli.js), so each has its own copy of these classes, and an
 * error a command throws must still be recognised by main's copy.
 */
const BRAND = Symbol.for('elbsim.cli.error');

function branded(value: unknown, name: string): boolean {
  return typeof value === 'object' && value !== null && (value as { [BRAND]?: unknown })[BRAND] === name;
}

/**
 * The command line itself is wrong. `command` names the subcommand whose help to point at
 * (undefined: the top-level help).
 */
export class UsageError extends Error {
  override name = 'UsageError';
  readonly [BRAND] = 'UsageError';
  static override [Symbol.hasInstance](value: unknown): boolean {
    return branded(value, 'UsageError');
  }
  constructor(
    message: string,
    readonly command?: string,
    /** false for errors about the environment (a file that cannot be read): no help pointer. */
    readonly pointToHelp = true,
  ) {
    super(message);
  }
}

/** One or more scenario files are invalid; their issues have already been printed. */
export class ScenarioError extends Error {
  override name = 'ScenarioError';
  readonly [BRAND] = 'ScenarioError';
  static override [Symbol.hasInstance](value: unknown): boolean {
    return branded(value, 'ScenarioError');
  }
  constructor(
    message = 'invalid scenario',
    /** false when the file is no scenario text at all (its encoding): the key reference would not help. */
    readonly pointToReference = true,
  ) {
    super(message);
  }
}

/** Lines for a usage error: the message, then where to find help. */
export function formatUsageError(error: UsageError): string {
  const where = error.command ? `elbsim ${error.command}` : 'elbsim';
  const first = `${where}: ${error.message}`;
  if (!error.pointToHelp) return `${first}\n`;
  return `${first}\nSee '${where} --help'.\n`;
}

/** Node's error codes for file system calls, in words a user can act on. */
const FS_REASONS: Record<string, string> = {
  ENOENT: 'no such file',
  EISDIR: 'is a directory',
  ENOTDIR: 'a parent is not a directory',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EEXIST: 'already exists',
  ENOSPC: 'no space left on device',
  EROFS: 'read-only file system',
  EMFILE: 'too many open files',
  ELOOP: 'too many symbolic links',
  ENAMETOOLONG: 'name too long',
};

/** "cannot read <file>: no such file" from a failed `fs` call. */
export function describeFsError(verb: 'read' | 'write' | 'create', path: string, error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  const reason =
    typeof code === 'string' ? (FS_REASONS[code] ?? code) : error instanceof Error ? error.message : String(error);
  return `cannot ${verb} ${path}: ${reason}`;
}

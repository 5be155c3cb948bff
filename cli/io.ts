/**
 * Where the command's text goes. Subcommands write through an `Io` rather than to `process`
 * directly, so tests can run `main` in-process and read what it printed, and so `--quiet` and
 * "is this a terminal?" are decided in one place.
 */

export interface Io {
  /** Results and the human summary. */
  out(text: string): void;
  /** Errors, warnings and diagnostics. */
  err(text: string): void;
  /** The terminal to draw progress on, or undefined when stderr is not a terminal. */
  progress?: NodeJS.WriteStream;
  env: Record<string, string | undefined>;
}

/**
 * The real process: stdout, stderr, and progress only when stderr is a TTY. When the reader of
 * a pipe goes away (`elbsim run x.yaml | head -1`), further text to it is dropped: the run
 * still finishes and writes its files, without an EPIPE stack trace.
 */
export function processIo(): Io {
  return {
    out: writerTo(process.stdout),
    err: writerTo(process.stderr),
    progress: process.stderr.isTTY && process.env.CI === undefined ? process.stderr : undefined,
    env: process.env,
  };
}

function writerTo(stream: NodeJS.WriteStream): (text: string) => void {
  let open = true;
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    open = false;
  });
  return (text) => {
    if (open) stream.write(text);
  };
}

/** An Io that stores everything, for tests. */
export function memoryIo(env: Record<string, string | undefined> = {}): Io & { stdout: string; stderr: string } {
  const io = {
    stdout: '',
    stderr: '',
    env,
    out: (text: string) => void (io.stdout += text),
    err: (text: string) => void (io.stderr += text),
  };
  return io;
}

/** Quotes one argument for a POSIX shell only when it needs it, so replay lines stay readable. */
export function shellQuote(arg: string): string {
  if (arg !== '' && /^[A-Za-z0-9_./=:,@%+^-]+$/.test(arg)) return arg;
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

/** `elbsim run a.yaml --seed 3` from its parts, each quoted as needed. */
export function commandLine(args: readonly string[]): string {
  return ['elbsim', ...args].map(shellQuote).join(' ');
}

/** What a subcommand gets: where to print, and the command that replays it if it fails. */
export interface Context {
  io: Io;
  /** Arguments after `elbsim` that reproduce this invocation; commands refine it (a resolved seed). */
  replay: string[];
}

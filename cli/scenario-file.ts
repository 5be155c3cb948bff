/**
 * Reading a scenario file from disk and handing it to the core's parser.
 *
 * The core parses text and never touches the file system; this module owns the part that can
 * fail for reasons outside the scenario (a missing file, a directory, a permission), which are
 * usage errors (exit 1), and prints the scenario's own problems in the contract's one-line form
 * `file:line:col: path: message`, which the caller turns into exit 2.
 *
 * The file is checked before it is read: it must be a regular file (a FIFO named `x.yaml` would
 * block the read forever, `/dev/zero` would never end) no larger than the file-size limit. Its
 * bytes must be UTF-8 text: a UTF-16 file (it starts with a byte-order mark) and a binary file
 * are refused with a word about the encoding, not shown as garbage. A UTF-8 byte-order mark is
 * skipped. The file is held once as bytes and once as text (the check decodes it to the text it
 * returns), not as a further checked copy.
 */
import { open, stat } from 'node:fs/promises';
import { constants } from 'node:fs';
import { extname } from 'node:path';
import { formatIssue, parseScenario } from '../core/index.ts';
// The limits table is plain constants; read directly, so that a stand-in core in tests need not provide it.
import { LIMITS as SCENARIO_LIMITS } from '../core/scenario/limits.ts';
import type { ParseResult, ScenarioIssue } from '../core/index.ts';
import type { Override } from './args.ts';
import { describeFsError, ScenarioError, UsageError } from './errors.ts';
import type { Io } from './io.ts';

export const SCENARIO_EXTENSIONS = ['.yaml', '.yml', '.json'] as const;

/**
 * A file's bytes as a scenario's text, decoded once (a UTF-8 byte-order mark dropped), or why
 * they are not UTF-8 text. The text is the only copy made: the checks before it read the bytes
 * in place, and the decoder that checks them is the one that makes the text.
 */
export function decodeScenario(bytes: Uint8Array): { text: string } | { problem: string } {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return { problem: 'the file is UTF-16 text (it starts with a UTF-16 byte-order mark); save it as UTF-8, e.g. iconv -f UTF-16 -t UTF-8' };
  }
  if (bytes.includes(0)) return { problem: 'the file is not UTF-8 text (it holds NUL bytes: a binary file?)' };
  try {
    // fatal: bytes that are not UTF-8 throw instead of becoming U+FFFD; the byte-order mark is dropped (ignoreBOM false).
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return { problem: 'the file is not UTF-8 text (it holds bytes that are not UTF-8); save it as UTF-8' };
  }
}

/**
 * The text of a scenario file, checked as described above. Problems with the file itself are
 * usage errors (exit 1); a file too large or not UTF-8 text is an invalid scenario (exit 2),
 * printed to `io` when given.
 */
export async function readScenarioFile(file: string, command: string, io?: Io): Promise<string> {
  let size: number;
  try {
    const info = await stat(file);
    if (info.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
    if (!info.isFile()) throw new UsageError(`cannot read ${file}: not a regular file (a device, FIFO or socket); give a scenario file`, command, false);
    size = info.size;
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(describeFsError('read', file, error), command, false);
  }
  const limit = SCENARIO_LIMITS.fileBytes.max;
  if (size > limit) invalid(io, `${file}:1:1: the file is too large (${size.toLocaleString('en-US')} bytes); the limit is ${limit.toLocaleString('en-US')} bytes (${SCENARIO_LIMITS.fileBytes.why})`);
  let bytes: Buffer | undefined;
  try {
    // O_NONBLOCK: should the file have been swapped for a FIFO since the stat, the open does not wait for a writer.
    const handle = await open(file, constants.O_RDONLY | constants.O_NONBLOCK);
    try {
      const info = await handle.stat();
      if (!info.isFile()) throw new UsageError(`cannot read ${file}: not a regular file (a device, FIFO or socket); give a scenario file`, command, false);
      if (info.size > limit) invalid(io, `${file}:1:1: the file is too large (${info.size.toLocaleString('en-US')} bytes); the limit is ${limit.toLocaleString('en-US')} bytes`);
      bytes = await handle.readFile();
    } finally {
      await handle.close();
    }
  } catch (error) {
    if (error instanceof UsageError || error instanceof ScenarioError) throw error;
    throw new UsageError(describeFsError('read', file, error), command, false);
  }
  if (bytes.length > limit) invalid(io, `${file}:1:1: the file is too large (more than ${limit.toLocaleString('en-US')} bytes)`);
  const decoded = decodeScenario(bytes);
  bytes = undefined; // the caller holds only the text
  if ('problem' in decoded) invalid(io, `${file}:1:1: ${decoded.problem}`);
  return decoded.text;
}

function invalid(io: Io | undefined, line: string): never {
  io?.err(`${line}\n`);
  throw new ScenarioError(line, false);
}

/** Reads and validates one scenario file; throws a `UsageError` if it cannot be read. */
export async function loadScenario(file: string, overrides: readonly Override[], command: string, io?: Io): Promise<ParseResult> {
  const extension = extname(file).toLowerCase();
  if (!(SCENARIO_EXTENSIONS as readonly string[]).includes(extension)) {
    throw new UsageError(`cannot read ${file}: expected a .yaml, .yml or .json file`, command, false);
  }
  const text = await readScenarioFile(file, command, io);
  return parseScenario(text, file, { overrides: overrides.map(({ path, value }) => ({ path, value })) });
}

/** Prints warnings (unless quiet) and errors to stderr, one line each. */
export function printIssues(io: Io, result: ParseResult, options: { quiet?: boolean } = {}): void {
  if (!options.quiet) for (const warning of result.warnings) io.err(`warning: ${oneLine(warning)}\n`);
  if (!result.ok) for (const error of result.errors) io.err(`${oneLine(error)}\n`);
}

function oneLine(issue: ScenarioIssue): string {
  return formatIssue(issue).replace(/\s*\n\s*/g, ' ');
}

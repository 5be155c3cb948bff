/**
 * File work shared by the batch commands (`sweep`, `merge`, `check`): the scenario text that the
 * worker threads parse, and buffered writing of files that grow a row at a time.
 *
 * The workers get the text the main thread read once (not the path), so every run of a batch
 * sees the same scenario even if the file is edited while the batch runs; its SHA-256 goes into
 * sweep.json so `merge` can tell sweeps of different files apart.
 */
import { createHash } from 'node:crypto';
import { open, type FileHandle } from 'node:fs/promises';
import { readScenarioFile } from './scenario-file.ts';
import { describeFsError, UsageError } from './errors.ts';

export interface ScenarioText {
  text: string;
  sha256: string;
}

/** Reads a scenario file that `loadScenario` has already read and validated. */
export async function readScenarioText(file: string, command: string): Promise<ScenarioText> {
  const text = await readScenarioFile(file, command);
  return { text, sha256: createHash('sha256').update(text).digest('hex') };
}

/** Bytes buffered before a write: rows are small, system calls are not free. */
const FLUSH_BYTES = 64 * 1024;

/** A file written in order, a few rows at a time; file system errors become usage errors. */
export class BufferedFile {
  private buffer = '';

  private constructor(
    readonly path: string,
    private readonly handle: FileHandle,
    private readonly command: string,
  ) {}

  static async create(path: string, command: string): Promise<BufferedFile> {
    try {
      return new BufferedFile(path, await open(path, 'w'), command);
    } catch (error) {
      throw new UsageError(describeFsError('write', path, error), command, false);
    }
  }

  async write(text: string): Promise<void> {
    this.buffer += text;
    if (this.buffer.length >= FLUSH_BYTES) await this.flush();
  }

  async close(): Promise<void> {
    try {
      await this.flush();
    } finally {
      await this.handle.close();
    }
  }

  private async flush(): Promise<void> {
    const text = this.buffer;
    this.buffer = '';
    try {
      await this.handle.writeFile(text);
    } catch (error) {
      throw new UsageError(describeFsError('write', this.path, error), this.command, false);
    }
  }
}

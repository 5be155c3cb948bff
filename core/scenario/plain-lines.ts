/**
 * The line-by-line state of the plain YAML reader (plain-yaml.ts): the current line, its
 * indentation (a line ends at LF or CR LF, the CR left out of it, as the library reads it),
 * empty and comment lines skipped, and what starts a key or a list item. Steps
 * aside (stop) at a document marker or directive, a key the core schema would not read as
 * plain text, or a key too long for the YAML library.
 */
import { stop } from './plain-base.ts';

export const SPACE = 0x20;
export const NEWLINE = 0x0a;
export const HASH = 0x23;
export const CR = 0x0d;
const DASH = 0x2d;

/** The library refuses an implicit key longer than 1024 characters. */
const MAX_KEY_LENGTH = 1000;

/**
 * A key: a plain word (a letter or `_` first, then letters, digits, `_ . / -`) or a one-line
 * quoted text without escapes, then `:` and a space or the end of the line. `lastIndex` is set
 * to the position to read from.
 */
const KEY = /(?:([A-Za-z_][A-Za-z0-9_./-]*)|"([^"\\\r\n]*)"|'((?:[^'\r\n]|'')*)'):(?= |\r?\n|$)/y;
/** Plain words the core schema reads as null or a boolean: as keys, left to the library. */
const SPECIAL_KEY = /^(?:[Nn]ull|NULL|[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
/** What may start a plain scalar here (YAML allows more; the rest is left to the library). */
export const PLAIN_START = /[A-Za-z0-9_.+~/(]|-[A-Za-z0-9.]/y;

export class Lines {

  protected readonly text: string;
  /**
   * The current line: its start, its end (its line break, CR LF or LF, or the end of the
   * text), its indentation; `next` is where the line after it starts.
   */
  protected start = 0;
  protected end = 0;
  protected next = 0;
  protected indent = 0;
  protected eof = false;

  constructor(text: string) {
    this.text = text;
    this.load(0);
  }

  protected load(start: number): void {
    const text = this.text;
    this.start = start;
    this.eof = start >= text.length;
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    this.next = end + 1;
    if (end > start && text.charCodeAt(end - 1) === CR) end--;
    this.end = end;
    let i = start;
    while (i < end && text.charCodeAt(i) === SPACE) i++;
    this.indent = i - start;
  }

  protected nextLine(): void {
    this.load(this.next);
  }

  /** Moves to the first line at or after the current one that holds more than spaces and a comment. */
  protected skipEmpty(): void {
    const text = this.text;
    while (!this.eof) {
      const first = this.start + this.indent;
      if (first < this.end && text.charCodeAt(first) !== HASH) {
        if (this.indent === 0 && (text.startsWith('---', first) || text.startsWith('...', first) || text.charCodeAt(first) === 0x25 /* % */)) stop();
        return;
      }
      this.nextLine();
    }
  }

  protected spacesFrom(i: number): number {
    while (i < this.end && this.text.charCodeAt(i) === SPACE) i++;
    return i;
  }

  protected isSeqItem(at: number): boolean {
    return this.text.charCodeAt(at) === DASH && (at + 1 === this.end || this.text.charCodeAt(at + 1) === SPACE);
  }

  /** Whether a merge key (`<<:` then a space or the end of the line) stands at `at`. */
  protected isMergeKey(at: number): boolean {
    const text = this.text;
    return text.startsWith('<<:', at) && (at + 3 === this.end || text.charCodeAt(at + 3) === SPACE);
  }

  /** The key at `at` and where its value starts, or undefined when there is no key there. */
  protected keyAt(at: number): { key: string; next: number } | undefined {
    KEY.lastIndex = at;
    const match = KEY.exec(this.text);
    if (!match || KEY.lastIndex > this.end) return undefined;
    let key: string;
    if (match[1] !== undefined) {
      if (SPECIAL_KEY.test(match[1])) stop();
      key = match[1];
    } else {
      key = match[2] ?? match[3]!.replaceAll("''", "'");
    }
    if (key.length > MAX_KEY_LENGTH || key === '__proto__') stop();
    return { key, next: KEY.lastIndex };
  }
}

/**
 * The flow collections of the plain YAML reader (plain-yaml.ts), `[a, b]` and `{ a: 1 }`, on
 * one line or over several (each line indented as the library wants it), and the one-line
 * quoted scalars without escapes both readings share. Steps aside (stop) on anything else:
 * a plain scalar continued on the next line, an empty entry, a key with its value on the
 * next line, a comment line not indented past the block collection's column.
 */
import { MAX_DEPTH, MAX_KEYS, resolvePlain, stop } from './plain-base.ts';
import { HASH, Lines, PLAIN_START, SPACE } from './plain-lines.ts';
import { childTrack, note, type Track } from './plain-locate.ts';

export abstract class FlowLines extends Lines {
  /** Where the last flow collection or quoted scalar read ended (saves a [value, end] pair per value). */
  protected after = 0;
  /**
   * Items of the lists being read, innermost last: a list is copied out of it at its end at
   * exactly its length (an array grown by push keeps room for 17 items, 152 bytes for a
   * [time, rate] pair that needs 32).
   */
  protected readonly items: unknown[] = [];

  /** Keep `key: null` entries (for overrides, which treat them as the library's document does). */
  protected readonly keepNulls: boolean;

  constructor(text: string, keepNulls: boolean) {
    super(text);
    this.keepNulls = keepNulls;
  }

  /** The items pushed since `base`, as a list of their own. */
  protected takeItems(base: number): unknown[] {
    const list = this.items.slice(base);
    this.items.length = base;
    return list;
  }

  /** A one-line quoted scalar without escapes at `at`; `after` is set to the position after it. */
  protected quoted(at: number): string {
    const text = this.text;
    const quote = text[at]!;
    if (quote === '"') {
      const close = text.indexOf('"', at + 1);
      if (close < 0 || close > this.end) stop();
      const value = text.slice(at + 1, close);
      if (value.includes('\\')) stop();
      this.after = close + 1;
      return value;
    }
    let i = at + 1;
    for (;;) {
      const close = text.indexOf("'", i);
      if (close < 0 || close >= this.end) stop();
      if (text.charCodeAt(close + 1) === 0x27) {
        i = close + 2;
        continue;
      }
      this.after = close + 1;
      return text.slice(at + 1, close).replaceAll("''", "'");
    }
  }

  /**
   * The next token of a flow collection at or after `i`: past spaces, a comment, and line
   * ends, moving the current line with it. The library wants every line of a flow collection
   * in a block collection at `column` more indented than that column, but for the line of its
   * final closing bracket, which may stand at the column (`closeOuter`: that bracket, for the
   * outermost collection; -1 inside). A comment line must be more indented too (the library
   * accepts some that are not, but refuses one after a value in a flow mapping).
   */
  private gap(i: number, column: number, closeOuter: number): number {
    const text = this.text;
    for (;;) {
      i = this.spacesFrom(i);
      if (i < this.end && text.charCodeAt(i) === HASH) {
        if (i !== this.start && text.charCodeAt(i - 1) !== SPACE) stop();
        i = this.end;
      }
      if (i < this.end) return i;
      if (this.next >= text.length) stop(); // the file ends inside the collection
      this.nextLine();
      const first = this.start + this.indent;
      if (first < this.end && this.indent <= column) {
        // A comment line there is an error in a flow mapping after a value, in the library.
        if (this.indent < column || text.charCodeAt(first) !== closeOuter) stop();
      }
      i = first;
    }
  }

  /**
   * A flow collection at `at` in a block collection at `column` (`outer`: not inside another
   * flow collection), on one line or several; `after` is set to the position after it, on the
   * line it closes on. A plain scalar in it ends on its line (one continued on the next is
   * left to the library); a trailing comma is read as the library reads it, nothing.
   */
  protected flow(at: number, column: number, outer: boolean, depth: number, track: Track | undefined): unknown {
    if (depth > MAX_DEPTH) stop();
    const text = this.text;
    const isMap = text.charCodeAt(at) === 0x7b;
    const close = isMap ? 0x7d : 0x5d;
    const closeOuter = outer ? close : -1;
    const base = this.items.length;
    const map: Record<string, unknown> | undefined = isMap ? {} : undefined;
    const seen = isMap ? new Set<string>() : undefined;
    let i = this.gap(at + 1, column, closeOuter);
    if (text.charCodeAt(i) === close) {
      this.after = i + 1;
      return isMap ? map : [];
    }
    for (;;) {
      let key: string | undefined;
      let child: Track | undefined;
      if (isMap) {
        const entry = this.keyAt(i);
        if (!entry || text.charCodeAt(entry.next) !== SPACE) stop();
        if (seen!.has(entry.key) || seen!.size >= MAX_KEYS) stop();
        seen!.add(entry.key);
        key = entry.key;
        child = childTrack(track, key, false);
        if (child) child.key = i;
        i = this.spacesFrom(entry.next);
      } else {
        child = childTrack(track, this.items.length - base, true);
      }
      let value: unknown;
      const start = i;
      const c = text.charCodeAt(i);
      if (c === 0x5b || c === 0x7b) {
        value = this.flow(i, column, false, depth + 1, child);
        i = this.after;
      } else if (c === 0x22 || c === 0x27) {
        value = this.quoted(i);
        i = this.after;
      } else {
        PLAIN_START.lastIndex = i;
        if (i >= this.end || !PLAIN_START.test(text)) stop();
        let end = i;
        while (end < this.end && !',[]{}#:'.includes(text[end]!)) end++;
        if (end < this.end && (text[end] === ':' || text[end] === '[' || text[end] === '{' || (text[end] === '#' && text.charCodeAt(end - 1) !== SPACE))) stop();
        let last = end;
        while (last > i && text.charCodeAt(last - 1) === SPACE) last--;
        value = resolvePlain(text.slice(i, last));
        i = end;
      }
      note(child, start, value);
      if (key !== undefined) {
        if (value !== null || this.keepNulls) map![key] = value;
      } else {
        this.items.push(value);
      }
      i = this.gap(i, column, closeOuter);
      let next = text.charCodeAt(i);
      if (next === 0x2c /* , */) {
        i = this.gap(i + 1, column, closeOuter);
        next = text.charCodeAt(i);
        if (next === 0x2c) stop(); // an empty entry
      } else if (next !== close) {
        stop();
      }
      if (next === close) {
        this.after = i + 1;
        return isMap ? map : this.takeItems(base);
      }
    }
  }
}

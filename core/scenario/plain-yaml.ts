/**
 * A YAML scenario to plain data, for the plain subset scenarios are written in (see plain.ts):
 * block mappings and sequences, flow collections (over several lines too), one-line plain and
 * quoted scalars without escapes, block scalars as mapping values, comments, LF or CR LF line
 * breaks. On anything else, and on
 * anything the YAML library would report (a key given twice, odd indentation, text after a
 * value), it steps aside rather than guess. Linear in the text; a list is built on a shared
 * stack and copied out at its exact length.
 */
import { parseDocument } from 'yaml';
import { MAX_DEPTH, MAX_KEYS, resolvePlain, stop } from './plain-base.ts';
import { CR, HASH, Lines, NEWLINE, PLAIN_START, SPACE } from './plain-lines.ts';
import { childTrack, note, type Track } from './plain-locate.ts';

class YamlReader extends Lines {
  /** Where the last flow collection or quoted scalar read ended (saves a [value, end] pair per value). */
  private after = 0;
  /**
   * Items of the lists being read, innermost last: a list is copied out of it at its end at
   * exactly its length (an array grown by push keeps room for 17 items, 152 bytes for a
   * [time, rate] pair that needs 32).
   */
  private readonly items: unknown[] = [];

  /** The paths whose nodes' offsets to note (plain-locate.ts), when placing problems. */
  private readonly track: Track | undefined;

  /** Keep `key: null` entries (for overrides, which treat them as the library's document does). */
  private readonly keepNulls: boolean;

  constructor(text: string, track: Track | undefined, keepNulls: boolean) {
    super(text);
    this.track = track;
    this.keepNulls = keepNulls;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      // Printable text and line breaks (LF, CR LF) only: tabs, a lone CR, control characters, C1 codes, the
      // byte-order mark, line and paragraph separators and surrogates (astral characters) have rules of their own.
      if (c < SPACE ? c !== NEWLINE && !(c === CR && text.charCodeAt(i + 1) === NEWLINE) : c > 0x7e && (c < 0xa0 || c === 0x2028 || c === 0x2029 || (c >= 0xd800 && c <= 0xdfff) || c >= 0xfeff)) stop();
    }
  }

  document(): unknown {
    this.skipEmpty();
    if (this.eof || this.indent !== 0) stop();
    const first = this.start;
    const value = this.mapping(0, first, 1, this.track);
    note(this.track, first, value);
    this.skipEmpty();
    if (!this.eof) stop();
    return value;
  }

  /** A block mapping whose keys stand at column `column`, the first one at `at` on the current line. */
  private mapping(column: number, at: number, depth: number, track: Track | undefined): Record<string, unknown> {
    if (depth > MAX_DEPTH) stop();
    const out: Record<string, unknown> = {};
    const seen = new Set<string>();
    for (;;) {
      const entry = this.keyAt(at) ?? stop();
      if (seen.has(entry.key) || seen.size >= MAX_KEYS) stop();
      seen.add(entry.key);
      const child = childTrack(track, entry.key, false);
      if (child) child.key = at;
      const value = this.valueAfter(entry.next, column, true, depth + 1, child);
      if (value !== null || this.keepNulls) out[entry.key] = value;
      this.skipEmpty();
      if (this.eof || this.indent < column) return out;
      if (this.indent > column) stop();
      at = this.start + this.indent;
    }
  }

  /** A block sequence whose dashes stand at column `column`, on the current line. */
  private sequence(column: number, depth: number, track: Track | undefined): unknown[] {
    if (depth > MAX_DEPTH) stop();
    const items = this.items;
    const base = items.length;
    for (;;) {
      const dash = this.start + this.indent;
      const at = this.spacesFrom(dash + 1);
      if (at < this.end && this.isSeqItem(at)) stop(); // `- - x`
      const child = childTrack(track, items.length - base, true);
      if (at < this.end && this.text.charCodeAt(at) !== HASH && this.keyAt(at)) {
        const item = this.mapping(at - this.start, at, depth + 1, child);
        note(child, at, item);
        items.push(item);
      } else {
        const item = this.valueAfter(dash + 1, column, false, depth + 1, child);
        items.push(item);
      }
      this.skipEmpty();
      if (!this.eof && this.indent > column) stop();
      if (this.eof || this.indent < column || !this.isSeqItem(this.start + this.indent)) return this.takeItems(base);
    }
  }

  /** The items pushed since `base`, as a list of their own. */
  private takeItems(base: number): unknown[] {
    const list = this.items.slice(base);
    this.items.length = base;
    return list;
  }

  /**
   * The value after a key's `:` or an item's `-` at `from` on the current line: on the same
   * line, or a block on the lines below, more indented than `column` (or a sequence at the
   * same column, for a key: `key:` then `- item`). Leaves the current line after the value.
   */
  private valueAfter(from: number, column: number, sequenceMayAlign: boolean, depth: number, track: Track | undefined): unknown {
    const value = this.valueFrom(from, column, sequenceMayAlign, depth, track);
    if (track && track.kind === undefined) note(track, -1, value);
    return value;
  }

  /** valueAfter, noting where the value starts when it is tracked. */
  private valueFrom(from: number, column: number, sequenceMayAlign: boolean, depth: number, track: Track | undefined): unknown {
    const at = this.spacesFrom(from);
    if (at === this.end || this.text.charCodeAt(at) === HASH) {
      this.nextLine();
      this.skipEmpty();
      if (this.eof) return null;
      const first = this.start + this.indent;
      let block: unknown = null;
      if (this.indent > column) {
        if (this.isSeqItem(first)) block = this.sequence(this.indent, depth, track);
        else if (this.keyAt(first)) block = this.mapping(this.indent, first, depth, track);
        else stop(); // a scalar on a line of its own
      } else if (sequenceMayAlign && this.indent === column && this.isSeqItem(first)) {
        block = this.sequence(column, depth, track);
      }
      if (block !== null) note(track, first, block);
      return block;
    }
    const c = this.text.charCodeAt(at);
    if (sequenceMayAlign && (c === 0x7c /* | */ || c === 0x3e /* > */)) {
      const text = this.blockScalar(at, column);
      note(track, at, text);
      return text;
    }
    const value = this.inline(at, column, depth, track);
    note(track, at, value);
    this.nextLine();
    this.skipEmpty();
    // A more indented line after a value on its line continues it (or is an error): not read here.
    if (!this.eof && this.indent > column) stop();
    return value;
  }

  /**
   * A mapping value written as a block scalar (`|`, `>`, `|-`, `>-`), header at `at`: its
   * lines (blank or more indented than `column`) are handed to the YAML library as the
   * one-key document `k: <header>` and those lines, which gives the same text (the
   * indentation of the lines is detected from the first one, as in the file). An indentation
   * indicator (relative to the key's column) and keep-chomping (`+`, which counts the blank
   * lines and comments after the text) are left to the full reading.
   */
  private blockScalar(at: number, column: number): unknown {
    const text = this.text;
    const header = text.slice(at, this.end);
    if (!/^[|>]-?(?: +#.*)? *$/.test(header)) stop();
    this.nextLine();
    const from = this.start;
    let to = from;
    while (!this.eof && (this.indent === this.end - this.start || this.indent > column)) {
      to = this.end;
      this.nextLine();
    }
    const doc = parseDocument(`k: ${header}\n${text.slice(from, to)}\n`, { uniqueKeys: false, prettyErrors: false });
    if (doc.errors.length > 0 || doc.warnings.length > 0) stop();
    const value = (doc.toJS() as { k?: unknown } | null)?.k;
    if (typeof value !== 'string') stop();
    this.skipEmpty();
    return value;
  }

  /**
   * A value that ends its line (but for a comment), starting at `at`, in a block collection
   * at `column`; a flow collection may run over several lines, and the reading then ends on
   * the line it closes on.
   */
  private inline(at: number, column: number, depth: number, track: Track | undefined): unknown {
    const text = this.text;
    const c = text.charCodeAt(at);
    let value: unknown;
    if (c === 0x5b /* [ */ || c === 0x7b /* { */) {
      value = this.flow(at, column, true, depth, track);
    } else if (c === 0x22 /* " */ || c === 0x27 /* ' */) {
      value = this.quoted(at);
    } else {
      PLAIN_START.lastIndex = at;
      if (!PLAIN_START.test(text)) stop();
      let end = at;
      while (end < this.end && !(text.charCodeAt(end) === HASH && text.charCodeAt(end - 1) === SPACE)) end++;
      while (end > at && text.charCodeAt(end - 1) === SPACE) end--;
      const raw = text.slice(at, end);
      if (raw.includes(': ') || raw.endsWith(':') || /[[\]{}]/.test(raw)) stop();
      return resolvePlain(raw);
    }
    const after = this.after;
    const rest = this.spacesFrom(after);
    if (rest < this.end && (rest === after || text.charCodeAt(rest) !== HASH)) stop();
    return value;
  }

  /** A one-line quoted scalar without escapes at `at`; `after` is set to the position after it. */
  private quoted(at: number): string {
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
  private flow(at: number, column: number, outer: boolean, depth: number, track: Track | undefined): unknown {
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

/** The plain data of a YAML text; throws STOP (plain-base.ts) when it steps aside. */
export function readYaml(text: string, track?: Track, keepNulls = false): unknown {
  return new YamlReader(text, track, keepNulls).document();
}

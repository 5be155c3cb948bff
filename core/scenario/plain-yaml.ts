/**
 * A YAML scenario to plain data, for the plain subset scenarios are written in (see plain.ts):
 * block mappings and sequences, flow collections (over several lines too), one-line plain and
 * quoted scalars without escapes, block scalars as mapping values, comments, LF or CR LF line
 * breaks, anchors, aliases and merge keys (plain-anchors.ts). On anything else, and on
 * anything the YAML library would report (a key given twice, odd indentation, text after a
 * value), it steps aside rather than guess. Linear in the text; a list is built on a shared
 * stack and copied out at its exact length.
 */
import { parseDocument } from 'yaml';
import { MAX_DEPTH, MAX_KEYS, resolvePlain, stop } from './plain-base.ts';
import { markAnchored } from './plain-anchored.ts';
import { AMPERSAND, FlowLines, STAR } from './plain-flow.ts';
import { CR, HASH, NEWLINE, PLAIN_START, SPACE } from './plain-lines.ts';
import { childTrack, note, type Track } from './plain-locate.ts';

class YamlReader extends FlowLines {
  /** The paths whose nodes' offsets to note (plain-locate.ts), when placing problems. */
  private readonly track: Track | undefined;

  constructor(text: string, track: Track | undefined, keepNulls: boolean, needs: Map<number, Track> | undefined) {
    super(text, keepNulls, needs, track !== undefined);
    this.track = track;
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
    if (this.anchors.problem) throw this.anchors.problem;
    if (this.keepNulls && this.anchors.used) markAnchored(value);
    return value;
  }

  /** A block mapping whose keys stand at column `column`, the first one at `at` on the current line. */
  private mapping(column: number, at: number, depth: number, track: Track | undefined): Record<string, unknown> {
    if (depth > MAX_DEPTH) stop();
    const out: Record<string, unknown> = {};
    const seen = new Set<string>();
    let merges = 0;
    for (;;) {
      if (this.isMergeKey(at)) {
        if (++merges + seen.size > MAX_KEYS) stop();
        this.anchors.merge(out, this.valueAfter(at + 3, column, true, depth + 1, undefined), at);
      } else {
        const entry = this.keyAt(at) ?? stop();
        if (seen.has(entry.key) || seen.size + merges >= MAX_KEYS) stop();
        seen.add(entry.key);
        const child = childTrack(track, entry.key);
        if (child) child.key = at;
        this.anchors.set(out, entry.key, this.valueAfter(entry.next, column, true, depth + 1, child));
      }
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
    const keep = this.keepsItems(track);
    for (;;) {
      const dash = this.start + this.indent;
      const at = this.spacesFrom(dash + 1);
      if (at < this.end && this.isSeqItem(at)) stop(); // `- - x`
      const child = childTrack(track, items.length - base);
      if (at < this.end && this.text.charCodeAt(at) !== HASH && (this.keyAt(at) || this.isMergeKey(at))) {
        const item = this.mapping(at - this.start, at, depth + 1, child);
        note(child, at, item);
        if (keep) items.push(item);
      } else {
        const item = this.valueAfter(dash + 1, column, false, depth + 1, child);
        if (keep) items.push(item);
      }
      this.skipEmpty();
      if (!this.eof && this.indent > column) stop();
      if (this.eof || this.indent < column || !this.isSeqItem(this.start + this.indent)) return this.takeItems(base, track);
    }
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
    if (at < this.end && this.text.charCodeAt(at) === AMPERSAND) {
      const anchor = this.anchorAt(at, track);
      const value = this.valueFrom(anchor.from, column, sequenceMayAlign, depth, anchor.track);
      if (anchor.track && anchor.track.kind === undefined) note(anchor.track, -1, value);
      return this.anchors.define(anchor.name, at, value);
    }
    if (at === this.end || this.text.charCodeAt(at) === HASH) {
      this.nextLine();
      this.skipEmpty();
      if (this.eof) return null;
      const first = this.start + this.indent;
      let block: unknown = null;
      if (this.indent > column) {
        if (this.isSeqItem(first)) block = this.sequence(this.indent, depth, track);
        else if (this.keyAt(first) || this.isMergeKey(first)) block = this.mapping(this.indent, first, depth, track);
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
    if (c !== STAR) note(track, at, value);
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
    } else if (c === STAR) {
      value = this.alias(at, depth, track);
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

}

/** The plain data of a YAML text; throws STOP (plain-base.ts) when it steps aside. */
export function readYaml(text: string, track?: Track, keepNulls = false, needs?: Map<number, Track>): unknown {
  return new YamlReader(text, track, keepNulls, needs).document();
}

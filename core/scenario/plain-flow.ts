/**
 * The flow collections of the plain YAML reader (plain-yaml.ts), `[a, b]` and `{ a: 1 }`, on
 * one line or over several (each line indented as the library wants it), and the one-line
 * quoted scalars without escapes both readings share. Steps aside (stop) on anything else:
 * a plain scalar continued on the next line, an empty entry, a key with its value on the
 * next line, a comment line not indented past the block collection's column.
 */
import { AliasRef } from './plain-anchored.ts';
import { Anchors, nameAt } from './plain-anchors.ts';
import { MAX_DEPTH, MAX_KEYS, plainNumberAt, resolvePlain, stop } from './plain-base.ts';
import { HASH, Lines, PLAIN_START, SPACE } from './plain-lines.ts';
import { childTrack, mergeTracks, note, noteAlias, type Track } from './plain-locate.ts';

export const AMPERSAND = 0x26;
export const STAR = 0x2a;

/** The key of a merge entry (`<<`) among a flow mapping's keys: no key read from text is it. */
const MERGE = '\u0000<<';

export abstract class FlowLines extends Lines {
  /** Where the last flow collection or quoted scalar read ended (saves a [value, end] pair per value). */
  protected after = 0;
  /**
   * Items of the lists being read, innermost last: a list is copied out of it at its end at
   * exactly its length (an array grown by push keeps room for 17 items, 152 bytes for a
   * [time, rate] pair that needs 32).
   */
  protected readonly items: unknown[] = [];

  /**
   * Keep `key: null` entries, aliases and anchored values in their places and merges as
   * written (for overrides, which treat them as the library's document does: plain-anchored.ts).
   */
  protected readonly keepNulls: boolean;

  /** Anchors read so far, and what aliases and merge keys make of them (plain-anchors.ts). */
  protected readonly anchors: Anchors;
  /**
   * When placing problems: what to track under each anchor, by the offset of its `&`, for paths
   * that go on through an alias (plain-locate.ts `aliasNeeds`), and the tracks anchored values
   * were read with, by the same offset.
   */
  protected readonly needs: Map<number, Track> | undefined;
  private readonly defined = new Map<number, Track>();

  /** Whether the reading places problems (plain-locate.ts) rather than giving the file's value. */
  protected readonly placing: boolean;

  constructor(text: string, keepNulls: boolean, needs: Map<number, Track> | undefined, placing: boolean) {
    super(text);
    this.keepNulls = keepNulls;
    this.placing = placing;
    this.anchors = new Anchors(keepNulls);
    this.needs = needs;
  }

  /**
   * The anchor whose `&` is at `at`: its name, the track to read its value with (the path's,
   * with what aliases of it need), and where its value starts (past spaces). The value must
   * follow on the line, or the line must end (a comment may follow).
   */
  protected anchorAt(at: number, track: Track | undefined): { name: string; track: Track | undefined; from: number } {
    const found = nameAt(this.text, at + 1) ?? stop();
    if (found.end < this.end && this.text.charCodeAt(found.end) !== SPACE) stop();
    const from = this.spacesFrom(found.end);
    const c = this.text.charCodeAt(from);
    if (c === AMPERSAND || c === STAR) stop(); // two anchors, or an anchored alias
    const need = this.needs?.get(at);
    const withNeed = need ? (track ? mergeTracks(track, need) : need) : track;
    if (withNeed) this.defined.set(at, withNeed);
    this.anchors.open(found.name, at);
    return { name: found.name, track: withNeed, from };
  }

  /** The alias at `at` (its `*`) at nesting `depth`; `after` is set to the position after its name. */
  protected alias(at: number, depth: number, track: Track | undefined): unknown {
    const found = nameAt(this.text, at + 1) ?? stop();
    const defined = this.anchors.alias(found.name, at, depth);
    noteAlias(track, at, defined.at, this.defined.get(defined.at));
    this.after = found.end;
    return this.keepNulls ? new AliasRef(defined) : defined.value; // overrides: the alias in its place (plain-anchored.ts)
  }

  /**
   * Whether a list read with `track` keeps its items: not when placing problems and the list is
   * on no problem's path (`track` undefined): only the positions on the paths are wanted, and
   * the values there (a second copy of a long schedule is not).
   */
  protected keepsItems(track: Track | undefined): boolean {
    return !this.placing || track !== undefined;
  }

  /** The items pushed since `base`, as a list of their own (an empty one where keepsItems says no). */
  protected takeItems(base: number, track: Track | undefined): unknown[] {
    if (!this.keepsItems(track)) {
      this.items.length = base;
      return [];
    }
    const items = this.items;
    // A pair (a [time, rate] point) as a literal: numbers stored unboxed, 72 bytes instead of 88.
    const list = items.length - base === 2 ? [items[base], items[base + 1]] : items.slice(base);
    items.length = base;
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
    let merges = 0;
    let i = this.gap(at + 1, column, closeOuter);
    if (text.charCodeAt(i) === close) {
      this.after = i + 1;
      return isMap ? map : [];
    }
    for (;;) {
      let key: string | undefined;
      let child: Track | undefined;
      const keyAt = i;
      if (isMap && this.isMergeKey(i)) {
        if (++merges + seen!.size > MAX_KEYS) stop();
        key = MERGE;
        i = this.spacesFrom(i + 3);
      } else if (isMap) {
        const entry = this.keyAt(i);
        if (!entry || text.charCodeAt(entry.next) !== SPACE) stop();
        if (seen!.has(entry.key) || seen!.size + merges >= MAX_KEYS) stop();
        seen!.add(entry.key);
        key = entry.key;
        child = childTrack(track, key);
        if (child) child.key = i;
        i = this.spacesFrom(entry.next);
      } else {
        child = childTrack(track, this.items.length - base);
      }
      const start = i;
      let value: unknown;
      if (text.charCodeAt(i) === AMPERSAND) {
        const anchor = this.anchorAt(i, child);
        if (anchor.from >= this.end) stop(); // the value on the next line
        value = this.anchors.define(anchor.name, start, this.flowValue(anchor.from, column, depth, anchor.track));
      } else {
        value = this.flowValue(i, column, depth, child);
      }
      i = this.after;
      if (key === MERGE) {
        this.anchors.merge(map!, value, keyAt);
      } else if (key !== undefined) {
        this.anchors.set(map!, key, value);
      } else {
        if (this.keepsItems(track)) this.items.push(value);
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
        return isMap ? map : this.takeItems(base, track);
      }
    }
  }

  /** A value in a flow collection at `i` (a collection, a quoted or plain scalar, an alias); `after` is set to its end. */
  private flowValue(i: number, column: number, depth: number, track: Track | undefined): unknown {
    const text = this.text;
    const c = text.charCodeAt(i);
    let value: unknown;
    if (c === 0x5b || c === 0x7b) {
      value = this.flow(i, column, false, depth + 1, track);
    } else if (c === 0x22 || c === 0x27) {
      value = this.quoted(i);
    } else if (c === STAR) {
      return this.alias(i, depth + 1, track);
    } else {
      PLAIN_START.lastIndex = i;
      if (i >= this.end || !PLAIN_START.test(text)) stop();
      let end = i;
      while (end < this.end && !',[]{}#:'.includes(text[end]!)) end++;
      if (end < this.end && (text[end] === ':' || text[end] === '[' || text[end] === '{' || (text[end] === '#' && text.charCodeAt(end - 1) !== SPACE))) stop();
      let last = end;
      while (last > i && text.charCodeAt(last - 1) === SPACE) last--;
      value = plainNumberAt(text, i, last) ?? resolvePlain(text.slice(i, last));
      this.after = end;
    }
    note(track, i, value);
    return value;
  }
}

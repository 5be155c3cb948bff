/**
 * Anchors (`&name`), aliases (`*name`) and merge keys (`<<: *name`, `<<: [*a, *b]`) for the
 * plain YAML reader (plain-yaml.ts, plain-flow.ts), giving the values the YAML library's
 * `toJS()` gives with `merge: true`:
 *
 * - an alias is the value of the last anchor of its name before it, the very same object
 *   (nothing is copied: the schema's copy expands it later);
 * - a merge key inserts the keys of a mapping, or of each mapping of a list in turn, that the
 *   mapping does not hold yet (a key of its own written later replaces a merged one); a key
 *   whose value is null counts as held, as in the library, which drops it only afterwards.
 *
 * What the library reports without a position, or would turn into a crash or an out-of-memory
 * error, is a located problem here, at the alias: an alias before its anchor, a merge of what
 * is not a mapping, aliases that expand to more than the `aliasNodes` limit of nodes in all
 * (the "billion laughs": ten anchors each aliasing the one before ten times are 10^10 nodes
 * once copied), and an alias whose value would nest deeper than the `nestingDepth` limit where
 * it stands. An alias inside its own anchor's value (a cycle) is left to the library.
 */
import { LIMITS, formatCount, limitText } from './limits.ts';
import { Anchored, noteMerge, noteOwnKey, unwrap, type Defined } from './plain-anchored.ts';
import { Located, stop } from './plain-base.ts';

/** Size (nodes, once every alias is copied out) and height (nesting levels) of a value. */
interface Measure {
  size: number;
  height: number;
}

/** What an alias stands for once a problem is found (the reading goes on, the value is never used). */
const FAILED: Defined = { value: null, at: -1, open: false, uses: 0 };

export class Anchors {
  /**
   * Each name's last anchor by where its `&` stands, as the library resolves an alias: an
   * anchor given again inside the value of one of the same name is the one that counts after it.
   */
  private readonly byName = new Map<string, Defined>();
  /** Measures of the values aliases named, computed once each. */
  private readonly measured = new Map<object, Measure>();
  /** The keys whose value was null, of mappings that had any (they block a later merge). */
  private readonly nullKeys = new WeakMap<object, Set<string>>();
  /** Nodes produced by alias expansion so far. */
  private expanded = 0;
  /**
   * The first problem found, thrown once the whole text is read (readYaml): a text the reader
   * steps aside from later still goes to the library, which reports what it finds first.
   */
  problem: Located | undefined;

  /** Whether any anchor or merge key was read. */
  used = false;

  /**
   * `keepNulls`: for overrides, which also keep anchors, aliases and merges as the document
   * does (plain-anchored.ts).
   */
  constructor(private readonly keepNulls: boolean) {}

  open(name: string, at: number): void {
    this.used = true;
    this.byName.set(name, { value: null, at, open: true, uses: 0 });
  }

  /** Defines the anchor whose `&` is at `at`; returns what its place holds (for overrides, an Anchored). */
  define(name: string, at: number, value: unknown): unknown {
    let defined = this.byName.get(name);
    if (defined?.at === at) {
      defined.value = value;
      defined.open = false;
    } else {
      defined = { value, at, open: false, uses: 0 }; // given again inside its own value: no alias names this one
    }
    return this.keepNulls ? new Anchored(defined) : value;
  }

  /**
   * The value of alias `*name` at offset `at`, at nesting `depth` (the plain reader's: 1 for
   * the top mapping), and where its anchor was defined.
   */
  alias(name: string, at: number, depth: number): Defined {
    const defined = this.byName.get(name);
    if (this.problem) return FAILED;
    if (defined === undefined) return this.fail(at, `Unresolved alias (the anchor must be set before the alias): ${name}`);
    // Inside its own anchor's value: a cycle, which the library survives when a later key drops it.
    if (defined.open) stop();
    defined.uses++;
    const { size, height } = this.measure(defined.value);
    this.expanded += size;
    if (this.expanded > LIMITS.aliasNodes.max) {
      return this.fail(at, `the aliases up to *${name} expand to more than ${formatCount(LIMITS.aliasNodes.max)} nodes; ${limitText('aliasNodes')}`);
    }
    // The reader's depth is one more than the nesting level (the top mapping is level 0).
    if (height > 0 && depth - 1 + height - 1 >= LIMITS.nestingDepth.max) {
      return this.fail(at, `too deeply nested (through the alias *${name}); ${limitText('nestingDepth')}`);
    }
    return defined;
  }

  private fail(at: number, message: string): Defined {
    this.problem ??= new Located(at, message);
    return FAILED;
  }

  private measure(value: unknown): Measure {
    value = unwrap(value);
    if (value === null || typeof value !== 'object') return { size: 1, height: 0 };
    const known = this.measured.get(value);
    if (known) return known;
    let size = 1;
    let height = 0;
    for (const item of Array.isArray(value) ? value : Object.values(value)) {
      const inner = this.measure(item);
      size += inner.size;
      if (inner.height > height) height = inner.height;
    }
    const measure = { size, height: height + 1 };
    this.measured.set(value, measure);
    return measure;
  }

  /** Sets `key` of a mapping being read, as the library's toJS does (a null kept only as a held key). */
  set(map: Record<string, unknown>, key: string, value: unknown): void {
    if (value !== null || this.keepNulls) {
      map[key] = value;
      if (this.keepNulls) noteOwnKey(map, key);
      return;
    }
    if (Object.hasOwn(map, key)) delete map[key]; // a merged value this key replaces
    let nulls = this.nullKeys.get(map);
    if (!nulls) this.nullKeys.set(map, (nulls = new Set()));
    nulls.add(key);
  }

  /** The merge key's `value` (at offset `at`) merged into `map`. */
  merge(map: Record<string, unknown>, value: unknown, at: number): void {
    this.used = true;
    if (this.keepNulls) noteMerge(map, value);
    const sources = unwrap(value);
    for (let source of Array.isArray(sources) ? sources : [sources]) {
      source = unwrap(source);
      if (source === null || typeof source !== 'object' || Array.isArray(source)) {
        if (!this.problem) this.fail(at, 'a merge key (<<) takes a mapping, an alias of one, or a list of them');
        return;
      }
      const held = this.nullKeys.get(map);
      const has = (key: string) => Object.hasOwn(map, key) || held?.has(key) === true;
      for (const key of Object.keys(source)) if (!has(key)) map[key] = (source as Record<string, unknown>)[key];
      const nulls = this.nullKeys.get(source);
      if (nulls) for (const key of nulls) if (!has(key)) this.set(map, key, null);
    }
  }
}

/** The name at `at` (after its `&` or `*`: letters, digits, `_`, `-`; YAML allows more, left to the library), and where it ends. */
export function nameAt(text: string, at: number): { name: string; end: number } | undefined {
  let end = at;
  for (let c = text.charCodeAt(end); (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f || c === 0x2d; c = text.charCodeAt(++end));
  return end > at ? { name: text.slice(at, end), end } : undefined;
}

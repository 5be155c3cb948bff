/**
 * Where problems sit in a file the plain readers read (plain.ts), without the YAML library's
 * document: the paths of all problems go in one tree, the file is read once more noting the
 * offsets of the nodes on those paths only, and each path gets the position positions.ts
 * `locate` would give it in the library's document: its value, or its key for a key problem,
 * or for a path not in the file the nearest part that is; a key with nothing after it (or
 * null) points at the key. So placing any number of problems costs one reading of the file
 * and memory for the problems, not a document of the whole file.
 */
import { MAX_DEPTH } from './plain-base.ts';
import type { Anchor, PathKey, Position } from './positions.ts';

/**
 * Where an override replaced a value written under an anchor: by the offset of the anchor's
 * `&`, the paths below it. A problem whose path reaches one through an alias is placed, as the
 * library's document places it, at the key of the replaced value (or above it, for a list item).
 */
export type Replaced = Map<number, PathKey[][]>;

/** A node of the file on a tracked path: what it is and where it starts. */
export interface Track {
  /** The tracked paths below, by `segmentKey`. */
  children: Map<string, Track> | undefined;
  /** Set when the reading found the node; `kind` null for a key with nothing after it or null. */
  kind: 'map' | 'seq' | 'scalar' | 'null' | 'alias' | undefined;
  /** Offset of the node's first character (a block mapping: its first key; a list: its first `-` or `[`). */
  value: number;
  /** Offset of its key, for a mapping's value. */
  key: number;
  /** For an alias: the offset of its anchor's `&`, and the track its value was read with (if any). */
  anchorAt?: number;
  target?: Track | undefined;
}

/**
 * A child's key: the segment as text, for a mapping's key and a list's index alike. A node of the
 * file is one or the other, so the two never meet under one track; `locate` indexes a list only
 * with a number, which `childOf` checks when it looks a child up. (Keeping them apart, with a
 * numeric segment tracked under both, made the tree 2^k nodes for a path with k numbers.)
 */
function segmentKey(segment: PathKey): string {
  return String(segment);
}

export function newTrack(): Track {
  return { children: undefined, kind: undefined, value: -1, key: -1 };
}

/** The tree of `paths`, one node a path prefix. */
export function trackPaths(paths: readonly (readonly PathKey[])[]): Track {
  const root = newTrack();
  for (const path of paths) {
    let node = root;
    for (const segment of path) {
      node.children ??= new Map();
      const key = segmentKey(segment);
      let child = node.children.get(key);
      if (!child) node.children.set(key, (child = newTrack()));
      node = child;
    }
  }
  return root;
}

/** The child of `track` a reading of a mapping's key or a list's item notes, if tracked. */
export function childTrack(track: Track | undefined, segment: string | number): Track | undefined {
  return track?.children?.get(segmentKey(segment));
}

/** Notes a node read at `offset` with value `value` on a tracked path. */
export function note(track: Track | undefined, offset: number, value: unknown): void {
  if (!track) return;
  track.value = offset;
  track.kind = value === null ? 'null' : Array.isArray(value) ? 'seq' : typeof value === 'object' ? 'map' : 'scalar';
}

/** Notes an alias read at `offset` whose anchor's `&` is at `anchorAt`, its value read with `target`. */
export function noteAlias(track: Track | undefined, offset: number, anchorAt: number, target: Track | undefined): void {
  if (!track) return;
  track.value = offset;
  track.kind = 'alias';
  track.anchorAt = anchorAt;
  track.target = target;
}

/** `extra`'s tracked paths added to `into` (which keeps its own). */
export function mergeTracks(into: Track, extra: Track): Track {
  for (const [key, child] of extra.children ?? []) {
    into.children ??= new Map();
    let mine = into.children.get(key);
    if (!mine) into.children.set(key, (mine = newTrack()));
    mergeTracks(mine, child);
  }
  return into;
}

/**
 * What the next reading must track under each anchor for the paths that go on through an
 * alias (`locate` follows an alias to its anchor's node): by the anchor's offset, the paths
 * below the aliases of it, and a text that changes when anything was added.
 */
export function aliasNeeds(root: Track, previous: Map<number, Track>): { needs: Map<number, Track>; changed: boolean } {
  const needs = new Map<number, Track>();
  const stack = [root];
  const seen = new Set<Track>();
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (seen.has(node)) continue;
    seen.add(node);
    if (node.kind === 'alias' && node.children && node.anchorAt !== undefined) {
      let need = needs.get(node.anchorAt);
      if (!need) needs.set(node.anchorAt, (need = newTrack()));
      mergeTracks(need, node);
    }
    for (const child of node.children?.values() ?? []) stack.push(child);
    if (node.kind === 'alias' && node.target) stack.push(node.target);
  }
  const shape = (need: Map<number, Track>) => [...need].map(([at, t]) => `${at}:${paths(t)}`).sort().join('|');
  return { needs, changed: shape(needs) !== shape(previous) };
}

function paths(track: Track): string {
  return [...(track.children ?? [])].map(([key, child]) => `${key}(${paths(child)})`).sort().join(',');
}

/** `node`, or for an alias the track of its anchor's value (positions.ts follows an alias to its anchor). */
function pastAlias(node: Track): Track {
  return node.kind === 'alias' ? (node.target ?? node) : node;
}

/** The tracked child `segment` names in `node`: a mapping's key, or a list's index (`locate` indexes a list only with a number). */
function childOf(node: Track, segment: PathKey): Track | undefined {
  return node.kind === 'map' || (node.kind === 'seq' && typeof segment === 'number') ? childTrack(node, segment) : undefined;
}

/**
 * The offset `locate` (positions.ts) gives `path` in a file whose tracked nodes are noted in
 * `root`; after overrides, in the document they changed: a path that reaches through an alias a
 * value they replaced under its anchor (`replaced`: by the anchor's offset, the paths below it)
 * stops there, at the key of the new value, which has no place of its own (a list item: above it).
 */
export function offsetOf(root: Track, path: readonly PathKey[], anchor: Anchor, replaced?: ReadonlyMap<number, readonly (readonly PathKey[])[]>): number | undefined {
  let node = root;
  let best: number | undefined = root.kind === undefined ? undefined : root.value;
  let keyOffset: number | undefined;
  let below: readonly (readonly PathKey[])[] | undefined;
  let since: PathKey[] = [];
  for (const segment of path) {
    if (node.kind === 'alias' && replaced && node.anchorAt !== undefined) {
      below = replaced.get(node.anchorAt);
      since = [];
    }
    node = pastAlias(node);
    const next = childOf(node, segment);
    if (!next || next.kind === undefined) return best;
    keyOffset = node.kind === 'map' ? next.key : undefined;
    if (below) {
      since.push(segment);
      if (below.some((p) => p.length === since.length && p.every((k, i) => String(k) === String(since[i])))) return node.kind === 'map' ? keyOffset : best;
    }
    if (next.kind === 'null') return keyOffset ?? best;
    best = next.value;
    node = next;
  }
  return anchor === 'key' && keyOffset !== undefined ? keyOffset : best;
}

/** What the file holds at `path` (as positions.ts `inSource` walks it): undefined when nothing. */
export function kindAt(root: Track, path: readonly PathKey[]): Track['kind'] {
  let node: Track | undefined = root;
  for (const segment of path) {
    node = childOf(pastAlias(node), segment);
    if (!node) return undefined;
  }
  return node.kind;
}

/** Line and column (1-based) of offsets in `text`, as the library's LineCounter gives them. */
export function lineFinder(text: string): (offset: number) => Position {
  let lines = 1;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lines++;
  // Line starts in a typed array: 4 bytes a line, off the JavaScript heap.
  const starts = new Int32Array(lines);
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts[line++] = i + 1;
  return (offset) => {
    let low = 0;
    let high = lines - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (starts[mid]! <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: offset - starts[low]! + 1 };
  };
}

/**
 * Notes the tracked nodes of a JSON text JSON.parse accepted (plain-json.ts checked it): an
 * object's keys and values, a list's items, by the offset of their first character.
 */
export function trackJson(text: string, root: Track): void {
  let i = 0;
  const space = () => {
    for (let c = text.charCodeAt(i); c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09; c = text.charCodeAt(++i));
  };
  const string = (): string => {
    const start = i;
    let escaped = false;
    for (i++; text.charCodeAt(i) !== 0x22; i++) {
      if (text.charCodeAt(i) === 0x5c) {
        escaped = true;
        i++;
      }
    }
    i++;
    return escaped ? (JSON.parse(text.slice(start, i)) as string) : text.slice(start + 1, i - 1);
  };
  const value = (track: Track | undefined, depth: number): void => {
    if (depth > MAX_DEPTH + 1) throw new Error('nesting beyond what plain-json.ts lets through');
    space();
    const start = i;
    const c = text[i];
    if (c === '{' || c === '[') {
      const inList = c === '[';
      i++;
      space();
      for (let index = 0; text[i] !== (inList ? ']' : '}'); index++) {
        space();
        let child: Track | undefined;
        if (inList) {
          child = childTrack(track, index);
        } else {
          const keyAt = i;
          child = childTrack(track, string());
          if (child) child.key = keyAt;
          space();
          i++; // the colon
        }
        value(child, depth + 1);
        space();
        if (text[i] === ',') i++;
      }
      i++;
      if (track) {
        track.value = start;
        track.kind = inList ? 'seq' : 'map';
      }
      return;
    }
    if (c === '"') {
      string();
    } else {
      while (i < text.length && !',]} \n\r\t'.includes(text[i]!)) i++;
    }
    if (track) {
      track.value = start;
      track.kind = text.startsWith('null', start) ? 'null' : 'scalar';
    }
  };
  value(root, 0);
}

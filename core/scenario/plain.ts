/**
 * A scenario file read straight to plain data, without the YAML library's document; the
 * library keeps a syntax tree and then a document of nodes with their positions, together
 * about 170 bytes of memory per byte of file at the peak (a 2 MB rate schedule: over 300 MB);
 * this reader keeps only the values, a few bytes per byte. Positions are only needed to place
 * a problem: placePlain reads the file once more for them (plain-locate.ts).
 *
 * - JSON: `JSON.parse`, plus one linear pass over the text for what it would hide: a key given
 *   twice (JSON.parse keeps the last silently), a mapping with too many keys, deep nesting.
 * - YAML: a reader for the plain subset a scenario is written in: block mappings and
 *   sequences, flow collections (`[a, b]`, `{ a: 1 }`) on one line or several, plain, single-
 *   and double-quoted one-line scalars resolved by the YAML 1.2 core schema as the library
 *   does, comments, LF or CR LF line breaks, block scalars (`>`, `|`) as mapping values,
 *   whose few lines it hands to the library, and anchors, aliases and merge keys on values
 *   (plain-anchors.ts). Anything outside it (tags, anchors on keys, multi-line plain or quoted
 *   scalars, escapes, a flow collection's line not indented as the library wants it, tabs, a
 *   lone CR, control characters, `---`, a key given twice, a mapping beyond the key limit,
 *   deep nesting, odd indentation) is not guessed at: the reader answers NOT_PLAIN and the
 *   library reads the file. What the library would report without a place, or not survive
 *   (an alias before its anchor, an alias bomb), the reader answers with a Located problem.
 *
 * So the reader never decides anything the library would decide differently: on any text it
 * either gives exactly the value the library's `toJS()` gives for a document without errors
 * or warnings, or it steps aside, or it places a problem the library has no value for
 * (test/core/scenario/plain.test.ts and plain-anchors.test.ts compare the two on every
 * scenario in the repository and on generated texts). Keys whose value is null are dropped,
 * as parse.ts does for the library's value (a key with nothing after it counts as absent).
 */
import { LIMITS } from './limits.ts';
import { readJson } from './plain-json.ts';
import { Located, NOT_PLAIN, STOP } from './plain-base.ts';
import { aliasNeeds, kindAt, lineFinder, offsetOf, trackJson, trackPaths, type Replaced, type Track } from './plain-locate.ts';
import { readYaml } from './plain-yaml.ts';
import type { Anchor, PathKey, Position } from './positions.ts';

export { Located, NOT_PLAIN };

/**
 * Plain data from `text`, or NOT_PLAIN, or a Located problem (plain-anchors.ts). Keys with a
 * null value are left out, unless `keepNulls` (for overrides, which also keep aliases, anchored
 * values and merges in their places: plain-anchored.ts).
 */
export function readPlain(text: string, format: 'yaml' | 'json', keepNulls = false): unknown {
  try {
    return format === 'json' ? readJson(text, keepNulls) : readYaml(text, undefined, keepNulls);
  } catch (error) {
    if (error === STOP) return NOT_PLAIN;
    if (error instanceof Located) return error;
    throw error;
  }
}

/**
 * Readings of a file at most, to place problems whose paths go on through aliases: one more for
 * each alias along a path, and there is at most one a level, the levels bounded by the nesting
 * limit (through aliases too, plain-anchors.ts), and one reading that finds nothing new.
 */
const MAX_READINGS = LIMITS.nestingDepth.max + 1;

/** Where a problem sits, and what the file holds at its path (undefined: nothing; see kindAt). */
export interface PlainPlace {
  position: Position | undefined;
  found: Track['kind'];
}

/**
 * The positions of `problems` in a text readPlain read (plain-locate.ts), each as positions.ts
 * `locate` gives it in the library's document (with overrides: the document they changed, whose
 * values they replaced under anchors are `replaced`); undefined if the text cannot be read again.
 */
export function placePlain(text: string, format: 'yaml' | 'json', problems: readonly { path: readonly PathKey[]; anchor: Anchor }[], replaced?: Replaced): PlainPlace[] | undefined {
  const root = trackPaths(problems.map((p) => p.path));
  try {
    if (format === 'json') {
      trackJson(text, root);
    } else {
      // A path through an alias goes on in its anchor's value, which the reading had passed
      // when it met the alias: read again, tracking what the aliases need (one more reading
      // for each level of aliases along the paths).
      let needs = new Map<number, Track>();
      for (let reading = 0; ; reading++) {
        if (reading === MAX_READINGS) return undefined;
        readYaml(text, root, false, needs);
        const next = aliasNeeds(root, needs);
        if (!next.changed) break;
        needs = next.needs;
      }
    }
  } catch (error) {
    if (error === STOP || error instanceof Located) return undefined;
    throw error;
  }
  const lineOf = lineFinder(text);
  return problems.map((p) => {
    const offset = offsetOf(root, p.path, p.anchor, replaced);
    return { position: offset === undefined || offset < 0 ? undefined : lineOf(offset), found: kindAt(root, p.path) };
  });
}

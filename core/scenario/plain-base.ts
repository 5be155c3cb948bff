/**
 * What the plain readers (plain.ts) share: the answer NOT_PLAIN, the way to step aside from
 * deep inside a reader, the bounds beyond which they leave a file to the YAML library (which
 * reports them with a position), and plain scalars resolved as the library's YAML 1.2 core
 * schema resolves them (the same tests in the same order).
 */
import { LIMITS } from './limits.ts';

/** The text is not in the subset read here (or is not valid, or would give a problem). */
export const NOT_PLAIN: unique symbol = Symbol('not plain');

/** Nesting at which the readers step aside; below the limit, so the library reports it. */
export const MAX_DEPTH = LIMITS.nestingDepth.max - 4;
export const MAX_KEYS = LIMITS.mappingKeys.max;

class NotPlain {}
/** Thrown by `stop()`; caught only by `readPlain`. */
export const STOP = new NotPlain();

export function stop(): never {
  throw STOP;
}

/**
 * A problem a plain reader places itself, at `offset`: one the library would report without a
 * position or not survive (an alias bomb, an alias before its anchor; plain-anchors.ts).
 */
export class Located {
  constructor(readonly offset: number, readonly message: string) {}
}

// Plain scalars, as the YAML 1.2 core schema of the `yaml` library resolves them (same order).

const NULL = /^(?:~|[Nn]ull|NULL)?$/;
const BOOL = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
const INT_OCT = /^0o[0-7]+$/;
const INT = /^[-+]?[0-9]+$/;
const INT_HEX = /^0x[0-9a-fA-F]+$/;
const FLOAT_NAN = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
const FLOAT_EXP = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/;

/**
 * The number `text` holds from `start` to `end` when it is plain digits, or digits, a point and
 * digits (15 digits at most), without taking the text out (a schedule's numbers are most of a
 * big file); undefined for anything else. The same number resolvePlain gives: an integer is
 * exact, and a decimal is one division of two exact doubles, which IEEE rounds correctly, as
 * parseFloat rounds the decimal.
 */
export function plainNumberAt(text: string, start: number, end: number): number | undefined {
  let digits = 0;
  let point = -1;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x30 && c <= 0x39) digits = digits * 10 + (c - 0x30);
    else if (c === 0x2e && point < 0 && i > start && i + 1 < end) point = i;
    else return undefined;
  }
  const count = end - start - (point < 0 ? 0 : 1);
  if (count === 0 || count > 15) return undefined;
  return point < 0 ? digits : digits / 10 ** (end - point - 1);
}

export function resolvePlain(raw: string): unknown {
  if (NULL.test(raw)) return null;
  if (BOOL.test(raw)) return raw[0] === 't' || raw[0] === 'T';
  if (INT_OCT.test(raw)) return parseInt(raw.substring(2), 8);
  if (INT.test(raw)) return parseInt(raw, 10);
  if (INT_HEX.test(raw)) return parseInt(raw.substring(2), 16);
  if (FLOAT_NAN.test(raw)) return raw.slice(-3).toLowerCase() === 'nan' ? NaN : raw[0] === '-' ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  if (FLOAT_EXP.test(raw) || FLOAT.test(raw)) return parseFloat(raw);
  return raw;
}


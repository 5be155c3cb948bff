/**
 * Mappings and lists of a scenario file as zod schemas. Every mapping is strict: a key the
 * schema does not list is an error with a "did you mean" hint and the keys allowed at that
 * level (contract section 1: unknown keys are an error, not silently ignored). Keys of the
 * contract's "full form" that this version does not model yet get their own message instead
 * of "unknown key". Mappings tagged by one key (`action`, `type`, `distribution`) are zod
 * discriminated unions of strict objects; issues.ts words their "unknown tag" issue.
 */
import * as z from 'zod';
import { LIMITS, limitText, type LimitName } from './limits.ts';
import { didYouMean } from './suggest.ts';

export interface StrictOptions {
  /** Keys that exist in the contract but are not modelled yet, with the message to give. */
  notSupported?: Readonly<Record<string, string>>;
}

/** Marks issues that point at a key rather than at its value (see positions.ts). */
export const AT_KEY = { at: 'key' } as const;

export function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The message for a key that is not allowed at a level whose keys are `allowed`. */
export function unknownKeyMessage(key: string, allowed: readonly string[]): string {
  return `unknown key \`${key}\`${didYouMean(key, allowed)}; allowed here: ${allowed.join(', ')}`;
}

/**
 * A mapping with exactly the keys of `shape`. Unknown keys are reported even when other keys
 * are invalid, so one pass shows every mistake.
 */
export function strictObject<S extends z.ZodRawShape>(shape: S, options: StrictOptions = {}) {
  const allowed = Object.keys(shape);
  return z.looseObject(shape).superRefine(
    (value, ctx) => {
      for (const key of Object.keys(value)) {
        if (Object.hasOwn(shape, key)) continue;
        const notSupported = options.notSupported && Object.hasOwn(options.notSupported, key) ? options.notSupported[key] : undefined;
        const message = notSupported ?? unknownKeyMessage(key, allowed);
        ctx.addIssue({ code: 'custom', path: [key], message, params: AT_KEY });
      }
    },
    { when: (payload) => isMapping(payload.value) },
  );
}

/** An optional block whose keys all have defaults: absent means "all defaults". */
export function section<S extends z.ZodRawShape>(shape: S, options: StrictOptions = {}) {
  // Parsing `{}` fills in every default of the block; the cast is safe because all its keys are optional.
  return strictObject(shape, options).prefault({} as never);
}

/**
 * A list, optionally with a minimum length, without repeated (scalar) items, and with a limit
 * of its own (limits.ts) below the one on every list.
 */
export function list<T extends z.ZodType>(item: T, options: { min?: number; what?: string; unique?: boolean; limit?: LimitName } = {}) {
  const min = options.min ?? 0;
  const limit = options.limit ?? 'listItems';
  // Checked before the items, so a list too long to check is refused without checking each item.
  const long = z.unknown().superRefine((value, ctx) => {
    if (Array.isArray(value) && value.length > LIMITS[limit].max) {
      ctx.addIssue({ code: 'custom', message: `a list of ${value.length} items is too long; ${limitText(limit)}`, abort: true });
    }
  });
  return long.pipe(z.array(item)).superRefine((items, ctx) => {
    if (items.length < min) {
      const what = options.what ?? 'item';
      ctx.addIssue({ code: 'custom', message: `must list at least ${min} ${what}${min === 1 ? '' : 's'}` });
    }
    if (!options.unique) return;
    const first = new Map<unknown, number>();
    items.forEach((value, i) => {
      const seen = first.get(value);
      if (seen === undefined) first.set(value, i);
      else ctx.addIssue({ code: 'custom', path: [i], message: `\`${String(value)}\` is listed twice (first as item ${seen}); each must be unique` });
    });
  });
}

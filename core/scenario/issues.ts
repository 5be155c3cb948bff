/**
 * Turns zod's validation issues into findings a person can act on: the key path, what was
 * wrong and what is allowed. Most checks in this folder already write their own message
 * (values.ts, objects.ts); this covers the issues zod raises itself — a mapping where a list
 * was expected, an unknown `action:` in a fault, a missing key.
 */
import type * as z from 'zod';
import type { Anchor, PathKey } from './positions.ts';
import { didYouMean, listAllowed } from './suggest.ts';
import { describe, MISSING } from './values.ts';

/** A problem before it is given a file position. */
export interface Finding {
  path: PathKey[];
  message: string;
  anchor: Anchor;
}

/** Adds a finding at `path`, placed at the key's value unless `anchor` says otherwise. */
export function findingAt(errors: Finding[], path: readonly PathKey[], message: string, anchor: Anchor = 'value'): void {
  errors.push({ path: [...path], message, anchor });
}

const EXPECTED: Readonly<Record<string, string>> = {
  object: 'a mapping (key: value)',
  record: 'a mapping (key: value)',
  array: 'a list',
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
};

/** What the tag of each tagged mapping names, for "`x` is not a fault action". */
const TAG_WHAT: Readonly<Record<string, string>> = {
  action: 'a fault action',
  type: 'a scaling policy type',
  distribution: 'a distribution',
};

/** The value at `path` inside `root`, or undefined. */
export function valueAt(root: unknown, path: readonly PathKey[]): unknown {
  let value = root;
  for (const key of path) {
    // Own keys only: `constructor` or `toString` in a file must not find Object's methods.
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<PathKey, unknown>)[key];
  }
  return value;
}

function cleanPath(path: readonly PropertyKey[]): PathKey[] {
  return path.filter((k): k is PathKey => typeof k === 'string' || typeof k === 'number');
}

/** A finding for one zod issue; `input` is the validated document, to show offending values. */
export function findingFromZod(issue: z.core.$ZodIssue, input: unknown): Finding {
  const path = cleanPath(issue.path);
  const value = valueAt(input, path);
  const params = issue.code === 'custom' ? (issue.params as { at?: Anchor } | undefined) : undefined;
  const anchor: Anchor = params?.at ?? 'value';
  switch (issue.code) {
    case 'invalid_type': {
      if (value === undefined) return { path, message: MISSING, anchor };
      const expected = Object.hasOwn(EXPECTED, issue.expected) ? EXPECTED[issue.expected]! : issue.expected;
      return { path, message: `expected ${expected}, got ${describe(value)}`, anchor };
    }
    case 'invalid_union': {
      const tag = (issue as { discriminator?: string }).discriminator;
      const options = ((issue as { options?: unknown[] }).options ?? []).map(String);
      if (tag === undefined || options.length === 0) return { path, message: issue.message, anchor };
      if (value === undefined) return { path, message: `${MISSING}; allowed: ${listAllowed(options)}`, anchor };
      const hint = typeof value === 'string' ? didYouMean(value, options) : '';
      // `action` tags a fault, and also an item of a group's `actions` (manual and API operations).
      const what = tag === 'action' && path.includes('actions') ? 'an Auto Scaling group action' : Object.hasOwn(TAG_WHAT, tag) ? TAG_WHAT[tag] : 'allowed';
      return { path, message: `${describe(value)} is not ${what}; allowed: ${listAllowed(options)}${hint}`, anchor };
    }
    case 'invalid_value': {
      const options = issue.values.map(String);
      const hint = typeof value === 'string' ? didYouMean(value, options) : '';
      return { path, message: `${describe(value)} is not allowed; allowed: ${listAllowed(options)}${hint}`, anchor };
    }
    default:
      return { path, message: issue.message, anchor };
  }
}

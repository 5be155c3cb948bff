/**
 * "Did you mean …?" for mistyped subcommands and options.
 *
 * A misspelt flag is the most common command-line mistake; naming the closest valid spelling
 * turns a dead end into a one-keystroke fix. Closeness is the Damerau–Levenshtein distance
 * (a swapped pair of letters counts once), accepted up to a third of the word's length.
 */

// The same edit distance as the scenario's "did you mean" (case-insensitive Damerau).
import { editDistance } from '../core/scenario/suggest.ts';

export { editDistance };

/** The candidate closest to `word`, if it is close enough to be a plausible typo. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const distance = editDistance(word, candidate);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  const limit = Math.max(1, Math.floor(Math.max(word.length, 3) / 3));
  if (best !== undefined && bestDistance <= limit) return best;
  // A unique prefix ("--rep" for "--replications") is also a clear intent.
  const prefixed = candidates.filter((c) => word.length >= 2 && c.startsWith(word));
  return prefixed.length === 1 ? prefixed[0] : undefined;
}

/** " (did you mean X?)" or "". */
export function didYouMean(word: string, candidates: readonly string[], render: (s: string) => string = (s) => s): string {
  const match = closest(word, candidates);
  return match === undefined ? '' : ` (did you mean ${render(match)}?)`;
}

/**
 * "Did you mean ...?" hints for misspelt keys and values.
 *
 * Uses the optimal-string-alignment form of the Damerau–Levenshtein distance (insertions,
 * deletions, substitutions and swaps of two neighbouring letters each cost 1), compared
 * case-insensitively, so `helthyThreshold`, `healthythreshold` and `healthyThersehold` all
 * point at `healthyThreshold`. A hint is only offered when the best candidate is close
 * relative to the word's length, so a wild guess does not mislead.
 */

/** Edit distance with adjacent transpositions (optimal string alignment). */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = [];
  for (let i = 0; i < rows; i++) {
    d.push(new Array<number>(cols).fill(0));
    d[i]![0] = i;
  }
  for (let j = 0; j < cols; j++) d[0]![j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, d[i - 2]![j - 2]! + 1);
      }
      d[i]![j] = best;
    }
  }
  return d[a.length]![b.length]!;
}

/**
 * The candidate closest to `word`, or undefined when none is close enough: at most a third of
 * the word's length (at least 1, at most 4 edits), or a case-insensitive match, or a candidate
 * that starts with / is contained in the word (e.g. `interval_s` → `interval`).
 */
export function suggest(word: string, candidates: readonly string[]): string | undefined {
  const lower = word.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const distance = editDistance(lower, candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  if (best === undefined) return undefined;
  const limit = Math.min(4, Math.max(1, Math.floor(word.length / 3)));
  if (bestDistance <= limit) return best;
  const containing = candidates.find(
    (c) => c.length >= 4 && (lower.includes(c.toLowerCase()) || c.toLowerCase().includes(lower)) && lower.length >= 4,
  );
  return containing;
}

/** ` (did you mean `x`?)` or the empty string, ready to append to a message. */
export function didYouMean(word: string, candidates: readonly string[]): string {
  const hint = suggest(word, candidates);
  return hint === undefined ? '' : ` (did you mean \`${hint}\`?)`;
}

/** `a, b or c` for messages listing what is allowed. */
export function listAllowed(values: readonly string[]): string {
  if (values.length <= 1) return values.join('');
  return `${values.slice(0, -1).join(', ')} or ${values[values.length - 1]}`;
}

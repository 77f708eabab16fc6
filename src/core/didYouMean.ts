/**
 * Edit distance where swapping two neighbouring letters counts as one edit, as typos do (`titel`, `onwer`):
 * Levenshtein plus adjacent transpositions (optimal string alignment). Bounded: returns `limit + 1` as soon
 * as the distance must exceed `limit`.
 */
export function editDistance(a: string, b: string, limit = Infinity): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let beforePrevious: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let value = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      if (
        i > 1 &&
        j > 1 &&
        a.charCodeAt(i - 1) === b.charCodeAt(j - 2) &&
        a.charCodeAt(i - 2) === b.charCodeAt(j - 1)
      ) {
        value = Math.min(value, beforePrevious[j - 2] + 1);
      }
      current.push(value);
      rowMin = Math.min(rowMin, value);
    }
    // Still safe with transpositions: one costs at least what the previous row's diagonal already holds.
    if (rowMin > limit) return limit + 1;
    beforePrevious = previous;
    previous = current;
  }
  return previous[b.length];
}

/**
 * The candidates close enough to `input` to be a plausible typo, best first. Case and separators are
 * ignored first (`In Progress` → `in-progress`), then up to a third of the word may differ.
 */
export function didYouMean(input: string, candidates: readonly string[], max = 3): string[] {
  const fold = (value: string) => value.toLowerCase().replace(/[\s_'’-]+/g, '');
  const folded = fold(input);
  const limit = Math.max(1, Math.floor(folded.length / 3));
  return candidates
    .map((candidate) => {
      const distance = fold(candidate) === folded ? 0 : editDistance(folded, fold(candidate), limit);
      const prefix = folded.length >= 3 && fold(candidate).startsWith(folded) ? 0.5 : distance;
      return { candidate, distance: Math.min(distance, prefix) };
    })
    .filter((scored) => scored.distance <= limit)
    .sort((a, b) => a.distance - b.distance)
    .slice(0, max)
    .map((scored) => scored.candidate);
}

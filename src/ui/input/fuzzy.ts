/**
 * Fuzzy matching for completion: the query's characters must appear in order (case-insensitive).
 * Higher scores for consecutive runs, matches at the start of a path segment or word, matches in the
 * file name, and shorter candidates.
 */
export function fuzzyScore(candidate: string, query: string): number | undefined {
  if (query === '') return -candidate.length;
  const haystack = candidate.toLowerCase();
  const needle = query.toLowerCase();
  const nameStart = candidate.lastIndexOf('/', candidate.length - 2) + 1;
  let score = 0;
  let position = 0;
  let previousMatch = -2;
  for (const char of needle) {
    const found = haystack.indexOf(char, position);
    if (found === -1) return undefined;
    score += 1;
    if (found === previousMatch + 1) score += 5;
    const before = candidate[found - 1];
    if (found === 0 || before === '/' || before === '-' || before === '_' || before === '.' || before === ' ') score += 4;
    if (found >= nameStart) score += 2;
    previousMatch = found;
    position = found + 1;
  }
  // A contiguous occurrence of the whole query beats a scattered one.
  if (haystack.includes(needle)) score += 10 + (haystack.slice(nameStart).startsWith(needle) ? 10 : 0);
  return score * 10 - candidate.length / 10;
}

export function fuzzyFilter<T>(items: readonly T[], query: string, text: (item: T) => string, limit: number): T[] {
  const scored: { item: T; score: number; order: number }[] = [];
  items.forEach((item, order) => {
    const score = fuzzyScore(text(item), query);
    if (score !== undefined) scored.push({ item, score, order });
  });
  scored.sort((a, b) => b.score - a.score || a.order - b.order);
  return scored.slice(0, limit).map((entry) => entry.item);
}

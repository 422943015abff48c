/**
 * Up/Down history browsing and Ctrl+R reverse incremental search over prompt history entries
 * (oldest first, newest last).
 */
export interface Browse {
  /** Index into the entries of the entry shown, or null while editing the draft. */
  readonly index: number | null;
  /** What the user had typed before browsing; restored when Down goes past the newest entry. */
  readonly draft: string;
}

export const NOT_BROWSING: Browse = { index: null, draft: '' };

export interface BrowseStep {
  readonly browse: Browse;
  readonly text: string;
}

/** One step older; undefined when there is nothing older. */
export function browseOlder(entries: readonly string[], browse: Browse, currentText: string): BrowseStep | undefined {
  const index = browse.index === null ? entries.length - 1 : browse.index - 1;
  if (index < 0) return undefined;
  const draft = browse.index === null ? currentText : browse.draft;
  return { browse: { index, draft }, text: entries[index]! };
}

/** One step newer; past the newest entry the draft comes back. Undefined when not browsing. */
export function browseNewer(entries: readonly string[], browse: Browse): BrowseStep | undefined {
  if (browse.index === null) return undefined;
  const index = browse.index + 1;
  if (index >= entries.length) return { browse: NOT_BROWSING, text: browse.draft };
  return { browse: { index, draft: browse.draft }, text: entries[index]! };
}

export interface Search {
  readonly query: string;
  /** Index of the matching entry, or null when nothing matches (a "failing" search). */
  readonly match: number | null;
  /** Where the match starts inside the entry (for placing the cursor). */
  readonly matchOffset: number;
}

/** Newest entry at or before `from` containing `query` (case-insensitive). */
export function findOlderMatch(entries: readonly string[], query: string, from: number): { index: number; offset: number } | undefined {
  const needle = query.toLowerCase();
  for (let index = Math.min(from, entries.length - 1); index >= 0; index--) {
    const offset = entries[index]!.toLowerCase().indexOf(needle);
    if (offset !== -1) return { index, offset };
  }
  return undefined;
}

export function startSearch(): Search {
  return { query: '', match: null, matchOffset: 0 };
}

/** Typing or erasing changes the query; the search restarts at the current match (or the newest entry). */
export function setSearchQuery(entries: readonly string[], search: Search, query: string, restartFromNewest: boolean): Search {
  if (query === '') return { query, match: null, matchOffset: 0 };
  const from = restartFromNewest || search.match === null ? entries.length - 1 : search.match;
  const found = findOlderMatch(entries, query, from);
  return found ? { query, match: found.index, matchOffset: found.offset } : { query, match: null, matchOffset: 0 };
}

/** Ctrl+R again: the next older match; stays on the current one when there is none. */
export function searchOlder(entries: readonly string[], search: Search): Search {
  if (search.query === '' || search.match === null) return search;
  const found = findOlderMatch(entries, search.query, search.match - 1);
  return found ? { ...search, match: found.index, matchOffset: found.offset } : search;
}

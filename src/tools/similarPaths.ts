import { readdir } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';

const MAX_ENTRIES_SCANNED = 5000;
const MAX_SUGGESTIONS = 3;

function editDistance(a: string, b: string): number {
  const previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = previous[0]!;
    previous[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = previous[j]!;
      previous[j] = Math.min(above + 1, previous[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return previous[b.length]!;
}

function stem(name: string): string {
  return name.slice(0, name.length - extname(name).length).toLowerCase();
}

/**
 * Names in the missing file's directory that the model probably meant: other extensions of the
 * same stem, a different case, or a typo or two. Only one directory is listed, so this stays cheap.
 */
export async function findSimilarPaths(missingPath: string): Promise<string[]> {
  const directory = dirname(missingPath);
  const wanted = basename(missingPath);
  let entries: string[];
  try {
    entries = (await readdir(directory)).slice(0, MAX_ENTRIES_SCANNED);
  } catch {
    return [];
  }
  const wantedLower = wanted.toLowerCase();
  const wantedStem = stem(wanted);
  const tolerance = Math.max(1, Math.min(3, Math.floor(wanted.length / 4)));
  return entries
    .map((entry) => {
      const lower = entry.toLowerCase();
      if (lower === wantedLower) return { entry, score: 0 };
      if (stem(entry) === wantedStem) return { entry, score: 1 };
      const distance = editDistance(lower, wantedLower);
      return { entry, score: distance <= tolerance ? 1 + distance : Infinity };
    })
    .filter((candidate) => Number.isFinite(candidate.score))
    .sort((a, b) => a.score - b.score || a.entry.localeCompare(b.entry))
    .slice(0, MAX_SUGGESTIONS)
    .map((candidate) => join(directory, candidate.entry));
}

/** " Did you mean …?" when a similar name exists next to the missing one, else ''. */
export async function missingFileHint(missingPath: string): Promise<string> {
  const suggestions = await findSimilarPaths(missingPath);
  if (suggestions.length > 0) return ` Did you mean ${suggestions.join(' or ')}?`;
  return '';
}

import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const SESSION_FILE = /^([0-9a-f-]{36})\.jsonl$/i;
export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const sessionPath = (transcriptDir: string, sessionId: string): string =>
  join(transcriptDir, `${sessionId}.jsonl`);

export function sessionsIn(dir: string): Array<{ id: string; path: string; mtimeMs: number }> {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const id = SESSION_FILE.exec(name)?.[1];
    if (!id) return [];
    const path = join(dir, name);
    return [{ id, path, mtimeMs: statSync(path).mtimeMs }];
  });
}

/** The most recently written session of this project directory, for --continue. */
export function latestSession(transcriptDir: string): { id: string; path: string } | null {
  const sessions = sessionsIn(transcriptDir).sort((a, b) => b.mtimeMs - a.mtimeMs);
  return sessions[0] ?? null;
}

/**
 * Finds a session by id (or a unique prefix of one) for --resume: this project's sessions first,
 * then every other project's, since a user may resume from another directory.
 */
export function findSession(
  projectsDir: string,
  transcriptDir: string,
  idOrPrefix: string,
): { id: string; path: string } | { error: string } {
  const needle = idOrPrefix.toLowerCase();
  const search = (dirs: string[]) =>
    dirs.flatMap((dir) => sessionsIn(dir)).filter((s) => s.id.toLowerCase().startsWith(needle));
  let matches = search([transcriptDir]);
  if (matches.length === 0 && existsSync(projectsDir)) {
    matches = search(readdirSync(projectsDir).map((name) => join(projectsDir, name)));
  }
  if (matches.length === 1) return matches[0]!;
  if (matches.length === 0) return { error: `No session found with id "${idOrPrefix}".` };
  return { error: `Session id "${idOrPrefix}" is ambiguous; it matches ${matches.map((m) => m.id).join(', ')}.` };
}

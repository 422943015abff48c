// `@path` imports in memory files: `@notes.md` (relative to the importing file), `@/abs/path`,
// `@~/in/home`. An import is replaced by the imported file's text, itself expanded, up to
// MAX_IMPORT_DEPTH hops. Problems never stop loading: the `@path` stays as written and a
// warning says why.
import { readFile, realpath, stat } from 'node:fs/promises';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { codeRanges, isInsideRanges } from './markdownCode.js';

export const MAX_IMPORT_DEPTH = 5;
export const MAX_MEMORY_FILE_BYTES = 4 * 1024 * 1024;

export interface ImportExpansion {
  content: string;
  warnings: string[];
}

export interface ImportOptions {
  home: string;
  maxDepth?: number;
}

/**
 * Expands the imports in `text`, which was read from `filePath`. `@` only starts an import at the
 * start of a line or after whitespace, so `someone@example.com` stays text.
 */
export async function expandImports(text: string, filePath: string, options: ImportOptions): Promise<ImportExpansion> {
  const warnings: string[] = [];
  const ancestors = new Set([await canonicalPath(filePath)]);
  const content = await expandText(text, filePath, 0, ancestors, {
    home: options.home,
    maxDepth: options.maxDepth ?? MAX_IMPORT_DEPTH,
    warnings,
  });
  return { content, warnings };
}

interface ExpansionState {
  home: string;
  maxDepth: number;
  warnings: string[];
}

// Preceded by start or whitespace; the path runs to the next unescaped whitespace.
const IMPORT_PATTERN = /(?<!\S)@((?:\\ |\S)+)/g;
// "see @notes.md." — sentence punctuation after a path is not part of it.
const TRAILING_PUNCTUATION = /[.,;:!?)\]}'"]+$/;

async function expandText(
  text: string,
  filePath: string,
  depth: number,
  ancestors: ReadonlySet<string>,
  state: ExpansionState,
): Promise<string> {
  const code = codeRanges(text);
  let result = '';
  let copiedUpTo = 0;
  for (const match of text.matchAll(IMPORT_PATTERN)) {
    const at = match.index;
    const token = match[1];
    if (token === undefined || isInsideRanges(at, code)) continue;
    const written = token.replace(TRAILING_PUNCTUATION, '') || token;
    const replacement = await importedText(written, filePath, depth, ancestors, state);
    if (replacement === null) continue;
    result += text.slice(copiedUpTo, at) + replacement;
    copiedUpTo = at + 1 + written.length;
  }
  return result + text.slice(copiedUpTo);
}

/** The expanded text of one import, or null to leave the `@path` as written. */
async function importedText(
  written: string,
  fromFile: string,
  depth: number,
  ancestors: ReadonlySet<string>,
  state: ExpansionState,
): Promise<string | null> {
  const warn = (why: string): null => {
    state.warnings.push(`${fromFile}: @${written}: ${why}`);
    return null;
  };
  if (depth >= state.maxDepth) return warn(`not imported: imports nest deeper than ${state.maxDepth} levels`);
  const target = importTarget(written.replace(/\\ /g, ' '), fromFile, state.home);
  const read = await readMemoryText(target);
  if (!read.ok) return warn(read.reason);
  const canonical = await canonicalPath(target);
  if (ancestors.has(canonical)) return warn('not imported: it would import itself (an import cycle)');
  const nested = new Set(ancestors).add(canonical);
  const expanded = await expandText(read.text, target, depth + 1, nested, state);
  return expanded.replace(/\s+$/, '');
}

function importTarget(path: string, fromFile: string, home: string): string {
  if (path === '~') return home;
  if (path.startsWith('~/')) return join(home, path.slice(2));
  return isAbsolute(path) ? resolve(path) : resolve(dirname(fromFile), path);
}

export type MemoryTextResult = { ok: true; text: string } | { ok: false; reason: string; missing: boolean };

/** Reads a memory or imported file, refusing directories and files above the size limit. */
export async function readMemoryText(path: string): Promise<MemoryTextResult> {
  try {
    const info = await stat(path);
    if (!info.isFile()) return { ok: false, reason: 'not a file', missing: false };
    if (info.size > MAX_MEMORY_FILE_BYTES) {
      const mib = (info.size / (1024 * 1024)).toFixed(1);
      return { ok: false, reason: `skipped: ${mib} MiB is over the 4 MiB limit for memory files`, missing: false };
    }
    return { ok: true, text: await readFile(path, 'utf8') };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const missing = code === 'ENOENT' || code === 'ENOTDIR';
    return { ok: false, reason: missing ? 'file not found' : `cannot read (${code ?? String(error)})`, missing };
  }
}

export async function canonicalPath(path: string): Promise<string> {
  try {
    return await realpath(path);
  } catch {
    return resolve(path);
  }
}

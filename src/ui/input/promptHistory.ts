import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Prompt history persisted as JSONL, one `{"prompt": "…"}` per line, newest last. A prompt equal to
 * the newest one is not stored again. Lines that do not parse (a corrupt or half-written file) are
 * skipped. Appends are a single write each, so two sessions in one project interleave whole lines.
 */
export interface PromptHistory {
  entries(): readonly string[];
  add(entry: string): void;
}

export const DEFAULT_HISTORY_LIMIT = 1000;

function parseLine(line: string): string | undefined {
  try {
    const value: unknown = JSON.parse(line);
    if (typeof value === 'object' && value !== null && typeof (value as { prompt?: unknown }).prompt === 'string') {
      return (value as { prompt: string }).prompt;
    }
  } catch {
    // A corrupt line costs one entry, not the whole history.
  }
  return undefined;
}

function readContent(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

function parseEntries(content: string): string[] {
  const entries: string[] = [];
  for (const line of content.split('\n')) {
    const prompt = line.trim() === '' ? undefined : parseLine(line);
    if (prompt !== undefined && prompt !== entries.at(-1)) entries.push(prompt);
  }
  return entries;
}

const serialize = (prompt: string): string => `${JSON.stringify({ prompt })}\n`;

export function createPromptHistory(options: { file: string; limit?: number }): PromptHistory {
  const limit = Math.max(1, options.limit ?? DEFAULT_HISTORY_LIMIT);
  const content = readContent(options.file);
  let entries = parseEntries(content).slice(-limit);
  let linesOnDisk = content.split('\n').filter((line) => line.trim() !== '').length;
  // A half-written last line must not swallow the next entry.
  let separator = content === '' || content.endsWith('\n') ? '' : '\n';

  const write = (action: () => void) => {
    try {
      mkdirSync(dirname(options.file), { recursive: true });
      action();
    } catch {
      // History is a convenience: a read-only or full disk must not break the prompt.
    }
  };

  return {
    entries: () => entries,
    add(entry: string) {
      if (entry.trim() === '' || entry === entries.at(-1)) return;
      entries = [...entries, entry].slice(-limit);
      linesOnDisk += 1;
      if (linesOnDisk > limit * 2) {
        // Compact now and then rather than rewriting the file on every prompt.
        write(() => writeFileSync(options.file, entries.map(serialize).join('')));
        linesOnDisk = entries.length;
      } else {
        write(() => appendFileSync(options.file, separator + serialize(entry)));
        separator = '';
      }
    },
  };
}

/** A history kept in memory only (tests, or when no project directory is known). */
export function memoryPromptHistory(initial: readonly string[] = []): PromptHistory {
  let entries = [...initial];
  return {
    entries: () => entries,
    add(entry: string) {
      if (entry.trim() === '' || entry === entries.at(-1)) return;
      entries = [...entries, entry];
    },
  };
}

/** History kept only for this run (`--no-session-persistence`: nothing about the session is written). */
export function createMemoryPromptHistory(limit = DEFAULT_HISTORY_LIMIT): PromptHistory {
  let entries: string[] = [];
  return {
    entries: () => entries,
    add(entry: string) {
      if (entry.trim() === '' || entry === entries.at(-1)) return;
      entries = [...entries, entry].slice(-Math.max(1, limit));
    },
  };
}

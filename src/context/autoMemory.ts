// Auto memory: the agent's own notes on a project, kept between sessions in the user's config
// (`<config>/projects/<project>/memory/`). Tier 1 is MEMORY.md, an index whose first 200 lines
// reach the model every session; tier 2 are topic notes beside it, listed by name and read when
// they matter. The agent writes both with its file tools, without asking (permissions: auto memory).
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

export const AUTO_MEMORY_INDEX = 'MEMORY.md';
export const AUTO_MEMORY_INDEX_LINES = 200;
const MAX_TOPICS_LISTED = 50;

export const autoMemoryDirectory = (transcriptDir: string): string => join(transcriptDir, 'memory');

export function autoMemoryEnabled(settings: { autoMemoryEnabled?: boolean }, env: Record<string, string | undefined>): boolean {
  const off = (value: string | undefined) => value !== undefined && ['1', 'true'].includes(value.toLowerCase());
  return settings.autoMemoryEnabled !== false && !off(env.WRIGHT_DISABLE_AUTO_MEMORY) && !off(env.CLAUDE_CODE_DISABLE_AUTO_MEMORY);
}

export interface AutoMemory {
  directory: string;
  /** The index's first lines, or '' when there is none yet. */
  index: string;
  /** Lines of the index left out. */
  omittedLines: number;
  /** Topic notes (Markdown files other than the index), relative to the directory. */
  topics: string[];
}

export async function loadAutoMemory(directory: string): Promise<AutoMemory> {
  let text = '';
  try {
    text = await readFile(join(directory, AUTO_MEMORY_INDEX), 'utf8');
  } catch {
    // No notes yet.
  }
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  const topics = await markdownFilesBelow(directory);
  return {
    directory,
    index: lines.slice(0, AUTO_MEMORY_INDEX_LINES).join('\n'),
    omittedLines: Math.max(0, lines.length - AUTO_MEMORY_INDEX_LINES),
    topics: topics.filter((name) => name !== AUTO_MEMORY_INDEX).sort(),
  };
}

async function markdownFilesBelow(directory: string): Promise<string[]> {
  try {
    const entries = await readdir(directory, { recursive: true, withFileTypes: true });
    return entries
      .filter((entry) => entry.isFile() && entry.name.endsWith('.md'))
      .map((entry) => join(entry.parentPath, entry.name).slice(directory.length + 1));
  } catch {
    return [];
  }
}

/** What the model is told about its notes, sent with the memory files. */
export function autoMemorySection(memory: AutoMemory): string {
  const topics =
    memory.topics.length === 0
      ? 'No topic notes yet.'
      : `Topic notes (Read them when they bear on the task): ${memory.topics.slice(0, MAX_TOPICS_LISTED).join(', ')}${memory.topics.length > MAX_TOPICS_LISTED ? `, and ${memory.topics.length - MAX_TOPICS_LISTED} more` : ''}.`;
  const index = memory.index.trim() === '' ? `${AUTO_MEMORY_INDEX} is empty so far.` : `${AUTO_MEMORY_INDEX}:\n\n${memory.index}${memory.omittedLines > 0 ? `\n\n(${memory.omittedLines} more lines not shown: keep the index under ${AUTO_MEMORY_INDEX_LINES} lines by moving detail into topic notes.)` : ''}`;
  return [
    `Auto memory: your own notes on this project, kept across sessions in ${memory.directory} (Read, Write and Edit work there without asking).`,
    `When you learn something durable that would save time later — how to build or test, a convention, a user preference, a pitfall and its fix — record it: a line in ${AUTO_MEMORY_INDEX}, detail in a topic note it links to. Correct notes that turn out wrong. Never store secrets or what only matters to this session.`,
    topics,
    index,
  ].join('\n');
}

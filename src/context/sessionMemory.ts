// Everything a session is told from memory before its first message: the memory files from the
// project root down to cwd, rules without `paths:`, and the auto-memory notes. Loaded at start and
// again after a compaction (the user or the agent may have changed them meanwhile).
import { autoMemorySection, loadAutoMemory } from './autoMemory.js';
import { loadMemoryFiles, type MemoryFile } from './memoryFiles.js';
import { memoryContextReminder } from './memoryReminder.js';
import { loadMemoryRules, type MemoryRule } from './memoryRules.js';

export interface SessionMemoryOptions {
  cwd: string;
  projectRoot: string;
  configDir: string;
  home: string;
  /** The auto-memory directory, when auto memory is on. */
  autoMemoryDirectory?: string;
}

export interface SessionMemory {
  /** The text sent ahead of the conversation, or null when there is none. */
  reminder: string | null;
  /** The memory files and unscoped rules in the reminder, for /memory. */
  files: MemoryFile[];
  /** Canonical paths of the memory files loaded, so nested lookups do not repeat them. */
  canonicalPaths: Set<string>;
  /** Rules that apply only to files matching their `paths:`. */
  scopedRules: MemoryRule[];
  warnings: string[];
}

export async function loadSessionMemory(options: SessionMemoryOptions): Promise<SessionMemory> {
  const [memoryFiles, memoryRules, autoMemory] = await Promise.all([
    loadMemoryFiles(options),
    loadMemoryRules(options),
    options.autoMemoryDirectory === undefined ? undefined : loadAutoMemory(options.autoMemoryDirectory),
  ]);
  const files = [...memoryFiles.files, ...memoryRules.rules.filter((rule) => rule.globs.length === 0)];
  const parts = [memoryContextReminder(files), autoMemory ? `<system-reminder>\n${autoMemorySection(autoMemory)}\n</system-reminder>` : null].filter(
    (part): part is string => part !== null,
  );
  return {
    reminder: parts.length === 0 ? null : parts.join('\n\n'),
    files,
    canonicalPaths: memoryFiles.canonicalPaths,
    scopedRules: memoryRules.rules.filter((rule) => rule.globs.length > 0),
    warnings: [...memoryFiles.warnings, ...memoryRules.warnings],
  };
}

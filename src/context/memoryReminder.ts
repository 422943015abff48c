// Memory files reach the model as the first block of the first user message, wrapped in a
// <system-reminder>, rather than in the system prompt: they change per project and per
// directory, and keeping them out of the system prompt lets that part be cached everywhere.
import type { MemoryFile, MemoryScope } from './memoryFiles.js';

const SCOPE_DESCRIPTIONS: Record<MemoryScope, string> = {
  user: "the user's own instructions, for every project",
  project: 'project instructions, shared with everyone working in this repository',
  local: "the user's private instructions for this project",
};

export function memoryContextReminder(files: readonly MemoryFile[]): string | null {
  const nonEmpty = files.filter((file) => file.content.trim() !== '');
  if (nonEmpty.length === 0) return null;
  const sections = nonEmpty.map(
    (file) => `Contents of ${file.path} (${file.scope}: ${SCOPE_DESCRIPTIONS[file.scope]}):\n\n${file.content.trim()}`,
  );
  return [
    '<system-reminder>',
    'Standing instructions from memory files follow, broadest first; where two disagree, the later, more specific one wins. Follow them when they bear on the task; they take precedence over your default habits but not over what the user asks in this conversation.',
    '',
    sections.join('\n\n'),
    '',
    'Not everything above will matter for the current request: use what is relevant and do not act on the rest unprompted.',
    '</system-reminder>',
  ].join('\n');
}

/** Memory for one part of the repository, given when a file there is first touched. */
export function nestedMemoryReminder(files: readonly MemoryFile[]): string | null {
  const nonEmpty = files.filter((file) => file.content.trim() !== '');
  if (nonEmpty.length === 0) return null;
  const sections = nonEmpty.map((file) => `Contents of ${file.path} (${file.scope}: ${SCOPE_DESCRIPTIONS[file.scope]}):\n\n${file.content.trim()}`);
  return [
    '<system-reminder>',
    'More standing instructions apply to the files you just worked with; follow them for work in that part of the repository:',
    '',
    sections.join('\n\n'),
    '</system-reminder>',
  ].join('\n');
}

// What compaction carries over besides the summary, so the continued conversation does not have to
// rediscover it: the todo list, the plan the user approved, and the files read most recently (as they
// are on disk now), and the skills loaded. Memory files need nothing here: they are sent ahead of
// every request anyway.
import type { Message, TextBlock } from '../../model/types.js';
import type { InvokedSkill } from './invokedSkills.js';

export interface TodoSnapshot {
  content: string;
  status: 'pending' | 'in_progress' | 'completed';
}

export interface RecentFile {
  path: string;
  /** The text as it is now, possibly cut to the budget. */
  text: string;
  truncated: boolean;
}

/** Recently read files re-attached, at most this many, within a total budget of characters. */
export const RECENT_FILE_LIMIT = 5;
export const RECENT_FILE_CHARS = 20_000;
export const RECENT_FILES_TOTAL_CHARS = 50_000;

export interface CompactionAttachments {
  todos: readonly TodoSnapshot[];
  plan: string | null;
  files: readonly RecentFile[];
  skills?: readonly InvokedSkill[];
}

const MARK: Record<TodoSnapshot['status'], string> = { completed: '[x]', in_progress: '[~]', pending: '[ ]' };

export function attachmentBlocks(attachments: CompactionAttachments): TextBlock[] {
  const blocks: TextBlock[] = [];
  if (attachments.plan) blocks.push({ type: 'text', text: `The plan the user approved earlier, still in force:\n\n${attachments.plan}` });
  if (attachments.todos.length > 0) {
    const list = attachments.todos.map((todo) => `${MARK[todo.status]} ${todo.content}`).join('\n');
    blocks.push({ type: 'text', text: `Your todo list (keep it up to date with TodoWrite):\n${list}` });
  }
  for (const skill of attachments.skills ?? []) {
    const note = skill.truncated ? ' (cut short: load the skill again with the Skill tool for the rest)' : '';
    blocks.push({ type: 'text', text: `The skill "${skill.name}" was loaded earlier in this conversation and still applies${note}:\n\n${skill.text}` });
  }
  for (const file of attachments.files) {
    const note = file.truncated ? ' (cut short: Read the file for the rest)' : '';
    blocks.push({ type: 'text', text: `Contents of ${file.path} as it is now, read before compaction${note}:\n\n${file.text}` });
  }
  return blocks;
}

/** The plan of the last ExitPlanMode call the user approved (its result is not an error), if any. */
export function approvedPlan(messages: readonly Message[]): string | null {
  const approved = new Set<string>();
  for (const message of messages) {
    if (message.role !== 'user' || typeof message.content === 'string') continue;
    for (const block of message.content) if (block.type === 'tool_result' && !block.is_error) approved.add(block.tool_use_id);
  }
  let plan: string | null = null;
  for (const message of messages) {
    if (message.role !== 'assistant' || typeof message.content === 'string') continue;
    for (const block of message.content) {
      if (block.type === 'tool_use' && block.name === 'ExitPlanMode' && approved.has(block.id) && typeof block.input.plan === 'string') plan = block.input.plan;
    }
  }
  return plan;
}

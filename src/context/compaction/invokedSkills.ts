// The skills loaded in a conversation, for compaction to carry over: a skill's instructions keep
// applying after the conversation is summarised, so the latest load of each one is re-attached
// (Claude Code re-attaches the most recent invocation of each skill, within a budget). A skill is
// loaded by the Skill tool, or by the user typing `/skill-name`, whose prompt carries the skill's
// base directory.
import type { Message, ToolResultBlock } from '../../model/types.js';
import { CHARS_PER_TOKEN } from '../tokenEstimate.js';

export interface InvokedSkill {
  name: string;
  text: string;
  truncated: boolean;
}

/** About 5k tokens a skill and 25k in all, and never more than a tenth of the context window. */
export const SKILL_CHARS = 5_000 * CHARS_PER_TOKEN;
export const SKILLS_TOTAL_CHARS = 25_000 * CHARS_PER_TOKEN;

const USER_INVOCATION = /^<command-message>[^<]*<\/command-message>\n<command-name>\/([^<]+)<\/command-name>\n(?:<command-args>[\s\S]*?<\/command-args>\n)?\n(Base directory for this skill: [\s\S]*)$/;

/** The newest load of each skill, newest first, cut to the budget. */
export function invokedSkills(messages: readonly Message[], contextWindow: number): InvokedSkill[] {
  const latest = new Map<string, string>();
  for (const [name, text] of skillLoads(messages)) {
    latest.delete(name);
    latest.set(name, text);
  }
  const skills: InvokedSkill[] = [];
  let budget = Math.min(SKILLS_TOTAL_CHARS, Math.floor((contextWindow * CHARS_PER_TOKEN) / 10));
  for (const [name, text] of [...latest].reverse()) {
    if (budget <= 0) break;
    const limit = Math.min(SKILL_CHARS, budget);
    const truncated = text.length > limit;
    const kept = truncated ? text.slice(0, limit) : text;
    skills.push({ name, text: kept, truncated });
    budget -= kept.length;
  }
  return skills;
}

/** Every successful skill load in order: [name, what the model was given]. */
function* skillLoads(messages: readonly Message[]): Generator<[string, string]> {
  const requested = new Map<string, string>();
  for (const message of messages) {
    if (typeof message.content === 'string') {
      if (message.role === 'user') yield* userInvocation(message.content);
      continue;
    }
    for (const block of message.content) {
      if (block.type === 'tool_use' && block.name === 'Skill' && typeof block.input.skill === 'string') requested.set(block.id, block.input.skill.trim());
      if (block.type === 'text' && message.role === 'user') yield* userInvocation(block.text);
      if (block.type === 'tool_result' && !block.is_error && requested.has(block.tool_use_id)) yield [requested.get(block.tool_use_id)!, resultText(block)];
    }
  }
}

function* userInvocation(text: string): Generator<[string, string]> {
  const match = USER_INVOCATION.exec(text);
  if (match) yield [match[1]!, match[2]!];
}

function resultText(block: ToolResultBlock): string {
  return typeof block.content === 'string' ? block.content : block.content.map((part) => (part.type === 'text' ? part.text : '')).join('\n');
}

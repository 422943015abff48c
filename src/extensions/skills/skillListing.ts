// Progressive disclosure: the model is told only each skill's name and description (and the custom
// commands it may run, which have a description). This goes with the memory reminder ahead of the
// conversation, not into the system prompt or the Skill tool's description, so the cached prefix
// (tools, system prompt) is the same whatever skills a project has.
import { listedName, type InvocableDefinition } from '../commands/invocable.js';

/** Claude Code cuts each listing entry to about this many characters. */
export const MAX_LISTING_ENTRY = 1536;

export function skillListingReminder(definitions: readonly InvocableDefinition[]): string | null {
  if (definitions.length === 0) return null;
  const entries = definitions.map((definition) => {
    const hint = definition.argumentHint !== undefined ? ` (arguments: ${definition.argumentHint})` : '';
    const entry = `- ${listedName(definition)}: ${definition.description}${hint}`;
    return entry.length > MAX_LISTING_ENTRY ? `${entry.slice(0, MAX_LISTING_ENTRY - 1)}…` : entry;
  });
  return [
    '<system-reminder>',
    'These skills are available. When a task matches a skill’s description, call the Skill tool with its name (and args, if it takes arguments) before doing the work, then follow the instructions it returns. Do not load a skill that does not fit the task.',
    '',
    ...entries,
    '</system-reminder>',
  ].join('\n');
}

/** The memory reminder with the listing after it (either may be absent). */
export function withSkillListing(memory: string | null, listing: string | null): string | null {
  if (listing === null) return memory;
  return memory === null ? listing : `${memory}\n\n${listing}`;
}

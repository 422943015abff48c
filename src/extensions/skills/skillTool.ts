// The Skill tool (Claude Code's name and input: `{ skill, args? }`): loads a skill's instructions,
// or a custom command's expanded prompt, into the conversation when the model asks for it. A skill
// comes with its base directory, so the files it mentions can be read on demand. Its allowed-tools
// hold as allow rules until the end of the current turn (turnScopes.ts).
import { z } from 'zod';
import type { Expansion } from '../commands/expandInvocation.js';
import { skillPreamble } from '../commands/expandInvocation.js';
import { listedName, type InvocableDefinition } from '../commands/invocable.js';
import type { InvocableRegistry } from '../commands/invocableRegistry.js';
import type { TurnScopes } from '../commands/turnScopes.js';
import type { Tool, ToolResult } from '../../tools/types.js';

const inputSchema = z.object({
  skill: z.string().min(1).describe('The skill\'s name as listed, e.g. "pdf"'),
  args: z.string().optional().describe('Arguments, for a skill or command that takes them'),
});

const description = `Loads a skill: instructions for a kind of task, from the list of available skills in the conversation.
- Call it with the skill's name as soon as a task matches a skill's description, before starting the work, then follow what it returns.
- A skill's files sit in its base directory; read the ones its instructions point to only when you need them.
- Do not load a skill that is already loaded in this conversation, or one that is not listed.`;

export interface SkillToolOptions {
  registry: InvocableRegistry;
  scopes: TurnScopes;
  /** Expands the body: arguments, `!` blocks (run only when the rules allow them), `@file` mentions. */
  expand(definition: InvocableDefinition, args: string, signal: AbortSignal): Promise<Expansion>;
}

export function createSkillTool(options: SkillToolOptions): Tool<typeof inputSchema> {
  return {
    name: 'Skill',
    description,
    inputSchema,
    isReadOnly: () => true,
    async run(input, ctx): Promise<ToolResult> {
      const definition = options.registry.forModel(input.skill.trim());
      if (definition === undefined) {
        const names = options.registry.modelInvocable().map(listedName);
        return { isError: true, content: `Unknown skill "${input.skill}". ${names.length === 0 ? 'No skills are available.' : `Available: ${names.join(', ')}.`}` };
      }
      const expansion = await options.expand(definition, input.args ?? '', ctx.signal);
      if (!expansion.ok) return { isError: true, content: expansion.error };
      const granted = definition.allowedTools.length > 0 && options.scopes.addToCurrentTurn(definition.allowedTools, `${definition.kind} ${definition.name} (${definition.path})`);
      const note = granted ? `\n\n(Until this turn ends, these run without asking: ${definition.allowedTools.join(', ')}.)` : '';
      return {
        content: `${skillPreamble(definition)}${expansion.text}${note}`,
        data: { skill: definition.name, kind: definition.kind, path: definition.path, allowedTools: granted ? definition.allowedTools : [] },
      };
    },
  };
}

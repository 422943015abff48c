// MCP prompts as slash commands: each connected server's prompt runs as
// `/mcp__<server>__<prompt> args` (Claude Code's names). The arguments are split like a custom
// command's (shell-style quoting, src/extensions/commands/commandArguments.ts) and given to the
// prompt's declared arguments in order; the last declared argument takes every remaining word
// (joined with single spaces), so `/mcp__s__ask "New York" what to wear` with arguments
// (city, question) gives city "New York" and question "what to wear". A required argument left
// empty is an error and nothing is sent. The prompt's messages become the user's turn.
import { splitArguments } from '../commands/commandArguments.js';
import type { McpPromptInfo } from './mcpConnection.js';
import type { McpHub } from './mcpHub.js';
import { mcpNamePart } from './mcpTools.js';

export interface McpPromptCommand {
  /** Without the slash: `mcp__everything__args-prompt`. */
  name: string;
  server: string;
  prompt: McpPromptInfo;
  description: string;
  /** `<city> [state]`: required arguments in angle brackets, optional ones in square brackets. */
  argumentHint?: string;
}

export const mcpPromptCommandName = (server: string, prompt: string) => `mcp__${mcpNamePart(server)}__${mcpNamePart(prompt)}`;

export function mcpPromptCommands(hub: Pick<McpHub, 'prompts'>): McpPromptCommand[] {
  return hub.prompts().map(({ server, prompt }) => {
    const hint = prompt.arguments.map((argument) => (argument.required ? `<${argument.name}>` : `[${argument.name}]`)).join(' ');
    return {
      name: mcpPromptCommandName(server, prompt.name),
      server,
      prompt,
      description: prompt.description ?? `Prompt "${prompt.name}" of MCP server "${server}"`,
      ...(hint !== '' ? { argumentHint: hint } : {}),
    };
  });
}

export function findMcpPromptCommand(hub: Pick<McpHub, 'prompts'>, name: string): McpPromptCommand | undefined {
  if (!name.startsWith('mcp__')) return undefined;
  return mcpPromptCommands(hub).find((command) => command.name === name);
}

export type PromptArguments = { ok: true; values: Record<string, string> } | { ok: false; error: string };

/** The typed arguments given to the prompt's declared arguments, in order (the last takes the rest). */
export function promptArguments(command: McpPromptCommand, raw: string): PromptArguments {
  const declared = command.prompt.arguments;
  const words = splitArguments(raw);
  const values: Record<string, string> = {};
  declared.forEach((argument, index) => {
    const value = index === declared.length - 1 ? words.slice(index).join(' ') : (words[index] ?? '');
    if (value !== '') values[argument.name] = value;
  });
  const missing = declared.filter((argument) => argument.required && values[argument.name] === undefined).map((argument) => argument.name);
  if (missing.length > 0) {
    return { ok: false, error: `/${command.name} needs ${missing.length === 1 ? 'the argument' : 'the arguments'} ${missing.join(', ')}. Usage: /${command.name} ${command.argumentHint ?? ''}`.trimEnd() };
  }
  if (declared.length === 0 && words.length > 0) return { ok: false, error: `/${command.name} takes no arguments.` };
  return { ok: true, values };
}

/** One prompt message's content as text: text as is, embedded resources' text, a note for the rest. */
function contentText(content: Record<string, unknown>): string {
  switch (content.type) {
    case 'text':
      return String(content.text ?? '');
    case 'resource': {
      const resource = (typeof content.resource === 'object' && content.resource !== null ? content.resource : {}) as Record<string, unknown>;
      const uri = String(resource.uri ?? '');
      if (typeof resource.text === 'string') return `<mcp-resource uri="${uri}">\n${resource.text}\n</mcp-resource>`;
      return `[binary resource ${uri} (${String(resource.mimeType ?? 'unknown type')}) not included]`;
    }
    case 'resource_link':
      return `[resource ${String(content.name ?? '')} at ${String(content.uri ?? '')}]`;
    default:
      return `[${String(content.type)} content (${String(content.mimeType ?? 'unknown type')}) not included]`;
  }
}

/** The prompt's messages as one user turn; a message not from the user says whose it is. */
export function promptMessagesText(messages: ReadonlyArray<{ role: string; content: Record<string, unknown> }>): string {
  return messages.map((message) => (message.role === 'user' ? contentText(message.content) : `[${message.role}]\n${contentText(message.content)}`)).join('\n\n');
}

export type ExpandedMcpPrompt = { ok: true; prompt: string } | { ok: false; error: string };

/** Gets the prompt from its server with the arguments and makes it the user's turn, tagged like a custom command. */
export async function expandMcpPrompt(hub: Pick<McpHub, 'connection'>, command: McpPromptCommand, raw: string, signal: AbortSignal): Promise<ExpandedMcpPrompt> {
  const parsed = promptArguments(command, raw);
  if (!parsed.ok) return parsed;
  const connection = hub.connection(command.server);
  if (connection === undefined) return { ok: false, error: `/${command.name}: MCP server "${command.server}" is not running.` };
  try {
    const messages = await connection.getPrompt(command.prompt.name, parsed.values, signal);
    const tags = [
      `<command-message>${command.name} is running…</command-message>`,
      `<command-name>/${command.name}</command-name>`,
      ...(raw.trim() !== '' ? [`<command-args>${raw.trim()}</command-args>`] : []),
    ].join('\n');
    return { ok: true, prompt: `${tags}\n\n${promptMessagesText(messages)}` };
  } catch (error) {
    return { ok: false, error: `/${command.name}: ${(error as Error).message}` };
  }
}

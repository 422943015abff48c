// `wright -p "/name args"`: a custom command or skill runs in print mode as it would in the
// terminal, except that nobody can approve its `!` blocks — one that the rules (with the command's
// allowed-tools) do not allow is refused, the command is not sent, and the run ends with an error
// result saying why.
import { randomUUID } from 'node:crypto';
import type { AgentEvent, ResultEvent } from '../agent/events.js';
import { emptyUsage } from '../model/types.js';
import type { AssembledSession } from './assembleAgent.js';
import { expandMcpPrompt, findMcpPromptCommand } from '../extensions/mcp/mcpPromptCommands.js';

/** Commands print mode carries out itself; a custom command of the same name is not used. */
export const PRINT_MODE_BUILTINS = ['compact', 'context'] as const;

/** The events of running `/name args`, or undefined when `text` names no custom command, skill or MCP prompt. */
export function customCommandEvents(
  assembled: AssembledSession,
  text: string,
  signal: AbortSignal,
  warn: (message: string) => void,
): AsyncIterable<AgentEvent> | undefined {
  const match = /^\/([^\s/]+)(?:\s+([\s\S]*))?$/.exec(text.trim());
  if (!match || (PRINT_MODE_BUILTINS as readonly string[]).includes(match[1]!)) return undefined;
  const definition = assembled.customizations.registry.forUser(match[1]!);
  if (definition === undefined) {
    const prompt = findMcpPromptCommand(assembled.mcp, match[1]!);
    return prompt === undefined ? undefined : runMcpPrompt(match[2] ?? '');
  }
  return run(match[2] ?? '');

  async function* runMcpPrompt(args: string): AsyncGenerator<AgentEvent> {
    const started = Date.now();
    const expanded = await expandMcpPrompt(assembled.mcp, findMcpPromptCommand(assembled.mcp, match![1]!)!, args, signal);
    if (!expanded.ok) {
      yield refusal(assembled.session.sessionId, expanded.error, Date.now() - started);
      return;
    }
    yield* assembled.customizations.scopes.around(assembled.agent.run(expanded.prompt, signal));
  }

  async function* run(args: string): AsyncGenerator<AgentEvent> {
    const started = Date.now();
    const { customizations } = assembled;
    const prepared = await customizations.prepareUserInvocation(definition!, args, assembled.canUseTool, signal);
    if (!prepared.ok) {
      yield refusal(assembled.session.sessionId, prepared.error, Date.now() - started);
      return;
    }
    for (const note of prepared.notes) warn(note);
    customizations.scopes.queue(prepared.scope);
    yield* customizations.scopes.around(assembled.agent.run(prepared.prompt, signal));
  }
}

function refusal(sessionId: string, error: string, durationMs: number): ResultEvent {
  return {
    type: 'result',
    subtype: 'error_during_execution',
    is_error: true,
    duration_ms: durationMs,
    duration_api_ms: 0,
    num_turns: 0,
    result: '',
    stop_reason: null,
    total_cost_usd: 0,
    usage: emptyUsage(),
    modelUsage: {},
    permission_denials: [],
    errors: [error],
    uuid: randomUUID(),
    session_id: sessionId,
  };
}

// The hooks as the agent core sees them: one method per event, taking what the agent knows and
// returning what it must do (block, continue, stop, add context for the model, tell the user).
// The agent emits; front ends show the messages it forwards.
import type { CompactTrigger, SessionEndReason, SessionStartSource } from './hookEvents.js';
import type { HookOutcome } from './hookOutcome.js';
import type { HookMessage, PermissionRuleUpdate } from './hookOutput.js';
import type { HookRunner } from './hookRunner.js';
import { mcpResultToToolResult } from '../mcp/mcpTools.js';
import type { ToolResult } from '../../tools/types.js';

/** SessionEnd has a short budget: wright is on its way out. */
export const SESSION_END_BUDGET_SECONDS = 1.5;

/** A Stop hook may send the agent back to work this many times in a row, then it stops anyway. */
export const MAX_STOP_CONTINUATIONS = 8;

interface Told {
  messages: HookMessage[];
  /** `continue: false`: the run stops; the reason for the user ('' when none was given). */
  stop?: string;
}

export interface PreToolUseResult extends Told {
  /** The call must not run; the reason goes to the model. */
  deny?: string;
  /** A hook decided: allow skips the question (rules still apply), ask asks even where rules allow. */
  decision?: { behavior: 'allow' | 'ask'; reason: string };
  updatedInput?: Record<string, unknown>;
  /** Text for the model next to the call's result. */
  context: string | null;
}

export interface PostToolUseResult extends Told {
  /** Text for the model next to the result (a block's reason, additional context). */
  context: string | null;
  /** An MCP tool's output as the model should see it instead (`updatedMCPToolOutput`). */
  updatedOutput?: ToolResult['content'];
}

export interface PermissionRequestResult extends Told {
  answer?: {
    behavior: 'allow' | 'deny';
    message: string;
    updatedInput?: Record<string, unknown>;
    /** Allow: rules to add to the session's permission rules. */
    updatedPermissions?: PermissionRuleUpdate[];
    /** Deny: the turn stops too. */
    interrupt?: boolean;
  };
}

export interface PromptSubmitResult extends Told {
  /** The prompt is erased; why, for the user. */
  blocked?: string;
  context: string | null;
}

export interface StopResult extends Told {
  /** The agent goes on, with this as its instruction. */
  continueWith?: string;
}

export interface PreCompactResult extends Told {
  blocked?: string;
}

export interface ContextResult extends Told {
  context: string | null;
}

export interface ToolCallFacts {
  toolName: string;
  input: Record<string, unknown>;
  toolUseId: string;
  signal: AbortSignal;
}

/** What the agent calls; `SessionHooks` is the implementation over configured hooks. */
export interface AgentHooks {
  preToolUse(call: ToolCallFacts): Promise<PreToolUseResult>;
  postToolUse(call: ToolCallFacts & { response: unknown; durationMs: number }): Promise<PostToolUseResult>;
  permissionRequest(call: ToolCallFacts & { suggestions?: unknown[] }): Promise<PermissionRequestResult>;
  notification(notice: { type: string; message: string; title?: string }): Promise<HookMessage[]>;
  userPromptSubmit(prompt: string, signal: AbortSignal): Promise<PromptSubmitResult>;
  stop(facts: { active: boolean; lastAssistantMessage: string; signal: AbortSignal }): Promise<StopResult>;
  preCompact(facts: { trigger: CompactTrigger; instructions: string; signal: AbortSignal }): Promise<PreCompactResult>;
  sessionStart(source: SessionStartSource, model: string, signal: AbortSignal): Promise<ContextResult>;
  sessionEnd(reason: SessionEndReason): Promise<HookMessage[]>;
}

/** `<system-reminder>` text for the model, or null when there is nothing to say. */
export function hookReminder(event: string, parts: readonly string[]): string | null {
  const text = parts.filter((part) => part.trim() !== '').join('\n');
  return text === '' ? null : `<system-reminder>\n${event} hook additional context: ${text}\n</system-reminder>`;
}

const told = (outcome: HookOutcome): Told => ({ messages: outcome.messages, ...(outcome.stop !== undefined ? { stop: outcome.stop } : {}) });

export interface SessionHooksOptions {
  /** Given to SessionStart hooks as CLAUDE_ENV_FILE (and WRIGHT_ENV_FILE): where they persist `export` lines. */
  sessionEnvFile?: string;
}

export class SessionHooks implements AgentHooks {
  constructor(
    private readonly runner: HookRunner,
    private readonly options: SessionHooksOptions = {},
  ) {}

  async preToolUse(call: ToolCallFacts): Promise<PreToolUseResult> {
    if (!this.runner.has('PreToolUse')) return { messages: [], context: null };
    const outcome = await this.runner.run('PreToolUse', toolFields(call), { signal: call.signal });
    const permission = outcome.permission;
    const result: PreToolUseResult = { ...told(outcome), context: hookReminder('PreToolUse', outcome.context) };
    if (permission?.behavior === 'deny') return { ...result, deny: permission.reason || 'Blocked by a PreToolUse hook.' };
    if (permission?.behavior === 'allow' || permission?.behavior === 'ask') result.decision = { behavior: permission.behavior, reason: permission.reason };
    if (outcome.updatedInput) result.updatedInput = outcome.updatedInput;
    return result;
  }

  async postToolUse(call: ToolCallFacts & { response: unknown; durationMs: number }): Promise<PostToolUseResult> {
    if (!this.runner.has('PostToolUse')) return { messages: [], context: null };
    const outcome = await this.runner.run(
      'PostToolUse',
      { ...toolFields(call), tool_response: call.response, duration_ms: call.durationMs },
      { signal: call.signal },
    );
    const feedback = outcome.block !== undefined ? [`PostToolUse hook feedback on ${call.toolName}: ${outcome.block}`] : [];
    const result: PostToolUseResult = { ...told(outcome), context: hookReminder('PostToolUse', [...feedback, ...outcome.context]) };
    if (outcome.updatedMCPToolOutput === undefined) return result;
    // As in Claude Code, only an MCP tool's output can be replaced; a built-in tool's result stands.
    if (!call.toolName.startsWith('mcp__')) {
      result.messages = [...result.messages, { event: 'PostToolUse', level: 'warning', text: `PostToolUse hook: updatedMCPToolOutput applies only to MCP tools, not ${call.toolName}; ignored.` }];
      return result;
    }
    return { ...result, updatedOutput: replacementOutput(outcome.updatedMCPToolOutput) };
  }

  async permissionRequest(call: ToolCallFacts & { suggestions?: unknown[] }): Promise<PermissionRequestResult> {
    if (!this.runner.has('PermissionRequest')) return { messages: [] };
    const outcome = await this.runner.run(
      'PermissionRequest',
      { tool_name: call.toolName, tool_input: call.input, tool_use_id: call.toolUseId, permission_suggestions: call.suggestions ?? [] },
      { signal: call.signal },
    );
    const answer = outcome.permissionRequest;
    if (!answer) return told(outcome);
    const message = answer.message ?? (answer.behavior === 'allow' ? 'Allowed by a PermissionRequest hook.' : 'Denied by a PermissionRequest hook.');
    return {
      ...told(outcome),
      answer: {
        behavior: answer.behavior,
        message,
        ...(answer.updatedInput ? { updatedInput: answer.updatedInput } : {}),
        ...(answer.updatedPermissions ? { updatedPermissions: answer.updatedPermissions } : {}),
        ...(answer.interrupt ? { interrupt: true } : {}),
      },
    };
  }

  async notification(notice: { type: string; message: string; title?: string }): Promise<HookMessage[]> {
    if (!this.runner.has('Notification')) return [];
    const outcome = await this.runner.run('Notification', {
      message: notice.message,
      ...(notice.title !== undefined ? { title: notice.title } : {}),
      notification_type: notice.type,
    });
    return outcome.messages;
  }

  async userPromptSubmit(prompt: string, signal: AbortSignal): Promise<PromptSubmitResult> {
    if (!this.runner.has('UserPromptSubmit')) return { messages: [], context: null };
    const outcome = await this.runner.run('UserPromptSubmit', { prompt }, { signal });
    const result: PromptSubmitResult = { ...told(outcome), context: hookReminder('UserPromptSubmit', outcome.context) };
    if (outcome.block !== undefined) result.blocked = outcome.block || 'Blocked by a UserPromptSubmit hook.';
    return result;
  }

  async stop(facts: { active: boolean; lastAssistantMessage: string; signal: AbortSignal }): Promise<StopResult> {
    if (!this.runner.has('Stop')) return { messages: [] };
    const outcome = await this.runner.run('Stop', { stop_hook_active: facts.active, last_assistant_message: facts.lastAssistantMessage }, { signal: facts.signal });
    const instruction = [outcome.block, ...outcome.context].filter((part): part is string => part !== undefined && part.trim() !== '').join('\n');
    return { ...told(outcome), ...(outcome.block !== undefined ? { continueWith: instruction || 'A Stop hook asked you to continue.' } : {}) };
  }

  async preCompact(facts: { trigger: CompactTrigger; instructions: string; signal: AbortSignal }): Promise<PreCompactResult> {
    if (!this.runner.has('PreCompact')) return { messages: [] };
    const outcome = await this.runner.run('PreCompact', { trigger: facts.trigger, custom_instructions: facts.instructions }, { signal: facts.signal });
    return { ...told(outcome), ...(outcome.block !== undefined ? { blocked: outcome.block } : {}) };
  }

  async sessionStart(source: SessionStartSource, model: string, signal: AbortSignal): Promise<ContextResult> {
    if (!this.runner.has('SessionStart')) return { messages: [], context: null };
    const envFile = this.options.sessionEnvFile;
    const env = envFile !== undefined ? { env: { CLAUDE_ENV_FILE: envFile, WRIGHT_ENV_FILE: envFile } } : {};
    const outcome = await this.runner.run('SessionStart', { source, model }, { signal, ...env });
    return { ...told(outcome), context: hookReminder('SessionStart', outcome.context) };
  }

  async sessionEnd(reason: SessionEndReason): Promise<HookMessage[]> {
    if (!this.runner.has('SessionEnd')) return [];
    const outcome = await this.runner.run('SessionEnd', { reason }, { budgetSeconds: SESSION_END_BUDGET_SECONDS });
    return outcome.messages;
  }
}

/** MAX_MCP_OUTPUT_TOKENS' default: a hook's replacement is capped like the server's own output. */
const REPLACEMENT_OUTPUT_TOKENS = 25_000;

/**
 * A hook's replacement output for the model: text as is; MCP content (a list of content items, or a
 * CallToolResult-like object with `content` and/or `structuredContent`) mapped like a server's own
 * result; anything else as JSON.
 */
function replacementOutput(value: unknown): ToolResult['content'] {
  if (typeof value === 'string') return value;
  const limits = { maxOutputTokens: REPLACEMENT_OUTPUT_TOKENS };
  if (Array.isArray(value) && value.every(isRecord)) return mcpResultToToolResult({ content: value, isError: false }, limits).content;
  if (isRecord(value) && (Array.isArray(value.content) || value.structuredContent !== undefined)) {
    const content = Array.isArray(value.content) ? value.content.filter(isRecord) : [];
    return mcpResultToToolResult({ content, ...(value.structuredContent !== undefined ? { structuredContent: value.structuredContent } : {}), isError: false }, limits).content;
  }
  return JSON.stringify(value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function toolFields(call: ToolCallFacts): Record<string, unknown> {
  return { tool_name: call.toolName, tool_input: call.input, tool_use_id: call.toolUseId };
}

import { z } from 'zod';
import { invalidToolInput } from '../model/messageAssembler.js';
import type { ToolResultBlock, ToolUseBlock } from '../model/types.js';
import type { PermissionDecision } from '../permissions/types.js';
import type { AnyTool, SideModelUsage, ToolContext } from '../tools/types.js';
import type { AgentHooks } from '../extensions/hooks/agentHooks.js';
import type { HookMessage, PermissionRuleUpdate } from '../extensions/hooks/hookOutput.js';

/** What a permission check is told besides the call itself. */
export interface ToolPermissionContext {
  toolUseId: string;
  signal: AbortSignal;
  /** A PreToolUse hook decided: `allow` skips the question (deny and ask rules still apply), `ask` asks even where rules allow. */
  hookDecision?: { behavior: 'allow' | 'ask'; reason: string };
  /** Ask the user even though the rules allow the call (why, for the dialog). */
  forceAsk?: string;
  /** Just before the user would be asked (or, in print mode, the call refused): PermissionRequest hooks may answer instead. */
  permissionRequest?: () => Promise<HookPermissionAnswer | undefined>;
  /** A permission dialog is shown to the user now (Notification hooks hear of it). */
  onPermissionPrompt?: (message: string) => void;
}

/** A PermissionRequest hook's answer; an allow may bring rules for the rest of the session. */
export type HookPermissionAnswer = PermissionDecision & { sessionRules?: PermissionRuleUpdate[] };

/** The front end's answer to "may this call run?": rules, a dialog, or a remote client. */
export type CanUseTool = (tool: AnyTool, input: Record<string, unknown>, context: ToolPermissionContext) => Promise<PermissionDecision>;

export interface ToolCallOutcome {
  block: ToolResultBlock;
  /** The tool's structured output, for front ends. */
  data?: unknown;
  /** Set when the permission gate refused the call. */
  denied?: boolean;
  /** Side requests the tool made to a model, for the run's cost. */
  modelUsage?: SideModelUsage[];
  /** True when the result was made by the harness, not by the tool (refused, invalid, interrupted). */
  synthetic: boolean;
  /** What the call's hooks want the user to see. */
  hookMessages?: HookMessage[];
  /** What the call's hooks want the model to read next to the result (a `<system-reminder>`). */
  hookContext?: string;
  /** A hook said `continue: false`: the run ends after this batch (which event, and the reason for the user). */
  stopRun?: { event: 'PreToolUse' | 'PostToolUse' | 'PermissionRequest'; reason: string };
}

const harnessError = (use: ToolUseBlock, message: string, extra: Partial<ToolCallOutcome> = {}): ToolCallOutcome => ({
  block: { type: 'tool_result', tool_use_id: use.id, content: `<tool_use_error>${message}</tool_use_error>`, is_error: true },
  synthetic: true,
  ...extra,
});

export const syntheticErrorOutcome = (use: ToolUseBlock, why: string): ToolCallOutcome => harnessError(use, why);

/** Validates, gates and runs one tool call. Never throws: every failure becomes an error result. */
export async function executeToolCall(
  use: ToolUseBlock,
  tool: AnyTool | undefined,
  canUseTool: CanUseTool,
  ctx: ToolContext,
  hooks?: AgentHooks,
): Promise<ToolCallOutcome> {
  if (!tool) return harnessError(use, `No such tool available: ${use.name}`);
  const unreadable = invalidToolInput(use);
  if (unreadable !== undefined) {
    const shown = unreadable.length > 200 ? `${unreadable.slice(0, 200)}…` : unreadable;
    return harnessError(
      use,
      `The input of this ${tool.name} call was not a complete JSON object, so it did not run (it may have been cut off by the output token limit): ${shown}\nCall the tool again with the complete input; split very large content over several calls.`,
    );
  }
  const parsed = tool.inputSchema.safeParse(use.input ?? {});
  if (!parsed.success) {
    return harnessError(use, `InputValidationError: ${tool.name} was called with invalid input:\n${z.prettifyError(parsed.error)}`);
  }
  if (ctx.signal.aborted) return syntheticErrorOutcome(use, 'Interrupted by the user before the tool ran.');

  if (!hooks) return (await gateAndRun(use, tool, parsed.data as Record<string, unknown>, canUseTool, ctx)).outcome;
  return hookedCall(use, tool, parsed.data as Record<string, unknown>, canUseTool, ctx, hooks);
}

/** The call with its hooks around it: PreToolUse before the permission check, PostToolUse after success. */
async function hookedCall(
  use: ToolUseBlock,
  tool: AnyTool,
  parsedInput: Record<string, unknown>,
  canUseTool: CanUseTool,
  ctx: ToolContext,
  hooks: AgentHooks,
): Promise<ToolCallOutcome> {
  const messages: HookMessage[] = [];
  const notifications: Array<Promise<void>> = [];
  const facts = { toolName: tool.name, toolUseId: use.id, signal: ctx.signal };
  const pre = await hooks.preToolUse({ ...facts, input: parsedInput });
  messages.push(...pre.messages);
  const told = (outcome: ToolCallOutcome, context: Array<string | null> = []): ToolCallOutcome => {
    const text = context.filter((part): part is string => part !== null).join('\n');
    return { ...outcome, ...(messages.length > 0 ? { hookMessages: messages } : {}), ...(text !== '' ? { hookContext: text } : {}) };
  };
  if (pre.stop !== undefined) {
    return told(harnessError(use, `A PreToolUse hook stopped the run${pre.stop ? `: ${pre.stop}` : '.'}`, { denied: true, stopRun: { event: 'PreToolUse', reason: pre.stop } }));
  }
  if (pre.deny !== undefined) return told(harnessError(use, `A PreToolUse hook blocked this ${tool.name} call: ${pre.deny}`, { denied: true }));
  let input = parsedInput;
  if (pre.updatedInput) {
    const rewritten = tool.inputSchema.safeParse(pre.updatedInput);
    if (!rewritten.success) {
      return told(harnessError(use, `A PreToolUse hook changed the input of this ${tool.name} call into invalid input, so it did not run:\n${z.prettifyError(rewritten.error)}`));
    }
    input = rewritten.data as Record<string, unknown>;
  }
  // A PermissionRequest hook's deny with `interrupt: true` ends the run after this batch.
  let interrupted: string | undefined;
  const permission: Partial<ToolPermissionContext> = {
    ...(pre.decision ? { hookDecision: pre.decision } : {}),
    permissionRequest: async () => {
      const asked = await hooks.permissionRequest({ ...facts, input });
      messages.push(...asked.messages);
      if (!asked.answer) return undefined;
      const { behavior, message, updatedInput, updatedPermissions, interrupt } = asked.answer;
      if (behavior === 'deny') {
        if (interrupt) interrupted = message;
        return { behavior, reason: message };
      }
      return { behavior, reason: message, ...(updatedInput ? { updatedInput } : {}), ...(updatedPermissions ? { sessionRules: updatedPermissions } : {}) };
    },
    onPermissionPrompt: (message) => {
      notifications.push(hooks.notification({ type: 'permission_prompt', message, title: 'Permission needed' }).then((told) => void messages.push(...told)));
    },
  };
  const started = Date.now();
  const ran = await gateAndRun(use, tool, input, canUseTool, ctx, permission);
  const outcome = ran.outcome;
  await Promise.all(notifications);
  if (interrupted !== undefined && outcome.denied) return told({ ...outcome, stopRun: { event: 'PermissionRequest', reason: interrupted } }, [pre.context]);
  if (outcome.synthetic || outcome.block.is_error || ctx.signal.aborted) return told(outcome, [pre.context]);
  const post = await hooks.postToolUse({ ...facts, input: ran.input, response: outcome.data ?? outcome.block.content, durationMs: Date.now() - started });
  messages.push(...post.messages);
  const block = post.updatedOutput !== undefined ? { ...outcome.block, content: post.updatedOutput } : outcome.block;
  return told({ ...outcome, block, ...(post.stop !== undefined ? { stopRun: { event: 'PostToolUse' as const, reason: post.stop } } : {}) }, [pre.context, post.context]);
}

/** Asks the permission gate, then runs the tool with the input it approved. */
async function gateAndRun(
  use: ToolUseBlock,
  tool: AnyTool,
  parsedInput: Record<string, unknown>,
  canUseTool: CanUseTool,
  ctx: ToolContext,
  permission: Partial<ToolPermissionContext> = {},
): Promise<{ outcome: ToolCallOutcome; input: Record<string, unknown> }> {
  const refused = (outcome: ToolCallOutcome) => ({ outcome, input: parsedInput });
  let decision: PermissionDecision;
  try {
    decision = await canUseTool(tool, parsedInput, { ...permission, toolUseId: use.id, signal: ctx.signal });
  } catch (error) {
    return refused(harnessError(use, `The permission check failed: ${describeError(error)}`, { denied: true }));
  }
  if (decision.behavior !== 'allow') {
    return refused(harnessError(use, `Permission to use ${tool.name} was denied. ${decision.reason}`, { denied: true }));
  }
  let input = parsedInput;
  if (decision.updatedInput) {
    // The gate (a hook, a client) may change the input; it must still be input the tool accepts.
    const changed = tool.inputSchema.safeParse(decision.updatedInput);
    if (!changed.success) return refused(harnessError(use, `The approved input of this ${tool.name} call is invalid, so it did not run:\n${z.prettifyError(changed.error)}`));
    input = changed.data as Record<string, unknown>;
  }

  try {
    const result = await tool.run(input, ctx);
    const outcome: ToolCallOutcome = {
      block: {
        type: 'tool_result',
        tool_use_id: use.id,
        content: result.content,
        ...(result.isError ? { is_error: true } : {}),
      },
      data: result.data,
      ...(result.modelUsage ? { modelUsage: result.modelUsage } : {}),
      synthetic: false,
    };
    return { outcome, input };
  } catch (error) {
    return { outcome: harnessError(use, `${tool.name} failed: ${describeError(error)}`), input };
  }
}

function describeError(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}

import { z } from 'zod';
import { invalidToolInput } from '../model/messageAssembler.js';
import type { ToolResultBlock, ToolUseBlock } from '../model/types.js';
import type { PermissionDecision } from '../permissions/types.js';
import type { AnyTool, SideModelUsage, ToolContext } from '../tools/types.js';

/** The front end's answer to "may this call run?": rules, a dialog, or a remote client. */
export type CanUseTool = (
  tool: AnyTool,
  input: Record<string, unknown>,
  context: { toolUseId: string; signal: AbortSignal },
) => Promise<PermissionDecision>;

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

  let decision: PermissionDecision;
  try {
    decision = await canUseTool(tool, parsed.data as Record<string, unknown>, { toolUseId: use.id, signal: ctx.signal });
  } catch (error) {
    return harnessError(use, `The permission check failed: ${describeError(error)}`, { denied: true });
  }
  if (decision.behavior !== 'allow') {
    return harnessError(use, `Permission to use ${tool.name} was denied. ${decision.reason}`, { denied: true });
  }
  const input = decision.updatedInput ?? parsed.data;

  try {
    const result = await tool.run(input, ctx);
    return {
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
  } catch (error) {
    return harnessError(use, `${tool.name} failed: ${describeError(error)}`);
  }
}

function describeError(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}

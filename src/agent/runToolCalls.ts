import type { ToolUseBlock } from '../model/types.js';
import type { AnyTool, ToolContext } from '../tools/types.js';
import type { AgentHooks } from '../extensions/hooks/agentHooks.js';
import { executeToolCall, type CanUseTool, type ToolCallOutcome } from './executeToolCall.js';

export const MAX_CONCURRENT_READ_ONLY_CALLS = 10;

/**
 * Splits calls into batches that keep the model's order: a run of consecutive read-only calls is
 * one batch that may run together; every other call is a batch of its own, run alone. An input
 * that fails validation counts as read-only: it will only produce an error.
 */
export function batchToolCalls(uses: ToolUseBlock[], tools: Map<string, AnyTool>): ToolUseBlock[][] {
  const batches: ToolUseBlock[][] = [];
  let readOnlyRun: ToolUseBlock[] = [];
  for (const use of uses) {
    if (isReadOnlyCall(use, tools.get(use.name))) {
      readOnlyRun.push(use);
      continue;
    }
    if (readOnlyRun.length > 0) batches.push(readOnlyRun);
    readOnlyRun = [];
    batches.push([use]);
  }
  if (readOnlyRun.length > 0) batches.push(readOnlyRun);
  return batches;
}

function isReadOnlyCall(use: ToolUseBlock, tool: AnyTool | undefined): boolean {
  if (!tool) return true;
  const parsed = tool.inputSchema.safeParse(use.input ?? {});
  if (!parsed.success) return true;
  try {
    return tool.isReadOnly(parsed.data);
  } catch {
    return false;
  }
}

export interface CompletedCall {
  use: ToolUseBlock;
  outcome: ToolCallOutcome;
}

/**
 * Runs the calls batch by batch and yields each outcome as it completes (so a crash keeps every
 * completed result); within a read-only batch, at most `MAX_CONCURRENT_READ_ONLY_CALLS` run at once.
 * `onStart` is told just before a call runs.
 */
export async function* runToolCalls(
  uses: ToolUseBlock[],
  tools: Map<string, AnyTool>,
  canUseTool: CanUseTool,
  ctx: ToolContext,
  onStart: (use: ToolUseBlock) => void,
  hooks?: AgentHooks,
): AsyncGenerator<CompletedCall> {
  for (const batch of batchToolCalls(uses, tools)) {
    const running = new Map<number, Promise<CompletedCall & { slot: number }>>();
    const queue = [...batch];
    let slots = 0;
    const startNext = () => {
      const use = queue.shift();
      if (!use) return;
      onStart(use);
      const slot = slots++;
      running.set(
        slot,
        executeToolCall(use, tools.get(use.name), canUseTool, ctx, hooks).then((outcome) => ({ use, outcome, slot })),
      );
    };
    while (running.size < MAX_CONCURRENT_READ_ONLY_CALLS && queue.length > 0) startNext();
    while (running.size > 0) {
      const { slot, ...completed } = await Promise.race(running.values());
      running.delete(slot);
      yield completed;
      startNext();
    }
  }
}

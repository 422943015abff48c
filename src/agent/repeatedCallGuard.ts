import type { ToolResultBlock, ToolUseBlock } from '../model/types.js';
import type { AnyTool } from '../tools/types.js';

/** The call count at which the model is warned, and the one from which calls are no longer run. */
export const REPEAT_WARNING_AT = 3;
export const REPEAT_REFUSAL_AT = 4;

export type RepeatVerdict = { action: 'run' } | { action: 'warn'; note: string } | { action: 'refuse'; message: string };

/**
 * Watches the sequence of tool calls for a model stuck in a loop: the same tool with the same input
 * again and again. The third identical call in a row still runs but carries a warning; further
 * identical calls are refused until the model does something else. Tools meant to be polled (their
 * `repeatable` flag) are exempt.
 */
export class RepeatedCallGuard {
  private lastKey: string | undefined;
  private streak = 0;

  reset(): void {
    this.lastKey = undefined;
    this.streak = 0;
  }

  observe(use: ToolUseBlock, tool: AnyTool | undefined): RepeatVerdict {
    if (tool?.repeatable) {
      this.reset();
      return { action: 'run' };
    }
    const key = `${use.name}\u0000${stableJson(use.input)}`;
    this.streak = key === this.lastKey ? this.streak + 1 : 1;
    this.lastKey = key;
    if (this.streak >= REPEAT_REFUSAL_AT) {
      return {
        action: 'refuse',
        message: `Not run: this is call ${this.streak} in a row to ${use.name} with exactly the same input, and repeating it will not give a different result. Change approach: check your assumptions (read the file or output again), try a different command or input, or tell the user what is blocking you.`,
      };
    }
    if (this.streak === REPEAT_WARNING_AT) {
      return {
        action: 'warn',
        note: `<system-reminder>This is the ${REPEAT_WARNING_AT}rd ${use.name} call in a row with exactly the same input. If it is not making progress, change approach instead of repeating it; an identical call will not be run again.</system-reminder>`,
      };
    }
    return { action: 'run' };
  }
}

/** Appends the guard's note to a result, whatever shape its content has. */
export function withNote(block: ToolResultBlock, note: string): ToolResultBlock {
  const content = typeof block.content === 'string' ? `${block.content}\n\n${note}` : [...block.content, { type: 'text' as const, text: note }];
  return { ...block, content };
}

/** JSON with object keys sorted, so `{a, b}` and `{b, a}` count as the same input. */
function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.keys(value as Record<string, unknown>)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${stableJson((value as Record<string, unknown>)[key])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

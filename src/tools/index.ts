import { bashOutputTool } from './bashOutputTool.js';
import { bashTool } from './bashTool.js';
import { editTool } from './editTool.js';
import { globTool } from './globTool.js';
import { grepTool } from './grepTool.js';
import { killShellTool } from './killShellTool.js';
import { multiEditTool } from './multiEditTool.js';
import { readTool } from './readTool.js';
import { todoWriteTool } from './todoWriteTool.js';
import type { AnyTool, ToolSessionState } from './types.js';
import { writeTool } from './writeTool.js';

export { FileReadLedger } from './fileReadLedger.js';
export { toolInputJsonSchema } from './jsonSchema.js';
export type { AnyTool, TodoItem, Tool, ToolContext, ToolResult, ToolSessionState } from './types.js';

/** The built-in tools with Claude Code's names and input schemas, in the order the model sees them. */
export function createCoreTools(): AnyTool[] {
  return [bashTool, globTool, grepTool, readTool, editTool, multiEditTool, writeTool, todoWriteTool, bashOutputTool, killShellTool];
}

export function createToolSessionState(cwd: string): ToolSessionState {
  return { shellCwd: cwd, todos: [] };
}

/** Ends what the session's tools left running (background shells) and removes their temp files. */
export async function disposeToolSessionState(state: ToolSessionState): Promise<void> {
  await state.shells?.dispose();
}

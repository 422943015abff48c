import { askUserQuestionTool } from './askUserQuestionTool.js';
import { bashTool } from './bashTool.js';
import { editTool } from './editTool.js';
import { globTool } from './globTool.js';
import { grepTool } from './grepTool.js';
import { multiEditTool } from './multiEditTool.js';
import { notebookEditTool } from './notebookEditTool.js';
import { enterPlanModeTool, exitPlanModeTool } from './planModeTools.js';
import { readTool } from './readTool.js';
import { todoWriteTool } from './todoWriteTool.js';
import type { AnyTool, ToolSessionState } from './types.js';
import { writeTool } from './writeTool.js';

export { FileReadLedger } from './fileReadLedger.js';
export { toolInputJsonSchema } from './jsonSchema.js';
export type { AnyTool, TodoItem, Tool, ToolContext, ToolResult, ToolSessionState } from './types.js';

/** The built-in tools with Claude Code's names and input schemas, in the order the model sees them. */
export function createCoreTools(): AnyTool[] {
  return [
    bashTool,
    globTool,
    grepTool,
    readTool,
    editTool,
    multiEditTool,
    writeTool,
    notebookEditTool,
    todoWriteTool,
    askUserQuestionTool,
    enterPlanModeTool,
    exitPlanModeTool,
  ];
}

export function createToolSessionState(cwd: string): ToolSessionState {
  return { shellCwd: cwd, todos: [] };
}

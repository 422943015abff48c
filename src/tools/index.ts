import type { SideQuery } from '../model/sideQuery.js';
import { askUserQuestionTool } from './askUserQuestionTool.js';
import { bashOutputTool } from './bashOutputTool.js';
import { bashTool } from './bashTool.js';
import { editTool } from './editTool.js';
import { globTool } from './globTool.js';
import { grepTool } from './grepTool.js';
import { killShellTool } from './killShellTool.js';
import { multiEditTool } from './multiEditTool.js';
import { notebookEditTool } from './notebookEditTool.js';
import { enterPlanModeTool, exitPlanModeTool } from './planModeTools.js';
import { readTool } from './readTool.js';
import { createSessionSearchTool, type PastSessionSearch } from './sessionSearchTool.js';
import { todoWriteTool } from './todoWriteTool.js';
import type { AnyTool, ToolSessionState } from './types.js';
import { createWebFetchTool } from './web/webFetchTool.js';
import { wrightUserAgent } from './web/userAgent.js';
import type { WebSearchBackend } from './web/webSearchBackend.js';
import { createWebSearchTool } from './web/webSearchTool.js';
import { writeTool } from './writeTool.js';

export { FileReadLedger } from './fileReadLedger.js';
export { toolInputJsonSchema } from './jsonSchema.js';
export type { AnyTool, TodoItem, Tool, ToolContext, ToolResult, ToolSessionState } from './types.js';
export type { SearchOutcome, SearchRequest, WebSearchBackend } from './web/webSearchBackend.js';
export type { PastSessionHit, PastSessionSearch } from './sessionSearchTool.js';

/** What the tools that reach beyond the machine need from the session. */
export interface CoreToolOptions {
  /** The small fast model WebFetch reads pages with; without it WebFetch returns the page text. */
  sideQuery?: SideQuery | null;
  /** The running wright's version, named in WebFetch's User-Agent. */
  version?: string;
  /** Where WebSearch sends queries; without one WebSearch is not offered. */
  webSearch?: WebSearchBackend | null;
  /** This project's earlier sessions; without it SessionSearch is not offered. */
  pastSessions?: PastSessionSearch | null;
}

/** The built-in tools with Claude Code's names and input schemas, in the order the model sees them. */
export function createCoreTools(options: CoreToolOptions = {}): AnyTool[] {
  return [
    bashTool,
    bashOutputTool,
    killShellTool,
    globTool,
    grepTool,
    readTool,
    editTool,
    multiEditTool,
    writeTool,
    notebookEditTool,
    createWebFetchTool({ sideQuery: options.sideQuery ?? null, userAgent: wrightUserAgent(options.version) }),
    todoWriteTool,
    ...(options.webSearch ? [createWebSearchTool(options.webSearch)] : []),
    askUserQuestionTool,
    enterPlanModeTool,
    exitPlanModeTool,
    ...(options.pastSessions ? [createSessionSearchTool(options.pastSessions)] : []),
  ];
}

export function createToolSessionState(cwd: string): ToolSessionState {
  return { shellCwd: cwd, todos: [], scratchDirectories: [] };
}

/** Ends what the session's tools left running (background shells) and removes their temp files. */
export async function disposeToolSessionState(state: ToolSessionState): Promise<void> {
  await state.shells?.dispose();
}

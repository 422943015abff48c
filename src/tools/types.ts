import type { z } from 'zod';
import type { ImageBlock, TextBlock } from '../model/types.js';
import type { FileReadLedger } from './fileReadLedger.js';

/** What every tool run receives. Nothing here writes to the terminal. */
export interface ToolContext {
  /** The current working directory of the session (Bash may move it inside `workingDirectories`). */
  cwd: string;
  /** The launch directory plus `--add-dir` and `permissions.additionalDirectories`, absolute. */
  workingDirectories: string[];
  signal: AbortSignal;
  /** Which files were read in this session, and what they looked like then. */
  readLedger: FileReadLedger;
  /** Per-session mutable state shared by tools (e.g. Bash's cwd, the todo list). */
  session: ToolSessionState;
  /** Environment for child processes (process.env plus settings `env`). */
  env: Record<string, string | undefined>;
  /**
   * True when a permission deny rule forbids reading that file. Tools that list or search many files
   * drop such files from their output; absent means nothing is denied.
   */
  isReadDenied?: (absolutePath: string) => boolean;
}

export interface TodoItem {
  content: string;
  status: 'pending' | 'in_progress' | 'completed';
  activeForm: string;
}

export interface ToolSessionState {
  /** Bash's persisted cwd; starts at the launch directory. */
  shellCwd: string;
  todos: TodoItem[];
}

/** What a tool returns on success or on an expected failure (bad input, missing file…). */
export interface ToolResult {
  /** Sent to the model as the tool_result content. */
  content: string | Array<TextBlock | ImageBlock>;
  isError?: boolean;
  /** Structured output for front ends (stream-json `tool_use_result`), never sent to the model. */
  data?: unknown;
}

export interface Tool<Schema extends z.ZodType = z.ZodType> {
  name: string;
  /** Shown to the model. */
  description: string;
  inputSchema: Schema;
  /** True when this call cannot change anything; such calls may run concurrently. */
  isReadOnly(input: z.infer<Schema>): boolean;
  /**
   * Runs the call. Expected failures are returned as `{ isError: true }` results with a message
   * the model can act on; a thrown error is a bug, and the agent reports it without a stack trace.
   */
  run(input: z.infer<Schema>, ctx: ToolContext): Promise<ToolResult>;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyTool = Tool<any>;

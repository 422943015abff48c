import type { z } from 'zod';
import type { PermissionMode } from '../config/permissionModes.js';
import type { DocumentBlock, ImageBlock, TextBlock, Usage } from '../model/types.js';
import type { BashSandbox } from '../sandbox/bashSandbox.js';
import type { FileReadLedger } from './fileReadLedger.js';
import type { ShellSession } from './shellSession.js';

/** What the configured model accepts inside tool results. */
export interface ModelFeatures {
  provider: 'anthropic' | 'openai';
  /** PDFs can be sent as document blocks (Anthropic); otherwise tools send extracted text. */
  documentBlocks: boolean;
}

/** Tokens one side request to a model used. */
export interface SideModelUsage {
  model: string;
  usage: Usage;
}

/** One multiple-choice question for the user (AskUserQuestion's shape). */
export interface UserQuestion {
  question: string;
  /** A short label (≤ 12 characters) a front end shows as a chip or tab. */
  header: string;
  options: Array<{ label: string; description: string }>;
  multiSelect: boolean;
}

/**
 * How tools reach the person at the keyboard. Each front end implements it; print mode has nobody
 * to ask and answers null.
 */
export interface UserInteraction {
  /** Answers keyed by question text (several labels joined by ", " when multiSelect), or null. */
  askQuestions(questions: UserQuestion[], signal: AbortSignal): Promise<Record<string, string> | null>;
}

/** The session's permission mode, which plan-mode tools move in and out of. */
export interface PermissionModeControl {
  current(): PermissionMode;
  /** Switches the mode; entering plan mode remembers the mode to return to. */
  set(mode: PermissionMode): void;
  /** Where an approved plan leads: the mode before plan mode, or `default` if the session began in it. */
  modeAfterPlan(): PermissionMode;
}

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
  /** Environment for child processes (process.env plus settings `env`, minus wright's own credentials: src/secrets/toolEnvironment.ts). */
  env: Record<string, string | undefined>;
  /**
   * True when a permission deny rule forbids reading that file. Tools that list or search many files
   * drop such files from their output; absent means nothing is denied.
   */
  isReadDenied?: (absolutePath: string) => boolean;
  modelFeatures: ModelFeatures;
  interaction: UserInteraction;
  permissionMode: PermissionModeControl;
  /** The OS sandbox Bash commands run in (`sandbox.enabled`); absent when it is off. */
  sandbox?: BashSandbox;
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
  /**
   * Background shells, the shell snapshot and their temp files, created by the first Bash call;
   * `disposeToolSessionState` ends them when the session ends.
   */
  shells?: ShellSession;
  /**
   * Directories the session's tools made for their own output (spilled command output, background
   * logs), listed while they exist: the permission policy lets read-only tools read them without asking.
   */
  scratchDirectories: string[];
}

/** What a tool returns on success or on an expected failure (bad input, missing file…). */
export interface ToolResult {
  /** Sent to the model as the tool_result content. */
  content: string | Array<TextBlock | ImageBlock | DocumentBlock>;
  isError?: boolean;
  /** Structured output for front ends (stream-json `tool_use_result`), never sent to the model. */
  data?: unknown;
  /** Model requests the tool made on the side (WebFetch's reader, a provider-run search): they count toward the run's cost. */
  modelUsage?: SideModelUsage[];
}

export interface Tool<Schema extends z.ZodType = z.ZodType> {
  name: string;
  /** Shown to the model. */
  description: string;
  inputSchema: Schema;
  /** The JSON Schema shown to the model when it does not come from `inputSchema` (MCP tools bring their own). */
  inputJsonSchema?: Record<string, unknown>;
  /**
   * Set on tools meant to be called again with the same input (polling a background shell), which
   * the agent's loop detection must not mistake for a model stuck repeating itself.
   */
  repeatable?: boolean;
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

import type { AssistantMessage, Message } from '../model/types.js';

interface EntryBase {
  uuid: string;
  parentUuid: string | null;
  sessionId: string;
  timestamp: string;
  cwd: string;
  version: string;
}

export interface UserEntry extends EntryBase {
  type: 'user';
  message: Message & { role: 'user' };
  /** The tool's structured output when this line carries a tool_result. */
  toolUseResult?: unknown;
  /** Set on results the harness wrote itself (interrupted or denied calls). */
  isMeta?: boolean;
  /** The first message after a compaction: the summary and what was carried over. */
  isCompactSummary?: boolean;
}

export interface AssistantEntry extends EntryBase {
  type: 'assistant';
  message: AssistantMessage;
}

export interface SystemEntry extends EntryBase {
  type: 'system';
  subtype: string;
  content: string;
  /** On `compact_boundary` lines: what started it and how big the conversation was. */
  compactMetadata?: { trigger: 'manual' | 'auto'; preTokens: number };
}

/** One JSONL line of a transcript. */
export type TranscriptEntry = UserEntry | AssistantEntry | SystemEntry;

/** The fields a writer fills in; callers give the rest. */
export type NewEntry =
  | Omit<UserEntry, keyof EntryBase>
  | Omit<AssistantEntry, keyof EntryBase>
  | Omit<SystemEntry, keyof EntryBase>;

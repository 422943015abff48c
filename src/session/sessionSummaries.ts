// What a session picker shows for each saved session: when it was last written, how many messages
// it holds, and how it began. Read from the transcripts themselves, newest first.
import { readTranscript } from './transcriptReader.js';
import { sessionsIn } from './sessionFiles.js';
import type { TranscriptEntry } from './transcriptEntry.js';

export interface SessionSummary {
  id: string;
  path: string;
  modifiedAt: Date;
  /** User prompts and assistant answers; tool results are not counted. */
  messageCount: number;
  /** The first thing the user typed, on one line (empty for a session with no prompt). */
  firstPrompt: string;
}

const FIRST_PROMPT_LENGTH = 100;

export function listSessionSummaries(transcriptDir: string, options: { limit?: number } = {}): SessionSummary[] {
  return sessionsIn(transcriptDir)
    .sort((a, b) => b.mtimeMs - a.mtimeMs)
    .slice(0, options.limit ?? 50)
    .map((session) => summarize(session.id, session.path, session.mtimeMs));
}

function summarize(id: string, path: string, mtimeMs: number): SessionSummary {
  const { entries } = readTranscript(path);
  const prompts = entries.filter(isPrompt);
  const answers = entries.filter((entry) => entry.type === 'assistant');
  return {
    id,
    path,
    modifiedAt: new Date(mtimeMs),
    messageCount: prompts.length + answers.length,
    firstPrompt: oneLine(prompts[0] ? promptText(prompts[0]) : '', FIRST_PROMPT_LENGTH),
  };
}

/** A line the user typed, as opposed to a tool result carried in a user message. */
function isPrompt(entry: TranscriptEntry): entry is Extract<TranscriptEntry, { type: 'user' }> {
  if (entry.type !== 'user' || entry.isMeta) return false;
  const content = entry.message.content;
  return typeof content === 'string' || content.some((block) => block.type === 'text');
}

function promptText(entry: Extract<TranscriptEntry, { type: 'user' }>): string {
  const content = entry.message.content;
  if (typeof content === 'string') return content;
  return content.flatMap((block) => (block.type === 'text' ? [block.text] : [])).join(' ');
}

function oneLine(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

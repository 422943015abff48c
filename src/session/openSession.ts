import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { transcriptDir } from '../config/paths.js';
import type { Message } from '../model/types.js';
import { conversationFromTranscript } from './conversationFromTranscript.js';
import { findSession, latestSession, sessionPath, UUID_PATTERN } from './sessionFiles.js';
import { readTranscript } from './transcriptReader.js';
import { TranscriptWriter, type EntryRedactor } from './transcriptWriter.js';

export interface SessionRequest {
  configDir: string;
  cwd: string;
  version: string;
  continueLatest: boolean;
  resume?: string;
  fork: boolean;
  sessionId?: string;
  persist: boolean;
  /** Applied to every line written; see TranscriptWriter. */
  redact?: EntryRedactor;
}

export interface OpenedSession {
  sessionId: string;
  history: Message[];
  writer: TranscriptWriter | null;
  /** The session this one continues (the same id unless forked), when resuming. */
  resumedFrom?: string;
  /** Damaged transcript lines that were skipped while loading. */
  skippedLines: number;
}

type OpenResult = { ok: true; session: OpenedSession } | { ok: false; message: string };

/** Chooses the session for this run: new, continued, resumed or forked, and loads its history. */
export function openSession(request: SessionRequest): OpenResult {
  try {
    return chooseSession(request);
  } catch (error) {
    const dir = transcriptDir(request.configDir, request.cwd);
    return {
      ok: false,
      message: `Cannot use the transcript directory ${dir}: ${(error as Error).message}. Set WRIGHT_CONFIG_DIR to a writable directory, or pass --no-session-persistence.`,
    };
  }
}

function chooseSession(request: SessionRequest): OpenResult {
  const dir = transcriptDir(request.configDir, request.cwd);
  if (request.sessionId !== undefined && !UUID_PATTERN.test(request.sessionId)) {
    return { ok: false, message: `--session-id must be a UUID, got "${request.sessionId}".` };
  }
  const meta = { cwd: request.cwd, version: request.version };

  let previous: { id: string; path: string } | null = null;
  if (request.resume !== undefined) {
    const found = findSession(join(request.configDir, 'projects'), dir, request.resume);
    if ('error' in found) return { ok: false, message: found.error };
    previous = found;
  } else if (request.continueLatest) {
    previous = latestSession(dir);
    if (!previous) return { ok: false, message: `No previous session to continue in ${request.cwd}.` };
  } else if (request.fork) {
    return { ok: false, message: '--fork-session needs --continue or --resume.' };
  }

  if (!previous) {
    const sessionId = request.sessionId ?? randomUUID();
    const path = sessionPath(dir, sessionId);
    if (request.sessionId !== undefined && existsSync(path)) {
      return { ok: false, message: `Session ${sessionId} already exists; use --resume ${sessionId} to continue it.` };
    }
    const writer = request.persist ? new TranscriptWriter(path, sessionId, meta, null, request.redact) : null;
    return { ok: true, session: { sessionId, history: [], writer, skippedLines: 0 } };
  }

  const { entries, skippedLines } = readTranscript(previous.path);
  const history = conversationFromTranscript(entries);
  const lastUuid = entries[entries.length - 1]?.uuid ?? null;
  if (!request.fork) {
    const writer = request.persist ? new TranscriptWriter(previous.path, previous.id, meta, lastUuid, request.redact) : null;
    return { ok: true, session: { sessionId: previous.id, history, writer, resumedFrom: previous.id, skippedLines } };
  }
  const sessionId = request.sessionId ?? randomUUID();
  let writer: TranscriptWriter | null = null;
  if (request.persist) {
    writer = new TranscriptWriter(sessionPath(dir, sessionId), sessionId, meta, null, request.redact);
    writer.appendCopies(entries);
  }
  return { ok: true, session: { sessionId, history, writer, resumedFrom: previous.id, skippedLines } };
}

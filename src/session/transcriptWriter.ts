import { appendFileSync, closeSync, existsSync, mkdirSync, openSync, readSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { NewEntry, TranscriptEntry } from './transcriptEntry.js';

/** Removes secrets from an entry before it is written (src/secrets/redactor.ts); identity by default. */
export type EntryRedactor = (entry: TranscriptEntry) => TranscriptEntry;

/**
 * Appends entries to a JSONL transcript, one line per completed message. Each line is written
 * with a single synchronous append, so a process killed at any moment leaves every earlier line
 * whole and at most the line being written cut short.
 */
export class TranscriptWriter {
  private lastUuid: string | null;

  constructor(
    readonly path: string,
    readonly sessionId: string,
    private readonly meta: { cwd: string; version: string },
    lastUuid: string | null = null,
    private readonly redact: EntryRedactor = (entry) => entry,
  ) {
    this.lastUuid = lastUuid;
    mkdirSync(dirname(path), { recursive: true });
    if (endsMidLine(path)) appendFileSync(path, '\n');
  }

  append(entry: NewEntry): TranscriptEntry {
    const full = {
      uuid: randomUUID(),
      parentUuid: this.lastUuid,
      sessionId: this.sessionId,
      timestamp: new Date().toISOString(),
      cwd: this.meta.cwd,
      version: this.meta.version,
      ...entry,
    } as TranscriptEntry;
    appendFileSync(this.path, JSON.stringify(this.redact(full)) + '\n');
    this.lastUuid = full.uuid;
    return full;
  }

  /**
   * Copies entries from another session (for --fork-session), re-stamped with this session's id and
   * redacted again: the original may predate redaction or a newly configured secret.
   */
  appendCopies(entries: TranscriptEntry[]): void {
    if (entries.length === 0) return;
    const lines = entries.map((entry) => JSON.stringify(this.redact({ ...entry, sessionId: this.sessionId }))).join('\n');
    appendFileSync(this.path, lines + '\n');
    this.lastUuid = entries[entries.length - 1]!.uuid;
  }
}

/** True when a crash cut the file's last line short; new lines must not be glued onto it. */
function endsMidLine(path: string): boolean {
  if (!existsSync(path)) return false;
  const size = statSync(path).size;
  if (size === 0) return false;
  const fd = openSync(path, 'r');
  try {
    const last = Buffer.alloc(1);
    readSync(fd, last, 0, 1, size - 1);
    return last[0] !== 0x0a;
  } finally {
    closeSync(fd);
  }
}

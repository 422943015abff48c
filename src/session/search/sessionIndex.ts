// Keeps a project's search index in step with its transcripts. The index is a directory next to the
// transcripts, `search-index/`, with one segment file per transcript (indexSegment.ts). A segment
// records how much of its transcript it covers, so:
//   - an unchanged transcript costs a stat (its size and mtime match the segment's header);
//   - an appended one is read from where indexing stopped, and only its new lines are indexed;
//   - a shortened or rewritten one (the bytes before that point changed) is indexed again;
//   - a damaged transcript line is skipped and counted; a damaged segment is rebuilt.
// Each segment is written whole to a temporary file and renamed into place, so concurrent wright
// processes never see half a segment; two writing the same one both write a correct file and the
// later rename wins. A directory that cannot be written only means the work is redone next time.
import { createHash } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { addDoc, emptySegment, SegmentView, serializeSegment, type MutableSegment } from './indexSegment.js';
import { searchableText, titleOf } from './searchableText.js';
import { termsOf } from './searchTokens.js';

export const INDEX_DIR_NAME = 'search-index';
const SESSION_FILE = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.jsonl$/i;
const TAIL_BYTES = 1024;
/** A temporary file this old was left by a process that died while writing it. */
const STALE_TEMP_MS = 10 * 60 * 1000;

export interface IndexedSession {
  sessionId: string;
  transcriptPath: string;
  mtimeMs: number;
  segment: SegmentView;
}

export interface IndexSyncStats {
  sessions: number;
  unchanged: number;
  appended: number;
  rebuilt: number;
  /** Transcript bytes read to bring the index up to date. */
  bytesRead: number;
  /** Segments that could not be saved (the index directory is not writable). */
  unsaved: number;
}

export interface SyncOptions {
  /** A session left out entirely (the one in progress). */
  excludeSessionId?: string;
}

export const indexDirOf = (transcriptDir: string): string => join(transcriptDir, INDEX_DIR_NAME);

/** Brings the index up to date and returns every session's segment, newest transcript first. */
export function syncSessionIndex(transcriptDir: string, options: SyncOptions = {}): { sessions: IndexedSession[]; stats: IndexSyncStats } {
  const stats: IndexSyncStats = { sessions: 0, unchanged: 0, appended: 0, rebuilt: 0, bytesRead: 0, unsaved: 0 };
  const indexDir = indexDirOf(transcriptDir);
  const all = listTranscripts(transcriptDir);
  const sessions: IndexedSession[] = [];
  for (const transcript of all.filter((t) => t.sessionId !== options.excludeSessionId)) {
    const segment = syncOne(transcript, indexDir, stats);
    if (segment) sessions.push({ sessionId: transcript.sessionId, transcriptPath: transcript.transcriptPath, mtimeMs: transcript.mtimeMs, segment });
  }
  stats.sessions = sessions.length;
  removeLeftovers(indexDir, new Set(all.map((t) => t.sessionId)));
  return { sessions: sessions.sort((a, b) => b.mtimeMs - a.mtimeMs), stats };
}

/** Indexes one session again from scratch (its segment turned out to be damaged). */
export function rebuildSession(session: IndexedSession, transcriptDir: string): SegmentView | null {
  const stats: IndexSyncStats = { sessions: 0, unchanged: 0, appended: 0, rebuilt: 0, bytesRead: 0, unsaved: 0 };
  return indexTranscript({ ...session, size: statSize(session.transcriptPath) }, null, indexDirOf(transcriptDir), stats);
}

interface TranscriptFile {
  sessionId: string;
  transcriptPath: string;
  size: number;
  mtimeMs: number;
}

function listTranscripts(transcriptDir: string): TranscriptFile[] {
  let names: string[];
  try {
    names = readdirSync(transcriptDir);
  } catch {
    return [];
  }
  return names.flatMap((name) => {
    const sessionId = SESSION_FILE.exec(name)?.[1];
    if (!sessionId) return [];
    const transcriptPath = join(transcriptDir, name);
    try {
      const stat = statSync(transcriptPath);
      return stat.isFile() ? [{ sessionId, transcriptPath, size: stat.size, mtimeMs: stat.mtimeMs }] : [];
    } catch {
      return [];
    }
  });
}

const segmentPath = (indexDir: string, sessionId: string) => join(indexDir, `${sessionId}.idx`);

function syncOne(transcript: TranscriptFile, indexDir: string, stats: IndexSyncStats): SegmentView | null {
  const existing = readSegment(segmentPath(indexDir, transcript.sessionId));
  if (existing && existing.header.sessionId === transcript.sessionId) {
    const { header } = existing;
    if (header.size === transcript.size && header.mtimeMs === transcript.mtimeMs) {
      stats.unchanged++;
      return existing;
    }
    if (transcript.size >= header.indexedBytes && tailOf(transcript.transcriptPath, header.indexedBytes) === header.tail) {
      const mutable = existing.toMutable();
      if (mutable) {
        stats.appended++;
        return indexTranscript(transcript, mutable, indexDir, stats);
      }
    }
  }
  stats.rebuilt++;
  return indexTranscript(transcript, null, indexDir, stats);
}

function readSegment(path: string): SegmentView | null {
  try {
    return SegmentView.parse(readFileSync(path));
  } catch {
    return null;
  }
}

/** Indexes the transcript's complete lines after `base`'s end (all of them without a base), and saves. */
function indexTranscript(transcript: TranscriptFile, base: MutableSegment | null, indexDir: string, stats: IndexSyncStats): SegmentView | null {
  const segment = base ?? emptySegment(transcript.sessionId);
  const from = segment.header.indexedBytes;
  let fresh: Buffer;
  try {
    fresh = readRange(transcript.transcriptPath, from, transcript.size - from);
  } catch {
    return null;
  }
  stats.bytesRead += fresh.length;
  let lineStart = 0;
  for (let newline = fresh.indexOf(0x0a); newline >= 0; newline = fresh.indexOf(0x0a, lineStart)) {
    indexLine(segment, fresh, lineStart, newline, from);
    lineStart = newline + 1;
  }
  segment.header.indexedBytes = from + lineStart;
  segment.header.tail = tailHash(fresh.subarray(0, lineStart), from, transcript.transcriptPath);
  segment.header.size = transcript.size;
  segment.header.mtimeMs = transcript.mtimeMs;
  const bytes = serializeSegment(segment);
  if (!writeAtomically(segmentPath(indexDir, transcript.sessionId), bytes)) stats.unsaved++;
  return SegmentView.parse(bytes);
}

function indexLine(segment: MutableSegment, bytes: Buffer, start: number, end: number, base: number): void {
  const line = bytes.toString('utf8', start, end);
  if (line.trim() === '') return;
  let entry: { uuid?: unknown; timestamp?: unknown; type?: unknown };
  try {
    entry = JSON.parse(line);
  } catch {
    segment.header.skippedLines++;
    return;
  }
  if (typeof entry !== 'object' || entry === null || typeof entry.uuid !== 'string' || typeof entry.type !== 'string') {
    segment.header.skippedLines++;
    return;
  }
  const searchable = searchableText(entry);
  if (!searchable) return;
  if (segment.header.title === '' && searchable.kind === 'prompt') segment.header.title = titleOf(searchable.text);
  const timestamp = typeof entry.timestamp === 'string' ? entry.timestamp : '';
  addDoc(segment, { uuid: entry.uuid, timestamp, offset: base + start, length: end - start, kind: searchable.kind }, termsOf(searchable.text));
}

function readRange(path: string, position: number, length: number): Buffer {
  const buffer = Buffer.alloc(Math.max(0, length));
  if (length <= 0) return buffer;
  const fd = openSync(path, 'r');
  try {
    let read = 0;
    while (read < length) {
      const n = readSync(fd, buffer, read, length - read, position + read);
      if (n === 0) break;
      read += n;
    }
    return buffer.subarray(0, read);
  } finally {
    closeSync(fd);
  }
}

const hash = (bytes: Buffer) => createHash('sha1').update(bytes).digest('hex').slice(0, 16);

/** The hash of the TAIL_BYTES before `end` in the transcript ('' at its start). */
function tailOf(path: string, end: number): string {
  if (end === 0) return '';
  try {
    const start = Math.max(0, end - TAIL_BYTES);
    const bytes = readRange(path, start, end - start);
    return bytes.length === end - start ? hash(bytes) : 'short';
  } catch {
    return 'unreadable';
  }
}

/** The tail hash for a segment now ending at `from + fresh.length`, reading older bytes only if needed. */
function tailHash(fresh: Buffer, from: number, path: string): string {
  const end = from + fresh.length;
  if (end === 0) return '';
  if (fresh.length >= TAIL_BYTES || from === 0) return hash(fresh.subarray(Math.max(0, fresh.length - TAIL_BYTES)));
  return tailOf(path, end);
}

function statSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

function writeAtomically(path: string, bytes: Buffer): boolean {
  const temp = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(temp, bytes);
    renameSync(temp, path);
    return true;
  } catch {
    try {
      rmSync(temp, { force: true });
    } catch {
      // Nothing was written there.
    }
    return false;
  }
}

/** Removes segments whose transcript is gone and temporary files a crashed writer left. */
function removeLeftovers(indexDir: string, liveSessions: Set<string>): void {
  let names: string[];
  try {
    names = readdirSync(indexDir);
  } catch {
    return;
  }
  const now = Date.now();
  for (const name of names) {
    const path = join(indexDir, name);
    try {
      if (name.endsWith('.tmp')) {
        if (now - statSync(path).mtimeMs > STALE_TEMP_MS) rmSync(path, { force: true });
      } else if (name.endsWith('.idx') && !liveSessions.has(name.slice(0, -4))) {
        rmSync(path, { force: true });
      }
    } catch {
      // Another process removed it first.
    }
  }
}

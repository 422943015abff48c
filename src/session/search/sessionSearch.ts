// Answers a search over a project's past sessions: brings the index up to date, narrows each session
// to the messages holding every query term (from the postings), confirms phrases against the messages'
// text read back from the transcript, and returns one hit per matching session, newest first.
import { closeSync, openSync, readSync } from 'node:fs';
import type { SegmentDoc, SegmentView } from './indexSegment.js';
import { makeSnippet, type Snippet } from './searchSnippet.js';
import { searchableText, type SearchableKind } from './searchableText.js';
import { matchQuery, parseQuery, type MatchRange, type SearchQuery } from './searchQuery.js';
import { rebuildSession, syncSessionIndex, type IndexedSession, type IndexSyncStats } from './sessionIndex.js';

export const DEFAULT_SEARCH_LIMIT = 20;

export interface SessionSearchHit {
  sessionId: string;
  /** The session's first prompt, on one line. */
  title: string;
  /** When the session was last written. */
  modifiedAt: Date;
  /** Messages of the session that match. */
  matches: number;
  /** The matching message the snippet is from (see KIND_RANK). */
  entryUuid: string;
  timestamp: string;
  kind: SearchableKind;
  snippet: Snippet;
}

export interface SessionSearchResult {
  hits: SessionSearchHit[];
  /** Matching sessions beyond the limit. */
  more: number;
  index: IndexSyncStats;
}

export interface SessionSearchOptions {
  limit?: number;
  /** The session in progress: not searched (its messages are in the conversation already). */
  excludeSessionId?: string;
}

export type SessionSearchOutcome = ({ ok: true } & SessionSearchResult) | { ok: false; message: string };

export function searchSessions(transcriptDir: string, queryText: string, options: SessionSearchOptions = {}): SessionSearchOutcome {
  const parsed = parseQuery(queryText);
  if (!parsed.ok) return parsed;
  const limit = Math.max(1, Math.floor(options.limit ?? DEFAULT_SEARCH_LIMIT));
  const { sessions, stats } = syncSessionIndex(transcriptDir, options.excludeSessionId !== undefined ? { excludeSessionId: options.excludeSessionId } : {});
  const hits: SessionSearchHit[] = [];
  let more = 0;
  for (const session of sessions) {
    const wanted = hits.length < limit ? 'all' : 'any';
    const found = searchOneSafely(session, parsed.query, wanted, transcriptDir);
    if (!found) continue;
    if (wanted === 'any') {
      more++;
      continue;
    }
    hits.push({
      sessionId: session.sessionId,
      title: session.segment.header.title,
      modifiedAt: new Date(session.mtimeMs),
      matches: found.count,
      entryUuid: found.first.doc.uuid,
      timestamp: found.first.doc.timestamp,
      kind: found.first.doc.kind,
      snippet: makeSnippet(found.first.text, found.first.ranges),
    });
  }
  return { ok: true, hits, more, index: stats };
}

interface SessionMatch {
  count: number;
  first: { doc: SegmentDoc; text: string; ranges: MatchRange[] };
}

/** A damaged segment is rebuilt once; a session that still cannot be searched is skipped. */
function searchOneSafely(session: IndexedSession, query: SearchQuery, wanted: 'all' | 'any', transcriptDir: string): SessionMatch | null {
  try {
    return searchOne(session.segment, session.transcriptPath, query, wanted);
  } catch {
    const rebuilt = rebuildSession(session, transcriptDir);
    if (!rebuilt) return null;
    try {
      return searchOne(rebuilt, session.transcriptPath, query, wanted);
    } catch {
      return null;
    }
  }
}

/**
 * The snippet comes from the most telling matching message: an answer before a summary, a tool result
 * or a prompt (the first prompt is already the title), and the earliest of those.
 */
const KIND_RANK: Record<SearchableKind, number> = { answer: 0, summary: 1, tool: 2, prompt: 3 };

function searchOne(segment: SegmentView, transcriptPath: string, query: SearchQuery, wanted: 'all' | 'any'): SessionMatch | null {
  const docs = segment.docs;
  const candidates = candidateDocs(segment, query)
    .filter((number) => docs[number] !== undefined)
    .sort((a, b) => KIND_RANK[docs[a]!.kind] - KIND_RANK[docs[b]!.kind] || a - b);
  if (candidates.length === 0) return null;
  // Bare words are answered by the postings alone; phrases (and words too long to index) need the text.
  const needsText = query.phrases.length > 0 || query.words.length === 0;
  const reader = new LineReader(transcriptPath);
  try {
    let count = 0;
    let first: SessionMatch['first'] | null = null;
    for (const number of candidates) {
      const doc = docs[number]!;
      if (!needsText && first !== null) {
        count++;
        continue;
      }
      const text = reader.textOf(doc);
      const ranges = text === null ? null : matchQuery(query, text);
      if (ranges === null || text === null) continue;
      count++;
      first ??= { doc, text, ranges };
      if (wanted === 'any') break;
    }
    return first ? { count, first } : null;
  } finally {
    reader.close();
  }
}

/** Message numbers holding every indexed query term, ascending; every message when there is none. */
function candidateDocs(segment: SegmentView, query: SearchQuery): number[] {
  if (query.indexTerms.length === 0) return segment.docs.map((_, i) => i);
  const lists = query.indexTerms.map((term) => segment.postings(term)).sort((a, b) => a.length - b.length);
  let result = lists[0]!;
  for (const list of lists.slice(1)) {
    if (result.length === 0) break;
    const other = new Set(list);
    result = result.filter((n) => other.has(n));
  }
  return result;
}

/** Reads indexed messages back from a transcript, checking each is still the line that was indexed. */
class LineReader {
  private fd: number | null = null;

  constructor(private readonly path: string) {}

  textOf(doc: SegmentDoc): string | null {
    try {
      this.fd ??= openSync(this.path, 'r');
      const buffer = Buffer.alloc(doc.length);
      const read = readSync(this.fd, buffer, 0, doc.length, doc.offset);
      const entry = JSON.parse(buffer.toString('utf8', 0, read)) as { uuid?: unknown };
      if (entry.uuid !== doc.uuid) return null;
      return searchableText(entry)?.text ?? null;
    } catch {
      return null;
    }
  }

  close(): void {
    if (this.fd !== null) closeSync(this.fd);
  }
}

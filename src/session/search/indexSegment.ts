// One transcript's part of the search index, as a file: a JSON header line (what of the transcript
// is indexed), a JSON line listing the indexed messages, then one line per term: `term<TAB>postings`,
// the postings being message numbers in base 36, comma-separated, ascending. A query finds a term's
// line with one indexOf over the file's text (`\n` + term + TAB cannot occur inside the JSON lines,
// which escape both), so answering reads the file but parses only the header and the terms it needs.
import type { SearchableKind } from './searchableText.js';

export const SEGMENT_VERSION = 1;

export interface SegmentHeader {
  v: number;
  sessionId: string;
  /** The transcript's size and mtime when it was last looked at. */
  size: number;
  mtimeMs: number;
  /** Bytes of the transcript indexed: up to the end of its last complete line. */
  indexedBytes: number;
  /** A hash of the last indexed bytes: if they changed, the transcript was rewritten. */
  tail: string;
  /** The session's first prompt, on one line. */
  title: string;
  skippedLines: number;
}

/** One indexed message: where its line is in the transcript, to read it again for a snippet. */
export interface SegmentDoc {
  uuid: string;
  timestamp: string;
  offset: number;
  length: number;
  kind: SearchableKind;
}

type EncodedDoc = [string, string, number, number, SearchableKind];

/** A segment being built or extended. */
export interface MutableSegment {
  header: SegmentHeader;
  docs: SegmentDoc[];
  /** Term → encoded postings (base-36 message numbers joined by ','). */
  postings: Map<string, string>;
}

export function emptySegment(sessionId: string): MutableSegment {
  return {
    header: { v: SEGMENT_VERSION, sessionId, size: 0, mtimeMs: 0, indexedBytes: 0, tail: '', title: '', skippedLines: 0 },
    docs: [],
    postings: new Map(),
  };
}

/** Adds one message with its distinct terms. */
export function addDoc(segment: MutableSegment, doc: SegmentDoc, terms: Iterable<string>): void {
  const number = segment.docs.length.toString(36);
  segment.docs.push(doc);
  for (const term of terms) {
    const existing = segment.postings.get(term);
    segment.postings.set(term, existing === undefined ? number : `${existing},${number}`);
  }
}

export function serializeSegment(segment: MutableSegment): string {
  const docs: EncodedDoc[] = segment.docs.map((d) => [d.uuid, d.timestamp, d.offset, d.length, d.kind]);
  const terms = [...segment.postings.keys()].sort();
  let out = `${JSON.stringify(segment.header)}\n${JSON.stringify(docs)}\n`;
  for (const term of terms) out += `${term}\t${segment.postings.get(term)}\n`;
  return out;
}

/** A segment file read for querying: header parsed, the rest looked up on demand. */
export class SegmentView {
  private docList: SegmentDoc[] | undefined;

  private constructor(
    readonly header: SegmentHeader,
    private readonly text: string,
    private readonly docsStart: number,
    private readonly termsStart: number,
  ) {}

  /** Null when the text is not a whole segment of this version (damaged, cut short, older format). */
  static parse(text: string): SegmentView | null {
    const headerEnd = text.indexOf('\n');
    const docsEnd = headerEnd < 0 ? -1 : text.indexOf('\n', headerEnd + 1);
    if (docsEnd < 0 || !text.endsWith('\n')) return null;
    try {
      const header = JSON.parse(text.slice(0, headerEnd)) as SegmentHeader;
      if (!isHeader(header)) return null;
      return new SegmentView(header, text, headerEnd + 1, docsEnd);
    } catch {
      return null;
    }
  }

  get docs(): SegmentDoc[] {
    if (this.docList === undefined) {
      const encoded = JSON.parse(this.text.slice(this.docsStart, this.termsStart)) as EncodedDoc[];
      this.docList = encoded.map(([uuid, timestamp, offset, length, kind]) => ({ uuid, timestamp, offset, length, kind }));
    }
    return this.docList;
  }

  /** The ascending message numbers holding `term` (empty when none do). */
  postings(term: string): number[] {
    const at = this.text.indexOf(`\n${term}\t`, this.termsStart);
    if (at < 0) return [];
    const from = at + term.length + 2;
    return this.text.slice(from, this.text.indexOf('\n', from)).split(',').map((n) => parseInt(n, 36));
  }

  /** The whole segment, to extend it with newly appended messages. */
  toMutable(): MutableSegment | null {
    try {
      const postings = new Map<string, string>();
      for (const line of this.text.slice(this.termsStart + 1).split('\n')) {
        if (line === '') continue;
        const tab = line.indexOf('\t');
        if (tab <= 0) return null;
        postings.set(line.slice(0, tab), line.slice(tab + 1));
      }
      return { header: { ...this.header }, docs: [...this.docs], postings };
    } catch {
      return null;
    }
  }
}

function isHeader(value: SegmentHeader): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    value.v === SEGMENT_VERSION &&
    typeof value.sessionId === 'string' &&
    Number.isFinite(value.size) &&
    Number.isFinite(value.mtimeMs) &&
    Number.isFinite(value.indexedBytes) &&
    typeof value.tail === 'string' &&
    typeof value.title === 'string'
  );
}

// One transcript's part of the search index, as a file: a JSON header line (what of the transcript
// is indexed), a JSON line listing the indexed messages, then one line per term: `term<TAB>postings`,
// the postings being message numbers in base 36, comma-separated, ascending, the lines sorted by the
// terms' UTF-8 bytes. A query reads the file as bytes, parses the header, and binary-searches the
// term lines for the few terms it needs: nothing else is decoded unless a term matches.
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
  /** Term → postings read from the file, still encoded (base-36 message numbers joined by ','). */
  stored: Map<string, string>;
  /** Term → message numbers added since. */
  added: Map<string, number[]>;
}

export function emptySegment(sessionId: string): MutableSegment {
  return {
    header: { v: SEGMENT_VERSION, sessionId, size: 0, mtimeMs: 0, indexedBytes: 0, tail: '', title: '', skippedLines: 0 },
    docs: [],
    stored: new Map(),
    added: new Map(),
  };
}

/** Adds one message with its distinct terms. */
export function addDoc(segment: MutableSegment, doc: SegmentDoc, terms: Iterable<string>): void {
  const number = segment.docs.length;
  segment.docs.push(doc);
  for (const term of terms) {
    const list = segment.added.get(term);
    if (list) list.push(number);
    else segment.added.set(term, [number]);
  }
}

/**
 * Term lines must be in UTF-8 byte order for the binary search. That is JavaScript's own string
 * order unless a term has characters outside the Basic Multilingual Plane (surrogate pairs).
 */
function sortTerms(terms: string[]): string[] {
  if (!terms.some((term) => /[\uD800-\uDFFF]/.test(term))) return terms.sort();
  return terms.map((term) => Buffer.from(term)).sort(Buffer.compare).map((bytes) => bytes.toString());
}

export function serializeSegment(segment: MutableSegment): Buffer {
  const docs: EncodedDoc[] = segment.docs.map((d) => [d.uuid, d.timestamp, d.offset, d.length, d.kind]);
  const terms = sortTerms([...new Set([...segment.stored.keys(), ...segment.added.keys()])]);
  const parts = [`${JSON.stringify(segment.header)}\n${JSON.stringify(docs)}\n`];
  for (const term of terms) {
    const stored = segment.stored.get(term);
    const added = segment.added.get(term)?.map((n) => n.toString(36)).join(',');
    parts.push(`${term}\t${stored === undefined ? added : added === undefined ? stored : `${stored},${added}`}\n`);
  }
  return Buffer.from(parts.join(''));
}

/** A segment file read for querying: header parsed, the rest looked up on demand. */
export class SegmentView {
  private docList: SegmentDoc[] | undefined;

  private constructor(
    readonly header: SegmentHeader,
    private readonly bytes: Buffer,
    private readonly docsStart: number,
    /** The newline ending the message list; term lines follow it. */
    private readonly termsStart: number,
  ) {}

  /** Null when the bytes are not a whole segment of this version (damaged, cut short, older format). */
  static parse(bytes: Buffer): SegmentView | null {
    const headerEnd = bytes.indexOf(NEWLINE);
    const docsEnd = headerEnd < 0 ? -1 : bytes.indexOf(NEWLINE, headerEnd + 1);
    if (docsEnd < 0 || bytes[bytes.length - 1] !== NEWLINE) return null;
    try {
      const header = JSON.parse(bytes.toString('utf8', 0, headerEnd)) as SegmentHeader;
      if (!isHeader(header)) return null;
      return new SegmentView(header, bytes, headerEnd + 1, docsEnd);
    } catch {
      return null;
    }
  }

  get docs(): SegmentDoc[] {
    if (this.docList === undefined) {
      const encoded = JSON.parse(this.bytes.toString('utf8', this.docsStart, this.termsStart)) as EncodedDoc[];
      this.docList = encoded.map(([uuid, timestamp, offset, length, kind]) => ({ uuid, timestamp, offset, length, kind }));
    }
    return this.docList;
  }

  /** The ascending message numbers holding `term` (empty when none do): a binary search over the term lines. */
  postings(term: string): number[] {
    const key = Buffer.from(term);
    const bytes = this.bytes;
    let low = this.termsStart + 1; // always the start of a line
    let high = bytes.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      const start = bytes.lastIndexOf(NEWLINE, middle - 1) + 1;
      const tab = bytes.indexOf(TAB, start);
      const end = bytes.indexOf(NEWLINE, start);
      if (tab < 0 || end < 0 || tab > end) throw new Error('damaged term line');
      const order = bytes.compare(key, 0, key.length, start, tab);
      if (order === 0) return bytes.toString('latin1', tab + 1, end).split(',').map((n) => parseInt(n, 36));
      if (order < 0) low = end + 1;
      else high = start;
    }
    return [];
  }

  /** The whole segment, to extend it with newly appended messages. */
  toMutable(): MutableSegment | null {
    try {
      const stored = new Map<string, string>();
      for (const line of this.bytes.toString('utf8', this.termsStart + 1).split('\n')) {
        if (line === '') continue;
        const tab = line.indexOf('\t');
        if (tab <= 0) return null;
        stored.set(line.slice(0, tab), line.slice(tab + 1));
      }
      return { header: { ...this.header }, docs: [...this.docs], stored, added: new Map() };
    } catch {
      return null;
    }
  }
}

const NEWLINE = 0x0a;
const TAB = 0x09;

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

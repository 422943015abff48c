// Edit and MultiEdit change small parts of a file that may hold what a round trip through a JS
// string would not keep: bytes that are not valid UTF-8, or a mix of CRLF and LF line endings. So
// only the replaced text is encoded anew; every other byte is copied from disk as it was.
import { isUtf8 } from 'node:buffer';
import { decodeTextFile, encodeTextFile, type TextFormat } from './textFileCodec.js';

export type SpliceResult =
  | { ok: true; bytes: Buffer }
  /** A replacement covers bytes that are not valid UTF-8 (1-based line numbers in the text). */
  | { ok: false; firstLine: number; lastLine: number };

/** Where one edit replaced text: match offsets in the text before it, all of the same length. */
export interface Replacements {
  indices: readonly number[];
  oldLength: number;
  /** LF text; written with the file's dominant line ending. */
  newText: string;
}

const LF = 0x0a;
const UTF8_BOM_LENGTH = 3;
const REPLACEMENT_CHARACTER = '\uFFFD';

/**
 * Length in bytes of the UTF-8 unit starting at `start`, and how many UTF-16 code units it decodes
 * to. An ill-formed sequence counts as its maximal well-formed prefix (at least one byte) decoding
 * to one U+FFFD: the WHATWG decoder's rule, which Buffer#toString follows.
 */
function utf8Unit(bytes: Buffer, start: number, end: number): { length: number; units: number } {
  const lead = bytes[start]!;
  if (lead < 0x80) return { length: 1, units: 1 };
  let needed: number;
  let lower = 0x80;
  let upper = 0xbf;
  if (lead >= 0xc2 && lead <= 0xdf) needed = 1;
  else if (lead >= 0xe0 && lead <= 0xef) {
    needed = 2;
    if (lead === 0xe0) lower = 0xa0;
    if (lead === 0xed) upper = 0x9f;
  } else if (lead >= 0xf0 && lead <= 0xf4) {
    needed = 3;
    if (lead === 0xf0) lower = 0x90;
    if (lead === 0xf4) upper = 0x8f;
  } else {
    return { length: 1, units: 1 };
  }
  let length = 1;
  for (; length <= needed; length++) {
    const byte = bytes[start + length];
    if (start + length >= end || byte === undefined || byte < lower || byte > upper) return { length, units: 1 };
    lower = 0x80;
    upper = 0xbf;
  }
  return { length, units: needed === 3 ? 2 : 1 };
}

/** Byte offset within bytes [start, end) after `units` UTF-16 code units of their decoding. */
function byteOffsetAfterUnits(bytes: Buffer, start: number, end: number, units: number): number {
  let position = start;
  let decoded = 0;
  while (decoded < units && position < end) {
    const unit = utf8Unit(bytes, position, end);
    position += unit.length;
    decoded += unit.units;
  }
  return position;
}

/**
 * Maps offsets in the LF-normalised decoding of a UTF-8 file to byte offsets in the file. A UTF-8
 * decode keeps every LF byte as '\n', so lines correspond one to one; within a line, a clean
 * prefix is measured with Buffer.byteLength and one with undecodable bytes by walking its bytes.
 * Offsets must be asked in non-decreasing order: the mapper walks forward once, so a whole edit
 * costs one pass over the file.
 */
class OffsetMapper {
  private textLineStart = 0;
  private rawLineStart: number;
  private lineIndex = 0;

  constructor(
    private readonly text: string,
    private readonly raw: Buffer,
    bomLength: number,
  ) {
    this.rawLineStart = bomLength;
  }

  /** 1-based number of the line holding `offset`; moves the mapper there. */
  lineNumber(offset: number): number {
    this.advanceTo(offset);
    return this.lineIndex + 1;
  }

  rawOffset(offset: number): number {
    this.advanceTo(offset);
    const head = this.text.slice(this.textLineStart, offset);
    if (!head.includes(REPLACEMENT_CHARACTER)) return this.rawLineStart + Buffer.byteLength(head, 'utf8');
    return byteOffsetAfterUnits(this.raw, this.rawLineStart, this.rawLineEnd(), head.length);
  }

  private advanceTo(offset: number): void {
    for (;;) {
      const lineFeed = this.text.indexOf('\n', this.textLineStart);
      if (lineFeed === -1 || lineFeed >= offset) return;
      this.textLineStart = lineFeed + 1;
      this.rawLineStart = this.raw.indexOf(LF, this.rawLineStart) + 1;
      this.lineIndex++;
    }
  }

  /** Where the current line's bytes end, at its LF (a CR before it decodes as part of the line or is dropped with it). */
  private rawLineEnd(): number {
    const lineFeed = this.raw.indexOf(LF, this.rawLineStart);
    return lineFeed === -1 ? this.raw.length : lineFeed;
  }
}

/**
 * Applies one edit's replacements to `raw`, whose LF-normalised decoding is `text`. Refuses when
 * a replaced span holds bytes that are not valid UTF-8, since writing it would lose them.
 */
export function spliceReplacements(raw: Buffer, format: TextFormat, text: string, edit: Replacements): SpliceResult {
  if (format.encoding !== 'utf8') {
    throw new Error('spliceReplacements handles UTF-8 files only; re-encode UTF-16 text whole');
  }
  const mapper = new OffsetMapper(text, raw, format.bom ? UTF8_BOM_LENGTH : 0);
  const inserted = Buffer.from(edit.newText.replace(/\n/g, format.lineEnding), 'utf8');
  const chunks: Buffer[] = [];
  let copiedUpTo = 0;
  for (const index of edit.indices) {
    const firstLine = mapper.lineNumber(index);
    const rawStart = mapper.rawOffset(index);
    const rawEnd = mapper.rawOffset(index + edit.oldLength);
    if (!isUtf8(raw.subarray(rawStart, rawEnd))) {
      return { ok: false, firstLine, lastLine: mapper.lineNumber(index + edit.oldLength) };
    }
    chunks.push(raw.subarray(copiedUpTo, rawStart), inserted);
    copiedUpTo = rawEnd;
  }
  chunks.push(raw.subarray(copiedUpTo));
  return { ok: true, bytes: Buffer.concat(chunks) };
}

/**
 * Checks spliced bytes against the text the model was shown: they must decode to exactly `after`.
 * Should a corner of the mapping ever disagree, a file that was valid UTF-8 is re-encoded whole
 * instead (nothing undecodable to lose); any other file is left alone.
 */
export function verifiedSplice(original: Buffer, spliced: Buffer, format: TextFormat, after: string): Buffer | undefined {
  if (decodeTextFile(spliced).text === after) return spliced;
  const bomLength = format.encoding === 'utf8' && format.bom ? UTF8_BOM_LENGTH : 0;
  if (format.encoding !== 'utf8' || isUtf8(original.subarray(bomLength))) return encodeTextFile(after, format);
  return undefined;
}

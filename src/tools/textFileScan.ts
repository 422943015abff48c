// Reads one window of lines from a text file of any size in a single pass with bounded memory:
// every byte is hashed (for the read ledger) and every line counted, but only the requested lines
// are decoded and kept. Lines are split on LF bytes, which never occur inside a UTF-8 sequence.
import { createHash } from 'node:crypto';
import { isUtf8 } from 'node:buffer';
import { open, readFile } from 'node:fs/promises';
import type { FileSnapshot } from './fileReadLedger.js';
import { takeSnapshot } from './fileReadLedger.js';
import { splitLines } from './lineNumbers.js';
import { bomEncoding, bomLength, completeUtf8Length, decodeTextFile, looksBinary } from './textFileCodec.js';

export interface WindowRequest {
  /** 1-based first line to keep. */
  startLine: number;
  maxLines: number;
  /** Longer lines are cut to this many characters. */
  maxLineChars: number;
  /** Stop keeping lines once this many characters (plus line-number overhead) were kept. */
  maxChars: number;
}

export interface WindowLine {
  text: string;
  /** The line was longer than maxLineChars. */
  cut: boolean;
  /** The line holds bytes that are not valid UTF-8 (shown as U+FFFD). */
  invalidUtf8: boolean;
}

export type TextScan =
  | { kind: 'text'; lines: WindowLine[]; totalLines: number; snapshot: FileSnapshot }
  | { kind: 'binary' }
  | { kind: 'aborted' }
  /** A UTF-16 file above MAX_UTF16_FILE_BYTES. */
  | { kind: 'utf16TooLarge' };

const CHUNK_BYTES = 1024 * 1024;
/** Overhead of the `cat -n` prefix and newline, for the character budget. */
const LINE_OVERHEAD = 8;
/** UTF-16 files are decoded whole; beyond this they are refused (they are rare and never huge). */
export const MAX_UTF16_FILE_BYTES = 32 * 1024 * 1024;

/** Collects the bytes of one line, keeping only as many as the window can show. */
class LineCollector {
  private parts: Buffer[] = [];
  private kept = 0;
  private total = 0;
  private lastByte = -1;

  constructor(private readonly maxBytes: number) {}

  append(bytes: Buffer): void {
    if (bytes.length === 0) return;
    this.total += bytes.length;
    this.lastByte = bytes[bytes.length - 1]!;
    const room = this.maxBytes - this.kept;
    if (room <= 0) return;
    const piece = bytes.length > room ? bytes.subarray(0, room) : bytes;
    // Copied: the chunk buffer is reused for the next read.
    this.parts.push(Buffer.from(piece));
    this.kept += piece.length;
  }

  finish(maxLineChars: number): WindowLine {
    let bytes = Buffer.concat(this.parts, this.kept);
    const truncatedBytes = this.total > this.kept;
    if (truncatedBytes) bytes = bytes.subarray(0, completeUtf8Length(bytes));
    else if (this.lastByte === 0x0d) bytes = bytes.subarray(0, bytes.length - 1);
    const decoded = bytes.toString('utf8');
    const cut = truncatedBytes || decoded.length > maxLineChars;
    this.parts = [];
    this.kept = 0;
    this.total = 0;
    this.lastByte = -1;
    return { text: cut ? decoded.slice(0, maxLineChars) : decoded, cut, invalidUtf8: !isUtf8(bytes) };
  }
}

export async function scanTextFile(
  filePath: string,
  stats: { mtimeMs: number; size: number },
  request: WindowRequest,
  signal: AbortSignal,
): Promise<TextScan> {
  const handle = await open(filePath, 'r');
  try {
    const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
    const hash = createHash('sha256');
    // A 4-byte UTF-8 character is 2 UTF-16 units, so this many bytes always decode to more than
    // maxLineChars characters: a line cut at this budget is known to be too long.
    const collector = new LineCollector(request.maxLineChars * 4 + 4);
    const lines: WindowLine[] = [];
    let keptChars = 0;
    let lineNumber = 1;
    let lineHasBytes = false;
    let firstChunk = true;
    const collecting = () =>
      lineNumber >= request.startLine && lines.length < request.maxLines && keptChars < request.maxChars;

    for (;;) {
      if (signal.aborted) return { kind: 'aborted' };
      const { bytesRead } = await handle.read(buffer, 0, CHUNK_BYTES, null);
      if (bytesRead === 0) break;
      let chunk = buffer.subarray(0, bytesRead);
      hash.update(chunk);
      if (firstChunk) {
        firstChunk = false;
        const bom = bomEncoding(chunk);
        if (bom === 'utf16le') return await scanUtf16File(filePath, stats, request);
        chunk = chunk.subarray(bomLength(bom));
      }
      if (chunk.indexOf(0) !== -1) return { kind: 'binary' };

      let start = 0;
      for (let newline = chunk.indexOf(0x0a); newline !== -1; newline = chunk.indexOf(0x0a, start)) {
        if (collecting()) {
          collector.append(chunk.subarray(start, newline));
          const line = collector.finish(request.maxLineChars);
          lines.push(line);
          keptChars += line.text.length + LINE_OVERHEAD;
        }
        lineNumber++;
        lineHasBytes = false;
        start = newline + 1;
      }
      if (start < chunk.length) {
        lineHasBytes = true;
        if (collecting()) collector.append(chunk.subarray(start));
      }
    }
    // A last line without a final newline still counts.
    if (lineHasBytes) {
      if (collecting()) lines.push(collector.finish(request.maxLineChars));
      lineNumber++;
    }
    return { kind: 'text', lines, totalLines: lineNumber - 1, snapshot: { mtimeMs: stats.mtimeMs, size: stats.size, contentHash: hash.digest('hex') } };
  } finally {
    await handle.close();
  }
}

/** UTF-16 text cannot be split on single bytes; such files are decoded whole. */
async function scanUtf16File(
  filePath: string,
  stats: { mtimeMs: number; size: number },
  request: WindowRequest,
): Promise<TextScan> {
  if (stats.size > MAX_UTF16_FILE_BYTES) return { kind: 'utf16TooLarge' };
  const bytes = await readFile(filePath);
  if (looksBinary(bytes)) return { kind: 'binary' };
  const all = splitLines(decodeTextFile(bytes).text);
  const lines: WindowLine[] = [];
  let keptChars = 0;
  for (const text of all.slice(request.startLine - 1)) {
    if (lines.length >= request.maxLines || keptChars >= request.maxChars) break;
    const cut = text.length > request.maxLineChars;
    const shown = cut ? text.slice(0, request.maxLineChars) : text;
    lines.push({ text: shown, cut, invalidUtf8: false });
    keptChars += shown.length + LINE_OVERHEAD;
  }
  return { kind: 'text', lines, totalLines: all.length, snapshot: takeSnapshot(stats, bytes) };
}

import { open } from 'node:fs/promises';
import { HeadTailCollector } from './outputTruncation.js';

export interface ReadOptions {
  /** Only lines matching it are returned; the others still count as read. */
  filter?: RegExp;
  /** Characters returned at most: the head and tail of longer output, around a marker. */
  maxChars: number;
  /** The writer has exited: a last line without a newline is complete. */
  final: boolean;
}

export interface NewOutput {
  text: string;
  /** Where the next read starts (bytes). */
  nextOffset: number;
  /** Characters that matched, before the head/tail cut. */
  totalChars: number;
  linesRead: number;
  linesKept: number;
}

const CHUNK_BYTES = 64 * 1024;
const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;

/**
 * Reads what a running command appended to its log since `fromOffset`, line by line in bounded memory.
 * While the command runs, a trailing partial line is left for the next read, so a line is never split
 * between two reads (or cut in half before a filter sees it); only progress updates ended by a carriage
 * return, and a partial line longer than four times the limit, are returned early.
 */
export async function readNewOutput(file: string, fromOffset: number, options: ReadOptions): Promise<NewOutput> {
  const collector = new HeadTailCollector(options.maxChars);
  let linesRead = 0;
  let linesKept = 0;
  const takeLine = (line: Buffer) => {
    linesRead += 1;
    const text = line.toString('utf8');
    if (options.filter && !options.filter.test(text.replace(/\r?\n$/, ''))) return;
    linesKept += 1;
    collector.append(text);
  };

  const handle = await open(file, 'r');
  try {
    const end = (await handle.stat()).size;
    let position = fromOffset;
    let pending = Buffer.alloc(0);
    const buffer = Buffer.alloc(CHUNK_BYTES);
    while (position < end) {
      const { bytesRead } = await handle.read(buffer, 0, Math.min(CHUNK_BYTES, end - position), position);
      if (bytesRead === 0) break;
      position += bytesRead;
      let data = Buffer.concat([pending, buffer.subarray(0, bytesRead)]);
      let newline = data.indexOf(NEWLINE);
      while (newline !== -1) {
        takeLine(data.subarray(0, newline + 1));
        data = data.subarray(newline + 1);
        newline = data.indexOf(NEWLINE);
      }
      pending = Buffer.from(data);
      if (pending.length > options.maxChars * 4) {
        takeLine(pending);
        pending = Buffer.alloc(0);
      }
    }
    if (options.final) {
      if (pending.length > 0) takeLine(pending);
      pending = Buffer.alloc(0);
    } else {
      // A carriage return before the end ends a progress update ("10%\r20%\r30"); one at the very
      // end may be half of a CRLF.
      const lastReturn = pending.subarray(0, -1).lastIndexOf(CARRIAGE_RETURN);
      if (lastReturn !== -1) {
        takeLine(pending.subarray(0, lastReturn + 1));
        pending = pending.subarray(lastReturn + 1);
      }
    }
    return {
      text: collector.view(),
      nextOffset: position - pending.length,
      totalChars: collector.totalLength,
      linesRead,
      linesKept,
    };
  } finally {
    await handle.close();
  }
}

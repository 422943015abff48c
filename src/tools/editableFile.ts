import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { takeSnapshot } from './fileReadLedger.js';
import { decodeTextFile, looksBinary, type TextFormat } from './textFileCodec.js';
import { describeFsError, errorResult } from './toolPath.js';
import type { ToolContext, ToolResult } from './types.js';

export type EditableFile =
  | { exists: false; filePath: string }
  | { exists: true; filePath: string; bytes: Buffer; text: string; format: TextFormat };

export type LoadedFile = { ok: true; file: EditableFile } | { ok: false; result: ToolResult };

/** Edits hold the file, its text and the result in memory at once; beyond this, Bash is the tool. */
export const MAX_EDITABLE_FILE_BYTES = 50 * 1024 * 1024;

export const NOT_READ_MESSAGE = 'File has not been read yet. Read it first before writing to it.';
export const MODIFIED_SINCE_READ_MESSAGE =
  'File has been modified since read, either by the user or by a linter. Read it again before attempting to write it.';

/** 'edit' changes text inside the file (Edit, MultiEdit); 'overwrite' replaces all of it (Write). */
export type ChangeKind = 'edit' | 'overwrite';

function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

function tooLargeMessage(filePath: string, size: number, kind: ChangeKind): string {
  const limit = megabytes(MAX_EDITABLE_FILE_BYTES);
  return kind === 'edit'
    ? `${filePath} is ${megabytes(size)}, over the ${limit} that Edit and MultiEdit can change. Find the spot with Grep, then change it through Bash (e.g. \`sed -i\` or a short script).`
    : `${filePath} is ${megabytes(size)}, over the ${limit} limit, so Write will not overwrite it. If replacing it is really intended, delete it through Bash first, then Write.`;
}

function binaryMessage(filePath: string, kind: ChangeKind): string {
  return kind === 'edit'
    ? `${filePath} is a binary file (it contains NUL bytes); Edit only changes text files. Use Bash with a tool made for the format instead.`
    : `${filePath} is a binary file that has not been read (Read cannot show it), so Write will not overwrite it. If replacing it is really intended, delete it through Bash first, then Write.`;
}

/**
 * Loads a file that Edit, MultiEdit or Write is about to change, enforcing the session rules:
 * an existing file must have been Read, and must not have changed on disk since. Files the model
 * could never have read (too large, binary) are refused with a message saying what to do instead.
 */
export async function loadFileForChange(filePath: string, ctx: ToolContext, kind: ChangeKind): Promise<LoadedFile> {
  let stats;
  try {
    stats = await stat(filePath);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { ok: true, file: { exists: false, filePath } };
    return { ok: false, result: errorResult(describeFsError(error, filePath)) };
  }
  if (stats.isDirectory()) return { ok: false, result: errorResult(`${filePath} is a directory, not a file.`) };
  if (!stats.isFile()) return { ok: false, result: errorResult(`${filePath} is not a regular file.`) };
  if (stats.size > MAX_EDITABLE_FILE_BYTES) {
    return { ok: false, result: errorResult(tooLargeMessage(filePath, stats.size, kind)) };
  }

  let bytes: Buffer;
  try {
    bytes = await readFile(filePath);
  } catch (error) {
    return { ok: false, result: errorResult(describeFsError(error, filePath)) };
  }
  const freshness = ctx.readLedger.freshness(filePath, stats, bytes);
  // Checked before the read rule: Read refuses binary files, so "Read it first" would be a dead end.
  if (looksBinary(bytes) && (kind === 'edit' || freshness === 'unread')) {
    return { ok: false, result: errorResult(binaryMessage(filePath, kind)) };
  }
  if (freshness === 'unread') return { ok: false, result: errorResult(NOT_READ_MESSAGE) };
  if (freshness === 'changed') return { ok: false, result: errorResult(MODIFIED_SINCE_READ_MESSAGE) };
  const decoded = decodeTextFile(bytes);
  return { ok: true, file: { exists: true, filePath, bytes, text: decoded.text, format: decoded.format } };
}

function describeWriteError(error: unknown, filePath: string): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EACCES' || code === 'EPERM') {
    return `Permission denied: cannot write ${filePath}. The file or its directory is not writable (read-only); change its permissions only if the user asks for that.`;
  }
  return describeFsError(error, filePath);
}

/**
 * Writes the bytes, creating parent directories, and records the new state in the ledger so the
 * next Edit of the same file does not need another Read. Writing in place (not rename) keeps the
 * file's mode, owner, hard links, and a symlink pointing at it.
 * Returns an error result when the write failed, undefined when it succeeded.
 */
export async function writeFileBytes(filePath: string, bytes: Buffer, ctx: ToolContext): Promise<ToolResult | undefined> {
  try {
    await mkdir(dirname(filePath), { recursive: true });
    await writeFile(filePath, bytes);
    ctx.readLedger.record(filePath, takeSnapshot(await stat(filePath), bytes));
    return undefined;
  } catch (error) {
    return errorResult(describeWriteError(error, filePath));
  }
}

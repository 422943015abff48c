import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { takeSnapshot } from './fileReadLedger.js';
import { decodeTextFile, encodeTextFile, looksBinary, type TextFormat } from './textFileCodec.js';
import { describeFsError, errorResult } from './toolPath.js';
import type { ToolContext, ToolResult } from './types.js';

export type EditableFile =
  | { exists: false; filePath: string }
  | { exists: true; filePath: string; text: string; format: TextFormat };

export type LoadedFile = { ok: true; file: EditableFile } | { ok: false; result: ToolResult };

export const NOT_READ_MESSAGE = 'File has not been read yet. Read it first before writing to it.';
export const MODIFIED_SINCE_READ_MESSAGE =
  'File has been modified since read, either by the user or by a linter. Read it again before attempting to write it.';

/**
 * Loads a file that Edit, MultiEdit or Write is about to change, enforcing the session rules:
 * an existing file must have been Read, and must not have changed on disk since.
 */
export async function loadFileForChange(
  filePath: string,
  ctx: ToolContext,
  options: { allowBinary: boolean },
): Promise<LoadedFile> {
  let stats;
  try {
    stats = await stat(filePath);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { ok: true, file: { exists: false, filePath } };
    return { ok: false, result: errorResult(describeFsError(error, filePath)) };
  }
  if (stats.isDirectory()) return { ok: false, result: errorResult(`${filePath} is a directory, not a file.`) };
  if (!stats.isFile()) return { ok: false, result: errorResult(`${filePath} is not a regular file.`) };

  let bytes: Buffer;
  try {
    bytes = await readFile(filePath);
  } catch (error) {
    return { ok: false, result: errorResult(describeFsError(error, filePath)) };
  }
  const freshness = ctx.readLedger.freshness(filePath, stats, bytes);
  if (freshness === 'unread') return { ok: false, result: errorResult(NOT_READ_MESSAGE) };
  if (freshness === 'changed') return { ok: false, result: errorResult(MODIFIED_SINCE_READ_MESSAGE) };
  if (!options.allowBinary && looksBinary(bytes)) {
    return { ok: false, result: errorResult(`${filePath} is a binary file; it cannot be edited as text.`) };
  }
  const decoded = decodeTextFile(bytes);
  return { ok: true, file: { exists: true, filePath, text: decoded.text, format: decoded.format } };
}

/**
 * Writes LF text in the given on-disk format, creating parent directories, and records the new
 * state in the ledger so the next Edit of the same file does not need another Read.
 * Returns an error result when the write failed, undefined when it succeeded.
 */
export async function writeTextFile(filePath: string, text: string, format: TextFormat, ctx: ToolContext): Promise<ToolResult | undefined> {
  const bytes = encodeTextFile(text, format);
  try {
    await mkdir(dirname(filePath), { recursive: true });
    await writeFile(filePath, bytes);
    ctx.readLedger.record(filePath, takeSnapshot(await stat(filePath), bytes));
    return undefined;
  } catch (error) {
    return errorResult(describeFsError(error, filePath));
  }
}

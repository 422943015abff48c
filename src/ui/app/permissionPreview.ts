// The diff a permission dialog shows for a file change: the file as it is now against the file as the
// tool would leave it, computed the way Edit, MultiEdit and Write compute it. Anything that stops
// the computation (a binary file, an unreadable one, an edit that would not apply) means no preview;
// the dialog then shows an excerpt of the input instead.
import { readFile } from 'node:fs/promises';
import { isAbsolute, relative, resolve } from 'node:path';
import { applyStringEdit, type StringEdit } from '../../tools/stringEdit.js';
import { decodeTextFile, looksBinary, normalizeLineEndings } from '../../tools/textFileCodec.js';
import { renderDiff } from '../diff/renderDiff.js';

export interface PreviewOptions {
  cwd: string;
  home?: string | undefined;
  /** Columns the diff may use. */
  width: number;
  color: boolean;
}

export async function permissionPreview(toolName: string, input: Record<string, unknown>, options: PreviewOptions): Promise<string | undefined> {
  const rawPath = input['file_path'];
  if (typeof rawPath !== 'string' || rawPath === '') return undefined;
  if (toolName !== 'Edit' && toolName !== 'MultiEdit' && toolName !== 'Write') return undefined;
  try {
    const filePath = resolvePath(rawPath, options);
    const before = await currentText(filePath);
    if (before === undefined) return undefined;
    const after = changedText(toolName, input, before);
    if (after === undefined) return undefined;
    return renderDiff({ path: displayPath(filePath, options.cwd), before, after }, { width: options.width, color: options.color });
  } catch {
    return undefined;
  }
}

function changedText(toolName: string, input: Record<string, unknown>, before: string): string | undefined {
  if (toolName === 'Write') return typeof input['content'] === 'string' ? normalizeLineEndings(input['content']) : undefined;
  const edits = toolName === 'Edit' ? [input] : Array.isArray(input['edits']) ? (input['edits'] as unknown[]) : [];
  if (edits.length === 0) return undefined;
  let text = before;
  for (const [index, edit] of edits.entries()) {
    if (!isStringEdit(edit)) return undefined;
    const outcome = applyStringEdit(text, edit, { afterEarlierEdits: index > 0 });
    if (!outcome.ok) return undefined;
    text = outcome.text;
  }
  return text;
}

function isStringEdit(value: unknown): value is StringEdit {
  if (typeof value !== 'object' || value === null) return false;
  const edit = value as Record<string, unknown>;
  return typeof edit['old_string'] === 'string' && typeof edit['new_string'] === 'string';
}

/** The file's text with LF line endings; '' when it does not exist; undefined when it is not text. */
async function currentText(filePath: string): Promise<string | undefined> {
  let bytes: Buffer;
  try {
    bytes = await readFile(filePath);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return '';
    return undefined;
  }
  if (looksBinary(bytes)) return undefined;
  return decodeTextFile(bytes).text;
}

function resolvePath(rawPath: string, options: PreviewOptions): string {
  if (options.home && (rawPath === '~' || rawPath.startsWith('~/'))) return resolve(options.home, rawPath.slice(2));
  return resolve(options.cwd, rawPath);
}

function displayPath(filePath: string, cwd: string): string {
  const rel = relative(cwd, filePath);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) ? rel : filePath;
}

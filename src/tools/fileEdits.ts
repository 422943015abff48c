// The path Edit and MultiEdit share: load a file for change, apply exact-text edits in order to
// its text, and write it back in its own format. Each tool words its own messages.
import { loadFileForChange, writeTextFile } from './editableFile.js';
import { missingFileHint } from './similarPaths.js';
import { applyStringEdit, type StringEdit } from './stringEdit.js';
import { DEFAULT_TEXT_FORMAT } from './textFileCodec.js';
import { abortedResult, errorResult, resolveToolPath } from './toolPath.js';
import type { ToolContext, ToolResult } from './types.js';

export interface AppliedEdits {
  filePath: string;
  before: string;
  after: string;
  replacements: number;
  created: boolean;
}

export interface EditWording {
  /** Appended to "File does not exist: <path>.<hint>" when the first edit needs existing text. */
  howToCreate: string;
  /** Turns a failed edit's message into the result text. */
  failure: (message: string, index: number) => string;
}

export async function applyEditsToFile(
  rawPath: string,
  edits: readonly StringEdit[],
  ctx: ToolContext,
  wording: EditWording,
): Promise<{ ok: true; applied: AppliedEdits } | { ok: false; result: ToolResult }> {
  if (ctx.signal.aborted) return { ok: false, result: abortedResult() };
  const filePath = resolveToolPath(rawPath, ctx);
  const loaded = await loadFileForChange(filePath, ctx, { allowBinary: false });
  if (!loaded.ok) return { ok: false, result: loaded.result };
  const file = loaded.file;

  if (!file.exists && edits[0]?.old_string !== '') {
    return { ok: false, result: errorResult(`File does not exist: ${filePath}.${await missingFileHint(filePath)} ${wording.howToCreate}`) };
  }
  const before = file.exists ? file.text : '';
  let after = before;
  let replacements = 0;
  for (const [index, edit] of edits.entries()) {
    const outcome = applyStringEdit(after, edit);
    if (!outcome.ok) return { ok: false, result: errorResult(wording.failure(outcome.message, index)) };
    after = outcome.text;
    replacements += outcome.replacements;
  }
  if (ctx.signal.aborted) return { ok: false, result: abortedResult() };

  const writeError = await writeTextFile(filePath, after, file.exists ? file.format : DEFAULT_TEXT_FORMAT, ctx);
  if (writeError) return { ok: false, result: writeError };
  return { ok: true, applied: { filePath, before, after, replacements, created: !file.exists } };
}

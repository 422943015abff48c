// The path Edit and MultiEdit share: load a file for change, apply exact-text edits in order to
// its text, and write it back in its own format. Each tool words its own messages.
import { type EditableFile, loadFileForChange, writeFileBytes } from './editableFile.js';
import { describeLineRange } from './editMissHint.js';
import { missingFileHint } from './similarPaths.js';
import { applyStringEdit, type StringEdit } from './stringEdit.js';
import { DEFAULT_TEXT_FORMAT, encodeTextFile } from './textFileCodec.js';
import { spliceReplacements, verifiedSplice } from './textSplice.js';
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

function invalidUtf8Message(filePath: string, firstLine: number, lastLine: number): string {
  return (
    `This edit would overwrite bytes that are not valid UTF-8 (Read shows them as �) on ${describeLineRange(firstLine, lastLine)} of ${filePath}, and they would be lost. ` +
    'Keep old_string clear of them, or make this change through Bash with a byte-safe tool (e.g. `perl -pi -e`).'
  );
}

type EditedContent = { ok: true; after: string; bytes: Buffer; replacements: number } | { ok: false; message: string; index?: number };

/**
 * Applies the edits in order to the file's text and, for an existing UTF-8 file, splices the same
 * replacements into its bytes, so nothing outside them changes on disk. UTF-16 files are
 * re-encoded whole: their decoding loses nothing.
 */
function editContent(file: EditableFile, edits: readonly StringEdit[]): EditedContent {
  const before = file.exists ? file.text : '';
  const splicing = file.exists && file.format.encoding === 'utf8';
  let after = before;
  let bytes = file.exists ? file.bytes : Buffer.alloc(0);
  let replacements = 0;
  for (const [index, edit] of edits.entries()) {
    const outcome = applyStringEdit(after, edit, { afterEarlierEdits: index > 0 });
    if (!outcome.ok) return { ok: false, message: outcome.message, index };
    if (splicing) {
      const replaced = { indices: outcome.indices, oldLength: outcome.oldText.length, newText: outcome.newText };
      const spliced = spliceReplacements(bytes, file.format, after, replaced);
      if (!spliced.ok) return { ok: false, message: invalidUtf8Message(file.filePath, spliced.firstLine, spliced.lastLine), index };
      bytes = spliced.bytes;
    }
    after = outcome.text;
    replacements += outcome.replacements;
  }

  if (!file.exists) return { ok: true, after, bytes: encodeTextFile(after, DEFAULT_TEXT_FORMAT), replacements };
  if (!splicing) return { ok: true, after, bytes: encodeTextFile(after, file.format), replacements };
  const verified = verifiedSplice(file.bytes, bytes, file.format, after);
  if (!verified) {
    return {
      ok: false,
      message: `${file.filePath} holds bytes that are not valid UTF-8, and this edit could not be saved without changing them. Make this change through Bash with a byte-safe tool (e.g. \`perl -pi -e\`).`,
    };
  }
  return { ok: true, after, bytes: verified, replacements };
}

export async function applyEditsToFile(
  rawPath: string,
  edits: readonly StringEdit[],
  ctx: ToolContext,
  wording: EditWording,
): Promise<{ ok: true; applied: AppliedEdits } | { ok: false; result: ToolResult }> {
  if (ctx.signal.aborted) return { ok: false, result: abortedResult() };
  const filePath = resolveToolPath(rawPath, ctx);
  const loaded = await loadFileForChange(filePath, ctx, 'edit');
  if (!loaded.ok) return { ok: false, result: loaded.result };
  const file = loaded.file;

  if (!file.exists && edits[0]?.old_string !== '') {
    return { ok: false, result: errorResult(`File does not exist: ${filePath}.${await missingFileHint(filePath)} ${wording.howToCreate}`) };
  }
  const edited = editContent(file, edits);
  if (!edited.ok) {
    const message = edited.index === undefined ? edited.message : wording.failure(edited.message, edited.index);
    return { ok: false, result: errorResult(message) };
  }
  if (ctx.signal.aborted) return { ok: false, result: abortedResult() };

  const writeError = await writeFileBytes(filePath, edited.bytes, ctx);
  if (writeError) return { ok: false, result: writeError };
  const before = file.exists ? file.text : '';
  return { ok: true, applied: { filePath, before, after: edited.after, replacements: edited.replacements, created: !file.exists } };
}

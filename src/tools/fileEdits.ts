// The path Edit and MultiEdit share: load a file for change, apply exact-text edits in order to
// its text, and write it back in its own format. Each tool words its own messages.
import { loadFileForChange, writeFileBytes } from './editableFile.js';
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
    `${describeLineRange(firstLine, lastLine)[0]!.toUpperCase()}${describeLineRange(firstLine, lastLine).slice(1)} of ${filePath}, where this edit replaces text, ` +
    'hold bytes that are not valid UTF-8 (Read shows them as �); saving the edit would lose them. ' +
    'Keep old_string clear of those bytes, or make this change through Bash with a byte-safe tool (e.g. `perl -pi -e`).'
  );
}

const UNSPLICEABLE_MESSAGE =
  'holds bytes that are not valid UTF-8, and this edit could not be saved without changing them. Make this change through Bash with a byte-safe tool (e.g. `perl -pi -e`).';

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
  const before = file.exists ? file.text : '';
  // Edits apply to the text; the same replacements are spliced into the file's bytes, so nothing
  // outside them changes on disk (UTF-16 files are re-encoded whole: their decoding is lossless).
  const splicing = file.exists && file.format.encoding === 'utf8';
  let after = before;
  let bytes = file.exists ? file.bytes : Buffer.alloc(0);
  let replacements = 0;
  for (const [index, edit] of edits.entries()) {
    const outcome = applyStringEdit(after, edit, { afterEarlierEdits: index > 0 });
    if (!outcome.ok) return { ok: false, result: errorResult(wording.failure(outcome.message, index)) };
    if (splicing) {
      const spliced = spliceReplacements(bytes, file.format, after, {
        indices: outcome.indices,
        oldLength: outcome.oldText.length,
        newText: outcome.newText,
      });
      if (!spliced.ok) {
        return { ok: false, result: errorResult(wording.failure(invalidUtf8Message(filePath, spliced.firstLine, spliced.lastLine), index)) };
      }
      bytes = spliced.bytes;
    }
    after = outcome.text;
    replacements += outcome.replacements;
  }
  if (ctx.signal.aborted) return { ok: false, result: abortedResult() };

  if (!file.exists) bytes = encodeTextFile(after, DEFAULT_TEXT_FORMAT);
  else if (!splicing) bytes = encodeTextFile(after, file.format);
  else {
    const verified = verifiedSplice(file.bytes, bytes, file.format, after);
    if (!verified) return { ok: false, result: errorResult(`${filePath} ${UNSPLICEABLE_MESSAGE}`) };
    bytes = verified;
  }
  const writeError = await writeFileBytes(filePath, bytes, ctx);
  if (writeError) return { ok: false, result: writeError };
  return { ok: true, applied: { filePath, before, after, replacements, created: !file.exists } };
}

import { z } from 'zod';
import { snippetOfChange } from './editSnippet.js';
import { loadFileForChange, writeTextFile } from './editableFile.js';
import { missingFileHint } from './similarPaths.js';
import { applyStringEdit } from './stringEdit.js';
import { DEFAULT_TEXT_FORMAT } from './textFileCodec.js';
import { abortedResult, errorResult, resolveToolPath } from './toolPath.js';
import type { Tool, ToolContext, ToolResult } from './types.js';

const editSchema = z.object({
  old_string: z.string().describe('The exact text to replace'),
  new_string: z.string().describe('The text to replace it with (must differ from old_string)'),
  replace_all: z
    .boolean()
    .optional()
    .describe('Replace every occurrence of old_string instead of requiring exactly one (default false)'),
});

const inputSchema = z.object({
  file_path: z.string().describe('Absolute path of the file to modify'),
  edits: z.array(editSchema).min(1).describe('Edits applied one after another, each to the result of the previous one'),
});

type MultiEditInput = z.infer<typeof inputSchema>;

const description = `Makes several exact-text replacements in one file in a single, all-or-nothing operation.

- Same rules as Edit for each edit: Read the file first; old_string must match exactly (no line-number prefixes) and be unique unless replace_all is set; new_string must differ.
- Edits apply in order, each to the text produced by the ones before it, so a later edit must match the text as earlier edits left it.
- If any edit fails, nothing is written and the error says which edit failed.
- To create a file, give a path that does not exist and an empty old_string in the first edit.
- Prefer this over several Edit calls on the same file.`;

async function runMultiEdit(input: MultiEditInput, ctx: ToolContext): Promise<ToolResult> {
  if (ctx.signal.aborted) return abortedResult();
  const filePath = resolveToolPath(input.file_path, ctx);
  const loaded = await loadFileForChange(filePath, ctx, { allowBinary: false });
  if (!loaded.ok) return loaded.result;
  const file = loaded.file;

  if (!file.exists && input.edits[0]?.old_string !== '') {
    return errorResult(
      `File does not exist: ${filePath}.${await missingFileHint(filePath)} To create it, make the first edit's old_string empty, or use Write.`,
    );
  }
  const before = file.exists ? file.text : '';
  let text = before;
  let replacements = 0;
  for (const [index, edit] of input.edits.entries()) {
    const outcome = applyStringEdit(text, edit);
    if (!outcome.ok) {
      return errorResult(
        `Edit ${index + 1} of ${input.edits.length} failed: ${outcome.message} No changes were written to the file.`,
      );
    }
    text = outcome.text;
    replacements += outcome.replacements;
  }
  if (ctx.signal.aborted) return abortedResult();

  const writeError = await writeTextFile(filePath, text, file.exists ? file.format : DEFAULT_TEXT_FORMAT, ctx);
  if (writeError) return writeError;

  const data = { filePath, edits: input.edits.length, replacements, created: !file.exists };
  if (!file.exists) return { content: `Created ${filePath} with ${input.edits.length} edits applied.`, data };
  return {
    content: `Applied ${input.edits.length} edit${input.edits.length === 1 ? '' : 's'} to ${filePath}. The changed region now reads (cat -n):\n${snippetOfChange(before, text)}`,
    data,
  };
}

export const multiEditTool: Tool<typeof inputSchema> = {
  name: 'MultiEdit',
  description,
  inputSchema,
  isReadOnly: () => false,
  run: runMultiEdit,
};

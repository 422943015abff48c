import { z } from 'zod';
import { snippetOfChange } from './editSnippet.js';
import { loadFileForChange, writeTextFile } from './editableFile.js';
import { missingFileHint } from './similarPaths.js';
import { applyStringEdit } from './stringEdit.js';
import { DEFAULT_TEXT_FORMAT } from './textFileCodec.js';
import { abortedResult, errorResult, resolveToolPath } from './toolPath.js';
import type { Tool, ToolContext, ToolResult } from './types.js';

const inputSchema = z.object({
  file_path: z.string().describe('Absolute path of the file to modify'),
  old_string: z.string().describe('The exact text to replace'),
  new_string: z.string().describe('The text to replace it with (must differ from old_string)'),
  replace_all: z
    .boolean()
    .optional()
    .describe('Replace every occurrence of old_string instead of requiring exactly one (default false)'),
});

type EditInput = z.infer<typeof inputSchema>;

const description = `Replaces exact text in a file.

- You must Read the file in this session before editing it; the edit fails if the file changed on disk since you read it (Read it again then).
- old_string must match the file exactly, including whitespace and indentation. Copy it from Read output without the line-number prefix (everything up to and including the tab).
- The edit fails if old_string is not found, or if it occurs more than once: add surrounding lines to make it unique, or set replace_all to replace every occurrence (useful for renaming).
- new_string must differ from old_string.
- Line endings and a byte-order mark in the file are preserved; write old_string and new_string with plain \\n.
- To create a new file, use Write (or Edit with an empty old_string on a path that does not exist).
- Prefer editing existing files over creating new ones. For several changes to one file, use MultiEdit.`;

async function runEdit(input: EditInput, ctx: ToolContext): Promise<ToolResult> {
  if (ctx.signal.aborted) return abortedResult();
  const filePath = resolveToolPath(input.file_path, ctx);
  const loaded = await loadFileForChange(filePath, ctx, { allowBinary: false });
  if (!loaded.ok) return loaded.result;
  const file = loaded.file;

  if (!file.exists && input.old_string !== '') {
    return errorResult(
      `File does not exist: ${filePath}.${await missingFileHint(filePath)} To create a new file, use Write or pass an empty old_string.`,
    );
  }
  const before = file.exists ? file.text : '';
  const outcome = applyStringEdit(before, input);
  if (!outcome.ok) return errorResult(outcome.message);
  if (ctx.signal.aborted) return abortedResult();

  const writeError = await writeTextFile(filePath, outcome.text, file.exists ? file.format : DEFAULT_TEXT_FORMAT, ctx);
  if (writeError) return writeError;

  const data = { filePath, replacements: outcome.replacements, created: !file.exists };
  if (!file.exists) return { content: `Created ${filePath}.`, data };
  const count = input.replace_all
    ? ` (${outcome.replacements} occurrence${outcome.replacements === 1 ? '' : 's'} replaced)`
    : '';
  return {
    content: `The file ${filePath} has been updated${count}. The edited region now reads (cat -n):\n${snippetOfChange(before, outcome.text)}`,
    data,
  };
}

export const editTool: Tool<typeof inputSchema> = {
  name: 'Edit',
  description,
  inputSchema,
  isReadOnly: () => false,
  run: runEdit,
};

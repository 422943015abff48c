import { z } from 'zod';
import { snippetOfChange } from './editSnippet.js';
import { applyEditsToFile } from './fileEdits.js';
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
  const edited = await applyEditsToFile(input.file_path, [input], ctx, {
    howToCreate: 'To create a new file, use Write or pass an empty old_string.',
    failure: (message) => message,
  });
  if (!edited.ok) return edited.result;
  const { filePath, before, after, replacements, created } = edited.applied;

  const data = { filePath, replacements, created };
  if (created) return { content: `Created ${filePath}.`, data };
  const count = input.replace_all ? ` (${replacements} occurrence${replacements === 1 ? '' : 's'} replaced)` : '';
  return {
    content: `The file ${filePath} has been updated${count}. The edited region now reads (cat -n):\n${snippetOfChange(before, after)}`,
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

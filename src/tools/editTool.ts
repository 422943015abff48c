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

- Read the file in this session first; if it changed on disk since, Read it again.
- old_string must match the file exactly, whitespace and indentation included. Copy it from Read output without the line-number prefix (everything up to and including the tab).
- old_string must be unique: add surrounding lines, or set replace_all to change every occurrence (e.g. a rename). On a miss the error shows the most similar lines; nothing inexact is ever applied.
- new_string is literal text ($ is not special) and must differ from old_string.
- Line endings, a byte-order mark and all bytes outside the replaced text are kept; write old_string and new_string with plain \\n.
- Use Edit rather than sed or echo through Bash. For several changes to one file use MultiEdit; to create a file use Write.`;

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

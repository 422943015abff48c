import { z } from 'zod';
import { snippetOfChange } from './editSnippet.js';
import { applyEditsToFile } from './fileEdits.js';
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

const description = `Makes several exact-text replacements in one file, all or nothing.

- Each edit follows Edit's rules: Read the file first; old_string exact (no line-number prefixes) and unique unless replace_all; new_string literal and different.
- Edits apply in order, each to the text the earlier ones produced, so a later old_string must match that text.
- If any edit fails, nothing is written and the error names the failing edit.
- To create a file, give a path that does not exist and an empty old_string in the first edit.
- Prefer this over several Edit calls on the same file.`;

async function runMultiEdit(input: MultiEditInput, ctx: ToolContext): Promise<ToolResult> {
  const count = input.edits.length;
  const edited = await applyEditsToFile(input.file_path, input.edits, ctx, {
    howToCreate: "To create it, make the first edit's old_string empty, or use Write.",
    failure: (message, index) => `Edit ${index + 1} of ${count} failed: ${message} No changes were written to the file.`,
  });
  if (!edited.ok) return edited.result;
  const { filePath, before, after, replacements, created } = edited.applied;

  const data = { filePath, edits: count, replacements, created };
  if (created) return { content: `Created ${filePath} with ${count} edits applied.`, data };
  return {
    content: `Applied ${count} edit${count === 1 ? '' : 's'} to ${filePath}. The changed region now reads (cat -n):\n${snippetOfChange(before, after)}`,
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

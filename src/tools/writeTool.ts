import { z } from 'zod';
import { loadFileForChange, writeFileBytes } from './editableFile.js';
import { splitLines } from './lineNumbers.js';
import { DEFAULT_TEXT_FORMAT, encodeTextFile, normalizeLineEndings } from './textFileCodec.js';
import { abortedResult, resolveToolPath } from './toolPath.js';
import type { Tool, ToolContext, ToolResult } from './types.js';

const inputSchema = z.object({
  file_path: z.string().describe('Absolute path of the file to write (parent directories are created)'),
  content: z.string().describe('The complete new content of the file'),
});

type WriteInput = z.infer<typeof inputSchema>;

const description = `Writes a file, replacing it completely if it exists.

- file_path should be absolute. Missing parent directories are created.
- Overwriting an existing file requires that you Read it in this session first, and fails if it changed on disk since (Read it again then).
- An existing file keeps its line endings (CRLF stays CRLF) and its byte-order mark.
- To change part of a file, use Edit or MultiEdit: they send only the difference. Do not write files through Bash (echo, heredocs).
- Do not create files nobody asked for (documentation, READMEs) unless the task needs them.`;

async function runWrite(input: WriteInput, ctx: ToolContext): Promise<ToolResult> {
  if (ctx.signal.aborted) return abortedResult();
  const filePath = resolveToolPath(input.file_path, ctx);
  const loaded = await loadFileForChange(filePath, ctx, 'overwrite');
  if (!loaded.ok) return loaded.result;
  const file = loaded.file;

  const format = file.exists ? file.format : DEFAULT_TEXT_FORMAT;
  const writeError = await writeFileBytes(filePath, encodeTextFile(input.content, format), ctx);
  if (writeError) return writeError;

  const lineCount = splitLines(normalizeLineEndings(input.content)).length;
  const lines = `${lineCount} line${lineCount === 1 ? '' : 's'}`;
  return file.exists
    ? { content: `The file ${filePath} has been updated (${lines}).`, data: { filePath, type: 'update', lines: lineCount } }
    : { content: `File created at ${filePath} (${lines}).`, data: { filePath, type: 'create', lines: lineCount } };
}

export const writeTool: Tool<typeof inputSchema> = {
  name: 'Write',
  description,
  inputSchema,
  isReadOnly: () => false,
  run: runWrite,
};

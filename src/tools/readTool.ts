import { readFile, stat } from 'node:fs/promises';
import { z } from 'zod';
import { takeSnapshot } from './fileReadLedger.js';
import { MAX_IMAGE_BYTES, hasImageExtension, sniffImageMediaType } from './imageFile.js';
import { numberedLine, splitLines } from './lineNumbers.js';
import { missingFileHint } from './similarPaths.js';
import { decodeTextFile, looksBinary } from './textFileCodec.js';
import { abortedResult, describeFsError, errorResult, resolveToolPath } from './toolPath.js';
import type { Tool, ToolContext, ToolResult } from './types.js';

export const DEFAULT_READ_LINE_LIMIT = 2000;
export const MAX_READ_LINE_LENGTH = 2000;
/** Roughly 25k tokens: a whole page of long lines must not flood the context. */
export const MAX_READ_OUTPUT_CHARS = 100_000;
/** Larger files are refused up front instead of being loaded into memory. */
export const MAX_READ_FILE_BYTES = 50 * 1024 * 1024;

const inputSchema = z.object({
  file_path: z.string().describe('Absolute path of the file to read'),
  offset: z
    .number()
    .int()
    .min(0)
    .optional()
    .describe('1-based line number to start reading from. Only needed for files too long to read at once'),
  limit: z
    .number()
    .int()
    .positive()
    .optional()
    .describe('How many lines to read. Only needed for files too long to read at once'),
});

type ReadInput = z.infer<typeof inputSchema>;

export interface ReadData {
  filePath: string;
  numLines: number;
  startLine: number;
  totalLines: number;
}

const description = `Reads a file from the local filesystem and returns its contents with line numbers.

- file_path should be an absolute path (a relative path is resolved against the current working directory).
- By default up to ${DEFAULT_READ_LINE_LIMIT} lines are returned from the start of the file. For long files, pass offset (1-based line) and limit to read a specific part; otherwise read the whole file.
- Output is in \`cat -n\` style: the line number, a tab, then the line. The number and tab are not part of the file: never include them in old_string when you Edit.
- Lines longer than ${MAX_READ_LINE_LENGTH} characters are cut off.
- PNG, JPEG, GIF and WebP images are returned as images you can see.
- Directories cannot be read: use Glob, or \`ls\` through Bash. Other binary files are refused.
- You must Read a file before you Edit or overwrite it with Write.
- Reading several files you will probably need is best done with several Read calls in one response, which run in parallel.
- A file that exists but is empty yields a warning instead of content.`;

function readImage(filePath: string, bytes: Buffer, mediaType: string): ToolResult {
  if (bytes.length > MAX_IMAGE_BYTES) {
    return errorResult(
      `Image ${filePath} is ${bytes.length} bytes, more than the ${MAX_IMAGE_BYTES}-byte limit. ` +
        'Make a smaller copy (for example with ImageMagick through Bash) and Read that.',
    );
  }
  return {
    content: [{ type: 'image', source: { type: 'base64', media_type: mediaType, data: bytes.toString('base64') } }],
    data: { filePath, mediaType, sizeBytes: bytes.length },
  };
}

function readTextPage(filePath: string, lines: string[], input: ReadInput): { content: string; data: ReadData; partial: boolean } {
  const totalLines = lines.length;
  const startLine = Math.max(input.offset ?? 1, 1);
  const data: ReadData = { filePath, numLines: 0, startLine, totalLines };
  if (totalLines === 0) {
    return {
      content: '<system-reminder>Warning: the file exists but its contents are empty.</system-reminder>',
      data,
      partial: false,
    };
  }
  if (startLine > totalLines) {
    return {
      content: `<system-reminder>Warning: the file has only ${totalLines} line${totalLines === 1 ? '' : 's'}, but offset ${startLine} was requested. Use an offset between 1 and ${totalLines}.</system-reminder>`,
      data,
      partial: true,
    };
  }

  const requested = lines.slice(startLine - 1, startLine - 1 + (input.limit ?? DEFAULT_READ_LINE_LIMIT));
  const output: string[] = [];
  const cutLines: number[] = [];
  let outputChars = 0;
  for (const [index, line] of requested.entries()) {
    const lineNumber = startLine + index;
    const shown = line.length > MAX_READ_LINE_LENGTH ? line.slice(0, MAX_READ_LINE_LENGTH) : line;
    const formatted = numberedLine(lineNumber, shown);
    // Always show at least one line, so a single huge page still makes progress.
    if (output.length > 0 && outputChars + formatted.length + 1 > MAX_READ_OUTPUT_CHARS) break;
    if (shown !== line) cutLines.push(lineNumber);
    output.push(formatted);
    outputChars += formatted.length + 1;
  }

  const endLine = startLine + output.length - 1;
  const notes: string[] = [];
  if (cutLines.length > 0) {
    const listed = cutLines.slice(0, 10).join(', ') + (cutLines.length > 10 ? ', …' : '');
    notes.push(
      `[Line${cutLines.length === 1 ? '' : 's'} ${listed} ${cutLines.length === 1 ? 'is' : 'are'} longer than ${MAX_READ_LINE_LENGTH} characters and ${cutLines.length === 1 ? 'was' : 'were'} truncated. Use Bash (e.g. cut or sed) or Grep to see the rest.]`,
    );
  }
  if (endLine < totalLines) {
    notes.push(
      `[Showing lines ${startLine}-${endLine} of ${totalLines}. To read more, call Read with offset ${endLine + 1}.]`,
    );
  }
  const content = notes.length > 0 ? `${output.join('\n')}\n\n${notes.join('\n')}` : output.join('\n');
  return {
    content,
    data: { ...data, numLines: output.length },
    partial: startLine > 1 || endLine < totalLines || cutLines.length > 0,
  };
}

async function runRead(input: ReadInput, ctx: ToolContext): Promise<ToolResult> {
  if (ctx.signal.aborted) return abortedResult();
  const filePath = resolveToolPath(input.file_path, ctx);
  let stats;
  try {
    stats = await stat(filePath);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return errorResult(`File does not exist: ${filePath}.${await missingFileHint(filePath)}`);
    return errorResult(describeFsError(error, filePath));
  }
  if (stats.isDirectory()) {
    return errorResult(`${filePath} is a directory, not a file. Use Glob to find files in it, or \`ls\` through Bash.`);
  }
  if (!stats.isFile()) return errorResult(`${filePath} is not a regular file (device, socket or pipe) and cannot be read.`);
  if (stats.size > MAX_READ_FILE_BYTES) {
    return errorResult(
      `${filePath} is ${stats.size} bytes, too large to Read. Use Grep to find the relevant part, or Bash (head, tail, sed -n) to view a slice.`,
    );
  }

  let bytes: Buffer;
  try {
    bytes = await readFile(filePath, { signal: ctx.signal });
  } catch (error) {
    if (ctx.signal.aborted) return abortedResult();
    return errorResult(describeFsError(error, filePath));
  }
  const snapshot = takeSnapshot(stats, bytes);

  if (hasImageExtension(filePath)) {
    const mediaType = sniffImageMediaType(bytes);
    if (mediaType) {
      const result = readImage(filePath, bytes, mediaType);
      if (!result.isError) ctx.readLedger.record(filePath, snapshot);
      return result;
    }
  }
  if (looksBinary(bytes)) {
    return errorResult(
      `${filePath} looks like a binary file (it contains NUL bytes). Read shows text and PNG/JPEG/GIF/WebP images only; inspect other files with Bash (e.g. \`file\`, \`xxd | head\`).`,
    );
  }

  const page = readTextPage(filePath, splitLines(decodeTextFile(bytes).text), input);
  ctx.readLedger.record(filePath, snapshot, { partial: page.partial });
  return { content: page.content, data: page.data };
}

export const readTool: Tool<typeof inputSchema> = {
  name: 'Read',
  description,
  inputSchema,
  isReadOnly: () => true,
  run: runRead,
};

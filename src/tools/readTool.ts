import { open, readFile, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import type { Stats } from 'node:fs';
import { z } from 'zod';
import { takeSnapshot } from './fileReadLedger.js';
import { hasImageExtension, sniffImageMediaType } from './imageFile.js';
import { fitImageForModel } from './imageResize.js';
import { parseNotebook } from './notebookFormat.js';
import { renderNotebook } from './notebookRender.js';
import { MAX_PDF_PAGES_PER_READ, PDF_PAGES_WITHOUT_SELECTION } from './pdfPages.js';
import { isPdf, readPdf } from './readPdf.js';
import {
  DEFAULT_READ_LINE_LIMIT,
  MAX_READ_LINE_LENGTH,
  MAX_READ_OUTPUT_CHARS,
  MAX_WHOLE_READ_BYTES,
  formatMegabytes,
} from './readLimits.js';
import { missingFileHint } from './similarPaths.js';
import { MAX_UTF16_FILE_BYTES, scanTextFile } from './textFileScan.js';
import { decodeTextFile, looksBinary } from './textFileCodec.js';
import { formatTextPage } from './textPage.js';
import { abortedResult, describeFsError, errorResult, resolveToolPath } from './toolPath.js';
import type { Tool, ToolContext, ToolResult } from './types.js';

export { DEFAULT_READ_LINE_LIMIT, MAX_READ_LINE_LENGTH, MAX_READ_OUTPUT_CHARS } from './readLimits.js';
export type { ReadData } from './textPage.js';

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
  pages: z
    .string()
    .optional()
    .describe(`PDF page range, e.g. "3", "1-5" or "2,4-6" (at most ${MAX_PDF_PAGES_PER_READ} pages). Required for PDFs over ${PDF_PAGES_WITHOUT_SELECTION} pages`),
});

type ReadInput = z.infer<typeof inputSchema>;

const description = `Reads a file from the local filesystem and returns its contents with line numbers.

- file_path should be an absolute path (a relative path is resolved against the current working directory).
- By default up to ${DEFAULT_READ_LINE_LIMIT} lines are returned from the start of the file. For long files, pass offset (1-based line) and limit to read a specific part; otherwise read the whole file.
- Output is in \`cat -n\` style: the line number, a tab, then the line. The number and tab are not part of the file: never include them in old_string when you Edit.
- Lines longer than ${MAX_READ_LINE_LENGTH} characters are cut off.
- PNG, JPEG, GIF and WebP images are returned as images you can see (large ones downscaled).
- PDFs: pass pages ("1-5") for more than ${PDF_PAGES_WITHOUT_SELECTION} pages; at most ${MAX_PDF_PAGES_PER_READ} pages per call.
- Jupyter notebooks (.ipynb) are shown cell by cell with their outputs; cell ids are what NotebookEdit takes.
- Directories cannot be read: use Glob, or \`ls\` through Bash. Other binary files are refused.
- You must Read a file before you Edit or overwrite it with Write.
- Reading several files you will probably need is best done with several Read calls in one response, which run in parallel.
- A file that exists but is empty yields a warning instead of content.`;

type FileKind = { kind: 'image'; mediaType: string } | { kind: 'pdf' } | { kind: 'notebook' } | { kind: 'text' };

/** What the file is, from its first bytes (and, for images and notebooks, its name). */
async function classify(filePath: string, input: ReadInput): Promise<FileKind> {
  const handle = await open(filePath, 'r');
  let head: Buffer;
  try {
    const buffer = Buffer.alloc(16);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    head = buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
  if (hasImageExtension(filePath)) {
    const mediaType = sniffImageMediaType(head);
    if (mediaType) return { kind: 'image', mediaType };
  }
  if (isPdf(head)) return { kind: 'pdf' };
  // offset/limit on a notebook ask for its raw JSON.
  if (extname(filePath).toLowerCase() === '.ipynb' && input.offset === undefined && input.limit === undefined) {
    return { kind: 'notebook' };
  }
  return { kind: 'text' };
}

const binaryFileMessage = (filePath: string) =>
  `${filePath} looks like a binary file (it contains NUL bytes). Read shows text, images, PDFs and notebooks only; inspect other files with Bash (e.g. \`file\`, \`xxd | head\`).`;

async function readText(filePath: string, stats: Stats, input: ReadInput, ctx: ToolContext, lead?: string): Promise<ToolResult> {
  const startLine = Math.max(input.offset ?? 1, 1);
  const scan = await scanTextFile(
    filePath,
    stats,
    { startLine, maxLines: input.limit ?? DEFAULT_READ_LINE_LIMIT, maxLineChars: MAX_READ_LINE_LENGTH, maxChars: MAX_READ_OUTPUT_CHARS },
    ctx.signal,
  );
  if (scan.kind === 'aborted') return abortedResult();
  if (scan.kind === 'binary') return errorResult(binaryFileMessage(filePath));
  if (scan.kind === 'utf16TooLarge') {
    return errorResult(
      `${filePath} is a UTF-16 text file of ${formatMegabytes(stats.size)}; Read handles UTF-16 files up to ${formatMegabytes(MAX_UTF16_FILE_BYTES)}. ` +
        'Convert a copy to UTF-8 through Bash (`iconv -f UTF-16LE -t UTF-8`) or search it with Grep.',
    );
  }
  const wholeFile = input.offset === undefined && input.limit === undefined;
  const page = formatTextPage(filePath, scan, { startLine, wholeFile, fileSize: stats.size });
  ctx.readLedger.record(filePath, scan.snapshot, { partial: page.partial });
  return { content: lead ? `${lead}\n\n${page.content}` : page.content, data: page.data };
}

async function readImage(filePath: string, bytes: Buffer, mediaType: string): Promise<ToolResult> {
  const fitted = await fitImageForModel(bytes, mediaType);
  if (!fitted.ok) return errorResult(`Cannot send ${filePath} to the model. ${fitted.message}`);
  return {
    content: [
      { type: 'image', source: { type: 'base64', media_type: fitted.mediaType, data: fitted.bytes.toString('base64') } },
      ...(fitted.note ? [{ type: 'text' as const, text: fitted.note }] : []),
    ],
    data: {
      type: 'image',
      filePath,
      mediaType: fitted.mediaType,
      originalSizeBytes: bytes.length,
      sizeBytes: fitted.bytes.length,
      originalWidth: fitted.original?.width,
      originalHeight: fitted.original?.height,
      width: fitted.final?.width,
      height: fitted.final?.height,
      resized: fitted.resized,
    },
  };
}

async function readNotebook(filePath: string, stats: Stats, bytes: Buffer, input: ReadInput, ctx: ToolContext): Promise<ToolResult> {
  if (looksBinary(bytes)) return errorResult(binaryFileMessage(filePath));
  const parsed = parseNotebook(decodeTextFile(bytes).text);
  if (!parsed.ok) {
    return readText(filePath, stats, input, ctx, `[${filePath} is not a readable Jupyter notebook (${parsed.message}); shown as text.]`);
  }
  const rendered = renderNotebook(parsed.notebook, filePath);
  ctx.readLedger.record(filePath, takeSnapshot(stats, bytes), { partial: rendered.truncated });
  return {
    content: rendered.content,
    data: { type: 'notebook', filePath, cells: parsed.notebook.cells.length, cellsShown: rendered.cellsShown },
  };
}

async function runRead(input: ReadInput, ctx: ToolContext): Promise<ToolResult> {
  if (ctx.signal.aborted) return abortedResult();
  const filePath = resolveToolPath(input.file_path, ctx);
  let stats: Stats;
  let kind: FileKind;
  try {
    stats = await stat(filePath);
    if (stats.isDirectory()) {
      return errorResult(`${filePath} is a directory, not a file. Use Glob to find files in it, or \`ls\` through Bash.`);
    }
    if (!stats.isFile()) return errorResult(`${filePath} is not a regular file (device, socket or pipe) and cannot be read.`);
    kind = await classify(filePath, input);
    if (kind.kind === 'text') return await readText(filePath, stats, input, ctx);
  } catch (error) {
    if (ctx.signal.aborted) return abortedResult();
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return errorResult(`File does not exist: ${filePath}.${await missingFileHint(filePath)}`);
    return errorResult(describeFsError(error, filePath));
  }

  if (stats.size > MAX_WHOLE_READ_BYTES) {
    return errorResult(
      `${filePath} is ${formatMegabytes(stats.size)}; images, PDFs and notebooks are read whole, up to ${formatMegabytes(MAX_WHOLE_READ_BYTES)}. ` +
        'Extract the part you need through Bash first.',
    );
  }
  let bytes: Buffer;
  try {
    bytes = await readFile(filePath, { signal: ctx.signal });
  } catch (error) {
    if (ctx.signal.aborted) return abortedResult();
    return errorResult(describeFsError(error, filePath));
  }

  let result: ToolResult;
  if (kind.kind === 'notebook') return readNotebook(filePath, stats, bytes, input, ctx);
  if (kind.kind === 'image') result = await readImage(filePath, bytes, kind.mediaType);
  else result = await readPdf(filePath, bytes, input.pages, ctx.modelFeatures, ctx.signal);
  if (!result.isError) ctx.readLedger.record(filePath, takeSnapshot(stats, bytes));
  return result;
}

export const readTool: Tool<typeof inputSchema> = {
  name: 'Read',
  description,
  inputSchema,
  isReadOnly: () => true,
  run: runRead,
};

// Turns a window of a text file's lines into Read's `cat -n` page with the notes the model needs:
// cut lines, invalid UTF-8, and where to continue.
import { numberedLine } from './lineNumbers.js';
import { MAX_READ_LINE_LENGTH, MAX_READ_OUTPUT_CHARS, formatMegabytes } from './readLimits.js';
import type { WindowLine } from './textFileScan.js';

export interface ReadData {
  filePath: string;
  numLines: number;
  startLine: number;
  totalLines: number;
}

export interface TextPage {
  content: string;
  data: ReadData;
  /** The model saw only part of the file. */
  partial: boolean;
}

/** Whole-file reads of files above this size also suggest Grep. */
const LARGE_FILE_BYTES = 1024 * 1024;

function listLines(numbers: number[]): string {
  const listed = numbers.slice(0, 10).join(', ') + (numbers.length > 10 ? ', …' : '');
  return `${numbers.length === 1 ? 'Line' : 'Lines'} ${listed}`;
}

export function formatTextPage(
  filePath: string,
  window: { lines: WindowLine[]; totalLines: number },
  request: { startLine: number; wholeFile: boolean; fileSize: number },
): TextPage {
  const { totalLines } = window;
  const { startLine } = request;
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

  const output: string[] = [];
  const cutLines: number[] = [];
  const invalidLines: number[] = [];
  let outputChars = 0;
  for (const [index, line] of window.lines.entries()) {
    const lineNumber = startLine + index;
    const formatted = numberedLine(lineNumber, line.text);
    // Always show at least one line, so a single huge page still makes progress.
    if (output.length > 0 && outputChars + formatted.length + 1 > MAX_READ_OUTPUT_CHARS) break;
    if (line.cut) cutLines.push(lineNumber);
    if (line.invalidUtf8) invalidLines.push(lineNumber);
    output.push(formatted);
    outputChars += formatted.length + 1;
  }

  const endLine = startLine + output.length - 1;
  const notes: string[] = [];
  if (cutLines.length > 0) {
    const verb = cutLines.length === 1 ? 'is' : 'are';
    notes.push(
      `[${listLines(cutLines)} ${verb} longer than ${MAX_READ_LINE_LENGTH} characters and ${cutLines.length === 1 ? 'was' : 'were'} truncated. Use Bash (e.g. cut or sed) or Grep to see the rest.]`,
    );
  }
  if (invalidLines.length > 0) {
    notes.push(
      `[The file is not valid UTF-8: ${listLines(invalidLines).toLowerCase()} ${invalidLines.length === 1 ? 'contains' : 'contain'} invalid bytes, shown as \uFFFD.]`,
    );
  }
  if (endLine < totalLines) {
    const large = request.wholeFile && request.fileSize > LARGE_FILE_BYTES;
    const size = large ? ` (the file is ${formatMegabytes(request.fileSize)}; use Grep to find the part you need)` : '';
    notes.push(`[Showing lines ${startLine}-${endLine} of ${totalLines}${size}. To read more, call Read with offset ${endLine + 1}.]`);
  }
  const content = notes.length > 0 ? `${output.join('\n')}\n\n${notes.join('\n')}` : output.join('\n');
  return {
    content,
    data: { ...data, numLines: output.length },
    partial: startLine > 1 || endLine < totalLines || cutLines.length > 0,
  };
}

import { stat } from 'node:fs/promises';
import { z } from 'zod';
import {
  type FileLine,
  parseContentLines,
  parseCountLine,
  sortByModifiedTimeDescending,
  splitOutputLines,
  takeLinesWithinChars,
  withoutDeniedFiles,
} from './grepOutput.js';
import { hiddenFilesNote, readDenialCheck } from './readDenial.js';
import { runRipgrep } from './ripgrep.js';
import { abortedResult, describeFsError, errorResult, searchDirectory } from './toolPath.js';
import type { Tool, ToolContext, ToolResult } from './types.js';

/** About 12k tokens: more than this is rarely read and crowds out the rest of the context. */
export const MAX_GREP_OUTPUT_CHARS = 50_000;
const MAX_RIPGREP_OUTPUT_BYTES = 16 * 1024 * 1024;
/** Lines or entries shown when head_limit is not given: enough to act on, not enough to flood. */
export const DEFAULT_HEAD_LIMIT = 250;

const contextLines = (what: string) => z.number().int().min(0).optional().describe(what);

const inputSchema = z.object({
  pattern: z.string().describe('Regular expression to search for in file contents (ripgrep syntax)'),
  path: z.string().optional().describe('File or directory to search in; defaults to the current working directory'),
  glob: z.string().optional().describe('Only search files whose path matches this glob, e.g. "*.js" or "*.{ts,tsx}"'),
  type: z
    .string()
    .optional()
    .describe('Only search files of this ripgrep type, e.g. "js", "py", "rust"; more efficient than glob for standard types'),
  output_mode: z
    .enum(['content', 'files_with_matches', 'count'])
    .optional()
    .describe(
      '"content" shows matching lines, "files_with_matches" lists matching files (default), "count" shows match counts per file',
    ),
  '-i': z.boolean().optional().describe('Case-insensitive search'),
  '-n': z.boolean().optional().describe('Show line numbers (content mode only; default true)'),
  '-A': contextLines('Lines to show after each match (content mode only)'),
  '-B': contextLines('Lines to show before each match (content mode only)'),
  '-C': contextLines('Lines to show before and after each match (content mode only)'),
  head_limit: z
    .number()
    .int()
    .min(0)
    .optional()
    .describe(`Show only the first N lines (content) or entries (files_with_matches, count); default ${DEFAULT_HEAD_LIMIT}; 0 for no limit`),
  multiline: z
    .boolean()
    .optional()
    .describe('Let patterns span lines and "." match newlines (ripgrep -U --multiline-dotall); default false'),
});

type GrepInput = z.infer<typeof inputSchema>;
type OutputMode = NonNullable<GrepInput['output_mode']>;

const description = `Searches file contents with ripgrep. Use it for every content search; do not run grep or rg through Bash.

- pattern is a ripgrep regular expression ("log.*Error", "function\\s+\\w+"). Escape metacharacters to match them literally: "interface\\{\\}" finds "interface{}".
- Narrow the files with glob ("*.js", "**/*.{ts,tsx}") or type ("js", "py", "rust").
- output_mode: "files_with_matches" (default) lists matching files, newest first; "content" shows matching lines with line numbers (-n, default true) and optional context (-A, -B, -C); "count" shows matches per file.
- Output stops at head_limit lines or entries; a note says how many were left out.
- Respects .gitignore; hidden files are searched, .git is skipped. Paths in the output are absolute.
- Patterns match within one line unless multiline is true.
- Run independent searches in parallel: several calls in one response.`;

function ripgrepArgs(input: GrepInput, mode: OutputMode, searchPath: string): string[] {
  // Minified files would otherwise fill the output with one enormous line per match.
  const longLineLimit = ['--max-columns', '500', '--max-columns-preview'];
  const args = ['--no-config', '--hidden', '--glob', '!.git', '--color', 'never', ...longLineLimit];
  if (input['-i']) args.push('--ignore-case');
  if (input.multiline) args.push('--multiline', '--multiline-dotall');
  if (input.type) args.push('--type', input.type);
  for (const glob of input.glob?.split(/\s+/).filter(Boolean) ?? []) args.push('--glob', glob);
  if (mode === 'files_with_matches') args.push('--files-with-matches');
  if (mode === 'count') args.push('--count', '--with-filename');
  if (mode === 'content') {
    // Always numbered: the number's separator tells match from context lines (see parseContentLines).
    args.push('--with-filename', '--null', '--line-number');
    if (input['-C'] !== undefined) args.push('--context', String(input['-C']));
    if (input['-A'] !== undefined) args.push('--after-context', String(input['-A']));
    if (input['-B'] !== undefined) args.push('--before-context', String(input['-B']));
  }
  args.push('--regexp', input.pattern, '--', searchPath);
  return args;
}

/** ripgrep's output lines, each tagged with the file it is about, in the shape the model sees. */
function linesByFile(mode: OutputMode, lines: string[], showLineNumbers: boolean): FileLine[] {
  if (mode === 'files_with_matches') return lines.map((line) => ({ file: line, text: line }));
  if (mode === 'count') return lines.map((line) => ({ file: parseCountLine(line)?.path, text: line }));
  return parseContentLines(lines, showLineNumbers);
}

/**
 * The first `headLimit` lines (default DEFAULT_HEAD_LIMIT, 0 = all) that fit in the output cap, with
 * a note saying how many were left out, so a capped result is never mistaken for a complete one.
 */
function limitEntries(lines: string[], headLimit: number | undefined, unit: string): { shown: string[]; notes: string[] } {
  const limit = headLimit === 0 ? Infinity : (headLimit ?? DEFAULT_HEAD_LIMIT);
  const fitted = takeLinesWithinChars(lines.slice(0, limit), MAX_GREP_OUTPUT_CHARS);
  const omitted = lines.length - fitted.kept.length;
  if (omitted === 0) return { shown: fitted.kept, notes: [] };
  const why =
    fitted.omitted > 0
      ? 'output size limit'
      : headLimit === undefined
        ? `default head_limit ${DEFAULT_HEAD_LIMIT}`
        : `head_limit ${headLimit}`;
  const note = `[Showing the first ${fitted.kept.length} of ${lines.length} ${unit} (${why}); ${omitted} more not shown. Narrow the search with path, glob or type, or raise head_limit.]`;
  return { shown: fitted.kept, notes: [note] };
}

function withNotes(body: string, notes: string[]): string {
  return notes.length > 0 ? `${body}\n${notes.join('\n')}` : body;
}

interface GrepResults {
  content: string;
  data: Record<string, unknown>;
}

async function formatResults(mode: OutputMode, lines: string[], headLimit: number | undefined): Promise<GrepResults> {
  if (mode === 'files_with_matches') {
    const sorted = await sortByModifiedTimeDescending(lines);
    const { shown, notes } = limitEntries(sorted, headLimit, 'files');
    const heading = `Found ${sorted.length} file${sorted.length === 1 ? '' : 's'}`;
    const data = { mode, numFiles: sorted.length, filenames: shown };
    return { content: withNotes(`${heading}\n${shown.join('\n')}`, notes), data };
  }
  if (mode === 'count') {
    const entries = lines.map(parseCountLine).filter((entry) => entry !== undefined);
    const total = entries.reduce((sum, entry) => sum + entry.count, 0);
    const { shown, notes } = limitEntries(lines, headLimit, 'files');
    const summary = `Found ${total} matching line${total === 1 ? '' : 's'} in ${entries.length} file${entries.length === 1 ? '' : 's'}.`;
    const data = { mode, numFiles: entries.length, numMatches: total };
    return { content: withNotes(`${shown.join('\n')}\n\n${summary}`, notes), data };
  }
  const { shown, notes } = limitEntries(lines, headLimit, 'lines');
  return { content: withNotes(shown.join('\n'), notes), data: { mode, numLines: shown.length } };
}

async function runGrep(input: GrepInput, ctx: ToolContext): Promise<ToolResult> {
  if (ctx.signal.aborted) return abortedResult();
  const mode: OutputMode = input.output_mode ?? 'files_with_matches';
  const searchPath = searchDirectory(input.path, ctx);
  try {
    await stat(searchPath);
  } catch (error) {
    return errorResult(describeFsError(error, searchPath).replace(/^File does not exist/, 'Path does not exist'));
  }

  const run = await runRipgrep(ripgrepArgs(input, mode, searchPath), {
    signal: ctx.signal,
    maxOutputBytes: MAX_RIPGREP_OUTPUT_BYTES,
  });
  if (run.aborted) return abortedResult();
  if (run.spawnError) return errorResult(run.spawnError);
  const output = splitOutputLines(run.stdout);
  if (run.exitCode === 2 && output.length === 0) {
    return errorResult(`Grep failed: ${run.stderr.trim() || 'ripgrep exited with status 2'}`);
  }
  const byFile = linesByFile(mode, output, input['-n'] !== false);
  const { lines, hiddenFiles } = withoutDeniedFiles(byFile, readDenialCheck(ctx), searchPath);
  const hiddenNote = hiddenFiles > 0 ? [hiddenFilesNote(hiddenFiles)] : [];
  if (lines.length === 0) return { content: withNotes('No matches found', hiddenNote), data: { mode, numFiles: 0 } };

  const result = await formatResults(mode, lines, input.head_limit);
  const notes: string[] = [...hiddenNote];
  if (run.outputCapped) notes.push('[ripgrep output was too large and was cut short. Narrow the search.]');
  if (run.exitCode === 2) notes.push(`[Some files could not be searched: ${run.stderr.trim().split('\n')[0]}]`);
  return { content: withNotes(result.content, notes), data: result.data };
}

export const grepTool: Tool<typeof inputSchema> = {
  name: 'Grep',
  description,
  inputSchema,
  isReadOnly: () => true,
  run: runGrep,
};

import { stat } from 'node:fs/promises';
import { relative, resolve, sep } from 'node:path';
import picomatch from 'picomatch';
import { z } from 'zod';
import { hiddenFilesNote, readDenialCheck } from './readDenial.js';
import { runRipgrep } from './ripgrep.js';
import { abortedResult, describeFsError, errorResult, searchDirectory } from './toolPath.js';
import type { Tool, ToolContext, ToolResult } from './types.js';

export const MAX_GLOB_RESULTS = 100;
const MAX_LISTING_BYTES = 64 * 1024 * 1024;

const inputSchema = z.object({
  pattern: z.string().describe('Glob pattern to match file paths against, e.g. "**/*.ts" or "src/**/*.{js,jsx}"'),
  path: z
    .string()
    .optional()
    .describe(
      'Directory to search in; omit it to search the current working directory. Do not pass "undefined" or "null"',
    ),
});

type GlobInput = z.infer<typeof inputSchema>;

const description = `Finds files by name with a glob pattern, fast on any size of codebase.

- Patterns match paths relative to the search directory: "*.ts" only directly in it, "**/*.ts" at any depth, "src/**/*.{ts,tsx}" under src. An absolute pattern also works.
- Returns absolute paths, most recently modified first, at most ${MAX_GLOB_RESULTS}; a note says how many more matched (narrow the path or pattern then).
- Does NOT respect .gitignore: build output and node_modules are included (.git is skipped). Hidden files are included.
- Use Glob rather than find or ls through Bash. To search file contents, use Grep.
- Run independent searches in parallel: several calls in one response.`;

function toPosix(path: string): string {
  return sep === '/' ? path : path.split(sep).join('/');
}

async function runGlob(input: GlobInput, ctx: ToolContext): Promise<ToolResult> {
  if (ctx.signal.aborted) return abortedResult();
  const started = Date.now();
  const searchRoot = searchDirectory(input.path, ctx);
  try {
    const rootStats = await stat(searchRoot);
    if (!rootStats.isDirectory()) return errorResult(`Path is not a directory: ${searchRoot}`);
  } catch (error) {
    return errorResult(describeFsError(error, searchRoot).replace(/^File does not exist/, 'Directory does not exist'));
  }

  // Walk only below the pattern's literal prefix: "src/**/*.ts" never lists node_modules.
  const scan = picomatch.scan(input.pattern.replace(/^\.\//, ''));
  const walkDir = resolve(searchRoot, scan.base);
  const isDenied = readDenialCheck(ctx);
  const listing = scan.isGlob
    ? await listMatchingFiles(walkDir, scan.glob, isDenied, ctx.signal)
    : await listLiteralFile(walkDir, isDenied);
  if ('content' in listing) return listing;

  const { filenames, totalMatches } = listing;
  const truncated = totalMatches > filenames.length;
  const data = { filenames, numFiles: filenames.length, totalMatches, truncated, durationMs: Date.now() - started };
  const notes: string[] = [];
  if (truncated) {
    notes.push(
      `(Results are truncated: showing the ${filenames.length} most recently modified of ${totalMatches} matching files; ${totalMatches - filenames.length} more not shown. Use a more specific path or pattern.)`,
    );
  }
  if (listing.listingCapped) notes.push('(The directory tree was too large to list completely; narrow the path.)');
  if (listing.hiddenFiles > 0) notes.push(hiddenFilesNote(listing.hiddenFiles));
  const body = filenames.length === 0 ? 'No files found' : filenames.join('\n');
  return { content: [body, ...notes].join('\n'), data };
}

interface Listing {
  filenames: string[];
  totalMatches: number;
  listingCapped: boolean;
  /** Matches left out because a deny rule forbids reading them. */
  hiddenFiles: number;
}

async function listLiteralFile(path: string, isDenied: (path: string) => boolean): Promise<Listing> {
  const stats = await stat(path).catch(() => undefined);
  if (!stats?.isFile()) return { filenames: [], totalMatches: 0, listingCapped: false, hiddenFiles: 0 };
  if (isDenied(path)) return { filenames: [], totalMatches: 0, listingCapped: false, hiddenFiles: 1 };
  return { filenames: [path], totalMatches: 1, listingCapped: false, hiddenFiles: 0 };
}

async function listMatchingFiles(
  walkDir: string,
  glob: string,
  isDenied: (path: string) => boolean,
  signal: AbortSignal,
): Promise<Listing | ToolResult> {
  const walkStats = await stat(walkDir).catch(() => undefined);
  if (!walkStats?.isDirectory()) return { filenames: [], totalMatches: 0, listingCapped: false, hiddenFiles: 0 };
  // ripgrep lists (and sorts by mtime) far faster than a walk in JavaScript; picomatch then applies
  // standard glob semantics, which differ from ripgrep's gitignore-style --glob.
  const run = await runRipgrep(
    ['--files', '--no-config', '--no-ignore', '--hidden', '--glob', '!.git', '--sortr', 'modified', '--', walkDir],
    { signal, maxOutputBytes: MAX_LISTING_BYTES },
  );
  if (run.aborted) return abortedResult();
  if (run.spawnError) return errorResult(run.spawnError);
  if (run.exitCode === 2 && run.stdout === '') return errorResult(`Glob failed: ${run.stderr.trim()}`);
  const matches = picomatch(glob, { dot: true });
  const filenames: string[] = [];
  let totalMatches = 0;
  let hiddenFiles = 0;
  for (const line of run.stdout.split('\n')) {
    if (line === '' || !matches(toPosix(relative(walkDir, line)))) continue;
    if (isDenied(line)) {
      hiddenFiles++;
      continue;
    }
    totalMatches++;
    if (filenames.length < MAX_GLOB_RESULTS) filenames.push(line);
  }
  return { filenames, totalMatches, listingCapped: run.outputCapped, hiddenFiles };
}

export const globTool: Tool<typeof inputSchema> = {
  name: 'Glob',
  description,
  inputSchema,
  isReadOnly: () => true,
  run: runGlob,
};

// Memory files: standing instructions the user and project keep in Markdown. All of them are
// loaded, broad to specific, so a nearer file is read later and can refine a broader one.
import { isAbsolute, join, relative, sep } from 'node:path';
import { canonicalPath, expandImports, readMemoryText } from './memoryImports.js';

export type MemoryScope = 'user' | 'project' | 'local';

export interface MemoryFile {
  path: string;
  scope: MemoryScope;
  /** The file's text with its `@path` imports expanded. */
  content: string;
}

export interface MemoryLoadOptions {
  cwd: string;
  projectRoot: string;
  configDir: string;
  home: string;
}

export interface MemoryLoadResult {
  files: MemoryFile[];
  warnings: string[];
}

interface Candidate {
  path: string;
  scope: MemoryScope;
}

/** Per directory, shared files first, then personal `.local.md` ones. */
const PROJECT_FILE_NAMES = ['WRIGHT.md', 'AGENTS.md', 'CLAUDE.md', join('.wright', 'WRIGHT.md'), join('.claude', 'CLAUDE.md')];
const LOCAL_FILE_NAMES = ['WRIGHT.local.md', 'CLAUDE.local.md'];

export function memoryFileCandidates(options: MemoryLoadOptions): Candidate[] {
  const user: Candidate[] = [
    { path: join(options.configDir, 'WRIGHT.md'), scope: 'user' },
    { path: join(options.home, '.claude', 'CLAUDE.md'), scope: 'user' },
  ];
  return [...user, ...directoriesFromRootToCwd(options.projectRoot, options.cwd).flatMap(directoryCandidates)];
}

/** The memory files one directory may hold. */
export function directoryCandidates(dir: string): Candidate[] {
  return [
    ...PROJECT_FILE_NAMES.map((name) => ({ path: join(dir, name), scope: 'project' as const })),
    ...LOCAL_FILE_NAMES.map((name) => ({ path: join(dir, name), scope: 'local' as const })),
  ];
}

export async function loadMemoryFiles(options: MemoryLoadOptions): Promise<MemoryLoadResult & { canonicalPaths: Set<string> }> {
  const seen = new Set<string>();
  return { ...(await loadCandidates(memoryFileCandidates(options), options.home, seen)), canonicalPaths: seen };
}

/** Loads the candidates that exist, skipping files already in `seen` (which it extends). */
export async function loadCandidates(candidates: readonly Candidate[], home: string, seen: Set<string>): Promise<MemoryLoadResult> {
  const loaded = await Promise.all(candidates.map((candidate) => loadCandidate(candidate, home)));
  const files: MemoryFile[] = [];
  const warnings: string[] = [];
  // AGENTS.md is often a symlink to CLAUDE.md; the same file is given to the model once.
  for (const result of loaded) {
    warnings.push(...result.warnings);
    if (result.file === null || seen.has(result.canonical)) continue;
    seen.add(result.canonical);
    files.push(result.file);
  }
  return { files, warnings };
}

async function loadCandidate(
  candidate: Candidate,
  home: string,
): Promise<{ file: MemoryFile | null; canonical: string; warnings: string[] }> {
  const canonical = await canonicalPath(candidate.path);
  const read = await readMemoryText(candidate.path);
  if (!read.ok) {
    const warnings = read.missing ? [] : [`${candidate.path}: ${read.reason}`];
    return { file: null, canonical, warnings };
  }
  const expanded = await expandImports(read.text, candidate.path, { home });
  return { file: { ...candidate, content: expanded.content }, canonical, warnings: expanded.warnings };
}

/** projectRoot, then each directory below it down to cwd; just cwd when cwd is outside the root. */
export function directoriesFromRootToCwd(projectRoot: string, cwd: string): string[] {
  const path = relative(projectRoot, cwd);
  if (path === '') return [projectRoot];
  if (path === '..' || path.startsWith(`..${sep}`) || isAbsolute(path)) return [cwd];
  const directories = [projectRoot];
  let current = projectRoot;
  for (const part of path.split(sep)) {
    current = join(current, part);
    directories.push(current);
  }
  return directories;
}

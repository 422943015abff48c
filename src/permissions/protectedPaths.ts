/**
 * Paths that are never changed without asking outside bypassPermissions — not in acceptEdits, and not
 * on the strength of a broad allow rule such as `Edit` or `Bash(sed *)`: writing them can run code
 * later (git hooks, shell start-up files, editor tasks), change wright's own configuration, or leak
 * or replace secrets (`.env*`). Only an allow rule that names the protected path itself lets a write
 * through: its specifier must contain the protected name (`Edit(./.env)`, `Edit(.git/**)`,
 * `Edit(~/.bashrc)`, `Bash(echo x >> .env)`), not merely match it (`Edit(**)`, `Edit(/src/../**)`).
 */
import picomatch from 'picomatch';
import { relative, resolve, sep } from 'node:path';
import { realPathOf, type ResolvedPath } from './pathResolution.js';
import { isWithin } from './workingDirectories.js';

const PROTECTED_DIRECTORIES = new Set(['.git', '.wright', '.claude', '.vscode', '.idea', '.husky', '.devcontainer']);
const PROTECTED_FILES = new Set([
  '.bashrc', '.bash_profile', '.bash_login', '.bash_logout', '.profile', '.zshrc', '.zshenv', '.zprofile', '.zlogin',
  '.gitconfig', '.gitmodules', '.gitattributes', '.npmrc', '.yarnrc', '.mcp.json', '.claude.json', '.envrc',
  '.pre-commit-config.yaml',
]);
/** Paths below a protected directory that agents create as a matter of course. */
const UNPROTECTED_BELOW = [['.claude', 'worktrees']];

/** `.env`, `.env.local`, `.env.production`, …: files that hold secrets. */
function isSecretsFile(segment: string): boolean {
  return segment.startsWith('.env');
}

function isProtectedSegment(segment: string): boolean {
  return PROTECTED_DIRECTORIES.has(segment) || PROTECTED_FILES.has(segment) || isSecretsFile(segment);
}

/** The protected name in `target` below the outermost working directory holding it, if any. */
export function protectedPartOf(target: ResolvedPath, workingDirectories: readonly string[]): string | undefined {
  const roots = workingDirectories.flatMap((dir) => [resolve(dir), realPathOf(resolve(dir))]);
  for (const path of [target.lexical, target.real]) {
    const root = roots.filter((dir) => isWithin(path, dir)).sort((a, b) => a.length - b.length)[0];
    const segments = (root === undefined ? path : relative(root, path)).split(sep);
    const at = segments.findIndex(isProtectedSegment);
    if (at === -1) continue;
    const exempt = UNPROTECTED_BELOW.some(([dir, below]) => segments[at] === dir && segments[at + 1] === below);
    if (!exempt) return segments[at];
  }
  return undefined;
}

/** A protected name one glob segment may match (`.e*` → `.env`), for globs whose matches are unknown. */
export function protectedNameMatching(globSegment: string): string | undefined {
  const matches = picomatch(globSegment);
  const candidates = [...PROTECTED_DIRECTORIES, ...PROTECTED_FILES, '.env', '.env.local'];
  return candidates.find((name) => matches(name));
}

/** Whether an allow rule's specifier spells out the protected name rather than only matching it. */
export function specifierNamesProtected(specifier: string, name: string): boolean {
  return specifier.includes(isSecretsFile(name) && !specifier.includes(name) ? '.env' : name);
}

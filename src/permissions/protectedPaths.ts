/**
 * Paths that acceptEdits mode never changes without asking, even inside the working directories:
 * writing them can run code later (git hooks, shell start-up files, editor tasks) or change wright's
 * own configuration. Explicit allow rules and bypassPermissions still apply.
 */
import { relative, resolve, sep } from 'node:path';
import { realPathOf, type ResolvedPath } from './pathResolution.js';
import { isWithin } from './workingDirectories.js';

const PROTECTED_DIRECTORIES = new Set(['.git', '.wright', '.claude', '.vscode', '.idea', '.husky', '.devcontainer']);
const PROTECTED_FILES = new Set([
  '.bashrc', '.bash_profile', '.bash_login', '.bash_logout', '.profile', '.zshrc', '.zshenv', '.zprofile', '.zlogin',
  '.gitconfig', '.gitmodules', '.gitattributes', '.npmrc', '.yarnrc', '.mcp.json', '.claude.json', '.envrc',
  '.pre-commit-config.yaml',
]);

/** The protected name in `target` below the outermost working directory holding it, if any. */
export function protectedPartOf(target: ResolvedPath, workingDirectories: readonly string[]): string | undefined {
  const roots = workingDirectories.flatMap((dir) => [resolve(dir), realPathOf(resolve(dir))]);
  for (const path of [target.lexical, target.real]) {
    const root = roots.filter((dir) => isWithin(path, dir)).sort((a, b) => a.length - b.length)[0];
    const segments = (root === undefined ? path : relative(root, path)).split(sep);
    const hit = segments.find((segment) => PROTECTED_DIRECTORIES.has(segment) || PROTECTED_FILES.has(segment));
    if (hit !== undefined) return hit;
  }
  return undefined;
}

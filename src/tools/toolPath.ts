import { isAbsolute, relative, resolve, sep } from 'node:path';
import type { ToolContext, ToolResult } from './types.js';

/** Resolves a path the model gave: absolute as is, `~/…` against HOME, anything else against the cwd. */
export function resolveToolPath(rawPath: string, ctx: Pick<ToolContext, 'cwd' | 'env'>): string {
  const home = ctx.env.HOME;
  if (home && (rawPath === '~' || rawPath.startsWith('~/'))) return resolve(home, rawPath.slice(2));
  return resolve(ctx.cwd, rawPath);
}

/** An optional directory argument; models sometimes spell "omitted" as "", "undefined" or "null". */
export function searchDirectory(rawPath: string | undefined, ctx: Pick<ToolContext, 'cwd' | 'env'>): string {
  if (rawPath === undefined || rawPath === '' || rawPath === 'undefined' || rawPath === 'null') return ctx.cwd;
  return resolveToolPath(rawPath, ctx);
}

export function isInsideDirectory(candidate: string, directory: string): boolean {
  const rel = relative(directory, candidate);
  return rel === '' || (!rel.startsWith('..' + sep) && rel !== '..' && !isAbsolute(rel));
}

/** Turns a Node fs error into one line the model can act on (no stack, no errno jargon alone). */
export function describeFsError(error: unknown, path: string): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return `File does not exist: ${path}`;
    case 'EACCES':
    case 'EPERM':
      return `Permission denied: ${path}`;
    case 'EISDIR':
      return `${path} is a directory, not a file.`;
    case 'ENOTDIR':
      return `A component of ${path} is not a directory.`;
    case 'EROFS':
      return `Cannot write ${path}: read-only file system.`;
    case 'ENOSPC':
      return `Cannot write ${path}: no space left on device.`;
    default: {
      const message = error instanceof Error ? error.message : String(error);
      return `Could not access ${path}: ${message}`;
    }
  }
}

export function errorResult(message: string, data?: unknown): ToolResult {
  return data === undefined ? { content: message, isError: true } : { content: message, isError: true, data };
}

export function abortedResult(): ToolResult {
  return errorResult('The operation was interrupted by the user.');
}

import { randomUUID } from 'node:crypto';
import { readFile, realpath, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { shellQuote } from './shellQuote.js';
import { isInsideDirectory } from './toolPath.js';

// Each Bash call is a fresh process, so the directory a command `cd`s into has to be carried over by
// hand: the wrapper writes the shell's final physical cwd to a file when it exits.

export function newCwdCaptureFile(): string {
  return join(tmpdir(), `wright-cwd-${randomUUID()}`);
}

/**
 * The lines that install an EXIT trap recording `pwd -P`. They go on lines of their own, before the
 * command, so a syntax error in the command cannot stop the trap from being installed; `command`
 * keeps a user's `pwd` function (from the shell snapshot) out of it.
 */
export function cwdCaptureLines(captureFile: string): string {
  return `__wright_cwd_file=${shellQuote(captureFile)}\ntrap 'command pwd -P >| "$__wright_cwd_file" 2>/dev/null' EXIT`;
}

async function readCapturedCwd(captureFile: string): Promise<string | undefined> {
  try {
    const text = (await readFile(captureFile, 'utf8')).replace(/\n$/, '');
    return text === '' ? undefined : text;
  } catch {
    return undefined;
  } finally {
    await rm(captureFile, { force: true });
  }
}

async function isAllowedDirectory(directory: string, workingDirectories: readonly string[]): Promise<boolean> {
  for (const allowed of workingDirectories) {
    const real = await realpath(allowed).catch(() => allowed);
    if (isInsideDirectory(directory, real) || isInsideDirectory(directory, allowed)) return true;
  }
  return false;
}

export async function isExistingDirectory(directory: string): Promise<boolean> {
  return (await stat(directory).catch(() => undefined))?.isDirectory() ?? false;
}

/**
 * Where the next command should start: the captured directory when it lies inside a working
 * directory, the launch directory (with `resetTo` set) when the command wandered outside, and the
 * previous directory when nothing was captured (killed, or `exec`ed away).
 */
export async function settleShellCwd(
  captureFile: string,
  previousCwd: string,
  workingDirectories: readonly string[],
): Promise<{ cwd: string; resetTo?: string }> {
  const captured = await readCapturedCwd(captureFile);
  if (captured === undefined) return { cwd: previousCwd };
  if (await isAllowedDirectory(captured, workingDirectories)) return { cwd: captured };
  const launchDirectory = workingDirectories[0] ?? previousCwd;
  return { cwd: launchDirectory, resetTo: launchDirectory };
}

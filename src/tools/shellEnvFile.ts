import { readFile, rm, stat } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { shellQuote } from './shellQuote.js';

// A script the user (or a hook) maintains to set up every command's environment, e.g. activating a
// virtualenv: `WRIGHT_ENV_FILE`, or Claude Code's `CLAUDE_ENV_FILE`, is sourced before each command.

export interface EnvFile {
  variable: 'WRIGHT_ENV_FILE' | 'CLAUDE_ENV_FILE';
  path: string;
}

/** The configured env file, relative paths taken from `baseDirectory`; WRIGHT_ENV_FILE wins. */
export function configuredEnvFile(env: Record<string, string | undefined>, baseDirectory: string): EnvFile | undefined {
  for (const variable of ['WRIGHT_ENV_FILE', 'CLAUDE_ENV_FILE'] as const) {
    const value = env[variable]?.trim();
    if (value) return { variable, path: isAbsolute(value) ? value : resolve(baseDirectory, value) };
  }
  return undefined;
}

/** A note when the file cannot be sourced at all; undefined when it is a readable file. */
export async function envFileProblem(file: EnvFile): Promise<string | undefined> {
  const info = await stat(file.path).catch(() => undefined);
  if (info?.isFile()) return undefined;
  return `Note: ${file.variable} names ${file.path}, which ${info ? 'is not a file' : 'does not exist'}; the command ran without it.`;
}

/**
 * Sources the file quietly (its stdout would pollute the command's), keeping its errors and a failed
 * status in `errorFile` for `envFileNote`.
 */
export function sourceEnvFileLine(path: string, errorFile: string): string {
  const errors = shellQuote(errorFile);
  return `. ${shellQuote(path)} </dev/null >/dev/null 2>${errors} || echo "(exit status $?)" >>${errors}`;
}

const MAX_NOTE_CHARS = 500;

/** A short note when sourcing failed (non-zero status), with the start of what it printed to stderr. */
export async function envFileNote(file: EnvFile, errorFile: string): Promise<string | undefined> {
  const errors = await readFile(errorFile, 'utf8').catch(() => '');
  await rm(errorFile, { force: true });
  const status = /\(exit status (\d+)\)\s*$/.exec(errors);
  if (!status) return undefined;
  const message = errors.slice(0, status.index).trim();
  const shown = message.length > MAX_NOTE_CHARS ? `${message.slice(0, MAX_NOTE_CHARS)}…` : message;
  return `Note: sourcing ${file.variable} (${file.path}) failed with status ${status[1]}${shown ? `: ${shown}` : ''}`;
}

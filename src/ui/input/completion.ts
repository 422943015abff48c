import { fuzzyFilter } from './fuzzy.js';

/**
 * The completion model: which token at the cursor is being completed (`/command` at the start of the
 * buffer, `@path` anywhere), the candidates for it, and the text after accepting one.
 */
export interface CommandInfo {
  readonly name: string;
  readonly description: string;
  /** Shown after the name, e.g. `[file]` (custom commands' argument-hint). */
  readonly argumentHint?: string;
}

export interface CompletionItem {
  /** The text that replaces the token, e.g. `/help ` or `@src/app.ts `. */
  readonly replacement: string;
  readonly label: string;
  readonly description?: string;
}

export type CompletionKind = 'command' | 'file';

export interface CompletionToken {
  readonly kind: CompletionKind;
  /** Offsets of the whole token (including the `/` or `@`) in the buffer. */
  readonly start: number;
  readonly end: number;
  /** What the user typed after the sigil, up to the cursor. */
  readonly query: string;
}

export const MAX_COMPLETIONS = 8;

export function completionToken(text: string, cursor: number): CompletionToken | undefined {
  let start = cursor;
  while (start > 0 && !/\s/.test(text[start - 1]!)) start--;
  let end = cursor;
  while (end < text.length && !/\s/.test(text[end]!)) end++;
  const sigil = text[start];
  if (sigil === '/' && start === 0) return { kind: 'command', start, end, query: text.slice(1, cursor) };
  if (sigil === '@') return { kind: 'file', start, end, query: text.slice(start + 1, cursor).replace(/^"/, '') };
  return undefined;
}

export function commandCompletions(commands: readonly CommandInfo[], query: string): CompletionItem[] {
  const prefixed = commands.filter((command) => command.name.toLowerCase().startsWith(query.toLowerCase()));
  const fuzzy = fuzzyFilter(commands, query, (command) => command.name, MAX_COMPLETIONS).filter((command) => !prefixed.includes(command));
  return [...prefixed, ...fuzzy].slice(0, MAX_COMPLETIONS).map((command) => ({
    replacement: `/${command.name} `,
    label: command.argumentHint ? `/${command.name} ${command.argumentHint}` : `/${command.name}`,
    description: command.description,
  }));
}

/** Every directory that holds a listed file, with a trailing '/', so `@src/` can be completed step by step. */
export function withDirectories(files: readonly string[]): string[] {
  const directories = new Set<string>();
  for (const file of files) {
    for (let slash = file.indexOf('/'); slash !== -1; slash = file.indexOf('/', slash + 1)) directories.add(file.slice(0, slash + 1));
  }
  return [...directories, ...files];
}

export function mentionFor(path: string): string {
  return /\s/.test(path) ? `@"${path}"` : `@${path}`;
}

/** `paths` are relative to cwd, directories ending in '/'. */
export function fileCompletions(paths: readonly string[], query: string): CompletionItem[] {
  return fuzzyFilter(paths, query, (path) => path, MAX_COMPLETIONS).map((path) => ({
    // A directory keeps completing inside it; a file ends the mention with a space.
    replacement: path.endsWith('/') ? mentionFor(path) : `${mentionFor(path)} `,
    label: path,
  }));
}

export function applyCompletion(text: string, token: CompletionToken, item: CompletionItem): { text: string; cursor: number } {
  const after = text.slice(token.end).replace(/^ /, '');
  const before = text.slice(0, token.start) + item.replacement;
  return { text: before + after, cursor: before.length };
}

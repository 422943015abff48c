// The YAML front matter of Markdown files (rules, custom commands, skills, and later agents): a block
// between `---` lines at the top. Only the subset those files use is understood — `key: value`,
// quoted strings, inline lists `[a, b]`, and block lists of `- item` lines — which keeps a YAML
// library out of the bundle. Anything else is reported, not guessed.

import { readFileSync } from 'node:fs';

export type FrontmatterValue = string | string[];

export interface ParsedMarkdown {
  attributes: Record<string, FrontmatterValue>;
  body: string;
  /** Lines that could not be read, with their 1-based line numbers in the file. */
  errors: Array<{ line: number; message: string }>;
}

export function parseFrontmatter(text: string): ParsedMarkdown {
  const source = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const lines = source.split(/\r?\n/);
  if (lines[0]?.trim() !== '---') return { attributes: {}, body: source, errors: [] };
  const end = lines.findIndex((line, index) => index > 0 && line.trim() === '---');
  if (end < 0) return { attributes: {}, body: source, errors: [{ line: 1, message: 'front matter is not closed by a "---" line' }] };
  const attributes: Record<string, FrontmatterValue> = {};
  const errors: ParsedMarkdown['errors'] = [];
  let listKey: string | null = null;
  for (let index = 1; index < end; index++) {
    const line = lines[index]!;
    if (line.trim() === '' || line.trim().startsWith('#')) continue;
    const item = /^\s+-\s*(.*)$/.exec(line) ?? /^-\s+(.*)$/.exec(line);
    if (item && listKey !== null) {
      (attributes[listKey] as string[]).push(unquote(item[1]!.trim()));
      continue;
    }
    const pair = /^([A-Za-z0-9_-]+)\s*:\s*(.*)$/.exec(line);
    if (!pair) {
      errors.push({ line: index + 1, message: `cannot read "${line.trim()}"` });
      listKey = null;
      continue;
    }
    const [, key, raw] = pair as unknown as [string, string, string];
    const value = raw.trim();
    if (value === '') {
      attributes[key] = [];
      listKey = key;
    } else if (value.startsWith('[') && value.endsWith(']')) {
      attributes[key] = splitInlineList(value.slice(1, -1));
      listKey = null;
    } else {
      attributes[key] = unquote(value);
      listKey = null;
    }
  }
  return { attributes, body: lines.slice(end + 1).join('\n'), errors };
}

/** A value as a list: a comma-separated string becomes its parts (Claude Code accepts both forms). */
export function listValue(value: FrontmatterValue | undefined): string[] {
  if (value === undefined) return [];
  const items = Array.isArray(value) ? value : value.split(',');
  return items.map((item) => item.trim()).filter(Boolean);
}

function splitInlineList(inner: string): string[] {
  const items: string[] = [];
  let current = '';
  let quote: string | null = null;
  for (const char of inner) {
    if (quote) {
      if (char === quote) quote = null;
      current += char;
    } else if (char === '"' || char === "'") {
      quote = char;
      current += char;
    } else if (char === ',') {
      items.push(current);
      current = '';
    } else current += char;
  }
  items.push(current);
  return items.map((item) => unquote(item.trim())).filter((item) => item !== '');
}

function unquote(value: string): string {
  if (value.length >= 2 && ((value.startsWith('"') && value.endsWith('"')) || (value.startsWith("'") && value.endsWith("'")))) return value.slice(1, -1);
  return value;
}

/** `true`/`false` (any case, quoted or not, also `yes`/`no`); anything else gives `fallback`. */
export function booleanValue(value: FrontmatterValue | undefined, fallback: boolean): boolean {
  if (typeof value !== 'string') return fallback;
  const word = value.trim().toLowerCase();
  if (word === 'true' || word === 'yes') return true;
  if (word === 'false' || word === 'no') return false;
  return fallback;
}

/**
 * Permission rules as `allowed-tools` lists them: a YAML list, or one string separated by commas or
 * spaces (Claude Code writes `Bash(git add:*), Read`, the Agent Skills spec `Bash(git:*) Read`).
 * Separators inside a rule's parentheses belong to the rule (`Bash(git commit -m "a, b")`).
 */
export function ruleListValue(value: FrontmatterValue | undefined): string[] {
  if (value === undefined) return [];
  const items = Array.isArray(value) ? value : [value];
  const rules: string[] = [];
  for (const item of items) {
    let depth = 0;
    let current = '';
    for (const char of item) {
      if (char === '(') depth++;
      if (char === ')') depth = Math.max(0, depth - 1);
      if (depth === 0 && (char === ',' || /\s/.test(char))) {
        if (current.trim() !== '') rules.push(current.trim());
        current = '';
        continue;
      }
      current += char;
    }
    if (current.trim() !== '') rules.push(current.trim());
  }
  return rules;
}

/**
 * Reads a Markdown definition file (a command, skill, agent or output style) and parses its front
 * matter; an unreadable file or broken front matter becomes a warning: "Skipped <kind> <path>: why".
 */
export function readFrontmatterFile(path: string, kind: string): { parsed: ParsedMarkdown } | { warning: string } {
  const skip = (why: string) => ({ warning: `Skipped ${kind} ${path}: ${why}` });
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    return skip((error as Error).message);
  }
  const parsed = parseFrontmatter(text);
  const first = parsed.errors[0];
  return first ? skip(`front matter line ${first.line}: ${first.message}`) : { parsed };
}

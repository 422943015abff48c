// Custom commands on disk: every `*.md` under a `commands/` directory. The name is the file name
// without `.md`; subfolders are namespaces, shown as `(project:frontend)` but not part of the name
// (Claude Code's rule), so `frontend/test.md` is `/test`. Front matter (all optional): description
// (else the body's first line), allowed-tools, argument-hint, model, disable-model-invocation.
import { readdirSync, realpathSync, statSync } from 'node:fs';
import { basename, join, relative, sep } from 'node:path';
import { booleanValue, readFrontmatterFile, ruleListValue, type FrontmatterValue } from '../../config/frontmatter.js';
import type { ExtensionDirectory } from './extensionRoots.js';
import type { InvocableDefinition } from './invocable.js';

/** Subfolders deeper than this are not searched (a symlink loop must not hang start-up). */
const MAX_DEPTH = 6;

export interface LoadedDefinitions {
  definitions: InvocableDefinition[];
  warnings: string[];
}

/** The commands of each directory in order; within one, top-level files first, then by path. */
export function loadCommands(directories: readonly ExtensionDirectory[]): LoadedDefinitions {
  const definitions: InvocableDefinition[] = [];
  const warnings: string[] = [];
  const seen = new Set<string>();
  for (const directory of directories) {
    const real = realPath(directory.path);
    if (real === undefined || seen.has(real)) continue;
    seen.add(real);
    const files = (isMarkdownFile(directory.path) ? [directory.path] : markdownFiles(directory.path, 0)).sort((a, b) => depth(a, directory.path) - depth(b, directory.path) || a.localeCompare(b));
    for (const file of files) {
      const loaded = commandFromFile(file, directory);
      if ('warning' in loaded) warnings.push(loaded.warning);
      else definitions.push(loaded.definition);
    }
  }
  return { definitions, warnings };
}

function commandFromFile(path: string, directory: ExtensionDirectory): { definition: InvocableDefinition } | { warning: string } {
  const read = readFrontmatterFile(path, 'command');
  if ('warning' in read) return read;
  const parsed = read.parsed;
  const parts = (relative(directory.path, path) || basename(path)).split(sep);
  const name = parts.pop()!.replace(/\.md$/i, '');
  const attributes = parsed.attributes;
  const described = scalar(attributes['description']);
  const argumentHint = hintValue(attributes['argument-hint']);
  const model = scalar(attributes['model']);
  return {
    definition: {
      kind: 'command',
      name,
      namespace: [...(directory.plugin !== undefined ? [directory.plugin] : []), ...parts].join(':'),
      scope: directory.scope,
      path,
      description: described ?? firstLine(parsed.body),
      describedInFrontmatter: described !== undefined,
      ...(argumentHint !== undefined ? { argumentHint } : {}),
      allowedTools: ruleListValue(attributes['allowed-tools']),
      ...(model !== undefined ? { model } : {}),
      userInvocable: true,
      modelInvocable: described !== undefined && !booleanValue(attributes['disable-model-invocation'], false),
      body: parsed.body,
    },
  };
}

/** A front-matter value meant as one string; a YAML list is joined back (e.g. an unquoted `[file]`). */
export function scalar(value: FrontmatterValue | undefined): string | undefined {
  if (value === undefined) return undefined;
  const text = (Array.isArray(value) ? value.join(', ') : value).trim();
  return text === '' ? undefined : text;
}

/** `argument-hint: [pr-number] [priority]` reads as a YAML list; put its brackets back. */
export function hintValue(value: FrontmatterValue | undefined): string | undefined {
  if (Array.isArray(value)) return value.length === 0 ? undefined : `[${value.join(', ')}]`;
  return scalar(value);
}

/** The first non-empty line of the body, without Markdown heading marks, as a description. */
export function firstLine(body: string): string {
  const line = body.split('\n').find((candidate) => candidate.trim() !== '') ?? '';
  const text = line.replace(/^#+\s*/, '').trim();
  return text.length > 100 ? `${text.slice(0, 97)}...` : text;
}

function markdownFiles(directory: string, level: number): string[] {
  if (level > MAX_DEPTH) return [];
  let entries: string[];
  try {
    entries = readdirSync(directory);
  } catch {
    return [];
  }
  const files: string[] = [];
  for (const entry of entries) {
    if (entry.startsWith('.')) continue;
    const path = join(directory, entry);
    let stats;
    try {
      stats = statSync(path);
    } catch {
      continue;
    }
    if (stats.isDirectory()) files.push(...markdownFiles(path, level + 1));
    else if (stats.isFile() && entry.toLowerCase().endsWith('.md')) files.push(path);
  }
  return files;
}

function depth(path: string, root: string): number {
  return relative(root, path).split(sep).length;
}

function isMarkdownFile(path: string): boolean {
  try {
    return path.toLowerCase().endsWith('.md') && statSync(path).isFile();
  } catch {
    return false;
  }
}

function realPath(path: string): string | undefined {
  try {
    return statSync(path).isDirectory() || isMarkdownFile(path) ? realpathSync(path) : undefined;
  } catch {
    return undefined;
  }
}

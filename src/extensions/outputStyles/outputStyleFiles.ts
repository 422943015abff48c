// Custom output styles on disk: `output-styles/*.md` in `~/.wright`, `~/.claude`, `.wright` and
// `.claude`. Front matter: `name` (default: the file name), `description`, `keep-coding-instructions`
// (default false, as in Claude Code); the body is the style's prompt. A file that cannot be read is
// skipped with a warning naming it.
import { readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { booleanValue, readFrontmatterFile } from '../../config/frontmatter.js';
import { scalar } from '../commands/commandFiles.js';
import type { ExtensionRoots } from '../commands/extensionRoots.js';
import type { OutputStyle } from './outputStyle.js';

/** The directories styles are read from, lowest precedence first (a project's style overrides the user's). */
export function outputStyleDirectories(roots: ExtensionRoots): Array<{ path: string; source: 'user' | 'project' }> {
  return [
    { path: join(roots.home, '.claude', 'output-styles'), source: 'user' },
    { path: join(roots.configDir, 'output-styles'), source: 'user' },
    { path: join(roots.projectRoot, '.claude', 'output-styles'), source: 'project' },
    { path: join(roots.projectRoot, '.wright', 'output-styles'), source: 'project' },
  ];
}

/** A plugin's styles folder (or one file): the styles are named `plugin:name`. */
export interface PluginStyleDirectory {
  path: string;
  source: 'plugin';
  plugin: string;
}

export function loadOutputStyleFiles(directories: ReadonlyArray<ReturnType<typeof outputStyleDirectories>[number] | PluginStyleDirectory>): { styles: OutputStyle[]; warnings: string[] } {
  const styles: OutputStyle[] = [];
  const warnings: string[] = [];
  for (const directory of directories) {
    const paths = directory.path.endsWith('.md') ? [directory.path] : markdownFiles(directory.path).map((file) => join(directory.path, file));
    for (const path of paths) {
      const loaded = styleFromFile(path, directory.source);
      if ('warning' in loaded) warnings.push(loaded.warning);
      else styles.push('plugin' in directory ? { ...loaded.style, name: `${directory.plugin}:${loaded.style.name}` } : loaded.style);
    }
  }
  return { styles, warnings };
}

export function styleFromFile(path: string, source: 'user' | 'project' | 'plugin'): { style: OutputStyle } | { warning: string } {
  const skip = (why: string) => ({ warning: `Skipped output style ${path}: ${why}` });
  const read = readFrontmatterFile(path, 'output style');
  if ('warning' in read) return read;
  const parsed = read.parsed;
  const prompt = parsed.body.trim();
  if (prompt === '') return skip('the style has no text after its front matter');
  const name = scalar(parsed.attributes['name']) ?? basename(path, '.md');
  return {
    style: {
      name,
      description: scalar(parsed.attributes['description']) ?? '',
      prompt,
      keepCodingInstructions: booleanValue(parsed.attributes['keep-coding-instructions'], false),
      source,
      path,
    },
  };
}

function markdownFiles(directory: string): string[] {
  try {
    if (!statSync(directory).isDirectory()) return [];
    return readdirSync(directory)
      .filter((file) => file.endsWith('.md') && !file.startsWith('.'))
      .sort();
  } catch {
    return [];
  }
}

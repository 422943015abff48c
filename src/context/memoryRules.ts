// Rules: Markdown files in `.wright/rules/` (and `.claude/rules/`) of the project, or `rules/` in the
// user's config, each a standing instruction. One without `paths:` front matter is memory like any
// other; one with `paths:` (globs relative to the project root) applies only once a file it matches
// is touched, so instructions for one corner of a repository cost nothing elsewhere.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { listValue, parseFrontmatter } from '../config/frontmatter.js';
import type { MemoryFile, MemoryScope } from './memoryFiles.js';

export interface MemoryRule extends MemoryFile {
  /** Globs relative to the project root; empty for a rule that always applies. */
  globs: string[];
}

export interface RuleLocations {
  projectRoot: string;
  configDir: string;
  home: string;
}

export async function loadMemoryRules(locations: RuleLocations): Promise<{ rules: MemoryRule[]; warnings: string[] }> {
  const directories: Array<{ dir: string; scope: MemoryScope }> = [
    { dir: join(locations.configDir, 'rules'), scope: 'user' },
    { dir: join(locations.home, '.claude', 'rules'), scope: 'user' },
    { dir: join(locations.projectRoot, '.claude', 'rules'), scope: 'project' },
    { dir: join(locations.projectRoot, '.wright', 'rules'), scope: 'project' },
  ];
  const rules: MemoryRule[] = [];
  const warnings: string[] = [];
  for (const { dir, scope } of directories) {
    for (const path of await markdownFiles(dir)) {
      let text: string;
      try {
        text = await readFile(path, 'utf8');
      } catch (error) {
        warnings.push(`${path}: ${(error as Error).message}`);
        continue;
      }
      const parsed = parseFrontmatter(text);
      for (const problem of parsed.errors) warnings.push(`${path}:${problem.line}: ${problem.message}`);
      if (parsed.body.trim() === '') continue;
      rules.push({ path, scope, content: parsed.body.trim(), globs: listValue(parsed.attributes.paths) });
    }
  }
  return { rules, warnings };
}

async function markdownFiles(dir: string): Promise<string[]> {
  try {
    const entries = await readdir(dir, { recursive: true, withFileTypes: true });
    return entries
      .filter((entry) => entry.isFile() && entry.name.endsWith('.md'))
      .map((entry) => join(entry.parentPath, entry.name))
      .sort();
  } catch {
    return [];
  }
}

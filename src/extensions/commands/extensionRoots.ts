// Where custom commands and skills are looked for, highest precedence first: the user's own
// (`~/.wright/…`, then `~/.claude/…`) before the project's (`.wright/…`, then `.claude/…` at the
// project root), then those of the directories added with `--add-dir` (as Claude Code: an added
// directory's commands, skills and agents load; `additionalDirectories` in settings grant file
// access only). The user's come first so a repository cannot replace a personal `/deploy` with its
// own (Claude Code's order for skills: personal over project; for commands it leaves such a
// conflict undefined).
import { dirname, join, resolve, sep } from 'node:path';
import type { InvocableScope } from './invocable.js';

export interface ExtensionRoots {
  /** wright's user config directory (`~/.wright`, or WRIGHT_CONFIG_DIR). */
  configDir: string;
  home: string;
  projectRoot: string;
  /** Where wright started; agent definitions are also looked for from here up to the project root. */
  cwd?: string;
  /** Directories given with `--add-dir`, whose `.wright/` and `.claude/` definitions load too. */
  addedDirectories?: readonly string[];
}

export interface ExtensionDirectory {
  /** A folder of definitions (or, for a plugin's extra command paths, one Markdown file). */
  path: string;
  scope: InvocableScope;
  /** The plugin it belongs to: its definitions are namespaced `plugin:name`. */
  plugin?: string;
}

export function extensionDirectories(roots: ExtensionRoots, kind: 'commands' | 'skills'): ExtensionDirectory[] {
  return [
    { path: join(roots.configDir, kind), scope: 'user' },
    { path: join(roots.home, '.claude', kind), scope: 'user' },
    { path: join(roots.projectRoot, '.wright', kind), scope: 'project' },
    { path: join(roots.projectRoot, '.claude', kind), scope: 'project' },
    ...(roots.addedDirectories ?? []).flatMap((dir): ExtensionDirectory[] => [
      { path: join(dir, '.wright', kind), scope: 'project' },
      { path: join(dir, '.claude', kind), scope: 'project' },
    ]),
  ];
}

/**
 * The project folders agent definitions come from, nearest first: from where wright started up to
 * the project root (Claude Code walks up to the repository root), then the added directories.
 */
export function projectDefinitionFolders(roots: ExtensionRoots): string[] {
  const folders: string[] = [];
  const root = resolve(roots.projectRoot);
  let dir = resolve(roots.cwd ?? root);
  const inside = dir === root || dir.startsWith(`${root}${sep}`);
  if (inside) {
    for (; dir !== root; dir = dirname(dir)) folders.push(dir);
  }
  folders.push(root, ...(roots.addedDirectories ?? []).map((added) => resolve(added)));
  return [...new Set(folders)];
}

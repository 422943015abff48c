// Where custom commands and skills are looked for, highest precedence first: the user's own
// (`~/.wright/…`, then `~/.claude/…`) before the project's (`.wright/…`, then `.claude/…` at the
// project root). The user's come first so a repository cannot replace a personal `/deploy` with its
// own (Claude Code's order for skills: personal over project; for commands it leaves such a
// conflict undefined).
import { join } from 'node:path';
import type { InvocableScope } from './invocable.js';

export interface ExtensionRoots {
  /** wright's user config directory (`~/.wright`, or WRIGHT_CONFIG_DIR). */
  configDir: string;
  home: string;
  projectRoot: string;
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
  ];
}

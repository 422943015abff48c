// A plugin's `bin/` folder goes on the PATH of the commands the session runs (Bash, hooks), as in
// Claude Code. It is appended, so a plugin's `git` or `ls` can never take the place of the user's.
import { statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import type { LoadedPlugin } from './pluginLoader.js';

export function pluginBinDirectories(plugins: readonly LoadedPlugin[]): string[] {
  return plugins.map((plugin) => join(plugin.root, 'bin')).filter((dir) => {
    try {
      return statSync(dir).isDirectory();
    } catch {
      return false;
    }
  });
}

export function withPathAppended(env: Record<string, string | undefined>, directories: readonly string[]): Record<string, string | undefined> {
  if (directories.length === 0) return env;
  const path = env.PATH ?? '';
  const present = new Set(path.split(delimiter));
  const added = directories.filter((dir) => !present.has(dir));
  return added.length === 0 ? env : { ...env, PATH: [path, ...added].filter((part) => part !== '').join(delimiter) };
}

// Plugins a user installed with Claude Code, for `enabledPlugins` entries wright has not installed
// itself: Claude Code records them in `~/.claude/plugins/installed_plugins.json`, each id mapping to
// its installs (`{"plugins": {"name@mkt": [{"scope": "user", "installPath": "…", "version": …}]}}`;
// older files hold one record instead of a list). wright only reads that file. An install whose
// directory is gone or empty (Claude Code leaves such records behind) does not count.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

export function claudeCodeInstalledPluginsFile(home: string): string {
  return join(home, '.claude', 'plugins', 'installed_plugins.json');
}

/** Where Claude Code installed the plugin `id`, or undefined when it has no usable install. */
export function claudeCodeInstallPath(home: string, id: string): string | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(claudeCodeInstalledPluginsFile(home), 'utf8'));
  } catch {
    return undefined;
  }
  const plugins = (parsed as { plugins?: unknown } | null)?.plugins;
  if (typeof plugins !== 'object' || plugins === null) return undefined;
  const entry = (plugins as Record<string, unknown>)[id];
  const records = Array.isArray(entry) ? entry : [entry];
  for (const record of records) {
    const path = (record as { installPath?: unknown } | null)?.installPath;
    if (typeof path === 'string' && isNonEmptyDirectory(path)) return path;
  }
  return undefined;
}

function isNonEmptyDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory() && readdirSync(path).length > 0;
  } catch {
    return false;
  }
}

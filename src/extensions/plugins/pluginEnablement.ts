// Turning a plugin on or off in one settings file's `enabledPlugins` — the user's
// (`<configDir>/settings.json`, the default), the project's shared `.wright/settings.json`, or the
// project's personal `.wright/settings.local.json` (kept out of git) — without disturbing the rest
// of the file.
import { join } from 'node:path';
import { ensureGitIgnored, LOCAL_SETTINGS_RELATIVE_PATH } from '../../config/localSettingsWriter.js';
import { updateSettingsFile } from '../../config/settingsFileUpdate.js';

export const PLUGIN_SCOPES = ['user', 'project', 'local'] as const;
export type PluginScope = (typeof PLUGIN_SCOPES)[number];

export function scopeSettingsFile(scope: PluginScope, locations: { configDir: string; projectRoot: string }): string {
  if (scope === 'user') return join(locations.configDir, 'settings.json');
  if (scope === 'project') return join(locations.projectRoot, '.wright', 'settings.json');
  return join(locations.projectRoot, LOCAL_SETTINGS_RELATIVE_PATH);
}

/** Sets `enabledPlugins[id]` in `path` (true or false), or removes it (undefined). Answers whether the file changed. */
export async function setPluginEnabled(path: string, id: string, value: boolean | undefined, projectRoot?: string): Promise<boolean> {
  const changed = await updateSettingsFile(
    path,
    ({ settings, objectAt }) => {
      if (value === undefined && settings.enabledPlugins === undefined) return { changed: false, result: false };
      const enabled = objectAt(settings, ['enabledPlugins']);
      if (enabled[id] === value) return { changed: false, result: false };
      if (value === undefined) {
        if (!Object.hasOwn(enabled, id)) return { changed: false, result: false };
        delete enabled[id];
      } else enabled[id] = value;
      return { changed: true, result: true };
    },
    { purpose: `update enabledPlugins["${id}"]` },
  );
  if (projectRoot !== undefined && path === join(projectRoot, LOCAL_SETTINGS_RELATIVE_PATH)) await ensureGitIgnored(projectRoot);
  return changed;
}

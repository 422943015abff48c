// Which plugins a session loads: the directories given with `--plugin-dir` (this session only,
// always enabled, id `<name>@inline`), then every installed plugin that merged settings enable
// (`enabledPlugins: {"name@marketplace": true}`): installed by wright, or else by Claude Code. Each must have a valid manifest (or none) and pass
// the admission check the caller may plug in (signature verification, say); a plugin that fails is
// skipped with a warning saying why, and the rest still load. Two plugins of one name: the first wins.
import { realpathSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { readPluginManifest, type PluginManifest } from './pluginManifest.js';
import { claudeCodeInstallPath } from './claudeCodePlugins.js';
import { parsePluginId, PluginStoreError, readInstalled } from './pluginStore.js';

export const INLINE_MARKETPLACE = 'inline';

export interface LoadedPlugin {
  /** `name@marketplace` (`name@inline` for --plugin-dir). */
  id: string;
  name: string;
  /** The plugin directory (real path). */
  root: string;
  manifest: PluginManifest;
  /** The manifest file, when the plugin has one. */
  manifestPath?: string;
}

/** An extra check a plugin must pass before it loads. */
export type PluginAdmission = (pluginDir: string, id: string) => { ok: true } | { ok: false; reason: string };

export interface PluginLoadOptions {
  configDir: string;
  /** The user's home: plugins installed by Claude Code (`~/.claude/plugins`) load too. */
  home?: string;
  /** Merged settings `enabledPlugins`. */
  enabledPlugins: Readonly<Record<string, boolean>>;
  /** `--plugin-dir` values, relative to `cwd`. */
  sessionDirectories?: readonly string[];
  cwd?: string;
  admit?: PluginAdmission;
}

export interface LoadedPlugins {
  plugins: LoadedPlugin[];
  warnings: string[];
}

export function loadPlugins(options: PluginLoadOptions): LoadedPlugins {
  const plugins: LoadedPlugin[] = [];
  const warnings: string[] = [];
  const candidates: Array<{ dir: string; id?: string; origin: string }> = (options.sessionDirectories ?? []).map((dir) => ({
    dir: resolve(options.cwd ?? process.cwd(), dir),
    origin: `--plugin-dir ${dir}`,
  }));
  let installed: ReturnType<typeof readInstalled>['plugins'] = {};
  try {
    installed = readInstalled(options.configDir).plugins;
  } catch (error) {
    if (!(error instanceof PluginStoreError)) throw error;
    warnings.push(`Installed plugins are not loaded: ${error.message}`);
  }
  for (const [id, enabled] of Object.entries(options.enabledPlugins).sort(([a], [b]) => a.localeCompare(b))) {
    if (enabled !== true) continue;
    const record = installed[id];
    const claudeCode = record === undefined && options.home !== undefined ? claudeCodeInstallPath(options.home, id) : undefined;
    if (record !== undefined) candidates.push({ dir: record.path, id, origin: `installed plugin ${id}` });
    else if (claudeCode !== undefined) candidates.push({ dir: claudeCode, id, origin: `plugin ${id} installed by Claude Code` });
    else warnings.push(`Plugin ${id} is enabled in settings but not installed; install it with \`wright plugin install ${id}\`.`);
  }
  for (const candidate of candidates) {
    const loaded = loadOne(candidate.dir, candidate.id, candidate.origin, options.admit);
    if ('warning' in loaded) {
      warnings.push(loaded.warning);
      continue;
    }
    const twin = plugins.find((plugin) => plugin.name === loaded.plugin.name);
    if (twin !== undefined) {
      warnings.push(`Plugin ${loaded.plugin.id} (${loaded.plugin.root}) is not loaded: ${twin.id} (${twin.root}) has the same name.`);
      continue;
    }
    plugins.push(loaded.plugin);
  }
  return { plugins, warnings };
}

function loadOne(dir: string, id: string | undefined, origin: string, admit: PluginAdmission | undefined): { plugin: LoadedPlugin } | { warning: string } {
  let root: string;
  try {
    if (!statSync(dir).isDirectory()) return { warning: `Skipped ${origin}: ${dir} is not a directory.` };
    root = realpathSync(dir);
  } catch {
    return { warning: `Skipped ${origin}: ${dir} does not exist.` };
  }
  const read = readPluginManifest(root);
  if (!read.ok) return { warning: `Skipped ${origin}: ${read.path} ${read.error}.` };
  const name = read.manifest.name;
  const pluginId = id ?? `${name}@${INLINE_MARKETPLACE}`;
  const expected = id === undefined ? undefined : parsePluginId(id)?.name;
  if (expected !== undefined && expected !== name) return { warning: `Skipped ${origin}: its manifest names it "${name}", not "${expected}".` };
  if (admit !== undefined) {
    const verdict = admit(root, pluginId);
    if (!verdict.ok) return { warning: `Skipped ${origin}: ${verdict.reason}` };
  }
  return { plugin: { id: pluginId, name, root, manifest: read.manifest, ...(read.path !== undefined ? { manifestPath: read.path } : {}) } };
}

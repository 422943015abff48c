// An enabled plugin's hooks: `hooks/hooks.json` at its root and the manifest's `hooks` (a path or an
// inline object), each `{"description": "…", "hooks": {<event>: [...]}}` as in Claude Code (an object
// keyed by event names directly is read too). They are checked like settings hooks; a broken file is
// a warning and only that file's hooks are skipped. Commands get `${CLAUDE_PLUGIN_ROOT}` replaced and
// CLAUDE_PLUGIN_ROOT / WRIGHT_PLUGIN_ROOT in their environment; the source names the plugin.
import { join } from 'node:path';
import { formatKeyPath } from '../../config/settingsError.js';
import { parseHookLayers, type HookEntry } from '../hooks/hookConfig.js';
import { isRecord, readPluginJson } from './pluginJson.js';
import type { LoadedPlugin } from './pluginLoader.js';
import { expandPluginRoot, pluginRootEnv } from './pluginRoot.js';

export const DEFAULT_HOOKS_FILE = join('hooks', 'hooks.json');

export interface PluginHooks {
  entries: HookEntry[];
  warnings: string[];
}

export function loadPluginHooks(plugins: readonly LoadedPlugin[]): PluginHooks {
  const entries: HookEntry[] = [];
  const warnings: string[] = [];
  for (const plugin of plugins) {
    for (const source of hookSources(plugin, warnings)) {
      const events = isRecord(source.value.hooks) ? source.value.hooks : source.value;
      const label = `plugin ${plugin.id} (${source.label})`;
      const parsed = parseHookLayers([{ source: label, scope: 'plugin', hooks: events }]);
      if (!parsed.ok) {
        const key = formatKeyPath(parsed.problem.path);
        warnings.push(`Plugin ${plugin.id}: ${source.label}: ${key}: ${parsed.problem.message}; its hooks are skipped.`);
        continue;
      }
      warnings.push(...parsed.config.warnings);
      entries.push(...parsed.config.entries.map((entry) => withPluginRoot(entry, plugin.root)));
    }
  }
  return { entries, warnings };
}

function withPluginRoot(entry: HookEntry, root: string): HookEntry {
  const { handler } = entry;
  if (handler.type === 'http') return entry;
  if (handler.type === 'prompt') return { ...entry, handler: { ...handler, prompt: expandPluginRoot(handler.prompt, root) } };
  return { ...entry, handler: { ...handler, command: expandPluginRoot(handler.command, root), env: { ...handler.env, ...pluginRootEnv(root) } } };
}

function hookSources(plugin: LoadedPlugin, warnings: string[]): Array<{ label: string; value: Record<string, unknown> }> {
  const sources: Array<{ label: string; value: Record<string, unknown> }> = [];
  const files = [join(plugin.root, DEFAULT_HOOKS_FILE)];
  const declared = plugin.manifest.hooks;
  if (typeof declared === 'string' && !files.includes(declared)) files.push(declared);
  for (const file of files) {
    const read = readPluginJson(file);
    if (read.ok) sources.push({ label: file, value: read.value });
    else if (!read.missing) warnings.push(`Plugin ${plugin.id}: ${read.error}; its hooks are skipped.`);
    else if (file === declared) warnings.push(`Plugin ${plugin.id}: the manifest's hooks file ${file} does not exist.`);
  }
  if (isRecord(declared)) sources.push({ label: `${plugin.manifestPath ?? plugin.root} "hooks"`, value: declared });
  return sources;
}

// An enabled plugin's MCP servers: `.mcp.json` at its root and the manifest's `mcpServers` (a path
// or an inline object; the manifest's entry wins a name both give). A file may hold
// `{"mcpServers": {...}}` or the servers directly. Each server is named `plugin_<plugin>_<server>`,
// so its tools are `mcp__plugin_<plugin>_<server>__<tool>`, and gets CLAUDE_PLUGIN_ROOT /
// WRIGHT_PLUGIN_ROOT for `${VAR}` expansion and in its environment. Enabling the plugin is the
// consent: these servers need no `.mcp.json` approval.
import { join } from 'node:path';
import type { RawServerEntry } from '../mcp/mcpConfigFiles.js';
import { isRecord, readPluginJson } from './pluginJson.js';
import type { LoadedPlugin } from './pluginLoader.js';
import { pluginRootEnv } from './pluginRoot.js';

export const pluginServerName = (plugin: string, server: string): string => `plugin_${plugin}_${server}`;

export function loadPluginMcpServers(plugins: readonly LoadedPlugin[]): { servers: RawServerEntry[]; warnings: string[] } {
  const servers: RawServerEntry[] = [];
  const warnings: string[] = [];
  for (const plugin of plugins) {
    const byName = new Map<string, RawServerEntry>();
    for (const source of serverSources(plugin, warnings)) {
      const container = isRecord(source.value.mcpServers) ? source.value.mcpServers : source.value;
      for (const [name, raw] of Object.entries(container)) {
        byName.set(name, { name: pluginServerName(plugin.name, name), scope: 'plugin', source: `plugin ${plugin.id} (${source.label})`, raw, env: pluginRootEnv(plugin.root) });
      }
    }
    servers.push(...byName.values());
  }
  return { servers, warnings };
}

function serverSources(plugin: LoadedPlugin, warnings: string[]): Array<{ label: string; value: Record<string, unknown> }> {
  const sources: Array<{ label: string; value: Record<string, unknown> }> = [];
  const declared = plugin.manifest.mcpServers;
  const files = [join(plugin.root, '.mcp.json')];
  if (typeof declared === 'string' && !files.includes(declared)) files.push(declared);
  for (const file of files) {
    const read = readPluginJson(file);
    if (read.ok) sources.push({ label: file, value: read.value });
    else if (!read.missing) warnings.push(`Plugin ${plugin.id}: ${read.error}; its MCP servers are skipped.`);
    else if (file === declared) warnings.push(`Plugin ${plugin.id}: the manifest's mcpServers file ${file} does not exist.`);
  }
  if (isRecord(declared)) sources.push({ label: `${plugin.manifestPath ?? plugin.root} "mcpServers"`, value: declared });
  return sources;
}

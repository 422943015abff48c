// What a plugin provides, counted, and every problem found while reading it — for `wright plugin
// list` and `wright plugin validate`. The same loaders a session uses do the reading, so what
// validates here loads there.
import { existsSync } from 'node:fs';
import { loadAgentFiles } from '../agents/agentFiles.js';
import { isValidServerName, parseServerConfig } from '../mcp/mcpServerConfig.js';
import { loadOutputStyleFiles } from '../outputStyles/outputStyleFiles.js';
import { loadPluginInvocables, pluginAgentDirectories, pluginStyleDirectories } from './pluginComponents.js';
import { loadPluginHooks } from './pluginHooks.js';
import type { LoadedPlugin } from './pluginLoader.js';
import { loadPluginMcpServers } from './pluginMcpServers.js';

export interface PluginInventory {
  commands: number;
  skills: number;
  agents: number;
  hooks: number;
  mcpServers: number;
  outputStyles: number;
  problems: string[];
}

export function inventoryPlugin(plugin: LoadedPlugin): PluginInventory {
  const problems: string[] = [];
  const { manifest } = plugin;
  for (const [key, paths] of [['commands', manifest.commands], ['agents', manifest.agents], ['skills', manifest.skills], ['outputStyles', manifest.outputStyles]] as const) {
    for (const path of paths) if (!existsSync(path)) problems.push(`${plugin.manifestPath}: "${key}" path ${path} does not exist.`);
  }
  const invocables = loadPluginInvocables([plugin]);
  const agents = loadAgentFiles(pluginAgentDirectories([plugin]));
  const styles = loadOutputStyleFiles(pluginStyleDirectories([plugin]));
  const hooks = loadPluginHooks([plugin]);
  const mcp = loadPluginMcpServers([plugin]);
  problems.push(...invocables.warnings, ...agents.warnings, ...styles.warnings, ...hooks.warnings, ...mcp.warnings);
  for (const server of mcp.servers) {
    if (!isValidServerName(server.name)) {
      problems.push(`MCP server "${server.name}" in ${server.source}: names may use only letters, digits, "_" and "-".`);
      continue;
    }
    const parsed = parseServerConfig(server.raw, { ...server.env });
    if (!parsed.ok) problems.push(`MCP server "${server.name}" in ${server.source} ${parsed.error}.`);
  }
  return {
    commands: invocables.definitions.filter((definition) => definition.kind === 'command').length,
    skills: invocables.definitions.filter((definition) => definition.kind === 'skill').length,
    agents: agents.agents.length,
    hooks: hooks.entries.length,
    mcpServers: mcp.servers.length,
    outputStyles: styles.styles.length,
    problems,
  };
}

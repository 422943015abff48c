// The plugins of one session — enabled installed ones and `--plugin-dir` ones — loaded once, with
// each of their components in the form the session's loaders take: commands and skills for the
// registry, agent and output-style folders, hook entries, MCP server entries.
import type { LoadedDefinitions } from '../extensions/commands/commandFiles.js';
import type { PluginAgentDirectory } from '../extensions/agents/agentFiles.js';
import type { HookEntry } from '../extensions/hooks/hookConfig.js';
import type { RawServerEntry } from '../extensions/mcp/mcpConfigFiles.js';
import type { PluginStyleDirectory } from '../extensions/outputStyles/outputStyleFiles.js';
import { loadPluginInvocables, pluginAgentDirectories, pluginStyleDirectories } from '../extensions/plugins/pluginComponents.js';
import { pluginBinDirectories } from '../extensions/plugins/pluginBin.js';
import { loadPluginHooks } from '../extensions/plugins/pluginHooks.js';
import { loadPlugins, type LoadedPlugin, type PluginAdmission } from '../extensions/plugins/pluginLoader.js';
import { loadPluginMcpServers } from '../extensions/plugins/pluginMcpServers.js';

export interface SessionPlugins {
  plugins: LoadedPlugin[];
  invocables: LoadedDefinitions;
  agentDirectories: PluginAgentDirectory[];
  styleDirectories: PluginStyleDirectory[];
  hookEntries: HookEntry[];
  mcpServers: RawServerEntry[];
  /** The plugins' `bin/` folders, for the PATH of the commands the session runs. */
  binDirectories: string[];
  warnings: string[];
}

export interface SessionPluginInputs {
  configDir: string;
  home: string;
  enabledPlugins: Readonly<Record<string, boolean>>;
  /** `--plugin-dir` values. */
  pluginDirs: readonly string[];
  cwd: string;
  admit?: PluginAdmission;
}

export function loadSessionPlugins(inputs: SessionPluginInputs): SessionPlugins {
  const loaded = loadPlugins({
    configDir: inputs.configDir,
    home: inputs.home,
    enabledPlugins: inputs.enabledPlugins,
    sessionDirectories: inputs.pluginDirs,
    cwd: inputs.cwd,
    ...(inputs.admit !== undefined ? { admit: inputs.admit } : {}),
  });
  const { plugins } = loaded;
  const invocables = loadPluginInvocables(plugins);
  const hooks = loadPluginHooks(plugins);
  const mcp = loadPluginMcpServers(plugins);
  return {
    plugins,
    invocables,
    agentDirectories: pluginAgentDirectories(plugins),
    styleDirectories: pluginStyleDirectories(plugins),
    hookEntries: hooks.entries,
    mcpServers: mcp.servers,
    binDirectories: pluginBinDirectories(plugins),
    // The invocables' warnings travel with them into the session's customizations.
    warnings: [...loaded.warnings, ...hooks.warnings, ...mcp.warnings],
  };
}


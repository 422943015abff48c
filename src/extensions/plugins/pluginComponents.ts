// Where an enabled plugin's Markdown components are: the default folders at the plugin root
// (`commands/`, `skills/`, `agents/`, `output-styles/`) plus the paths its manifest adds. Commands
// and skills are loaded here, namespaced by the plugin (`/my-plugin:review`, skill
// `my-plugin:pdf`), with `${CLAUDE_PLUGIN_ROOT}` in their bodies replaced by the plugin's directory.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadCommands, type LoadedDefinitions } from '../commands/commandFiles.js';
import type { ExtensionDirectory } from '../commands/extensionRoots.js';
import type { PluginAgentDirectory } from '../agents/agentFiles.js';
import type { PluginStyleDirectory } from '../outputStyles/outputStyleFiles.js';
import { loadSkills, SKILL_FILE, skillFromFile } from '../skills/skillFiles.js';
import type { LoadedPlugin } from './pluginLoader.js';
import { expandPluginRoot } from './pluginRoot.js';

const withDefault = (plugin: LoadedPlugin, folder: string, extra: readonly string[]): string[] => [...new Set([join(plugin.root, folder), ...extra])];

export function pluginCommandDirectories(plugins: readonly LoadedPlugin[]): ExtensionDirectory[] {
  return plugins.flatMap((plugin) => withDefault(plugin, 'commands', plugin.manifest.commands).map((path) => ({ path, scope: 'plugin' as const, plugin: plugin.name })));
}

export function pluginAgentDirectories(plugins: readonly LoadedPlugin[]): PluginAgentDirectory[] {
  return plugins.flatMap((plugin) => withDefault(plugin, 'agents', plugin.manifest.agents).map((path) => ({ path, source: 'plugin' as const, plugin: plugin.name })));
}

export function pluginStyleDirectories(plugins: readonly LoadedPlugin[]): PluginStyleDirectory[] {
  return plugins.flatMap((plugin) => withDefault(plugin, 'output-styles', plugin.manifest.outputStyles).map((path) => ({ path, source: 'plugin' as const, plugin: plugin.name })));
}

/** Every enabled plugin's commands and skills, ready for the session's registry. */
export function loadPluginInvocables(plugins: readonly LoadedPlugin[]): LoadedDefinitions {
  const definitions: LoadedDefinitions['definitions'] = [];
  const warnings: string[] = [];
  for (const plugin of plugins) {
    const skills = pluginSkills(plugin);
    const commands = loadCommands(pluginCommandDirectories([plugin]));
    for (const definition of [...skills.definitions, ...commands.definitions]) definitions.push({ ...definition, body: expandPluginRoot(definition.body, plugin.root) });
    warnings.push(...skills.warnings, ...commands.warnings);
  }
  return { definitions, warnings };
}

/** A manifest's `skills` path may be a folder of skill folders or one skill's folder (with SKILL.md). */
function pluginSkills(plugin: LoadedPlugin): LoadedDefinitions {
  const containers: ExtensionDirectory[] = [];
  const definitions: LoadedDefinitions['definitions'] = [];
  const warnings: string[] = [];
  for (const path of withDefault(plugin, 'skills', plugin.manifest.skills)) {
    const directory: ExtensionDirectory = { path, scope: 'plugin', plugin: plugin.name };
    if (!existsSync(join(path, SKILL_FILE))) {
      containers.push(directory);
      continue;
    }
    const loaded = skillFromFile(join(path, SKILL_FILE), path, directory);
    if ('warning' in loaded) warnings.push(loaded.warning);
    else definitions.push(loaded.definition);
  }
  const fromContainers = loadSkills(containers);
  return { definitions: [...definitions, ...fromContainers.definitions], warnings: [...warnings, ...fromContainers.warnings] };
}

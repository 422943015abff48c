// Agent definition files: `agents/**/*.md` (subfolders included) in the user's `~/.wright` and
// `~/.claude` and the project's `.wright` and `.claude` (in every folder from where wright started up
// to the project root, and in the `--add-dir` directories). A file that breaks a rule is skipped with a
// warning naming it and the problem.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { readFrontmatterFile } from '../../config/frontmatter.js';
import { projectDefinitionFolders, type ExtensionRoots } from '../commands/extensionRoots.js';
import { agentFromFields, type AgentDefinition } from './agentDefinition.js';

/** Where definitions are read from, highest precedence first within each scope. */
export function agentDirectories(roots: ExtensionRoots): Array<{ path: string; source: 'project' | 'user' }> {
  return [
    ...projectDefinitionFolders(roots).flatMap((folder) => [
      { path: join(folder, '.wright', 'agents'), source: 'project' as const },
      { path: join(folder, '.claude', 'agents'), source: 'project' as const },
    ]),
    { path: join(roots.configDir, 'agents'), source: 'user' },
    { path: join(roots.home, '.claude', 'agents'), source: 'user' },
  ];
}

/** A folder (or one file) of a plugin's agents: their names get the plugin's prefix, `plugin:agent`. */
export interface PluginAgentDirectory {
  path: string;
  source: 'plugin';
  plugin: string;
}

export function loadAgentFiles(directories: ReadonlyArray<ReturnType<typeof agentDirectories>[number] | PluginAgentDirectory>): { agents: AgentDefinition[]; warnings: string[] } {
  const agents: AgentDefinition[] = [];
  const warnings: string[] = [];
  for (const directory of directories) {
    const files = directory.path.endsWith('.md') ? [directory.path] : markdownFilesUnder(directory.path);
    for (const path of files) {
      const loaded = agentFromFile(path, directory.source);
      if ('warning' in loaded) {
        warnings.push(loaded.warning);
        continue;
      }
      warnings.push(...loaded.notes.map((note) => `Agent ${path}: ${note}`));
      if ('plugin' in directory) agents.push({ ...loaded.agent, name: `${directory.plugin}:${loaded.agent.name}`, plugin: directory.plugin });
      else agents.push(loaded.agent);
    }
  }
  return { agents, warnings };
}

export function agentFromFile(path: string, source: 'project' | 'user' | 'plugin'): { agent: AgentDefinition; notes: string[] } | { warning: string } {
  const skip = (why: string) => ({ warning: `Skipped agent ${path}: ${why}` });
  const read = readFrontmatterFile(path, 'agent');
  if ('warning' in read) return read;
  const parsed = read.parsed;
  const { attributes } = parsed;
  const result = agentFromFields(
    { name: attributes['name'], description: attributes['description'], tools: attributes['tools'], model: attributes['model'], prompt: parsed.body, all: attributes },
    source,
    path,
  );
  return 'problem' in result ? skip(result.problem) : result;
}

function markdownFilesUnder(directory: string): string[] {
  let entries;
  try {
    entries = readdirSync(directory, { withFileTypes: true });
  } catch {
    return [];
  }
  const files: string[] = [];
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.name.startsWith('.')) continue;
    const path = join(directory, entry.name);
    if (entry.isDirectory()) files.push(...markdownFilesUnder(path));
    else if (entry.isFile() && entry.name.endsWith('.md')) files.push(path);
  }
  return files;
}

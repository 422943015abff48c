// The subagents a session knows, by name. Precedence (reference §7.1): `--agents` (session) over the
// project's files over the user's over enabled plugins' (named `plugin:agent`); within a scope `.wright` over `.claude`. Tool names a definition
// lists that the session does not have are dropped with a warning.
import type { ExtensionRoots } from '../commands/extensionRoots.js';
import type { AgentDefinition } from './agentDefinition.js';
import { agentDirectories, loadAgentFiles, type PluginAgentDirectory } from './agentFiles.js';

export class AgentRegistry {
  private readonly byName: Map<string, AgentDefinition>;

  constructor(definitions: readonly AgentDefinition[]) {
    this.byName = new Map();
    // Highest precedence first: the first definition of a name wins.
    for (const definition of definitions) if (!this.byName.has(definition.name)) this.byName.set(definition.name, definition);
  }

  get(name: string): AgentDefinition | undefined {
    return this.byName.get(name);
  }

  all(): AgentDefinition[] {
    return [...this.byName.values()].sort((a, b) => a.name.localeCompare(b.name));
  }
}

export interface AgentRegistryOptions {
  roots: ExtensionRoots;
  /** The definitions `--agents` gave (see parseAgentsFlag), when given. */
  session?: { agents: AgentDefinition[]; warnings: string[] };
  /** The session's tool names, to check `tools` against. */
  toolNames: readonly string[];
  /** Enabled plugins' agent folders; they come after the user's. */
  pluginDirectories?: readonly PluginAgentDirectory[];
}

export function loadAgentRegistry(options: AgentRegistryOptions): { registry: AgentRegistry; warnings: string[] } {
  const session = options.session ?? { agents: [], warnings: [] };
  const files = loadAgentFiles([...agentDirectories(options.roots), ...(options.pluginDirectories ?? [])]);
  const warnings = [...session.warnings, ...files.warnings];
  const known = new Set(options.toolNames);
  const knownOnly = (agent: AgentDefinition, key: 'tools' | 'disallowedTools'): AgentDefinition => {
    const names = agent[key];
    if (names === undefined) return agent;
    const unknown = names.filter((tool) => !known.has(tool));
    if (unknown.length === 0) return agent;
    warnings.push(`Agent "${agent.name}" (${agent.origin}) lists unknown tool${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')} in \`${key}\`; ignored`);
    return { ...agent, [key]: names.filter((tool) => known.has(tool)) };
  };
  const checked = [...session.agents, ...files.agents].map((agent) => knownOnly(knownOnly(agent, 'tools'), 'disallowedTools'));
  return { registry: new AgentRegistry(checked), warnings };
}

/** For /agents: each agent with its source, tools and model. */
export function formatAgentListing(registry: AgentRegistry): string {
  const agents = registry.all();
  if (agents.length === 0) {
    return 'No agents defined. Add Markdown files with name and description front matter to .wright/agents/ (project) or ~/.wright/agents/ (user), or pass --agents \'<json>\'.';
  }
  const lines = ['Agents (session --agents > project > user > plugin):'];
  for (const agent of agents) {
    lines.push(`  ${agent.name} (${agent.plugin !== undefined ? `plugin ${agent.plugin}` : agent.source}: ${agent.origin})`);
    lines.push(`    ${agent.description}`);
    const extras = [
      ...(agent.disallowedTools !== undefined ? [`not: ${agent.disallowedTools.join(', ')}`] : []),
      ...(agent.permissionMode !== undefined ? [`mode: ${agent.permissionMode}`] : []),
      ...(agent.maxTurns !== undefined ? [`max turns: ${agent.maxTurns}`] : []),
      ...(agent.skills !== undefined ? [`skills: ${agent.skills.join(', ')}`] : []),
    ];
    lines.push(`    tools: ${agent.tools === undefined ? 'all' : agent.tools.length === 0 ? '(none)' : agent.tools.join(', ')} · model: ${agent.model ?? 'default'}${extras.map((extra) => ` · ${extra}`).join('')}`);
  }
  return lines.join('\n');
}

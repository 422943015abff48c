// `--agents '<json>'`: definitions for this session only, keyed by name —
// `{"reviewer": {"description": "…", "prompt": "…", "tools": ["Read"], "model": "sonnet"}}`.
// JSON that is not such an object is a usage problem (thrown); a bad entry is a warning.
import { agentFromFields, type AgentDefinition } from './agentDefinition.js';

export class AgentsFlagError extends Error {}

export function parseAgentsFlag(json: string): { agents: AgentDefinition[]; warnings: string[] } {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (error) {
    throw new AgentsFlagError(`--agents: not valid JSON: ${(error as Error).message}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new AgentsFlagError('--agents: expected an object keyed by agent name, e.g. {"reviewer":{"description":"…","prompt":"…"}}');
  }
  const agents: AgentDefinition[] = [];
  const warnings: string[] = [];
  for (const [name, entry] of Object.entries(value)) {
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
      warnings.push(`Skipped agent "${name}" from --agents: expected an object with description and prompt`);
      continue;
    }
    const fields = entry as Record<string, unknown>;
    const result = agentFromFields({ name, description: fields['description'], tools: fields['tools'], model: fields['model'], prompt: fields['prompt'], all: fields }, 'session', '--agents');
    if ('problem' in result) warnings.push(`Skipped agent "${name}" from --agents: ${result.problem}`);
    else {
      agents.push(result.agent);
      warnings.push(...result.notes.map((note) => `Agent "${name}" from --agents: ${note}`));
    }
  }
  return { agents, warnings };
}

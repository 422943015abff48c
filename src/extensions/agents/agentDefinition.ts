// One subagent definition and the rules it must meet (reference §7.1): `name` (required; lowercase
// letters, digits and hyphens — so no ':'), `description` (required: when to delegate to it),
// `tools` (a comma list or a list; omitted = every tool), `model` (sonnet, opus, haiku, inherit or a
// full model id), and the prompt (the file's body) that replaces the main system prompt. The later,
// optional fields are read by agentOptionalFields.ts.
import { readOptionalFields, type AgentOptionalFields } from './agentOptionalFields.js';

export type AgentSource = 'session' | 'project' | 'user' | 'plugin';

export interface AgentDefinition extends AgentOptionalFields {
  name: string;
  description: string;
  /** Tool names the agent may use; undefined = all of the session's tools. */
  tools?: string[];
  /** An alias, `inherit`, or a full model id; undefined = the default subagent model. */
  model?: string;
  prompt: string;
  source: AgentSource;
  /** The file it came from, or `--agents` for the session flag. */
  origin: string;
  /** The plugin that provides it (its name is then `plugin:agent`). */
  plugin?: string;
}

export interface AgentFields {
  name: unknown;
  description: unknown;
  tools: unknown;
  model: unknown;
  prompt: unknown;
  /** Every field as written, for the optional ones. */
  all?: Readonly<Record<string, unknown>>;
}

const NAME = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const MODEL_ALIASES = new Set(['sonnet', 'opus', 'haiku', 'inherit']);
const MODEL_ID = /^[A-Za-z0-9][A-Za-z0-9._:/@-]*$/;

/** Validates raw fields into a definition, or says what is wrong with them. */
export function agentFromFields(fields: AgentFields, source: AgentSource, origin: string): { agent: AgentDefinition; notes: string[] } | { problem: string } {
  const name = typeof fields.name === 'string' ? fields.name.trim() : undefined;
  if (name === undefined || name === '') return { problem: 'it has no `name` (lowercase letters, digits and hyphens)' };
  if (name.includes(':')) return { problem: `name "${name}" must not contain ':'` };
  if (!NAME.test(name)) return { problem: `name "${name}" must be lowercase letters, digits and single hyphens` };
  const description = typeof fields.description === 'string' ? fields.description.trim() : '';
  if (description === '') return { problem: 'it has no `description` (what the agent does and when to use it)' };
  const tools = toolList(fields.tools);
  if (tools === null) return { problem: '`tools` must be a comma-separated list or a list of tool names' };
  let model: string | undefined;
  if (fields.model !== undefined) {
    model = typeof fields.model === 'string' ? fields.model.trim() : '';
    if (!MODEL_ALIASES.has(model) && !MODEL_ID.test(model)) {
      return { problem: `model "${String(fields.model)}" must be sonnet, opus, haiku, inherit or a full model id` };
    }
  }
  const prompt = typeof fields.prompt === 'string' ? fields.prompt.trim() : '';
  if (prompt === '') return { problem: 'it has no system prompt (the text after the front matter, or `prompt` in --agents)' };
  const optional = readOptionalFields(fields.all ?? {});
  return {
    agent: {
      name,
      description,
      ...(tools !== undefined ? { tools } : {}),
      ...(model !== undefined ? { model } : {}),
      ...optional.fields,
      prompt,
      source,
      origin,
    },
    notes: optional.notes,
  };
}

/** undefined: all tools; null: not a list. */
function toolList(value: unknown): string[] | undefined | null {
  if (value === undefined) return undefined;
  const items = typeof value === 'string' ? value.split(',') : Array.isArray(value) && value.every((item) => typeof item === 'string') ? (value as string[]) : null;
  if (items === null) return null;
  const names = items.map((item) => item.trim()).filter(Boolean);
  // `tools:` with nothing after it reads as an empty list: treat it as omitted, not as "no tools".
  return names.length === 0 ? undefined : [...new Set(names)];
}

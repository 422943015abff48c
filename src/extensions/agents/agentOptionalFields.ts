// The later fields of a subagent definition (reference §7.1), read and checked now so the multi-agent
// work finds them ready: `disallowedTools`, `permissionMode`, `maxTurns`, `skills` (bodies preloaded),
// `mcpServers`, `hooks`, `memory`, `background`, `effort`, `isolation`, `color`, `initialPrompt`.
// A field that is wrong is left out with a note; the agent still loads, as its required parts hold.
import { PERMISSION_MODES, type PermissionMode } from '../../config/permissionModes.js';

export interface AgentOptionalFields {
  /** Tools taken away from what `tools` (or the session) gives. */
  disallowedTools?: string[];
  permissionMode?: PermissionMode;
  maxTurns?: number;
  /** Skills whose bodies the agent starts with. */
  skills?: string[];
  /** MCP servers for the agent: names of the session's, or inline configurations (as written). */
  mcpServers?: unknown[] | Record<string, unknown>;
  /** Hooks active while the agent runs (settings `hooks` shape, as written). */
  hooks?: Record<string, unknown>;
  memory?: 'user' | 'project' | 'local';
  background?: boolean;
  effort?: 'low' | 'medium' | 'high';
  isolation?: 'worktree';
  color?: string;
  initialPrompt?: string;
}

const MEMORY = ['user', 'project', 'local'] as const;
const EFFORT = ['low', 'medium', 'high'] as const;

/** The optional fields that are valid, and a note for each that is not. */
export function readOptionalFields(raw: Readonly<Record<string, unknown>>): { fields: AgentOptionalFields; notes: string[] } {
  const fields: AgentOptionalFields = {};
  const notes: string[] = [];
  const ignore = (key: string, why: string) => notes.push(`\`${key}\` ${why}; ignored`);
  const list = (key: 'disallowedTools' | 'skills') => {
    const value = raw[key];
    if (value === undefined) return;
    const items = typeof value === 'string' ? value.split(',') : Array.isArray(value) && value.every((item) => typeof item === 'string') ? (value as string[]) : null;
    if (items === null) return ignore(key, 'must be a comma-separated list or a list of names');
    const names = [...new Set(items.map((item) => item.trim()).filter(Boolean))];
    if (names.length > 0) fields[key] = names;
  };
  const oneOf = <T extends string>(key: 'memory' | 'effort', allowed: readonly T[]): T | undefined => {
    const value = raw[key];
    if (value === undefined) return undefined;
    if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
    ignore(key, `must be one of ${allowed.join(', ')}`);
    return undefined;
  };

  list('disallowedTools');
  list('skills');
  if (raw.permissionMode !== undefined) {
    if (typeof raw.permissionMode === 'string' && (PERMISSION_MODES as readonly string[]).includes(raw.permissionMode)) fields.permissionMode = raw.permissionMode as PermissionMode;
    else ignore('permissionMode', `must be one of ${PERMISSION_MODES.join(', ')}`);
  }
  if (raw.maxTurns !== undefined) {
    // Front matter gives text, --agents JSON a number.
    const turns = typeof raw.maxTurns === 'string' && /^\d+$/.test(raw.maxTurns.trim()) ? Number(raw.maxTurns) : raw.maxTurns;
    if (typeof turns === 'number' && Number.isInteger(turns) && turns > 0) fields.maxTurns = turns;
    else ignore('maxTurns', 'must be a whole number above 0');
  }
  if (raw.mcpServers !== undefined) {
    if (typeof raw.mcpServers === 'object' && raw.mcpServers !== null) fields.mcpServers = raw.mcpServers as unknown[] | Record<string, unknown>;
    else ignore('mcpServers', 'must be a list of server names or an object of server configurations');
  }
  if (raw.hooks !== undefined) {
    if (typeof raw.hooks === 'object' && raw.hooks !== null && !Array.isArray(raw.hooks)) fields.hooks = raw.hooks as Record<string, unknown>;
    else ignore('hooks', 'must be an object keyed by event name, as in settings');
  }
  const memory = oneOf('memory', MEMORY);
  if (memory !== undefined) fields.memory = memory;
  const effort = oneOf('effort', EFFORT);
  if (effort !== undefined) fields.effort = effort;
  if (raw.background !== undefined) {
    const background = raw.background === 'true' ? true : raw.background === 'false' ? false : raw.background;
    if (typeof background === 'boolean') fields.background = background;
    else ignore('background', 'must be true or false');
  }
  if (raw.isolation !== undefined) {
    if (raw.isolation === 'worktree') fields.isolation = 'worktree';
    else ignore('isolation', 'must be "worktree"');
  }
  for (const key of ['color', 'initialPrompt'] as const) {
    const value = raw[key];
    if (value === undefined) continue;
    if (typeof value === 'string' && value.trim() !== '') fields[key] = value.trim();
    else ignore(key, 'must be text');
  }
  return { fields, notes };
}

// Where MCP servers are configured, and which entry wins when several scopes name the same server.
//
//   local   — this project only, private: `<configDir>/mcp.json` → projects["<project root>"].mcpServers,
//             and Claude Code's `~/.claude.json` → projects["<project root>"].mcpServers (read-only)
//   project — `<project root>/.mcp.json` → mcpServers (committed; each server needs approval once)
//   user    — every project: `<configDir>/mcp.json` → mcpServers, and `~/.claude.json` → mcpServers
//
// Precedence for one name: local > project > user > plugin, the whole entry (no merging). Within a scope,
// wright's own file wins over `~/.claude.json`.
//
// An administrator's `managed-mcp.json` (next to the managed settings file), when it exists, is the
// only source: the servers it lists (scope `managed`) and no others. A broken one starts none.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** `plugin`: a server an enabled plugin provides (named `plugin_<plugin>_<server>`); never written by `wright mcp`. */
export type McpScope = 'local' | 'project' | 'user';
export const MCP_SCOPES: readonly McpScope[] = ['local', 'project', 'user'];
/** Where a server entry came from: a scope users write to, or the administrator's file. */
/** Where a server entry came from: a scope `wright mcp` writes, the managed file, or a plugin. */
export type McpEntryScope = McpScope | 'managed' | 'plugin';

export interface McpLocations {
  projectRoot: string;
  /** wright's user config directory (`~/.wright`). */
  configDir: string;
  home: string;
  /** The administrator's `managed-mcp.json`. */
  managedMcpFile?: string;
}

/** `managed-mcp.json` beside the managed settings file (`/etc/wright/managed-mcp.json` by default). */
export const managedMcpFileFor = (managedSettingsPath: string) => join(dirname(managedSettingsPath), 'managed-mcp.json');

export interface RawServerEntry {
  name: string;
  scope: McpEntryScope;
  /** The file it came from. */
  source: string;
  raw: unknown;
  /** Variables for `${VAR}` expansion that the server also gets (a plugin's CLAUDE_PLUGIN_ROOT). */
  env?: Record<string, string>;
}

export const userMcpFile = (locations: McpLocations) => join(locations.configDir, 'mcp.json');
export const projectMcpFile = (locations: McpLocations) => join(locations.projectRoot, '.mcp.json');
const claudeJsonFile = (locations: McpLocations) => join(locations.home, '.claude.json');

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Reads a JSON file; a missing file is empty, a broken one a warning. */
export function readJsonObject(path: string, warnings: string[]): Record<string, unknown> | null {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') warnings.push(`Cannot read ${path}: ${(error as Error).message}`);
    return null;
  }
  try {
    const value: unknown = JSON.parse(text);
    if (isRecord(value)) return value;
    warnings.push(`${path} must hold a JSON object; its MCP servers are ignored.`);
  } catch (error) {
    warnings.push(`${path} is not valid JSON (${(error as Error).message}); its MCP servers are ignored.`);
  }
  return null;
}

function serversIn(container: unknown, scope: McpEntryScope, source: string, warnings: string[]): RawServerEntry[] {
  if (!isRecord(container) || container.mcpServers === undefined) return [];
  if (!isRecord(container.mcpServers)) {
    warnings.push(`"mcpServers" in ${source} must be an object; ignored.`);
    return [];
  }
  return Object.entries(container.mcpServers).map(([name, raw]) => ({ name, scope, source, raw }));
}

const projectEntry = (file: Record<string, unknown> | null, projectRoot: string): unknown =>
  file !== null && isRecord(file.projects) ? file.projects[projectRoot] : undefined;

/** Every configured server entry, all scopes, lowest precedence first (claude.json before wright's file). */
export function readAllServerEntries(locations: McpLocations, warnings: string[]): RawServerEntry[] {
  const managed = locations.managedMcpFile;
  if (managed !== undefined && existsSync(managed)) {
    const file = readJsonObject(managed, warnings);
    if (file === null) warnings.push(`No MCP servers start until ${managed} is fixed (it is the only source of servers when present).`);
    return serversIn(file, 'managed', managed, warnings);
  }
  const wrightFile = readJsonObject(userMcpFile(locations), warnings);
  const claudeFile = readJsonObject(claudeJsonFile(locations), warnings);
  const project = readJsonObject(projectMcpFile(locations), warnings);
  const wrightPath = userMcpFile(locations);
  const claudePath = claudeJsonFile(locations);
  return [
    ...serversIn(claudeFile, 'user', claudePath, warnings),
    ...serversIn(wrightFile, 'user', wrightPath, warnings),
    ...serversIn(project, 'project', projectMcpFile(locations), warnings),
    ...serversIn(projectEntry(claudeFile, locations.projectRoot), 'local', claudePath, warnings),
    ...serversIn(projectEntry(wrightFile, locations.projectRoot), 'local', wrightPath, warnings),
  ];
}

/** One entry per name: the one from the highest-precedence scope. */
export function effectiveServerEntries(entries: readonly RawServerEntry[]): RawServerEntry[] {
  const byName = new Map<string, RawServerEntry>();
  for (const entry of entries) byName.set(entry.name, entry);
  return [...byName.values()].sort((a, b) => a.name.localeCompare(b.name));
}

export type ProjectApproval = 'approved' | 'rejected' | 'pending';

/**
 * Whether a `.mcp.json` server may start, from settings as Claude Code names them:
 * `enabledMcpjsonServers` / `disabledMcpjsonServers` (names) and `enableAllProjectMcpServers`.
 */
export function projectServerApproval(name: string, settings: Record<string, unknown>): ProjectApproval {
  const listed = (key: string) => Array.isArray(settings[key]) && (settings[key] as unknown[]).includes(name);
  if (listed('disabledMcpjsonServers')) return 'rejected';
  if (listed('enabledMcpjsonServers') || settings.enableAllProjectMcpServers === true) return 'approved';
  return 'pending';
}

// Adding and removing MCP servers in the files wright owns: `<configDir>/mcp.json` (user scope at the
// top, local scope under projects["<project root>"]) and the project's `.mcp.json`. Claude Code's
// `~/.claude.json` is only ever read.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { projectMcpFile, readJsonObject, userMcpFile, type McpLocations, type McpScope } from './mcpConfigFiles.js';

type JsonObject = Record<string, unknown>;
const isRecord = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);

function fileFor(scope: McpScope, locations: McpLocations): string {
  return scope === 'project' ? projectMcpFile(locations) : userMcpFile(locations);
}

/** The object holding `mcpServers` for the scope inside the file's content, created when asked. */
function serversContainer(content: JsonObject, scope: McpScope, locations: McpLocations, create: boolean): JsonObject | undefined {
  if (scope !== 'local') return content;
  if (!isRecord(content.projects)) {
    if (!create) return undefined;
    content.projects = {};
  }
  const projects = content.projects as JsonObject;
  if (!isRecord(projects[locations.projectRoot])) {
    if (!create) return undefined;
    projects[locations.projectRoot] = {};
  }
  return projects[locations.projectRoot] as JsonObject;
}

function load(path: string): JsonObject {
  const warnings: string[] = [];
  const content = readJsonObject(path, warnings);
  if (warnings.length > 0) throw new Error(`${warnings[0]} Fix the file before changing it.`);
  return content ?? {};
}

function save(path: string, content: JsonObject): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(content, null, 2)}\n`);
}

/** Writes the server's entry into the scope's file (replacing one of the same name); answers the file. */
export function addServer(scope: McpScope, name: string, entry: JsonObject, locations: McpLocations): string {
  const path = fileFor(scope, locations);
  const content = load(path);
  const container = serversContainer(content, scope, locations, true)!;
  if (!isRecord(container.mcpServers)) container.mcpServers = {};
  (container.mcpServers as JsonObject)[name] = entry;
  save(path, content);
  return path;
}

/** Removes the server from the scope's file; answers the file, or null when it was not there. */
export function removeServer(scope: McpScope, name: string, locations: McpLocations): string | null {
  const path = fileFor(scope, locations);
  const content = load(path);
  const container = serversContainer(content, scope, locations, false);
  if (container === undefined || !isRecord(container.mcpServers) || !(name in container.mcpServers)) return null;
  delete (container.mcpServers as JsonObject)[name];
  save(path, content);
  return path;
}

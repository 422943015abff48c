// The one-time question about `.mcp.json` servers: which ones have not been approved or rejected
// yet, and saving the answer to `.wright/settings.local.json` (enabledMcpjsonServers /
// disabledMcpjsonServers, Claude Code's keys) so it is never asked again for them.
import { addLocalSettingsListEntries } from '../../config/localSettingsWriter.js';
import { effectiveServerEntries, projectServerApproval, readAllServerEntries, type McpLocations } from './mcpConfigFiles.js';
import { mcpPolicyVerdict, readMcpPolicy } from './mcpPolicy.js';
import { parseServerConfig } from './mcpServerConfig.js';

export interface PendingProjectServer {
  name: string;
  /** The command line or URL, for the question. */
  summary: string;
}

/**
 * Project servers that would start if approved: listed in `.mcp.json`, not overridden by a local
 * entry, undecided, and not refused by allowedMcpServers / deniedMcpServers anyway.
 */
export function pendingProjectServers(locations: McpLocations, settings: Record<string, unknown>, env: Record<string, string | undefined> = {}): PendingProjectServer[] {
  const entries = effectiveServerEntries(readAllServerEntries(locations, []));
  const policy = readMcpPolicy(settings, []);
  const permitted = (raw: unknown, name: string) => {
    const parsed = parseServerConfig(raw, env);
    return !parsed.ok || mcpPolicyVerdict(name, parsed.config, policy).allowed;
  };
  return entries
    .filter((entry) => entry.scope === 'project' && projectServerApproval(entry.name, settings) === 'pending' && permitted(entry.raw, entry.name))
    .map((entry) => {
      const raw = (typeof entry.raw === 'object' && entry.raw !== null ? entry.raw : {}) as Record<string, unknown>;
      const summary = typeof raw.url === 'string' ? raw.url : [raw.command, ...(Array.isArray(raw.args) ? raw.args : [])].map(String).join(' ');
      return { name: entry.name, summary };
    });
}

/** Records the user's answer for these servers; answers the settings file written. */
export function saveProjectServerChoice(projectRoot: string, names: string[], approved: boolean): Promise<string> {
  return addLocalSettingsListEntries(projectRoot, approved ? 'enabledMcpjsonServers' : 'disabledMcpjsonServers', names);
}

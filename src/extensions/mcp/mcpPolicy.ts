// Which MCP servers the settings let start, as Claude Code's managed settings name it:
// `allowedMcpServers` and `deniedMcpServers`, lists of `{ serverName }`, `{ serverCommand: [...] }`
// (the exact command and arguments of a stdio server) or `{ serverUrl: "https://*.example.com/*" }`
// (a remote server's URL, `*` matching any run of characters).
//
//   - the deny list wins: a server any entry matches never starts;
//   - no allow list: every server may start; an empty one: none may;
//   - with an allow list, a stdio server must match a `serverCommand` entry when the list has any,
//     else a `serverName` entry; a remote server must match a `serverUrl` entry when the list has
//     any, else a `serverName` entry.
import type { McpServerConfig } from './mcpServerConfig.js';

export interface McpPolicyEntry {
  serverName?: string;
  serverCommand?: string[];
  serverUrl?: string;
}

export interface McpPolicy {
  /** Undefined: no allow list. */
  allowed?: McpPolicyEntry[];
  denied: McpPolicyEntry[];
}

export type McpPolicyVerdict = { allowed: true } | { allowed: false; reason: string };

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function entriesOf(value: unknown, key: string, warnings: string[]): McpPolicyEntry[] {
  if (!Array.isArray(value)) {
    warnings.push(`Settings "${key}" must be an array of { serverName } / { serverCommand } / { serverUrl } entries; ignored.`);
    return [];
  }
  const entries: McpPolicyEntry[] = [];
  for (const item of value) {
    const fields = isRecord(item) ? ['serverName', 'serverCommand', 'serverUrl'].filter((field) => item[field] !== undefined) : [];
    const entry = isRecord(item) ? item : {};
    const valid =
      fields.length === 1 &&
      (typeof entry.serverName === 'string' ||
        (Array.isArray(entry.serverCommand) && entry.serverCommand.length > 0 && entry.serverCommand.every((part) => typeof part === 'string')) ||
        typeof entry.serverUrl === 'string');
    if (!valid) {
      warnings.push(`Settings "${key}" entry ${JSON.stringify(item)} needs exactly one of serverName (text), serverCommand (array of text) or serverUrl (text); ignored.`);
      continue;
    }
    entries.push(entry as McpPolicyEntry);
  }
  return entries;
}

/** The allow and deny lists from the merged settings (lists from every settings file add up). */
export function readMcpPolicy(settings: Record<string, unknown>, warnings: string[]): McpPolicy {
  const denied = settings.deniedMcpServers === undefined ? [] : entriesOf(settings.deniedMcpServers, 'deniedMcpServers', warnings);
  if (settings.allowedMcpServers === undefined) return { denied };
  // A broken allow list stays a list, so it fails closed.
  return { allowed: entriesOf(settings.allowedMcpServers, 'allowedMcpServers', warnings), denied };
}

function urlMatches(pattern: string, url: string): boolean {
  const regex = new RegExp(`^${pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`, 'i');
  let normalised = url;
  try {
    normalised = new URL(url).href;
  } catch {
    // Compared as written.
  }
  return regex.test(url) || regex.test(normalised);
}

const sameCommand = (entry: string[], config: McpServerConfig) =>
  config.type === 'stdio' && entry.length === config.args.length + 1 && entry[0] === config.command && entry.slice(1).every((arg, index) => arg === config.args[index]);

function matches(entry: McpPolicyEntry, name: string, config: McpServerConfig): boolean {
  if (entry.serverName !== undefined) return entry.serverName === name;
  if (entry.serverCommand !== undefined) return sameCommand(entry.serverCommand, config);
  if (entry.serverUrl !== undefined) return config.type !== 'stdio' && urlMatches(entry.serverUrl, config.url);
  return false;
}

const describeEntry = (entry: McpPolicyEntry) =>
  entry.serverName !== undefined ? `serverName "${entry.serverName}"` : entry.serverCommand !== undefined ? `serverCommand ${JSON.stringify(entry.serverCommand)}` : `serverUrl "${entry.serverUrl}"`;

export function mcpPolicyVerdict(name: string, config: McpServerConfig, policy: McpPolicy): McpPolicyVerdict {
  const denying = policy.denied.find((entry) => matches(entry, name, config));
  if (denying !== undefined) return { allowed: false, reason: `blocked by deniedMcpServers (${describeEntry(denying)})` };
  if (policy.allowed === undefined) return { allowed: true };
  const byKind = config.type === 'stdio' ? policy.allowed.filter((entry) => entry.serverCommand !== undefined) : policy.allowed.filter((entry) => entry.serverUrl !== undefined);
  const candidates = byKind.length > 0 ? byKind : policy.allowed.filter((entry) => entry.serverName !== undefined);
  if (candidates.some((entry) => matches(entry, name, config))) return { allowed: true };
  const needs = byKind.length > 0 ? (config.type === 'stdio' ? 'its command must match a serverCommand entry' : 'its URL must match a serverUrl entry') : 'its name is not listed';
  return { allowed: false, reason: `not in allowedMcpServers (${policy.allowed.length === 0 ? 'the list is empty' : needs})` };
}

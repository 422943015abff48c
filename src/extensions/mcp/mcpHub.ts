// The session's MCP servers: which configured ones may start (project approval, the managed allow
// and deny lists), connecting them all in parallel at start-up, their tools and prompts (kept
// current as servers report changes or reconnect), their status (system/init, /mcp), and shutting
// them down with the session.
import { readAllServerEntries, effectiveServerEntries, projectServerApproval, type McpEntryScope, type McpLocations, type RawServerEntry } from './mcpConfigFiles.js';
import { McpConnection, type McpPromptInfo, type McpServerStatus } from './mcpConnection.js';
import { mcpPolicyVerdict, readMcpPolicy } from './mcpPolicy.js';
import { isValidServerName, parseServerConfig } from './mcpServerConfig.js';
import { createMcpTool } from './mcpTools.js';
import { createMcpResourceTools } from './mcpResourceTools.js';
import { McpTokenStore, mcpOAuthFile } from './mcpTokenStore.js';
import type { AnyTool } from '../../tools/types.js';

export const DEFAULT_MCP_TIMEOUT_MS = 30_000;
export const DEFAULT_MCP_TOOL_TIMEOUT_MS = 30 * 60_000;
export const DEFAULT_MAX_MCP_OUTPUT_TOKENS = 25_000;

export interface McpLimits {
  connectTimeoutMs: number;
  toolTimeoutMs: number;
  maxOutputTokens: number;
}

/** MCP_TIMEOUT, MCP_TOOL_TIMEOUT (milliseconds) and MAX_MCP_OUTPUT_TOKENS from the session's environment. */
export function mcpLimits(env: Record<string, string | undefined>): McpLimits {
  const positive = (name: string, fallback: number) => {
    const value = Number(env[name]);
    return Number.isFinite(value) && value > 0 ? value : fallback;
  };
  return {
    connectTimeoutMs: positive('MCP_TIMEOUT', DEFAULT_MCP_TIMEOUT_MS),
    toolTimeoutMs: positive('MCP_TOOL_TIMEOUT', DEFAULT_MCP_TOOL_TIMEOUT_MS),
    maxOutputTokens: positive('MAX_MCP_OUTPUT_TOKENS', DEFAULT_MAX_MCP_OUTPUT_TOKENS),
  };
}

export interface McpServerSummary {
  name: string;
  status: McpServerStatus;
  scope: McpEntryScope;
  /** Why it failed, or what it needs. */
  detail?: string;
  tools: number;
}

export interface McpHubOptions {
  locations: McpLocations;
  /**
   * The merged settings: approval keys (enableAllProjectMcpServers, enabledMcpjsonServers,
   * disabledMcpjsonServers) and the policy lists (allowedMcpServers, deniedMcpServers).
   */
  settings: Record<string, unknown>;
  /** The session's environment: `${VAR}` expansion and the limits read it. */
  env: Record<string, string | undefined>;
  /** What stdio servers inherit (credentials removed). */
  serverEnv: Record<string, string | undefined>;
  cwd: string;
  version: string;
  /** Told the OAuth token values remote servers are reached with, so the session redacts them. */
  onSecrets?: (values: string[]) => void;
  /** Enabled plugins' servers (scope `plugin`): they start without the `.mcp.json` approval. */
  pluginServers?: readonly RawServerEntry[];
}

/** One prompt of a connected server. */
export interface McpServerPrompt {
  server: string;
  prompt: McpPromptInfo;
}

export class McpHub {
  readonly warnings: string[] = [];
  private readonly connections: McpConnection[] = [];
  private readonly unstarted: McpServerSummary[] = [];
  private readonly limits: McpLimits;
  /** The tools as last built: the same array until a server's lists change, so callers can tell. */
  private toolCache: AnyTool[] | undefined;
  private readonly listeners = new Set<() => void>();

  private constructor(private readonly options: McpHubOptions) {
    this.limits = mcpLimits(options.env);
  }

  /** Loads the configuration and connects every server that may start, in parallel. Never throws. */
  static async start(options: McpHubOptions): Promise<McpHub> {
    const hub = new McpHub(options);
    hub.load();
    await Promise.all(hub.connections.map((connection) => connection.connect()));
    for (const connection of hub.connections) {
      if (connection.status === 'failed') hub.warnings.push(`MCP server "${connection.name}" failed to connect: ${connection.error}`);
      if (connection.status === 'needs-auth') hub.warnings.push(`MCP server "${connection.name}" needs authentication: ${connection.error}`);
    }
    return hub;
  }

  private load(): void {
    const { locations, settings, env, cwd, version, serverEnv } = this.options;
    const entries = effectiveServerEntries([...(this.options.pluginServers ?? []), ...readAllServerEntries(locations, this.warnings)]);
    const oauthStore = new McpTokenStore(mcpOAuthFile(locations.configDir));
    const policy = readMcpPolicy(settings, this.warnings);
    for (const entry of entries) {
      if (!isValidServerName(entry.name)) {
        this.warnings.push(`MCP server name "${entry.name}" in ${entry.source} may use only letters, digits, "_" and "-"; skipped.`);
        continue;
      }
      const parsed = parseServerConfig(entry.raw, entry.env !== undefined ? { ...env, ...entry.env } : env);
      if (!parsed.ok) {
        this.warnings.push(`MCP server "${entry.name}" in ${entry.source} ${parsed.error}; skipped.`);
        continue;
      }
      if (parsed.missingVariables.length > 0) {
        this.warnings.push(`MCP server "${entry.name}": environment variable(s) ${parsed.missingVariables.join(', ')} not set.`);
      }
      const verdict = mcpPolicyVerdict(entry.name, parsed.config, policy);
      if (!verdict.allowed) {
        this.unstarted.push({ name: entry.name, scope: entry.scope, status: 'disabled', detail: `disabled by policy: ${verdict.reason}`, tools: 0 });
        continue;
      }
      if (entry.scope === 'project') {
        const approval = projectServerApproval(entry.name, settings);
        if (approval !== 'approved') {
          this.unstarted.push({
            name: entry.name,
            scope: entry.scope,
            status: approval === 'rejected' ? 'disabled' : 'needs-approval',
            detail: approval === 'rejected' ? 'disabled in settings (disabledMcpjsonServers)' : 'project server from .mcp.json: approve it in /mcp or with settings enabledMcpjsonServers',
            tools: 0,
          });
          continue;
        }
      }
      this.connections.push(
        new McpConnection(entry.name, entry.scope, parsed.config, {
          connectTimeoutMs: this.limits.connectTimeoutMs,
          toolTimeoutMs: this.limits.toolTimeoutMs,
          cwd,
          env: { ...serverEnv, CLAUDE_PROJECT_DIR: locations.projectRoot, WRIGHT_PROJECT_DIR: locations.projectRoot, ...entry.env },
          clientVersion: version,
          oauthStore,
          ...(this.options.onSecrets !== undefined ? { onSecrets: this.options.onSecrets } : {}),
          onListsChanged: (kinds) => this.listsChanged(kinds),
        }),
      );
    }
  }

  private listsChanged(kinds: readonly string[]): void {
    if (kinds.includes('tools') || kinds.includes('resources')) this.toolCache = undefined;
    for (const listener of this.listeners) listener();
  }

  /** Called whenever a server's tools, prompts or resources were listed anew; answers how to stop. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /**
   * The servers' tools as last listed, and the resource tools when a server has resources. The same
   * array comes back until a list changes (list_changed, a reconnect).
   */
  tools(): AnyTool[] {
    if (this.toolCache !== undefined) return this.toolCache;
    const tools = this.connections.flatMap((connection) => connection.tools.map((tool) => createMcpTool(connection, tool, { maxOutputTokens: this.limits.maxOutputTokens })));
    const resources = this.connections.some((connection) => connection.hasResources) ? createMcpResourceTools(() => this.connections) : [];
    this.toolCache = [...resources, ...tools];
    return this.toolCache;
  }

  /** The connected servers' prompts, by server name. */
  prompts(): McpServerPrompt[] {
    return this.connections
      .filter((connection) => connection.status === 'connected')
      .flatMap((connection) => connection.prompts.map((prompt) => ({ server: connection.name, prompt })));
  }

  /** The connected servers' resources as last listed, as `@` mentions name them: `server:uri`. */
  resourceMentions(): string[] {
    return this.connections
      .filter((connection) => connection.status === 'connected')
      .flatMap((connection) => connection.resources.map((resource) => `${connection.name}:${resource.uri}`));
  }

  /** The started server of that name (connected or not). */
  connection(name: string): McpConnection | undefined {
    return this.connections.find((connection) => connection.name === name);
  }

  servers(): McpServerSummary[] {
    const live = this.connections.map((connection) => ({
      name: connection.name,
      scope: connection.scope,
      status: connection.status,
      ...(connection.error !== undefined ? { detail: connection.error } : {}),
      tools: connection.tools.length,
    }));
    return [...live, ...this.unstarted].sort((a, b) => a.name.localeCompare(b.name));
  }

  /**
   * Reconnects one server (or every one not connected); answers what happened. Its tools and prompts
   * are listed again. A server that was never started (approval, policy) is not among the answers.
   */
  async reconnect(name?: string): Promise<McpServerSummary[]> {
    const targets = this.connections.filter((connection) => (name === undefined ? connection.status !== 'connected' : connection.name === name));
    await Promise.all(targets.map((connection) => connection.connect()));
    return this.servers().filter((server) => targets.some((target) => target.name === server.name));
  }

  async close(): Promise<void> {
    await Promise.all(this.connections.map((connection) => connection.close()));
  }
}

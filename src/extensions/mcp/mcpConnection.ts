// One MCP server: connecting through the official SDK (loaded on first use), listing its tools,
// prompts and resources (again when it says a list changed), calling them, and noticing when it
// goes away. A server that dropped is reconnected by the next call.
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { McpServerConfig } from './mcpServerConfig.js';
import type { McpEntryScope } from './mcpConfigFiles.js';
import { loginHint, McpOAuthProvider } from './mcpOAuthProvider.js';
import type { McpTokenStore } from './mcpTokenStore.js';
import { createRemoteTransport, hasOwnAuthorization } from './remoteTransport.js';

export type McpServerStatus = 'pending' | 'connected' | 'failed' | 'needs-approval' | 'disabled' | 'needs-auth';

/** What a server's list_changed notifications name. */
export type McpListKind = 'tools' | 'prompts' | 'resources';

export interface McpToolInfo {
  name: string;
  description?: string;
  inputSchema: Record<string, unknown>;
}

export interface McpPromptArgument {
  name: string;
  description?: string;
  required: boolean;
}

export interface McpPromptInfo {
  name: string;
  description?: string;
  arguments: McpPromptArgument[];
}

export interface McpResourceInfo {
  uri: string;
  name: string;
  mimeType?: string;
  description?: string;
}

export interface McpCallOutcome {
  content: Array<Record<string, unknown>>;
  structuredContent?: unknown;
  isError: boolean;
}

export interface McpConnectionOptions {
  /** Start-up limit (MCP_TIMEOUT). */
  connectTimeoutMs: number;
  /** Per-call limit (MCP_TOOL_TIMEOUT). */
  toolTimeoutMs: number;
  /** Where stdio servers start. */
  cwd: string;
  /** The environment stdio servers inherit (credentials already removed), before the entry's own `env`. */
  env: Record<string, string | undefined>;
  clientVersion: string;
  /** Where OAuth credentials of remote servers are kept; without it remote servers connect without OAuth. */
  oauthStore?: McpTokenStore;
  /** Told the OAuth token values in use, so the session redacts them. */
  onSecrets?: (values: string[]) => void;
  /** Told after a list was fetched anew: on (re)connecting and on the server's list_changed notifications. */
  onListsChanged?: (kinds: readonly McpListKind[]) => void;
}

const STDERR_TAIL = 2000;

export class McpConnection {
  status: McpServerStatus = 'pending';
  error: string | undefined;
  tools: McpToolInfo[] = [];
  /** The server's prompts (`/mcp__<server>__<prompt>` commands). */
  prompts: McpPromptInfo[] = [];
  /** The server offers resources (ListMcpResourcesTool / ReadMcpResourceTool). */
  hasResources = false;
  /** Its resources as last listed (for `@server:uri` completion); the tools list them afresh. */
  resources: McpResourceInfo[] = [];
  private client: Client | undefined;
  private stderrTail = '';
  private connecting: Promise<void> | undefined;
  private authProvider: McpOAuthProvider | undefined;
  /** Lists being fetched after a list_changed notification. */
  private readonly refreshing = new Set<Promise<void>>();

  constructor(
    readonly name: string,
    readonly scope: McpEntryScope,
    readonly config: McpServerConfig,
    private readonly options: McpConnectionOptions,
  ) {}

  /** Connects (or reconnects) and lists its tools, prompts and resources; failures are recorded in `status`/`error`, never thrown. */
  connect(): Promise<void> {
    this.connecting ??= this.connectOnce().finally(() => (this.connecting = undefined));
    return this.connecting;
  }

  private async connectOnce(): Promise<void> {
    await this.closeClient();
    this.status = 'pending';
    this.error = undefined;
    this.stderrTail = '';
    try {
      const { Client } = await import('@modelcontextprotocol/sdk/client/index.js');
      const client = new Client({ name: 'wright', version: this.options.clientVersion }, { capabilities: {} });
      const transport = await this.transport();
      client.onclose = () => {
        if (this.client !== client) return;
        this.client = undefined;
        if (this.status === 'connected') {
          this.status = 'failed';
          this.error = `the server disconnected${this.stderrSuffix()}`;
        }
      };
      this.client = client;
      // Watching before listing: a change while the lists are fetched is not missed.
      await this.watchLists(client);
      await withTimeout(client.connect(transport, { timeout: this.options.connectTimeoutMs }), this.options.connectTimeoutMs, `did not connect within ${this.options.connectTimeoutMs} ms (MCP_TIMEOUT)`);
      const capabilities = client.getServerCapabilities();
      this.tools = capabilities?.tools ? await this.listTools(client) : [];
      this.prompts = capabilities?.prompts ? await this.listPromptsOf(client).catch(() => []) : [];
      this.hasResources = capabilities?.resources !== undefined;
      this.resources = this.hasResources ? await this.listResourcesOf(client, new AbortController().signal, this.options.connectTimeoutMs).catch(() => []) : [];
      this.status = 'connected';
    } catch (error) {
      if (this.authProvider?.needsLogin) {
        this.status = 'needs-auth';
        this.error = loginHint(this.name);
      } else {
        this.status = 'failed';
        this.error = `${(error as Error).message}${this.stderrSuffix()}`;
      }
      await this.closeClient();
    }
    this.options.onListsChanged?.(['tools', 'prompts', 'resources']);
  }

  /** Lists again what the server says changed; a failed refresh keeps the old list. */
  private async watchLists(client: Client): Promise<void> {
    const { ToolListChangedNotificationSchema, PromptListChangedNotificationSchema, ResourceListChangedNotificationSchema } = await import('@modelcontextprotocol/sdk/types.js');
    const refresh = (kind: McpListKind, fetch: () => Promise<void>) => async () => {
      if (this.client !== client) return;
      const done = fetch().then(
        () => this.options.onListsChanged?.([kind]),
        () => undefined, // The next notification or reconnect lists again.
      );
      this.refreshing.add(done);
      await done.finally(() => this.refreshing.delete(done));
    };
    client.setNotificationHandler(ToolListChangedNotificationSchema, refresh('tools', async () => void (this.tools = await this.listTools(client))));
    client.setNotificationHandler(PromptListChangedNotificationSchema, refresh('prompts', async () => void (this.prompts = await this.listPromptsOf(client))));
    client.setNotificationHandler(
      ResourceListChangedNotificationSchema,
      refresh('resources', async () => void (this.resources = await this.listResourcesOf(client, new AbortController().signal, this.options.connectTimeoutMs))),
    );
  }

  private listPromptsOf(client: Client): Promise<McpPromptInfo[]> {
    return allPages(async (cursor) => {
      const page = await client.listPrompts(cursor === undefined ? {} : { cursor }, { timeout: this.options.connectTimeoutMs });
      const items = page.prompts.map((prompt) => ({
        name: prompt.name,
        ...(prompt.description !== undefined ? { description: prompt.description } : {}),
        arguments: (prompt.arguments ?? []).map((argument) => ({
          name: argument.name,
          ...(argument.description !== undefined ? { description: argument.description } : {}),
          required: argument.required === true,
        })),
      }));
      return { items, nextCursor: page.nextCursor };
    });
  }

  private listResourcesOf(client: Client, signal: AbortSignal, timeout = this.options.toolTimeoutMs): Promise<McpResourceInfo[]> {
    return allPages(async (cursor) => {
      const page = await client.listResources(cursor === undefined ? {} : { cursor }, { signal, timeout });
      const items = page.resources.map((item) => ({
        uri: item.uri,
        name: item.name,
        ...(item.mimeType !== undefined ? { mimeType: item.mimeType } : {}),
        ...(item.description !== undefined ? { description: item.description } : {}),
      }));
      return { items, nextCursor: page.nextCursor };
    });
  }

  private async transport(): Promise<Transport> {
    const config = this.config;
    if (config.type === 'stdio') {
      const { StdioClientTransport } = await import('@modelcontextprotocol/sdk/client/stdio.js');
      const env: Record<string, string> = {};
      for (const [key, value] of Object.entries(this.options.env)) if (value !== undefined) env[key] = value;
      const transport = new StdioClientTransport({
        command: config.command,
        args: config.args,
        env: { ...env, ...config.env },
        cwd: this.options.cwd,
        stderr: 'pipe',
      });
      transport.stderr?.on('data', (chunk: Buffer) => {
        this.stderrTail = (this.stderrTail + chunk.toString('utf8')).slice(-STDERR_TAIL);
      });
      return transport;
    }
    const store = this.options.oauthStore;
    this.authProvider =
      store === undefined || hasOwnAuthorization(config)
        ? undefined
        : new McpOAuthProvider({
            serverName: this.name,
            serverUrl: config.url,
            settings: config.oauth ?? {},
            store,
            mode: { kind: 'session' },
            ...(this.options.onSecrets !== undefined ? { onSecrets: this.options.onSecrets } : {}),
          });
    return createRemoteTransport(config, this.authProvider);
  }

  private listTools(client: Client): Promise<McpToolInfo[]> {
    return allPages(async (cursor) => {
      const page = await client.listTools(cursor === undefined ? {} : { cursor }, { timeout: this.options.connectTimeoutMs });
      const items = page.tools.map((tool) => ({
        name: tool.name,
        ...(tool.description !== undefined ? { description: tool.description } : {}),
        inputSchema: tool.inputSchema as Record<string, unknown>,
      }));
      return { items, nextCursor: page.nextCursor };
    });
  }

  /** The connected client, reconnecting first when the server dropped. Throws with a message fit for the model. */
  private async ready(): Promise<Client> {
    if (this.client === undefined || this.status !== 'connected') {
      await this.connect();
      if (this.client === undefined || this.status !== 'connected') {
        throw new Error(`MCP server "${this.name}" is not connected (${this.error ?? this.status}). Run /mcp to see its status.`);
      }
    }
    return this.client;
  }

  /** Runs one request; a dropped connection or a failure becomes an error message fit for the model. */
  private async request<T>(what: string, signal: AbortSignal, send: (client: Client) => Promise<T>): Promise<T> {
    const client = await this.ready();
    try {
      return await send(client);
    } catch (error) {
      if (signal.aborted) throw new Error(`The call to MCP server "${this.name}" was interrupted.`);
      if (this.authProvider?.needsLogin) {
        this.status = 'needs-auth';
        this.error = loginHint(this.name);
        void this.closeClient();
        throw new Error(`MCP server "${this.name}" needs the user to sign in again: ask them to ${this.error}.`);
      }
      const message = (error as Error).message;
      // The SDK rejects pending requests when the transport closes; onclose may land just after.
      if (this.client !== client || /connection closed/i.test(message)) {
        this.status = 'failed';
        this.error = `the server disconnected${this.stderrSuffix()}`;
        void this.closeClient();
        throw new Error(`MCP server "${this.name}" disconnected during the call (${message}). It will be restarted on the next call.`);
      }
      throw new Error(`MCP server "${this.name}" failed ${what}: ${message}`);
    }
  }

  /** Calls a tool, reconnecting first when the server dropped. Throws with a message fit for the model. */
  async callTool(tool: string, args: Record<string, unknown>, signal: AbortSignal): Promise<McpCallOutcome> {
    const result = await this.request('the call', signal, (client) =>
      client.callTool({ name: tool, arguments: args }, undefined, { signal, timeout: this.options.toolTimeoutMs, resetTimeoutOnProgress: true }),
    );
    // A call that changed the server's lists (it sent list_changed first) returns once they are
    // listed again, so the model's next request already offers the new tools.
    if (this.refreshing.size > 0) await Promise.all(this.refreshing);
    return {
      content: Array.isArray(result.content) ? (result.content as Array<Record<string, unknown>>) : [],
      ...(result.structuredContent !== undefined ? { structuredContent: result.structuredContent } : {}),
      isError: result.isError === true,
    };
  }

  async listResources(signal: AbortSignal): Promise<McpResourceInfo[]> {
    const resources = await this.request('to list resources', signal, (client) => this.listResourcesOf(client, signal));
    this.resources = resources;
    return resources;
  }

  /** The messages of one of the server's prompts, with the arguments filled in. */
  async getPrompt(name: string, args: Record<string, string>, signal: AbortSignal): Promise<Array<{ role: string; content: Record<string, unknown> }>> {
    const result = await this.request(`to give the prompt ${name}`, signal, (client) => client.getPrompt({ name, arguments: args }, { signal, timeout: this.options.toolTimeoutMs }));
    return result.messages as Array<{ role: string; content: Record<string, unknown> }>;
  }

  async readResource(uri: string, signal: AbortSignal): Promise<Array<Record<string, unknown>>> {
    const result = await this.request(`to read ${uri}`, signal, (client) => client.readResource({ uri }, { signal, timeout: this.options.toolTimeoutMs }));
    return result.contents as Array<Record<string, unknown>>;
  }

  private stderrSuffix(): string {
    const tail = this.stderrTail.trim();
    return tail === '' ? '' : ` — stderr: ${tail.split('\n').slice(-5).join(' | ')}`;
  }

  private async closeClient(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    if (client) await client.close().catch(() => undefined);
  }

  async close(): Promise<void> {
    await this.closeClient();
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Every item of a paginated MCP list, following `nextCursor` to the end. */
async function allPages<T>(page: (cursor: string | undefined) => Promise<{ items: T[]; nextCursor?: string | undefined }>): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const next = await page(cursor);
    items.push(...next.items);
    cursor = next.nextCursor;
  } while (cursor !== undefined);
  return items;
}

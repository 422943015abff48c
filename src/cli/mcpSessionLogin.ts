// `/mcp login <server>` and `/mcp logout <server>` inside a session: the same OAuth sign-in as
// `wright mcp login`, for a server the session already knows, followed by a reconnect so its tools
// are usable at once; logging out forgets the credentials and reconnects without them.
import { mcpLimits, type McpHub } from '../extensions/mcp/mcpHub.js';
import { loginToMcpServer } from '../extensions/mcp/mcpOAuthLogin.js';
import { mcpOAuthFile, McpTokenStore } from '../extensions/mcp/mcpTokenStore.js';
import { openBrowser } from './openBrowser.js';

export interface SessionLoginContext {
  hub: McpHub;
  configDir: string;
  env: Record<string, string | undefined>;
  version: string;
  /** Shows a line to the user while the sign-in runs (the URL to open). */
  say(text: string): void;
  signal: AbortSignal;
}

/** Signs in to a remote server of the session; resolves to what to tell the user. */
export async function loginSessionServer(name: string, ctx: SessionLoginContext): Promise<string> {
  const connection = ctx.hub.connection(name);
  if (connection === undefined) return unknownServer(name, ctx.hub);
  const { config } = connection;
  if (config.type === 'stdio') return `"${name}" is a stdio server; only http and sse servers sign in with OAuth.`;
  try {
    const outcome = await loginToMcpServer({
      serverName: name,
      config,
      store: new McpTokenStore(mcpOAuthFile(ctx.configDir)),
      clientVersion: ctx.version,
      signal: ctx.signal,
      connectTimeoutMs: mcpLimits(ctx.env).connectTimeoutMs,
      openAuthorizationUrl: async (url) => {
        ctx.say(`Sign in to ${name} in your browser. If it does not open, visit: ${url.href}`);
        await openBrowser(url.href, ctx.env).catch((error: Error) => ctx.say(`Could not start a browser (${error.message}); open the URL yourself.`));
      },
    });
    const [after] = await ctx.hub.reconnect(name);
    const status = after?.status === 'connected' ? `connected · ${after.tools} tool${after.tools === 1 ? '' : 's'}` : (after?.detail ?? after?.status ?? 'not connected');
    return outcome.kind === 'not-required' ? `${name} did not ask for authorization (${status}).` : `Signed in to ${name} (scopes: ${outcome.scopes ?? 'none requested'}); ${status}.`;
  } catch (error) {
    return ctx.signal.aborted ? `Signing in to ${name} was cancelled.` : `Signing in to ${name} failed: ${(error as Error).message}`;
  }
}

/** Forgets a server's stored OAuth credentials and reconnects without them. */
export async function logoutSessionServer(name: string, ctx: Omit<SessionLoginContext, 'say' | 'signal' | 'version'>): Promise<string> {
  const connection = ctx.hub.connection(name);
  if (connection === undefined) return unknownServer(name, ctx.hub);
  const removed = new McpTokenStore(mcpOAuthFile(ctx.configDir)).removeServer(name);
  if (removed === 0) return `No stored OAuth credentials for ${name}.`;
  const [after] = await ctx.hub.reconnect(name);
  return `Removed the stored OAuth credentials of ${name}; it is now ${after?.status ?? 'not connected'}.`;
}

function unknownServer(name: string, hub: McpHub): string {
  const known = hub.servers().map((server) => server.name);
  return `No MCP server named "${name}" is running in this session. Servers: ${known.join(', ') || '(none)'}.`;
}

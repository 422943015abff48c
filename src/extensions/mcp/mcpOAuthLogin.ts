// `wright mcp login <name>`: the OAuth authorization-code flow with PKCE for one remote server.
//
// The SDK's transport drives it: connecting without tokens draws a 401, the SDK discovers the
// authorization server, registers a client (unless one is stored or configured), and hands us the
// authorization URL. The browser comes back to our loopback callback with a code, the transport's
// `finishAuth` exchanges it (with the PKCE verifier) for tokens, and a second connection, the way a
// session makes it, proves they work.
import type { OAuthTokens } from '@modelcontextprotocol/sdk/shared/auth.js';
import { McpOAuthProvider } from './mcpOAuthProvider.js';
import type { McpOAuthSettings } from './mcpServerConfig.js';
import type { McpTokenStore } from './mcpTokenStore.js';
import { startOAuthCallbackServer, type OAuthCallbackServer } from './oauthCallbackServer.js';
import { createRemoteTransport, type RemoteServerConfig } from './remoteTransport.js';

export const LOGIN_TIMEOUT_MS = 5 * 60_000;

export interface McpLoginOptions {
  serverName: string;
  config: RemoteServerConfig;
  store: McpTokenStore;
  clientVersion: string;
  /** Shows the authorization URL to the user and opens their browser. */
  openAuthorizationUrl: (url: URL) => void | Promise<void>;
  /** Aborted when the user gives up (Ctrl+C). */
  signal: AbortSignal;
  timeoutMs?: number;
  connectTimeoutMs: number;
}

export type McpLoginOutcome =
  /** Signed in; `scopes` as granted (or requested, when the server did not say). */
  | { kind: 'authenticated'; scopes: string | undefined; tools: number }
  /** The server let us in without asking for authorization. */
  | { kind: 'not-required'; tools: number };

export async function loginToMcpServer(options: McpLoginOptions): Promise<McpLoginOutcome> {
  const { serverName, config, store } = options;
  const settings: McpOAuthSettings = config.oauth ?? {};
  let provider: McpOAuthProvider | undefined;
  const callback = await startCallback(settings, store, serverName, config.url, () => provider?.pendingState);
  let askedForBrowser = false;
  provider = new McpOAuthProvider({
    serverName,
    serverUrl: config.url,
    settings,
    store,
    mode: {
      kind: 'login',
      redirectUrl: callback.redirectUrl,
      openAuthorizationUrl: (url) => {
        askedForBrowser = true;
        return options.openAuthorizationUrl(url);
      },
    },
  });
  provider.dropClientNotRegisteredFor(callback.redirectUrl);
  try {
    const transport = await createRemoteTransport(config, provider);
    try {
      const tools = await connectAndCountTools(transport, options);
      return { kind: 'not-required', tools };
    } catch (error) {
      // Failing after the SDK asked for the browser is the expected way on: the code comes next.
      if (!askedForBrowser) throw explained(error as Error);
    }
    const code = await callback.waitForCode({ signal: options.signal, timeoutMs: options.timeoutMs ?? LOGIN_TIMEOUT_MS });
    await transport.finishAuth(code);
    await transport.close().catch(() => undefined);
    const tokens: OAuthTokens | undefined = provider.tokens();
    // Prove the tokens work the way a session will use them.
    const session = new McpOAuthProvider({ serverName, serverUrl: config.url, settings, store, mode: { kind: 'session' } });
    let tools: number;
    try {
      tools = await connectAndCountTools(await createRemoteTransport(config, session), options);
    } catch (error) {
      throw new Error(`signed in, but the server still refuses the connection: ${(error as Error).message}`);
    }
    // Credentials kept for an earlier URL of this server are of no use any more.
    store.removeServer(serverName, config.url);
    return { kind: 'authenticated', scopes: tokens?.scope ?? settings.scopes, tools };
  } finally {
    await callback.close();
  }
}

function explained(error: Error): Error {
  if (!/dynamic client registration/i.test(error.message)) return error;
  return new Error(`${error.message}. Register wright with the provider and set "oauth": { "clientId": "…" } in the server entry.`);
}

/** The callback port: configured, else the one the stored client was registered with (when free), else any. */
async function startCallback(settings: McpOAuthSettings, store: McpTokenStore, serverName: string, serverUrl: string, state: () => string | undefined): Promise<OAuthCallbackServer> {
  if (settings.callbackPort !== undefined) return startOAuthCallbackServer(settings.callbackPort, state);
  const registered = settings.clientId === undefined ? registeredPort(store, serverName, serverUrl) : undefined;
  if (registered !== undefined) {
    try {
      return await startOAuthCallbackServer(registered, state);
    } catch {
      // Taken: a new port means registering again, which the provider arranges.
    }
  }
  return startOAuthCallbackServer(0, state);
}

function registeredPort(store: McpTokenStore, serverName: string, serverUrl: string): number | undefined {
  const client = store.read(serverName, serverUrl)?.client;
  const uri = client !== undefined && 'redirect_uris' in client ? client.redirect_uris?.[0] : undefined;
  if (uri === undefined) return undefined;
  try {
    const url = new URL(uri);
    return url.hostname === 'localhost' && url.port !== '' ? Number(url.port) : undefined;
  } catch {
    return undefined;
  }
}

async function connectAndCountTools(transport: Awaited<ReturnType<typeof createRemoteTransport>>, options: McpLoginOptions): Promise<number> {
  const { Client } = await import('@modelcontextprotocol/sdk/client/index.js');
  const client = new Client({ name: 'wright', version: options.clientVersion }, { capabilities: {} });
  try {
    await client.connect(transport, { timeout: options.connectTimeoutMs });
    if (client.getServerCapabilities()?.tools === undefined) return 0;
    let count = 0;
    let cursor: string | undefined;
    do {
      const page = await client.listTools(cursor === undefined ? {} : { cursor }, { timeout: options.connectTimeoutMs });
      count += page.tools.length;
      cursor = page.nextCursor;
    } while (cursor !== undefined);
    return count;
  } finally {
    await client.close().catch(() => undefined);
  }
}

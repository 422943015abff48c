// The SDK's OAuthClientProvider for one remote MCP server: the SDK runs discovery, dynamic client
// registration, PKCE, the code exchange and refreshing; this class answers where things are kept.
//
// Two modes:
//   session — a session connecting at start-up. Stored tokens are presented (and refreshed by the SDK
//             on a 401). When the server wants a new authorization, nothing is registered and no
//             browser opens: `needsLogin` is set and the connection reports `needs-auth`.
//   login   — `wright mcp login`: ignores stored tokens so a fresh authorization happens, registers a
//             client when none is stored or configured, keeps the PKCE verifier and the `state` in
//             memory only, and hands the authorization URL to the caller (which opens the browser).
import { randomBytes } from 'node:crypto';
import type { OAuthClientProvider, OAuthDiscoveryState } from '@modelcontextprotocol/sdk/client/auth.js';
import type { OAuthClientInformationMixed, OAuthClientMetadata, OAuthTokens } from '@modelcontextprotocol/sdk/shared/auth.js';
import type { McpOAuthSettings } from './mcpServerConfig.js';
import type { McpTokenStore } from './mcpTokenStore.js';

export type McpOAuthMode =
  | { kind: 'session' }
  | { kind: 'login'; redirectUrl: string; openAuthorizationUrl: (url: URL) => void | Promise<void> };

export interface McpOAuthProviderOptions {
  serverName: string;
  serverUrl: string;
  settings: McpOAuthSettings;
  store: McpTokenStore;
  mode: McpOAuthMode;
  /** Told every token value the provider reads or saves, so the session can redact them. */
  onSecrets?: (values: string[]) => void;
}

/** What a session says instead of connecting to a server that needs the user to sign in. */
export const loginHint = (serverName: string) => `run \`wright mcp login ${serverName}\` (or /mcp login ${serverName} in a session)`;

/** Thrown in session mode instead of registering a client: signing in needs the user. */
export class McpLoginRequiredError extends Error {
  constructor(serverName: string) {
    super(`MCP server "${serverName}" needs authorization: ${loginHint(serverName)}`);
    this.name = 'McpLoginRequiredError';
  }
}

const FALLBACK_REDIRECT = 'http://localhost/callback';

export class McpOAuthProvider implements OAuthClientProvider {
  /** Set in session mode when the server asked for an authorization the user has to give. */
  needsLogin = false;
  private verifier: string | undefined;
  private expectedState: string | undefined;
  private discovery: OAuthDiscoveryState | undefined;
  /** In login mode the stored tokens are ignored until the new ones are saved. */
  private freshTokens: OAuthTokens | undefined;
  /** The tokens last handed to the SDK: only those may be thrown away as rejected. */
  private presented: OAuthTokens | undefined;

  constructor(private readonly options: McpOAuthProviderOptions) {}

  private get mode(): McpOAuthMode {
    return this.options.mode;
  }

  get redirectUrl(): string {
    if (this.mode.kind === 'login') return this.mode.redirectUrl;
    const client = this.storedClient();
    return (client !== undefined && 'redirect_uris' in client ? client.redirect_uris?.[0] : undefined) ?? FALLBACK_REDIRECT;
  }

  get clientMetadata(): OAuthClientMetadata {
    const { settings } = this.options;
    return {
      client_name: 'wright',
      redirect_uris: [this.redirectUrl],
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: settings.clientSecret !== undefined ? 'client_secret_post' : 'none',
      ...(settings.scopes !== undefined ? { scope: settings.scopes } : {}),
    };
  }

  /** A fresh random `state` for each authorization request; the callback must bring it back. */
  state(): string {
    this.expectedState = randomBytes(24).toString('base64url');
    return this.expectedState;
  }

  /** The `state` of the authorization request in flight. */
  get pendingState(): string | undefined {
    return this.expectedState;
  }

  clientInformation(): OAuthClientInformationMixed | undefined {
    const { settings } = this.options;
    if (settings.clientId !== undefined) {
      return { client_id: settings.clientId, ...(settings.clientSecret !== undefined ? { client_secret: settings.clientSecret } : {}) };
    }
    const stored = this.storedClient();
    if (stored === undefined && this.mode.kind === 'session') {
      this.needsLogin = true;
      throw new McpLoginRequiredError(this.options.serverName);
    }
    return stored;
  }

  saveClientInformation(client: OAuthClientInformationMixed): void {
    // A configured client is the configuration's; only a registered one is ours to keep.
    if (this.options.settings.clientId !== undefined) return;
    this.update((record) => ({ ...record, client }));
  }

  tokens(): OAuthTokens | undefined {
    const tokens = this.mode.kind === 'login' ? this.freshTokens : this.record()?.tokens;
    if (tokens !== undefined) this.announce(tokens);
    this.presented = tokens;
    return tokens;
  }

  saveTokens(tokens: OAuthTokens): void {
    this.announce(tokens);
    this.presented = tokens;
    if (this.mode.kind === 'login') this.freshTokens = tokens;
    this.update((record) => ({ ...record, tokens, tokensSavedAt: Date.now() }));
  }

  redirectToAuthorization(authorizationUrl: URL): void | Promise<void> {
    if (this.mode.kind === 'login') return this.mode.openAuthorizationUrl(authorizationUrl);
    this.needsLogin = true;
  }

  saveCodeVerifier(codeVerifier: string): void {
    this.verifier = codeVerifier;
  }

  codeVerifier(): string {
    if (this.verifier === undefined) throw new Error('No authorization is in progress (no PKCE code verifier).');
    return this.verifier;
  }

  invalidateCredentials(scope: 'all' | 'client' | 'tokens' | 'verifier' | 'discovery'): void {
    if (scope === 'all' || scope === 'verifier') this.verifier = undefined;
    if (scope === 'all' || scope === 'discovery') this.discovery = undefined;
    if (scope === 'all' || scope === 'tokens') this.freshTokens = undefined;
    const dropClient = scope === 'all' || scope === 'client';
    const dropTokens = scope === 'all' || scope === 'tokens';
    if (!dropClient && !dropTokens) return;
    this.update((record) => {
      const next = { ...record };
      if (dropClient) delete next.client;
      // Another wright process may have refreshed meanwhile: its new tokens were not the ones rejected.
      if (dropTokens && (record.tokens === undefined || record.tokens.access_token === this.presented?.access_token)) {
        delete next.tokens;
        delete next.tokensSavedAt;
      }
      return next;
    });
  }

  saveDiscoveryState(state: OAuthDiscoveryState): void {
    this.discovery = state;
  }

  discoveryState(): OAuthDiscoveryState | undefined {
    return this.discovery;
  }

  /** Forgets a registered client whose redirect URIs do not include this login's (a new callback port). */
  dropClientNotRegisteredFor(redirectUrl: string): void {
    const client = this.storedClient();
    if (client === undefined || !('redirect_uris' in client) || client.redirect_uris?.includes(redirectUrl)) return;
    this.update((record) => {
      const next = { ...record };
      delete next.client;
      return next;
    });
  }

  private record() {
    return this.options.store.read(this.options.serverName, this.options.serverUrl);
  }

  private storedClient(): OAuthClientInformationMixed | undefined {
    return this.record()?.client;
  }

  private update(change: Parameters<McpTokenStore['update']>[2]): void {
    this.options.store.update(this.options.serverName, this.options.serverUrl, change);
  }

  private announce(tokens: OAuthTokens): void {
    const values = [tokens.access_token, tokens.refresh_token, tokens.id_token].filter((value): value is string => typeof value === 'string' && value !== '');
    this.options.onSecrets?.(values);
  }
}

// An OAuth-protected streamable-HTTP MCP server on loopback, for tests, built from the SDK's own
// server pieces: `mcpAuthRouter` (metadata, /register, /authorize, /token with PKCE checks) and
// `requireBearerAuth` in front of `/mcp`, over an in-memory OAuthServerProvider whose clock and
// revocations the test controls. The authorization endpoint approves at once (no login page):
// the "browser" just follows its redirect to the client's callback.
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { SSEServerTransport } from '@modelcontextprotocol/sdk/server/sse.js';
import { mcpAuthRouter, getOAuthProtectedResourceMetadataUrl } from '@modelcontextprotocol/sdk/server/auth/router.js';
import { requireBearerAuth } from '@modelcontextprotocol/sdk/server/auth/middleware/bearerAuth.js';
import { InvalidGrantError, InvalidTokenError } from '@modelcontextprotocol/sdk/server/auth/errors.js';
import type { AuthorizationParams, OAuthServerProvider } from '@modelcontextprotocol/sdk/server/auth/provider.js';
import type { OAuthRegisteredClientsStore } from '@modelcontextprotocol/sdk/server/auth/clients.js';
import type { AuthInfo } from '@modelcontextprotocol/sdk/server/auth/types.js';
import type { OAuthClientInformationFull, OAuthTokens } from '@modelcontextprotocol/sdk/shared/auth.js';
import { z } from 'zod';
import { serveStateless } from './httpServer.js';

// express comes with the SDK (its server auth pieces are express middleware); it ships no types here.
const express = createRequire(import.meta.url)('express') as any;

interface IssuedToken {
  clientId: string;
  scopes: string[];
  /** Seconds since the epoch. */
  expiresAt: number;
  resource?: URL;
}

export interface OAuthServerLog {
  registrations: OAuthClientInformationFull[];
  authorizations: AuthorizationParams[];
  /** `grant_type` of each token request, and the PKCE verifier the client presented. */
  tokenRequests: Array<{ grantType: string; codeVerifier?: string; clientId?: string }>;
  /** Each MCP request: its path and Authorization header (empty when none). */
  mcpRequests: Array<{ path: string; authorization: string }>;
}

class TestOAuthProvider implements OAuthServerProvider {
  readonly clients = new Map<string, OAuthClientInformationFull>();
  readonly codes = new Map<string, { clientId: string; params: AuthorizationParams }>();
  readonly accessTokens = new Map<string, IssuedToken>();
  readonly refreshTokens = new Map<string, IssuedToken>();
  /** The next authorization is refused with `access_denied`. */
  denyNext = false;

  constructor(
    private readonly log: OAuthServerLog,
    private readonly lifetimeSeconds: () => number,
    private readonly registration: boolean,
  ) {}

  get clientsStore(): OAuthRegisteredClientsStore {
    const getClient = (id: string) => this.clients.get(id);
    if (!this.registration) return { getClient };
    return {
      getClient,
      registerClient: (client) => {
        const full = { ...client, client_id: randomUUID(), client_id_issued_at: Math.floor(Date.now() / 1000) } as OAuthClientInformationFull;
        this.clients.set(full.client_id, full);
        this.log.registrations.push(full);
        return full;
      },
    };
  }

  async authorize(client: OAuthClientInformationFull, params: AuthorizationParams, res: any): Promise<void> {
    this.log.authorizations.push(params);
    const target = new URL(params.redirectUri);
    if (params.state !== undefined) target.searchParams.set('state', params.state);
    if (this.denyNext) {
      this.denyNext = false;
      target.searchParams.set('error', 'access_denied');
      target.searchParams.set('error_description', 'The user said no.');
    } else {
      const code = randomUUID();
      this.codes.set(code, { clientId: client.client_id, params });
      target.searchParams.set('code', code);
    }
    res.redirect(302, target.href);
  }

  async challengeForAuthorizationCode(_client: OAuthClientInformationFull, code: string): Promise<string> {
    const issued = this.codes.get(code);
    if (issued === undefined) throw new InvalidGrantError('unknown authorization code');
    return issued.params.codeChallenge;
  }

  async exchangeAuthorizationCode(client: OAuthClientInformationFull, code: string): Promise<OAuthTokens> {
    const issued = this.codes.get(code);
    if (issued === undefined || issued.clientId !== client.client_id) throw new InvalidGrantError('unknown authorization code');
    this.codes.delete(code);
    return this.issue(client.client_id, issued.params.scopes ?? [], issued.params.resource);
  }

  async exchangeRefreshToken(client: OAuthClientInformationFull, refreshToken: string): Promise<OAuthTokens> {
    const issued = this.refreshTokens.get(refreshToken);
    if (issued === undefined || issued.clientId !== client.client_id) throw new InvalidGrantError('refresh token revoked or unknown');
    // Rotation: the old refresh token is spent.
    this.refreshTokens.delete(refreshToken);
    return this.issue(client.client_id, issued.scopes, issued.resource);
  }

  async verifyAccessToken(token: string): Promise<AuthInfo> {
    const issued = this.accessTokens.get(token);
    if (issued === undefined) throw new InvalidTokenError('unknown access token');
    return { token, clientId: issued.clientId, scopes: issued.scopes, expiresAt: issued.expiresAt, ...(issued.resource ? { resource: issued.resource } : {}) };
  }

  private issue(clientId: string, scopes: string[], resource: URL | undefined): OAuthTokens {
    const access = `at-${randomUUID()}`;
    const refresh = `rt-${randomUUID()}`;
    const lifetime = this.lifetimeSeconds();
    const token = { clientId, scopes, expiresAt: Math.floor(Date.now() / 1000) + lifetime, ...(resource ? { resource } : {}) };
    this.accessTokens.set(access, token);
    this.refreshTokens.set(refresh, { ...token });
    return { access_token: access, token_type: 'bearer', expires_in: lifetime, refresh_token: refresh, scope: scopes.join(' ') };
  }
}

export interface OAuthMcpServer {
  /** The protected streamable-HTTP endpoint. */
  url: string;
  /** A second protected endpoint of the same server (a different server URL, same authorization server). */
  otherUrl: string;
  /** The same tools over the older SSE transport (stream at /sse, posts to /messages), protected too. */
  sseUrl: string;
  /** Registers a client ahead of time (a pre-configured client id). */
  preRegister(client: OAuthClientInformationFull): void;
  log: OAuthServerLog;
  /** Every access token issued so far has expired (the server answers 401 to it). */
  expireAccessTokens(): void;
  /** Every refresh token issued so far is revoked (refreshing answers invalid_grant). */
  revokeRefreshTokens(): void;
  /** The next authorization request is refused with `access_denied`. */
  denyNextAuthorization(): void;
  close(): Promise<void>;
}

function shoutServer(): McpServer {
  const mcp = new McpServer({ name: 'protected', version: '1.0.0' });
  mcp.registerTool('shout', { description: 'Upper-cases text', inputSchema: { text: z.string() } }, async ({ text }) => ({
    content: [{ type: 'text', text: text.toUpperCase() }],
  }));
  // Tells the caller the token it came with: lets a test see that wright redacts it from what it writes.
  mcp.registerTool('whoami', { description: 'The access token of this request', inputSchema: {} }, async (_args, extra) => ({
    content: [{ type: 'text', text: `client ${extra.authInfo?.clientId} with token ${extra.authInfo?.token}` }],
  }));
  return mcp;
}

/** `registration: false` leaves out dynamic client registration (clients must be pre-registered). */
export async function startOAuthMcpServer(options: { scopes?: string[]; registration?: boolean } = {}): Promise<OAuthMcpServer> {
  const scopes = options.scopes ?? ['notes:read', 'notes:write'];
  const log: OAuthServerLog = { registrations: [], authorizations: [], tokenRequests: [], mcpRequests: [] };
  const provider = new TestOAuthProvider(log, () => 3600, options.registration ?? true);
  let handler: (request: any, response: any) => void = (_request, response) => response.writeHead(503).end();
  const http: Server = createServer((request, response) => handler(request, response));
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  const base = `http://127.0.0.1:${port}`;
  const url = `${base}/mcp`;
  const otherUrl = `${base}/other/mcp`;
  const sseUrl = `${base}/sse`;

  const app = express();
  // Read the token request first, to record what the client sent; the SDK's handler reuses the parsed body.
  app.post('/token', express.urlencoded({ extended: false }), (request: any, _response: any, next: () => void) => {
    log.tokenRequests.push({ grantType: String(request.body.grant_type), codeVerifier: request.body.code_verifier, clientId: request.body.client_id });
    next();
  });
  app.use(mcpAuthRouter({ provider, issuerUrl: new URL(base), resourceServerUrl: new URL(url), scopesSupported: scopes, authorizationOptions: { rateLimit: false }, tokenOptions: { rateLimit: false }, clientRegistrationOptions: { rateLimit: false } }));
  // The other endpoints' protected-resource metadata (the router publishes the first one's).
  for (const [path, resource] of [['/other/mcp', otherUrl], ['/sse', sseUrl]] as const) {
    app.get(`/.well-known/oauth-protected-resource${path}`, (_request: any, response: any) => {
      response.json({ resource, authorization_servers: [`${base}/`], scopes_supported: scopes });
    });
  }
  const recordRequest = (request: any, _response: any, next: () => void) => {
    log.mcpRequests.push({ path: new URL(request.url, base).pathname, authorization: String(request.headers.authorization ?? '') });
    next();
  };
  const sseBearer = requireBearerAuth({ verifier: provider, resourceMetadataUrl: getOAuthProtectedResourceMetadataUrl(new URL(sseUrl)) });
  const sseSessions = new Map<string, SSEServerTransport>();
  app.get('/sse', recordRequest, sseBearer, async (_request: any, response: any) => {
    const transport = new SSEServerTransport('/messages', response);
    sseSessions.set(transport.sessionId, transport);
    response.on('close', () => sseSessions.delete(transport.sessionId));
    await shoutServer().connect(transport);
  });
  app.post('/messages', recordRequest, sseBearer, async (request: any, response: any) => {
    const transport = sseSessions.get(String(request.query.sessionId ?? ''));
    if (transport === undefined) response.status(404).end();
    else await transport.handlePostMessage(request, response);
  });
  for (const [path, resourceUrl] of [['/mcp', url], ['/other/mcp', otherUrl]] as const) {
    app.all(
      path,
      recordRequest,
      requireBearerAuth({ verifier: provider, resourceMetadataUrl: getOAuthProtectedResourceMetadataUrl(new URL(resourceUrl)) }),
      (request: any, response: any) => serveStateless(shoutServer(), request, response),
    );
  }
  handler = app;

  return {
    url,
    otherUrl,
    sseUrl,
    log,
    preRegister: (client) => provider.clients.set(client.client_id, client),
    expireAccessTokens: () => {
      for (const token of provider.accessTokens.values()) token.expiresAt = Math.floor(Date.now() / 1000) - 60;
    },
    revokeRefreshTokens: () => provider.refreshTokens.clear(),
    denyNextAuthorization: () => {
      provider.denyNext = true;
    },
    close: () =>
      new Promise((resolve) => {
        http.close(() => resolve());
        http.closeAllConnections();
      }),
  };
}

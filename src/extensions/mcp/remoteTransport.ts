// The SDK client transport for a remote (http or sse) MCP server, with the entry's headers and,
// when given, an OAuth provider that supplies and refreshes the bearer token.
import type { OAuthClientProvider } from '@modelcontextprotocol/sdk/client/auth.js';
import type { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
import type { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { McpServerConfig } from './mcpServerConfig.js';

export type RemoteServerConfig = Extract<McpServerConfig, { type: 'http' | 'sse' }>;

export type RemoteTransport = StreamableHTTPClientTransport | SSEClientTransport;

/** A configured Authorization header is the user's own scheme: OAuth stays out of its way. */
export const hasOwnAuthorization = (config: RemoteServerConfig) => Object.keys(config.headers).some((header) => header.toLowerCase() === 'authorization');

export async function createRemoteTransport(config: RemoteServerConfig, authProvider?: OAuthClientProvider): Promise<RemoteTransport> {
  const url = new URL(config.url);
  const options = { requestInit: { headers: config.headers }, ...(authProvider !== undefined ? { authProvider } : {}) };
  if (config.type === 'sse') {
    const { SSEClientTransport } = await import('@modelcontextprotocol/sdk/client/sse.js');
    return new SSEClientTransport(url, options);
  }
  const { StreamableHTTPClientTransport } = await import('@modelcontextprotocol/sdk/client/streamableHttp.js');
  return new StreamableHTTPClientTransport(url, options);
}

// A streamable-HTTP MCP server on loopback built from the SDK's server classes, for tests.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { SSEServerTransport } from '@modelcontextprotocol/sdk/server/sse.js';
import { z } from 'zod';

export interface LoopbackMcpServer {
  /** Streamable HTTP endpoint. */
  url: string;
  /** SSE endpoint. */
  sseUrl: string;
  /** Authorization headers the requests carried. */
  authorizations: string[];
  close(): Promise<void>;
}

/** Answers one streamable-HTTP request with a fresh server and transport, both closed with the response. */
export async function serveStateless(mcp: McpServer, request: IncomingMessage, response: ServerResponse, body?: unknown): Promise<void> {
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  response.on('close', () => {
    void transport.close();
    void mcp.close();
  });
  await mcp.connect(transport);
  await transport.handleRequest(request, response, body);
}

function shoutServer(): McpServer {
  const mcp = new McpServer({ name: 'loopback', version: '1.0.0' });
  mcp.registerTool('shout', { description: 'Upper-cases text', inputSchema: { text: z.string() } }, async ({ text }) => ({
    content: [{ type: 'text', text: text.toUpperCase() }],
  }));
  return mcp;
}

/**
 * Offers `shout` (upper-cases `text`). Streamable HTTP is stateless (each request gets a fresh server
 * and transport) at `/mcp`; the older SSE transport is at `/sse` (stream) and `/messages` (posts).
 */
export async function startLoopbackMcpServer(): Promise<LoopbackMcpServer> {
  const authorizations: string[] = [];
  const sseSessions = new Map<string, SSEServerTransport>();
  const http: Server = createServer(async (request, response) => {
    authorizations.push(String(request.headers.authorization ?? ''));
    const path = new URL(request.url ?? '/', 'http://localhost');
    if (path.pathname === '/sse') {
      const transport = new SSEServerTransport('/messages', response);
      sseSessions.set(transport.sessionId, transport);
      response.on('close', () => sseSessions.delete(transport.sessionId));
      await shoutServer().connect(transport);
      return;
    }
    if (path.pathname === '/messages') {
      const transport = sseSessions.get(path.searchParams.get('sessionId') ?? '');
      if (transport === undefined) response.writeHead(404).end();
      else await transport.handlePostMessage(request, response);
      return;
    }
    await serveStateless(shoutServer(), request, response);
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/mcp`,
    sseUrl: `http://127.0.0.1:${port}/sse`,
    authorizations,
    close: () =>
      new Promise((resolve) => {
        http.close(() => resolve());
        http.closeAllConnections();
      }),
  };
}

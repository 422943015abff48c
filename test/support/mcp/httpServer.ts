// A streamable-HTTP MCP server on loopback built from the SDK's server classes, for tests.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { z } from 'zod';

export interface LoopbackMcpServer {
  url: string;
  /** Authorization headers the requests carried. */
  authorizations: string[];
  close(): Promise<void>;
}

/** Stateless: each request gets a fresh server and transport. Offers `shout` (upper-cases `text`). */
export async function startLoopbackMcpServer(): Promise<LoopbackMcpServer> {
  const authorizations: string[] = [];
  const http: Server = createServer(async (request, response) => {
    authorizations.push(String(request.headers.authorization ?? ''));
    const mcp = new McpServer({ name: 'loopback', version: '1.0.0' });
    mcp.registerTool('shout', { description: 'Upper-cases text', inputSchema: { text: z.string() } }, async ({ text }) => ({
      content: [{ type: 'text', text: text.toUpperCase() }],
    }));
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    response.on('close', () => {
      void transport.close();
      void mcp.close();
    });
    await mcp.connect(transport);
    await transport.handleRequest(request, response);
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/mcp`,
    authorizations,
    close: () =>
      new Promise((resolve) => {
        http.close(() => resolve());
        http.closeAllConnections();
      }),
  };
}

// A stdio MCP server whose lists change while it runs: `unlock` registers the tool `secret` and the
// prompt `later` (the SDK then sends tools/list_changed and prompts/list_changed), to test how wright
// keeps a server's tools and prompts current.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { z } from 'zod';

const server = new McpServer({ name: 'changing', version: '1.0.0' });
server.registerPrompt('first', { description: 'The prompt there from the start' }, () => ({
  messages: [{ role: 'user', content: { type: 'text', text: 'first prompt text' } }],
}));
server.registerTool('unlock', { description: 'Adds the secret tool and the later prompt' }, async () => {
  server.registerTool('secret', { description: 'Tells the secret', inputSchema: { who: z.string() } }, async ({ who }) => ({
    content: [{ type: 'text', text: `the secret is for ${who}` }],
  }));
  server.registerPrompt('later', { description: 'A prompt added while running' }, () => ({
    messages: [{ role: 'user', content: { type: 'text', text: 'later prompt text' } }],
  }));
  return { content: [{ type: 'text', text: 'unlocked' }] };
});
await server.connect(new StdioServerTransport());

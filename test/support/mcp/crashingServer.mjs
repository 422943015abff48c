// A stdio MCP server whose `count` tool answers the first call and exits the process on the second,
// to test how wright reports a server that dies mid-session and restarts it.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';

const server = new McpServer({ name: 'crashy', version: '1.0.0' });
let calls = 0;
server.registerTool('count', { description: 'Counts calls to this process' }, async () => {
  calls += 1;
  if (calls === 2) {
    process.stderr.write('crashy: exiting on purpose\n');
    process.exit(3);
  }
  return { content: [{ type: 'text', text: `call ${calls} of process ${process.pid}` }] };
});
await server.connect(new StdioServerTransport());

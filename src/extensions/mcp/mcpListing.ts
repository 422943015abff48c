// What /mcp shows: each MCP server with its scope, status, tool count and, when it is not
// connected, why and what to do.
import type { McpServerSummary } from './mcpHub.js';

const MARK: Record<McpServerSummary['status'], string> = {
  connected: '✔',
  pending: '…',
  failed: '✘',
  'needs-approval': '?',
  disabled: '-',
  'needs-auth': '!',
};

export function formatMcpServers(servers: readonly McpServerSummary[]): string {
  if (servers.length === 0) {
    return 'No MCP servers configured. Add one with `wright mcp add <name> -- <command>` or a .mcp.json file in the project root.';
  }
  const lines = ['MCP servers:'];
  for (const server of servers) {
    const tools = server.status === 'connected' ? ` · ${server.tools} tool${server.tools === 1 ? '' : 's'}` : '';
    lines.push(`  ${MARK[server.status]} ${server.name} (${server.scope}) ${server.status}${tools}`);
    if (server.detail !== undefined && server.status !== 'connected') lines.push(`      ${server.detail}`);
  }
  if (servers.some((server) => server.status === 'failed')) lines.push('', 'A failed server is restarted by the next call to one of its tools, or now with /mcp reconnect <name>.');
  return lines.join('\n');
}

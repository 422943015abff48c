// ListMcpResourcesTool and ReadMcpResourceTool (Claude Code's names and inputs): what the connected
// MCP servers offer as resources, and reading one. Offered only when a server has resources.
import { z } from 'zod';
import type { ImageBlock, TextBlock } from '../../model/types.js';
import type { AnyTool, Tool, ToolResult } from '../../tools/types.js';
import type { McpConnection } from './mcpConnection.js';

const listSchema = z.object({
  server: z.string().optional().describe('Only this server\'s resources (default: every server)'),
});

const readSchema = z.object({
  server: z.string().describe('The MCP server name'),
  uri: z.string().describe('The resource URI, as ListMcpResourcesTool shows it'),
});

const failure = (error: unknown): ToolResult => ({ isError: true, content: (error as Error).message });

export function createMcpResourceTools(connections: () => McpConnection[]): AnyTool[] {
  const withResources = () => connections().filter((connection) => connection.hasResources);
  const named = (server: string) => {
    const connection = withResources().find((candidate) => candidate.name === server);
    if (connection === undefined) {
      const known = withResources().map((candidate) => candidate.name);
      throw new Error(`No MCP server "${server}" with resources. Servers with resources: ${known.join(', ') || '(none)'}.`);
    }
    return connection;
  };
  const list: Tool<typeof listSchema> = {
    name: 'ListMcpResourcesTool',
    description: 'Lists the resources (files, records, documents) the connected MCP servers offer, with their URIs. Read one with ReadMcpResourceTool.',
    inputSchema: listSchema,
    isReadOnly: () => true,
    async run(input, ctx) {
      try {
        const targets = input.server === undefined ? withResources() : [named(input.server)];
        const all = [];
        for (const connection of targets) {
          for (const resource of await connection.listResources(ctx.signal)) all.push({ ...resource, server: connection.name });
        }
        return { content: all.length === 0 ? 'No resources found.' : JSON.stringify(all, null, 1), data: all };
      } catch (error) {
        return failure(error);
      }
    },
  };
  const read: Tool<typeof readSchema> = {
    name: 'ReadMcpResourceTool',
    description: 'Reads one resource of an MCP server by its URI.',
    inputSchema: readSchema,
    isReadOnly: () => true,
    async run(input, ctx) {
      try {
        const contents = await named(input.server).readResource(input.uri, ctx.signal);
        const blocks: Array<TextBlock | ImageBlock> = contents.map((item) => {
          if (typeof item.text === 'string') return { type: 'text', text: item.text };
          const mimeType = String(item.mimeType ?? 'application/octet-stream');
          if (typeof item.blob === 'string' && /^image\/(png|jpeg|gif|webp)$/.test(mimeType)) {
            return { type: 'image', source: { type: 'base64', media_type: mimeType, data: item.blob } };
          }
          return { type: 'text', text: `[binary content of ${String(item.uri)} (${mimeType}) not shown]` };
        });
        if (blocks.length === 0) return { content: '(empty resource)' };
        return { content: blocks.every((block) => block.type === 'text') ? blocks.map((block) => (block as TextBlock).text).join('\n') : blocks };
      } catch (error) {
        return failure(error);
      }
    },
  };
  return [list, read];
}

// wright's own tools as an MCP server: lists them with their JSON Schemas and runs calls through a
// caller-supplied executor (validation, permission rules, the tool). Transport-agnostic.
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { ToolResultBlock } from '../../model/types.js';
import { toolInputJsonSchema } from '../../tools/jsonSchema.js';
import type { AnyTool } from '../../tools/types.js';

/** Runs one call and answers the tool_result the model would have seen. */
export type ToolCallExecutor = (tool: AnyTool, input: Record<string, unknown>, signal: AbortSignal) => Promise<ToolResultBlock>;

type McpContent = { type: 'text'; text: string } | { type: 'image'; data: string; mimeType: string };

export function toMcpContent(block: ToolResultBlock): McpContent[] {
  if (typeof block.content === 'string') return [{ type: 'text', text: block.content }];
  return block.content.map((item): McpContent => {
    if (item.type === 'text') return { type: 'text', text: item.text };
    if (item.type === 'image') return { type: 'image', data: item.source.data, mimeType: item.source.media_type };
    return { type: 'text', text: item.source.type === 'text' ? item.source.data : `[${item.source.media_type} document]` };
  });
}

/** Serves the tools on the transport; resolves once the client has gone. */
export async function serveTools(tools: AnyTool[], execute: ToolCallExecutor, transport: Transport, version: string): Promise<void> {
  const { Server } = await import('@modelcontextprotocol/sdk/server/index.js');
  const { CallToolRequestSchema, ListToolsRequestSchema } = await import('@modelcontextprotocol/sdk/types.js');
  const server = new Server({ name: 'wright', version }, { capabilities: { tools: {} } });
  const byName = new Map(tools.map((tool) => [tool.name, tool]));
  server.setRequestHandler(ListToolsRequestSchema, async () => ({
    tools: tools.map((tool) => ({ name: tool.name, description: tool.description, inputSchema: toolInputJsonSchema(tool) as { type: 'object' } })),
  }));
  server.setRequestHandler(CallToolRequestSchema, async (request, extra) => {
    const tool = byName.get(request.params.name);
    if (tool === undefined) return { content: [{ type: 'text', text: `No such tool: ${request.params.name}` }], isError: true };
    const block = await execute(tool, request.params.arguments ?? {}, extra.signal);
    return { content: toMcpContent(block), ...(block.is_error ? { isError: true } : {}) };
  });
  const closed = new Promise<void>((resolve) => (server.onclose = resolve));
  await server.connect(transport);
  await closed;
}

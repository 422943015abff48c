// An MCP server's tools as wright tools: named `mcp__<server>__<tool>`, offered with the server's
// own JSON Schema, their results mapped to tool_result content and capped in size.
import { z } from 'zod';
import type { ImageBlock, TextBlock } from '../../model/types.js';
import type { AnyTool, ToolResult } from '../../tools/types.js';
import type { McpCallOutcome, McpConnection, McpToolInfo } from './mcpConnection.js';

const MAX_DESCRIPTION = 2048;
const CHARS_PER_TOKEN = 4;

/** Characters other than letters, digits, `_` and `-` become `_` (model APIs accept no others in tool names). */
export const mcpNamePart = (name: string) => name.replace(/[^A-Za-z0-9_-]/g, '_');

export function mcpToolName(server: string, tool: string): string {
  return `mcp__${mcpNamePart(server)}__${mcpNamePart(tool)}`;
}

export interface McpToolLimits {
  /** MAX_MCP_OUTPUT_TOKENS. */
  maxOutputTokens: number;
}

function objectSchema(schema: Record<string, unknown>): Record<string, unknown> {
  // Model APIs want an object schema at the top; servers sometimes omit `type`.
  const { $schema: _ignored, ...rest } = schema;
  return { ...rest, type: 'object', ...(rest.properties === undefined ? { properties: {} } : {}) };
}

export function createMcpTool(connection: McpConnection, info: McpToolInfo, limits: McpToolLimits): AnyTool {
  const description = (info.description ?? `Tool "${info.name}" of MCP server "${connection.name}"`).slice(0, MAX_DESCRIPTION);
  return {
    name: mcpToolName(connection.name, info.name),
    description,
    // The server validates arguments against its own schema; we pass the object through.
    inputSchema: z.record(z.string(), z.unknown()),
    inputJsonSchema: objectSchema(info.inputSchema),
    isReadOnly: () => false,
    async run(input, ctx): Promise<ToolResult> {
      try {
        const outcome = await connection.callTool(info.name, input as Record<string, unknown>, ctx.signal);
        return mcpResultToToolResult(outcome, limits);
      } catch (error) {
        return { isError: true, content: (error as Error).message };
      }
    },
  };
}

/** Text and images become blocks; resources, audio and structured output become text. */
export function mcpResultToToolResult(outcome: McpCallOutcome, limits: McpToolLimits): ToolResult {
  const blocks: Array<TextBlock | ImageBlock> = [];
  for (const item of outcome.content) {
    if (item.type === 'text' && typeof item.text === 'string') blocks.push({ type: 'text', text: item.text });
    else if (item.type === 'image' && typeof item.data === 'string' && typeof item.mimeType === 'string') {
      blocks.push({ type: 'image', source: { type: 'base64', media_type: item.mimeType, data: item.data } });
    } else if (item.type === 'resource' && typeof item.resource === 'object' && item.resource !== null) {
      const resource = item.resource as Record<string, unknown>;
      blocks.push({ type: 'text', text: typeof resource.text === 'string' ? resource.text : `[binary resource ${String(resource.uri)} (${String(resource.mimeType ?? 'unknown type')})]` });
    } else if (item.type === 'resource_link') {
      blocks.push({ type: 'text', text: `[resource ${String(item.name ?? '')} at ${String(item.uri)}]` });
    } else if (item.type === 'audio') {
      blocks.push({ type: 'text', text: `[audio (${String(item.mimeType)}) not shown]` });
    }
  }
  if (blocks.length === 0 && outcome.structuredContent !== undefined) blocks.push({ type: 'text', text: JSON.stringify(outcome.structuredContent) });
  const capped = capOutput(blocks, limits.maxOutputTokens);
  const content = capped.every((block) => block.type === 'text') ? capped.map((block) => (block as TextBlock).text).join('\n') : capped;
  return { content: content === '' ? '(no output)' : content, ...(outcome.isError ? { isError: true } : {}) };
}

/** Cuts text past the token budget (images count by their base64 size) and says so. */
function capOutput(blocks: Array<TextBlock | ImageBlock>, maxTokens: number): Array<TextBlock | ImageBlock> {
  const sizeOf = (block: TextBlock | ImageBlock) => (block.type === 'text' ? block.text.length : block.source.data.length);
  const total = blocks.reduce((sum, block) => sum + sizeOf(block), 0);
  let budget = maxTokens * CHARS_PER_TOKEN;
  if (total <= budget) return blocks;
  const kept: Array<TextBlock | ImageBlock> = [];
  for (const block of blocks) {
    if (budget <= 0) break;
    if (block.type === 'text') {
      kept.push({ type: 'text', text: block.text.slice(0, budget) });
      budget -= Math.min(block.text.length, budget);
    } else if (sizeOf(block) <= budget) {
      kept.push(block);
      budget -= sizeOf(block);
    }
  }
  kept.push({
    type: 'text',
    text: `\n[Output truncated: the tool returned about ${Math.ceil(total / CHARS_PER_TOKEN)} tokens, more than the limit of ${maxTokens} (MAX_MCP_OUTPUT_TOKENS). Ask for less, e.g. with narrower arguments or pagination.]`,
  });
  return kept;
}

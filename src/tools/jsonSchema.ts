import { z } from 'zod';
import type { AnyTool } from './types.js';

/** The tool's input schema as the JSON Schema object the model APIs expect (no `$schema` key). */
export function toolInputJsonSchema(tool: AnyTool): Record<string, unknown> {
  if (tool.inputJsonSchema !== undefined) return tool.inputJsonSchema;
  const { $schema: _ignored, ...schema } = z.toJSONSchema(tool.inputSchema, { io: 'input' }) as Record<string, unknown>;
  return schema;
}

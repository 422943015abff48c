// Prints the size of the tool definitions wright sends with every request (name, description and
// input schema, as the Messages API receives them), per tool and in total. Tokens are estimated
// as characters / 4, the usual rule of thumb for English text and JSON.
//   node --import tsx bench/toolSchema.ts
import { createCoreTools, toolInputJsonSchema } from '../src/tools/index.js';

// The set as offered on the Anthropic provider, where WebSearch is always available.
const searchBackend = { label: 'server-side search', search: async () => ({ ok: true as const, hits: [] }) };
// SessionSearch is offered whenever a session has a transcript directory.
const pastSessions = { search: () => ({ ok: true as const, hits: [], more: 0 }) };
const tools = createCoreTools({ webSearch: searchBackend, pastSessions }).map((tool) => ({
  name: tool.name,
  chars: JSON.stringify({ name: tool.name, description: tool.description, input_schema: toolInputJsonSchema(tool) }).length,
}));
const total = tools.reduce((sum, tool) => sum + tool.chars, 0);
const tokens = (chars: number) => Math.round(chars / 4);

console.log(`tool definitions sent on every request: ${tools.length} tools, ${total} characters, ≈${(tokens(total) / 1000).toFixed(1)}k tokens`);
for (const tool of [...tools].sort((a, b) => b.chars - a.chars)) {
  console.log(`  ${tool.name.padEnd(18)} ${String(tool.chars).padStart(6)} chars  ≈${String(tokens(tool.chars)).padStart(5)} tokens`);
}

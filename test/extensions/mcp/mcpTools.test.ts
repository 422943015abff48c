import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mcpResultToToolResult, mcpToolName } from '../../../src/extensions/mcp/mcpTools.js';

test('tool names are mcp__<server>__<tool> with characters models refuse replaced', () => {
  assert.equal(mcpToolName('github', 'create_issue'), 'mcp__github__create_issue');
  assert.equal(mcpToolName('everything', 'get-sum'), 'mcp__everything__get-sum');
  assert.equal(mcpToolName('my.server', 'do it/now'), 'mcp__my_server__do_it_now');
});

test('text joins, images become image blocks, isError is kept', () => {
  assert.deepEqual(mcpResultToToolResult({ content: [{ type: 'text', text: 'a' }, { type: 'text', text: 'b' }], isError: true }, { maxOutputTokens: 100 }), { content: 'a\nb', isError: true });
  const image = mcpResultToToolResult({ content: [{ type: 'text', text: 'pic' }, { type: 'image', data: 'AAAA', mimeType: 'image/png' }], isError: false }, { maxOutputTokens: 100 });
  assert.deepEqual(image.content, [{ type: 'text', text: 'pic' }, { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'AAAA' } }]);
  assert.equal(image.isError, undefined);
  assert.equal(mcpResultToToolResult({ content: [], structuredContent: { n: 1 }, isError: false }, { maxOutputTokens: 100 }).content, '{"n":1}');
  assert.equal(mcpResultToToolResult({ content: [{ type: 'resource', resource: { uri: 'file:///x', text: 'inside' } }], isError: false }, { maxOutputTokens: 100 }).content, 'inside');
});

test('output past MAX_MCP_OUTPUT_TOKENS is cut with a note saying so', () => {
  const result = mcpResultToToolResult({ content: [{ type: 'text', text: 'x'.repeat(1000) }], isError: false }, { maxOutputTokens: 10 });
  const text = result.content as string;
  assert.ok(text.startsWith('x'.repeat(40)));
  assert.ok(!text.includes('x'.repeat(41)));
  assert.match(text, /Output truncated: the tool returned about 250 tokens, more than the limit of 10 \(MAX_MCP_OUTPUT_TOKENS\)/);
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { contextUsage, formatContextUsage } from '../../src/context/contextUsage.js';
import { contextWindowOf } from '../../src/model/contextWindow.js';

test('context usage by category, estimated and then scaled to the reported count', () => {
  const input = {
    systemPrompt: 'x'.repeat(4000),
    tools: [{ name: 'Read', description: 'd', input_schema: {} }],
    memory: 'm'.repeat(400),
    messages: [{ role: 'user' as const, content: 'hello' }],
    contextWindow: 200_000,
  };
  const estimated = contextUsage(input);
  assert.deepEqual(estimated.categories.map((c) => c.name), ['System prompt', 'Tools', 'Memory files', 'Messages']);
  assert.equal(estimated.categories[0]!.tokens, 1000);
  assert.equal(estimated.categories[2]!.tokens, 100);
  assert.equal(estimated.usedTokens, estimated.categories.reduce((sum, c) => sum + c.tokens, 0));

  const reported = contextUsage({ ...input, reportedInputTokens: 20_000 });
  assert.equal(reported.usedTokens, 20_000);
  assert.equal(reported.percentUsed, 10);
  const sum = reported.categories.reduce((total, c) => total + c.tokens, 0);
  assert.ok(Math.abs(sum - 20_000) <= 4, String(sum));
  assert.match(formatContextUsage(reported), /^Context: 20\.0k of 200\.0k tokens \(10\.0%\)\n {2}System prompt +\d/);
  assert.match(formatContextUsage(reported), /Free +180\.0k {2}90\.0%$/);
});

test('context windows: known model families, a 200k default, and an override', () => {
  assert.equal(contextWindowOf('claude-sonnet-5-5'), 200_000);
  assert.equal(contextWindowOf('gpt-4.1'), 1_047_576);
  assert.equal(contextWindowOf('some-local-model'), 200_000);
  assert.equal(contextWindowOf('some-local-model', { WRIGHT_CONTEXT_WINDOW: '32768' }), 32768);
});

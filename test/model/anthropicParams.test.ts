import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { toAnthropicParams } from '../../src/model/anthropicClient.js';
import type { ModelRequest } from '../../src/model/types.js';

describe('toAnthropicParams', () => {
  const request = (messages: ModelRequest['messages']): ModelRequest => ({ model: 'm', system: 's', messages, tools: [], maxTokens: 100 });

  it('passes signed thinking back unchanged and drops unsigned thinking from another provider', () => {
    const params = toAnthropicParams(
      request([
        { role: 'user', content: 'hi' },
        {
          role: 'assistant',
          content: [
            { type: 'thinking', thinking: 'from an OpenAI-compatible server', signature: '' },
            { type: 'thinking', thinking: 'signed', signature: 'sig' },
            { type: 'text', text: 'answer' },
          ],
        },
      ]),
    );
    assert.deepEqual(params.messages[1]!.content, [
      { type: 'thinking', thinking: 'signed', signature: 'sig' },
      { type: 'text', text: 'answer' },
    ]);
    assert.equal(params.messages[0]!.content, 'hi');
  });

  it('sends server tools after the function tools, and no tools key when there are none', () => {
    const read = { name: 'Read', description: 'd', input_schema: { type: 'object' } };
    const search = { type: 'web_search_20250305' as const, name: 'web_search' as const, max_uses: 8, allowed_domains: ['a.example'] };
    const params = toAnthropicParams({ ...request([{ role: 'user', content: 'hi' }]), tools: [read], serverTools: [search] });
    assert.deepEqual(params.tools, [read, search]);
    assert.deepEqual(toAnthropicParams({ ...request([{ role: 'user', content: 'hi' }]), serverTools: [search] }).tools, [search]);
    assert.equal('tools' in toAnthropicParams(request([{ role: 'user', content: 'hi' }])), false);
  });

  it('with prompt caching, marks the system prompt, the previous user message and the newest message; never thinking', () => {
    const params = toAnthropicParams({
      ...request([
        { role: 'user', content: 'first' },
        { role: 'assistant', content: [{ type: 'tool_use', id: 't1', name: 'Read', input: {} }] },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: 't1', content: 'r1' }] },
        { role: 'assistant', content: [{ type: 'text', text: 'done' }, { type: 'thinking', thinking: 'after', signature: 'sig' }] },
      ]),
      promptCaching: true,
    });
    assert.deepEqual(params.system, [{ type: 'text', text: 's', cache_control: { type: 'ephemeral' } }]);
    const marked = params.messages.flatMap((message, index) =>
      typeof message.content === 'string' ? [] : message.content.flatMap((block, blockIndex) => ('cache_control' in block && block.cache_control ? [`${index}.${blockIndex}`] : [])),
    );
    assert.deepEqual(marked, ['2.0', '3.0']);
    assert.equal(params.messages[0]!.content, 'first', 'older messages are untouched');
  });

  it('without prompt caching, no markers at all', () => {
    const params = toAnthropicParams(request([{ role: 'user', content: 'hi' }]));
    assert.equal(params.system, 's');
    assert.doesNotMatch(JSON.stringify(params), /cache_control/);
  });
});

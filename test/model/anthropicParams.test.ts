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
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { toOpenAIMessages, toOpenAIRequest, toOpenAITools, toolResultText } from '../../src/model/openaiTranslate.js';
import type { Message } from '../../src/model/types.js';

describe('toOpenAIMessages', () => {
  it('puts the system prompt first and keeps plain strings', () => {
    assert.deepEqual(toOpenAIMessages('Be brief.', [{ role: 'user', content: 'hi' }, { role: 'assistant', content: 'hello' }]), [
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'hi' },
      { role: 'assistant', content: 'hello' },
    ]);
    assert.deepEqual(toOpenAIMessages('', [{ role: 'user', content: 'hi' }]), [{ role: 'user', content: 'hi' }]);
  });

  it('joins text-only user blocks and turns images into image_url parts', () => {
    const messages: Message[] = [
      { role: 'user', content: [{ type: 'text', text: 'one' }, { type: 'text', text: 'two' }] },
      {
        role: 'user',
        content: [
          { type: 'text', text: 'what is this?' },
          { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'iVBOR' } },
        ],
      },
    ];
    assert.deepEqual(toOpenAIMessages('', messages), [
      { role: 'user', content: 'one\n\ntwo' },
      {
        role: 'user',
        content: [
          { type: 'text', text: 'what is this?' },
          { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBOR' } },
        ],
      },
    ]);
  });

  it('turns tool_use into tool_calls and drops thinking', () => {
    const messages: Message[] = [
      {
        role: 'assistant',
        content: [
          { type: 'thinking', thinking: 'hmm', signature: 'sig' },
          { type: 'redacted_thinking', data: 'xx' },
          { type: 'text', text: 'Reading both.' },
          { type: 'tool_use', id: 'call_a', name: 'Read', input: { file_path: 'a.ts' } },
          { type: 'tool_use', id: 'call_b', name: 'Read', input: { file_path: 'b.ts' } },
        ],
      },
    ];
    assert.deepEqual(toOpenAIMessages('', messages), [
      {
        role: 'assistant',
        content: 'Reading both.',
        tool_calls: [
          { id: 'call_a', type: 'function', function: { name: 'Read', arguments: '{"file_path":"a.ts"}' } },
          { id: 'call_b', type: 'function', function: { name: 'Read', arguments: '{"file_path":"b.ts"}' } },
        ],
      },
    ]);
  });

  it('sends null content for an assistant turn that only calls tools', () => {
    const [assistant] = toOpenAIMessages('', [{ role: 'assistant', content: [{ type: 'tool_use', id: 'c', name: 'Ls', input: {} }] }]);
    assert.deepEqual(assistant, { role: 'assistant', content: null, tool_calls: [{ id: 'c', type: 'function', function: { name: 'Ls', arguments: '{}' } }] });
  });

  it('turns tool results into tool messages in call order, before the rest of the user turn', () => {
    const messages: Message[] = [
      {
        role: 'assistant',
        content: [
          { type: 'tool_use', id: 'call_a', name: 'Read', input: {} },
          { type: 'tool_use', id: 'call_b', name: 'Read', input: {} },
        ],
      },
      {
        role: 'user',
        content: [
          { type: 'tool_result', tool_use_id: 'call_b', content: 'B' },
          { type: 'tool_result', tool_use_id: 'call_a', content: [{ type: 'text', text: 'A' }], is_error: true },
          { type: 'text', text: 'and then?' },
        ],
      },
    ];
    assert.deepEqual(toOpenAIMessages('', messages).slice(1), [
      { role: 'tool', tool_call_id: 'call_a', content: 'Error: A' },
      { role: 'tool', tool_call_id: 'call_b', content: 'B' },
      { role: 'user', content: 'and then?' },
    ]);
  });

  it('announces images in tool results and puts text documents inline', () => {
    const text = toolResultText({
      type: 'tool_result',
      tool_use_id: 'c',
      content: [
        { type: 'text', text: 'screenshot:' },
        { type: 'image', source: { type: 'base64', media_type: 'image/jpeg', data: 'abc' } },
        { type: 'document', source: { type: 'text', media_type: 'text/plain', data: 'body' }, title: 'notes.txt' },
      ],
    });
    assert.equal(text, 'screenshot:\n[image (image/jpeg) follows in the next user message]\nnotes.txt\n\nbody');
  });

  it('moves images and binary documents from tool results into a user message after the tool messages', () => {
    const messages: Message[] = [
      {
        role: 'assistant',
        content: [
          { type: 'tool_use', id: 'call_a', name: 'Read', input: {} },
          { type: 'tool_use', id: 'call_b', name: 'Read', input: {} },
          { type: 'tool_use', id: 'call_c', name: 'Read', input: {} },
        ],
      },
      {
        role: 'user',
        content: [
          {
            type: 'tool_result',
            tool_use_id: 'call_b',
            content: [{ type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: 'JVBER' }, title: 'spec.pdf' }],
          },
          { type: 'tool_result', tool_use_id: 'call_c', content: 'plain' },
          {
            type: 'tool_result',
            tool_use_id: 'call_a',
            content: [
              { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'iVBOR' } },
              { type: 'text', text: '[Image downscaled]' },
            ],
          },
          { type: 'text', text: 'and then?' },
        ],
      },
    ];
    assert.deepEqual(toOpenAIMessages('', messages).slice(1), [
      { role: 'tool', tool_call_id: 'call_a', content: '[image (image/png) follows in the next user message]\n[Image downscaled]' },
      { role: 'tool', tool_call_id: 'call_b', content: '[document (application/pdf) follows in the next user message]' },
      { role: 'tool', tool_call_id: 'call_c', content: 'plain' },
      {
        role: 'user',
        content: [
          { type: 'text', text: 'Attachments from the result of tool call call_a:' },
          { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBOR' } },
          { type: 'text', text: 'Attachments from the result of tool call call_b:' },
          { type: 'file', file: { file_data: 'data:application/pdf;base64,JVBER', filename: 'spec.pdf' } },
          { type: 'text', text: 'and then?' },
        ],
      },
    ]);
  });

  it('sends documents as text or file parts', () => {
    const [message] = toOpenAIMessages('', [
      {
        role: 'user',
        content: [
          { type: 'document', source: { type: 'text', media_type: 'text/plain', data: 'body' }, title: 'notes.txt' },
          { type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: 'JVBER' }, title: 'spec.pdf' },
        ],
      },
    ]);
    assert.deepEqual(message, {
      role: 'user',
      content: [
        { type: 'text', text: 'notes.txt\n\nbody' },
        { type: 'file', file: { file_data: 'data:application/pdf;base64,JVBER', filename: 'spec.pdf' } },
      ],
    });
  });
});

describe('toOpenAITools and toOpenAIRequest', () => {
  const schema = { type: 'object', properties: { file_path: { type: 'string' } }, required: ['file_path'] };

  it('wraps each tool as a function', () => {
    assert.deepEqual(toOpenAITools([{ name: 'Read', description: 'Reads a file', input_schema: schema }]), [
      { type: 'function', function: { name: 'Read', description: 'Reads a file', parameters: schema } },
    ]);
  });

  it('asks for streamed usage and uses the requested max-tokens field', () => {
    const request = { model: 'gpt-4.1', system: 's', messages: [], tools: [], maxTokens: 100 };
    assert.deepEqual(toOpenAIRequest(request, 'max_tokens'), {
      model: 'gpt-4.1',
      messages: [{ role: 'system', content: 's' }],
      max_tokens: 100,
      stream: true,
      stream_options: { include_usage: true },
    });
    const official = toOpenAIRequest({ ...request, tools: [{ name: 'Read', description: 'd', input_schema: schema }] }, 'max_completion_tokens');
    assert.equal(official.max_completion_tokens, 100);
    assert.equal(official.tools?.length, 1);
  });
});

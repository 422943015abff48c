import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { invalidToolInput, MalformedStreamError, MessageAssembler } from '../../src/model/messageAssembler.js';
import { emptyUsage, type AssistantMessage, type StreamEvent, type ToolUseBlock } from '../../src/model/types.js';

const start = (usage = { ...emptyUsage(), input_tokens: 12 }): StreamEvent => ({
  type: 'message_start',
  message: {
    id: 'msg_1',
    type: 'message',
    role: 'assistant',
    model: 'claude-sonnet-4-5',
    content: [],
    stop_reason: null,
    stop_sequence: null,
    usage,
  } satisfies AssistantMessage,
});

function assemble(events: StreamEvent[]): AssistantMessage {
  const assembler = new MessageAssembler();
  for (const event of events) assembler.apply(event);
  assert.equal(assembler.complete, true);
  return assembler.result();
}

describe('MessageAssembler', () => {
  it('assembles text, thinking and tool_use blocks', () => {
    const message = assemble([
      start(),
      { type: 'content_block_start', index: 0, content_block: { type: 'thinking', thinking: '', signature: '' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'thinking_delta', thinking: 'Let me ' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'thinking_delta', thinking: 'look.' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'signature_delta', signature: 'sig-abc' } },
      { type: 'content_block_stop', index: 0 },
      { type: 'content_block_start', index: 1, content_block: { type: 'text', text: '' } },
      { type: 'content_block_delta', index: 1, delta: { type: 'text_delta', text: 'Reading ' } },
      { type: 'content_block_delta', index: 1, delta: { type: 'text_delta', text: 'it.' } },
      { type: 'content_block_stop', index: 1 },
      { type: 'content_block_start', index: 2, content_block: { type: 'tool_use', id: 'toolu_1', name: 'Read', input: {} } },
      { type: 'content_block_delta', index: 2, delta: { type: 'input_json_delta', partial_json: '{"file_' } },
      { type: 'content_block_delta', index: 2, delta: { type: 'input_json_delta', partial_json: 'path":"a.ts"}' } },
      { type: 'content_block_stop', index: 2 },
      { type: 'message_delta', delta: { stop_reason: 'tool_use', stop_sequence: null }, usage: { output_tokens: 40 } },
      { type: 'message_stop' },
    ]);
    assert.deepEqual(message.content, [
      { type: 'thinking', thinking: 'Let me look.', signature: 'sig-abc' },
      { type: 'text', text: 'Reading it.' },
      { type: 'tool_use', id: 'toolu_1', name: 'Read', input: { file_path: 'a.ts' } },
    ]);
    assert.equal(message.stop_reason, 'tool_use');
    assert.deepEqual(message.usage, { ...emptyUsage(), input_tokens: 12, output_tokens: 40 });
  });

  it('parses an empty tool input as {}', () => {
    const message = assemble([
      start(),
      { type: 'content_block_start', index: 0, content_block: { type: 'tool_use', id: 't', name: 'List', input: {} } },
      { type: 'content_block_delta', index: 0, delta: { type: 'input_json_delta', partial_json: '' } },
      { type: 'content_block_stop', index: 0 },
      { type: 'message_delta', delta: { stop_reason: 'tool_use', stop_sequence: null }, usage: {} },
      { type: 'message_stop' },
    ]);
    assert.deepEqual(message.content, [{ type: 'tool_use', id: 't', name: 'List', input: {} }]);
  });

  it('treats message_delta usage as cumulative', () => {
    const message = assemble([
      start(),
      { type: 'message_delta', delta: { stop_reason: null, stop_sequence: null }, usage: { output_tokens: 5 } },
      { type: 'message_delta', delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: 9, input_tokens: 30 } },
      { type: 'message_stop' },
    ]);
    assert.equal(message.usage.output_tokens, 9);
    assert.equal(message.usage.input_tokens, 30);
    assert.equal(message.stop_reason, 'end_turn');
  });

  it('starts over at a second message_start', () => {
    const assembler = new MessageAssembler();
    assembler.apply(start());
    assembler.apply({ type: 'content_block_start', index: 0, content_block: { type: 'text', text: 'stale' } });
    assembler.apply(start());
    assembler.apply({ type: 'content_block_start', index: 0, content_block: { type: 'text', text: 'fresh' } });
    assembler.apply({ type: 'content_block_stop', index: 0 });
    assert.deepEqual(assembler.result().content, [{ type: 'text', text: 'fresh' }]);
  });

  it('rejects broken streams', () => {
    const assembler = new MessageAssembler();
    assert.throws(() => assembler.apply({ type: 'content_block_stop', index: 0 }), MalformedStreamError);
    assembler.apply(start());
    assert.throws(() => assembler.apply({ type: 'content_block_delta', index: 3, delta: { type: 'text_delta', text: 'x' } }), MalformedStreamError);
    assembler.apply({ type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } });
    assert.throws(
      () => assembler.apply({ type: 'content_block_delta', index: 0, delta: { type: 'input_json_delta', partial_json: '{' } }),
      MalformedStreamError,
    );
    assembler.apply({ type: 'content_block_start', index: 1, content_block: { type: 'tool_use', id: 't', name: 'X', input: {} } });
  });

  it('keeps a tool call whose input is not a JSON object, with an empty input and the raw text remembered', () => {
    for (const raw of ['{"a":', '[1]']) {
      const assembler = new MessageAssembler();
      assembler.apply(start());
      assembler.apply({ type: 'content_block_start', index: 0, content_block: { type: 'tool_use', id: 't', name: 'X', input: {} } });
      assembler.apply({ type: 'content_block_delta', index: 0, delta: { type: 'input_json_delta', partial_json: raw } });
      assembler.apply({ type: 'content_block_stop', index: 0 });
      const use = assembler.result().content[0] as ToolUseBlock;
      assert.deepEqual(use, { type: 'tool_use', id: 't', name: 'X', input: {} });
      assert.equal(invalidToolInput(use), raw);
    }
  });

  it('assembles a server tool call from JSON fragments and keeps its results block whole', () => {
    const results = [{ type: 'web_search_result' as const, url: 'https://a.example/', title: 'A', encrypted_content: 'EnC' }];
    const message = assemble([
      start(),
      { type: 'content_block_start', index: 0, content_block: { type: 'server_tool_use', id: 'srvtoolu_1', name: 'web_search', input: {} } },
      { type: 'content_block_delta', index: 0, delta: { type: 'input_json_delta', partial_json: '{"query": "node ' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'input_json_delta', partial_json: 'fetch"}' } },
      { type: 'content_block_stop', index: 0 },
      { type: 'content_block_start', index: 1, content_block: { type: 'web_search_tool_result', tool_use_id: 'srvtoolu_1', content: results } },
      { type: 'content_block_stop', index: 1 },
      { type: 'content_block_start', index: 2, content_block: { type: 'text', text: '' } },
      { type: 'content_block_delta', index: 2, delta: { type: 'text_delta', text: 'Found it.' } },
      { type: 'content_block_stop', index: 2 },
      { type: 'message_delta', delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: 9 } },
      { type: 'message_stop' },
    ]);
    assert.deepEqual(message.content, [
      { type: 'server_tool_use', id: 'srvtoolu_1', name: 'web_search', input: { query: 'node fetch' } },
      { type: 'web_search_tool_result', tool_use_id: 'srvtoolu_1', content: results },
      { type: 'text', text: 'Found it.' },
    ]);
  });

  it('rejects a delta for a web search results block', () => {
    const assembler = new MessageAssembler();
    assembler.apply(start());
    assembler.apply({ type: 'content_block_start', index: 0, content_block: { type: 'web_search_tool_result', tool_use_id: 's', content: [] } });
    assert.throws(
      () => assembler.apply({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'x' } }),
      MalformedStreamError,
    );
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MalformedStreamError, MessageAssembler } from '../../src/model/messageAssembler.js';
import { mapFinishReason, OpenAIStreamTranslator, toUsage } from '../../src/model/openaiStreamToEvents.js';
import type { StreamEvent } from '../../src/model/types.js';

function translate(chunks: unknown[]): StreamEvent[] {
  const translator = new OpenAIStreamTranslator('requested-model');
  return [...chunks.flatMap((chunk) => translator.accept(chunk)), ...translator.finish()];
}

function assemble(events: StreamEvent[]) {
  const assembler = new MessageAssembler();
  for (const event of events) assembler.apply(event);
  assert.equal(assembler.complete, true);
  return assembler.result();
}

const chunk = (delta: Record<string, unknown>, finish: string | null = null, extra: Record<string, unknown> = {}) => ({
  id: 'chatcmpl-1',
  model: 'gpt-4.1-2025-04-14',
  choices: [{ index: 0, delta, finish_reason: finish }],
  ...extra,
});

describe('OpenAIStreamTranslator', () => {
  it('emits Anthropic-shaped events for text, with usage at the end', () => {
    const events = translate([
      chunk({ role: 'assistant', content: '' }),
      chunk({ content: 'Hel' }),
      chunk({ content: 'lo' }),
      chunk({}, 'stop'),
      { id: 'chatcmpl-1', choices: [], usage: { prompt_tokens: 100, completion_tokens: 7, prompt_tokens_details: { cached_tokens: 60 } } },
    ]);
    assert.deepEqual(
      events.map((event) => event.type),
      ['message_start', 'content_block_start', 'content_block_delta', 'content_block_delta', 'content_block_stop', 'message_delta', 'message_stop'],
    );
    const message = assemble(events);
    assert.equal(message.id, 'chatcmpl-1');
    assert.equal(message.model, 'gpt-4.1-2025-04-14');
    assert.deepEqual(message.content, [{ type: 'text', text: 'Hello' }]);
    assert.equal(message.stop_reason, 'end_turn');
    assert.deepEqual(message.usage, { input_tokens: 40, output_tokens: 7, cache_creation_input_tokens: 0, cache_read_input_tokens: 60 });
  });

  it('turns reasoning_content (or reasoning) into a thinking block before the text', () => {
    const message = assemble(
      translate([chunk({ reasoning_content: 'Think' }), chunk({ reasoning: 'ing.' }), chunk({ content: 'Answer' }), chunk({}, 'stop')]),
    );
    assert.deepEqual(message.content, [
      { type: 'thinking', thinking: 'Thinking.', signature: '' },
      { type: 'text', text: 'Answer' },
    ]);
  });

  it('streams tool calls whose later chunks carry no id', () => {
    const events = translate([
      chunk({ content: 'Reading.' }),
      chunk({ tool_calls: [{ index: 0, id: 'call_1', type: 'function', function: { name: 'Read', arguments: '' } }] }),
      chunk({ tool_calls: [{ index: 0, function: { arguments: '{"file_path":' } }] }),
      chunk({ tool_calls: [{ index: 0, function: { arguments: '"a.ts"}' } }] }),
      chunk({ tool_calls: [{ index: 1, id: 'call_2', function: { name: 'Glob', arguments: '{"pattern":"*"}' } }] }),
      chunk({}, 'tool_calls'),
    ]);
    assert.ok(events.some((event) => event.type === 'content_block_delta' && event.delta.type === 'input_json_delta'));
    const message = assemble(events);
    assert.deepEqual(message.content, [
      { type: 'text', text: 'Reading.' },
      { type: 'tool_use', id: 'call_1', name: 'Read', input: { file_path: 'a.ts' } },
      { type: 'tool_use', id: 'call_2', name: 'Glob', input: { pattern: '*' } },
    ]);
    assert.equal(message.stop_reason, 'tool_use');
  });

  it('tolerates missing ids, missing usage, reused index 0 and object arguments', () => {
    const message = assemble(
      translate([
        { choices: [{ delta: { tool_calls: [{ index: 0, id: 'a', function: { name: 'One', arguments: { x: 1 } } }] } }] },
        { choices: [{ delta: { tool_calls: [{ index: 0, id: 'b', function: { name: 'Two', arguments: '{}' } }] } }] },
        { choices: [{ delta: { tool_calls: [{ index: 1, function: { name: 'Three' } }] }, finish_reason: 'stop' }] },
      ]),
    );
    assert.match(message.id, /^msg_/);
    assert.equal(message.model, 'requested-model');
    assert.equal(message.stop_reason, 'tool_use');
    assert.deepEqual(
      message.content.map((block) => (block.type === 'tool_use' ? [block.name, block.input] : block.type)),
      [['One', { x: 1 }], ['Two', {}], ['Three', {}]],
    );
    const third = message.content[2];
    assert.ok(third?.type === 'tool_use' && third.id.startsWith('call_'));
    assert.deepEqual(message.usage, { input_tokens: 0, output_tokens: 0, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 });
  });

  it('emits no message_stop when the stream ends without a finish reason', () => {
    const events = translate([chunk({ content: 'cut' })]);
    assert.ok(!events.some((event) => event.type === 'message_stop'));
    assert.deepEqual(translate([]), []);
  });

  it('rejects arguments for a tool call that already ended', () => {
    const translator = new OpenAIStreamTranslator('m');
    translator.accept(chunk({ tool_calls: [{ index: 0, id: 'a', function: { name: 'A', arguments: '{' } }] }));
    translator.accept(chunk({ tool_calls: [{ index: 1, id: 'b', function: { name: 'B', arguments: '{}' } }] }));
    assert.throws(() => translator.accept(chunk({ tool_calls: [{ index: 0, function: { arguments: '}' } }] })), MalformedStreamError);
  });
});

describe('mapFinishReason and toUsage', () => {
  it('maps finish reasons to stop reasons', () => {
    assert.equal(mapFinishReason('stop', false), 'end_turn');
    assert.equal(mapFinishReason('tool_calls', true), 'tool_use');
    assert.equal(mapFinishReason('length', false), 'max_tokens');
    assert.equal(mapFinishReason('content_filter', false), 'refusal');
    assert.equal(mapFinishReason('stop', true), 'tool_use');
  });

  it('subtracts cached tokens from input tokens', () => {
    assert.deepEqual(toUsage({ prompt_tokens: 10, completion_tokens: 3 }), {
      input_tokens: 10,
      output_tokens: 3,
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 0,
    });
    assert.deepEqual(toUsage(null).input_tokens, 0);
  });
});

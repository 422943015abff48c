import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createAnthropicEventNormaliser } from '../../src/model/anthropicEvents.js';

describe('createAnthropicEventNormaliser', () => {
  it('keeps the fields we model and drops the rest', () => {
    const normalise = createAnthropicEventNormaliser();
    const started = normalise({
      type: 'message_start',
      message: {
        id: 'msg_1',
        type: 'message',
        role: 'assistant',
        model: 'claude-sonnet-4-5',
        content: [],
        stop_reason: null,
        stop_sequence: null,
        container: null,
        usage: { input_tokens: 10, output_tokens: 1, cache_creation_input_tokens: null, cache_read_input_tokens: 4, service_tier: 'standard' },
      },
    });
    assert.deepEqual(started, {
      type: 'message_start',
      message: {
        id: 'msg_1',
        type: 'message',
        role: 'assistant',
        model: 'claude-sonnet-4-5',
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage: { input_tokens: 10, output_tokens: 1, cache_creation_input_tokens: 0, cache_read_input_tokens: 4 },
      },
    });
    assert.deepEqual(normalise({ type: 'content_block_start', index: 0, content_block: { type: 'text', text: '', citations: null } }), {
      type: 'content_block_start',
      index: 0,
      content_block: { type: 'text', text: '' },
    });
    assert.deepEqual(
      normalise({ type: 'message_delta', delta: { stop_reason: 'end_turn', stop_sequence: null, container: null }, usage: { output_tokens: 7, input_tokens: null } }),
      { type: 'message_delta', delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: 7 } },
    );
  });

  it('passes thinking blocks through with their signature', () => {
    const normalise = createAnthropicEventNormaliser();
    assert.deepEqual(normalise({ type: 'content_block_start', index: 0, content_block: { type: 'thinking', thinking: '', signature: '' } }), {
      type: 'content_block_start',
      index: 0,
      content_block: { type: 'thinking', thinking: '', signature: '' },
    });
    assert.deepEqual(normalise({ type: 'content_block_delta', index: 0, delta: { type: 'signature_delta', signature: 'EqQB' } }), {
      type: 'content_block_delta',
      index: 0,
      delta: { type: 'signature_delta', signature: 'EqQB' },
    });
  });

  it('skips unknown events and whole blocks of kinds we do not model', () => {
    const normalise = createAnthropicEventNormaliser();
    assert.equal(normalise({ type: 'ping' }), null);
    assert.equal(normalise({ type: 'something_new', data: 1 }), null);
    assert.equal(normalise({ type: 'content_block_start', index: 1, content_block: { type: 'mcp_tool_use', id: 's', name: 'search', server_name: 'x', input: {} } }), null);
    assert.equal(normalise({ type: 'content_block_delta', index: 1, delta: { type: 'input_json_delta', partial_json: '{}' } }), null);
    assert.equal(normalise({ type: 'content_block_stop', index: 1 }), null);
    assert.equal(normalise({ type: 'content_block_delta', index: 2, delta: { type: 'citations_delta', citation: {} } }), null);
    assert.deepEqual(normalise({ type: 'content_block_stop', index: 2 }), { type: 'content_block_stop', index: 2 });
  });

  it('keeps web search calls and their results, with the fields a continued conversation needs', () => {
    const normalise = createAnthropicEventNormaliser();
    assert.deepEqual(
      normalise({ type: 'content_block_start', index: 0, content_block: { type: 'server_tool_use', id: 'srvtoolu_1', name: 'web_search', input: {} } }),
      { type: 'content_block_start', index: 0, content_block: { type: 'server_tool_use', id: 'srvtoolu_1', name: 'web_search', input: {} } },
    );
    assert.deepEqual(normalise({ type: 'content_block_delta', index: 0, delta: { type: 'input_json_delta', partial_json: '{"query"' } }), {
      type: 'content_block_delta',
      index: 0,
      delta: { type: 'input_json_delta', partial_json: '{"query"' },
    });
    const results = normalise({
      type: 'content_block_start',
      index: 1,
      content_block: {
        type: 'web_search_tool_result',
        tool_use_id: 'srvtoolu_1',
        content: [
          { type: 'web_search_result', url: 'https://a.example/x', title: 'A', page_age: 'April 1, 2025', encrypted_content: 'EnC', extra: 1 },
          { type: 'web_search_result', url: 'https://b.example/', title: 'B', page_age: null, encrypted_content: 'EnD' },
        ],
      },
    });
    assert.deepEqual(results, {
      type: 'content_block_start',
      index: 1,
      content_block: {
        type: 'web_search_tool_result',
        tool_use_id: 'srvtoolu_1',
        content: [
          { type: 'web_search_result', url: 'https://a.example/x', title: 'A', page_age: 'April 1, 2025', encrypted_content: 'EnC' },
          { type: 'web_search_result', url: 'https://b.example/', title: 'B', encrypted_content: 'EnD' },
        ],
      },
    });
    const failed = normalise({
      type: 'content_block_start',
      index: 2,
      content_block: { type: 'web_search_tool_result', tool_use_id: 'srvtoolu_2', content: { type: 'web_search_tool_result_error', error_code: 'max_uses_exceeded' } },
    });
    assert.deepEqual(failed && failed.type === 'content_block_start' ? failed.content_block : null, {
      type: 'web_search_tool_result',
      tool_use_id: 'srvtoolu_2',
      content: { type: 'web_search_tool_result_error', error_code: 'max_uses_exceeded' },
    });
    assert.deepEqual(normalise({ type: 'content_block_stop', index: 1 }), { type: 'content_block_stop', index: 1 });
  });
});

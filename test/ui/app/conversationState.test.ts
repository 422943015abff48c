import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addNotice, addUserPrompt, applyAgentEvent, emptyConversation, FINISHED_KEPT, type ConversationState } from '../../../src/ui/app/conversationState.js';
import type { AgentEvent } from '../../../src/agent/events.js';
import { assistantEvent, resultEvent, streamEvent, textStream, toolResultEvent } from './inkHarness.js';

const play = (events: AgentEvent[], start: ConversationState = emptyConversation(), now = 1000) =>
  events.reduce((state, event) => applyAgentEvent(state, event, now), start);

test('streamed text stays live until the complete response arrives, then it is finished', () => {
  let state = addUserPrompt(emptyConversation(), 'hi');
  state = play(textStream(['Hel', 'lo']), state);
  assert.deepEqual(state.streaming, [{ kind: 'text', text: 'Hello', committed: 0 }]);
  assert.deepEqual(state.finished.map((item) => item.kind), ['user']);
  state = play([assistantEvent([{ type: 'text', text: 'Hello' }], { output_tokens: 7, input_tokens: 100, cache_read_input_tokens: 900 })], state);
  assert.deepEqual(state.streaming, []);
  assert.deepEqual(state.finished.map((item) => (item.kind === 'assistant' ? item.text : item.kind)), ['user', 'Hello']);
  assert.equal(state.outputTokens, 7, 'the counted tokens replace the estimate');
  assert.equal(state.contextTokens, 1000);
});

test('tool calls run live and move to the finished items with status, duration and result', () => {
  let state = play([assistantEvent([{ type: 'tool_use', id: 't1', name: 'Bash', input: { command: 'npm test' } }])], emptyConversation(), 1000);
  assert.equal(state.running.length, 1);
  assert.equal(state.running[0]!.status, 'running');
  state = applyAgentEvent(state, toolResultEvent('t1', 'ok\n3 passing'), 2500);
  assert.equal(state.running.length, 0);
  const tool = state.finished.at(-1)!;
  assert.equal(tool.kind, 'tool');
  assert.ok(tool.kind === 'tool' && tool.status === 'done' && tool.durationMs === 1500 && tool.result === 'ok\n3 passing');
  state = play([assistantEvent([{ type: 'tool_use', id: 't2', name: 'Read', input: { file_path: '/x' } }]), toolResultEvent('t2', 'missing', true)], state);
  const failed = state.finished.at(-1)!;
  assert.ok(failed.kind === 'tool' && failed.status === 'error');
});

test('an interrupted run keeps the partial answer, marks running tools and says Interrupted', () => {
  let state = play([assistantEvent([{ type: 'tool_use', id: 't1', name: 'Bash', input: { command: 'sleep 30' } }]), ...textStream(['partial ans'], 0)]);
  state = play([resultEvent({ interrupted: true, is_error: true, subtype: 'error_during_execution', total_cost_usd: 0.5 })], state);
  const kinds = state.finished.map((item) => `${item.kind}${item.kind === 'tool' ? `:${item.status}` : ''}`);
  assert.deepEqual(kinds, ['assistant', 'tool:interrupted', 'notice']);
  assert.match((state.finished.at(-1) as { text: string }).text, /Interrupted/);
  assert.equal(state.costUsd, 0.5);
});

test('errors are shown, costs add up over runs, thinking is kept apart from text', () => {
  let state = play([resultEvent({ total_cost_usd: 0.25 }), resultEvent({ total_cost_usd: 0.5, is_error: true, subtype: 'error_max_turns', errors: ['Reached the maximum number of turns (3).'] })]);
  assert.equal(state.costUsd, 0.75);
  assert.match((state.finished.at(-1) as { text: string }).text, /maximum number of turns/);
  state = play([
    streamEvent({ type: 'content_block_start', index: 0, content_block: { type: 'thinking', thinking: '', signature: '' } }),
    streamEvent({ type: 'content_block_delta', index: 0, delta: { type: 'thinking_delta', thinking: 'hmm' } }),
  ], state);
  assert.deepEqual(state.streaming, [{ kind: 'thinking', text: 'hmm', committed: 0 }]);
});

test('complete Markdown blocks of a streaming answer go to the scrollback as they arrive, once each', () => {
  let state = addUserPrompt(emptyConversation(), 'hi');
  state = play(textStream(['# Title\n\nFirst para', 'graph.\n\nSecond paragraph.\n', 'more']), state);
  const written = () => state.finished.filter((item) => item.kind === 'assistant').map((item) => (item.kind === 'assistant' ? item.text : ''));
  assert.deepEqual(written(), ['# Title\n\nFirst paragraph.']);
  assert.equal(state.streaming[0]!.text.slice(state.streaming[0]!.committed), 'Second paragraph.\nmore');
  state = play([assistantEvent([{ type: 'text', text: '# Title\n\nFirst paragraph.\n\nSecond paragraph.\nmore' }])], state);
  assert.deepEqual(written(), ['# Title\n\nFirst paragraph.', 'Second paragraph.\nmore']);
  const parts = state.finished.filter((item) => item.kind === 'assistant');
  assert.deepEqual(parts.map((item) => item.kind === 'assistant' && item.continued === true), [false, true]);
});

test('compaction shows as activity while it runs, then as a notice; only an auto failure adds its own warning', () => {
  const envelope = { uuid: 'u', session_id: 's' };
  let state = applyAgentEvent(emptyConversation(), { type: 'system', subtype: 'status', status: 'compacting', ...envelope }, 0);
  assert.equal(state.activity, 'compacting');
  state = applyAgentEvent(state, { type: 'system', subtype: 'status', status: null, ...envelope }, 0);
  state = applyAgentEvent(state, { type: 'system', subtype: 'compact_boundary', compact_metadata: { trigger: 'auto', pre_tokens: 160_500, post_tokens: 9_000 }, ...envelope }, 0);
  assert.equal(state.activity, null);
  assert.equal(state.contextTokens, 9_000);
  const notice = state.finished.at(-1);
  assert.ok(notice?.kind === 'notice' && /nearly full: compacted the conversation \(160\.5k → 9\.0k tokens\)/.test(notice.text));
  const failed = (trigger: 'auto' | 'manual', disabled: boolean) =>
    applyAgentEvent(emptyConversation(), { type: 'system', subtype: 'compact_failed', trigger, error: 'Compaction failed: boom', auto_compact_disabled: disabled, ...envelope }, 0);
  assert.equal(failed('manual', false).finished.length, 0, 'a manual failure is told by its result');
  const off = failed('auto', true).finished.at(-1);
  assert.ok(off?.kind === 'notice' && off.tone === 'warning' && /boom[\s\S]*Auto-compaction is now off/.test(off.text));
});

test('the state keeps only the latest finished items and counts them all, whichever way they finish', () => {
  let state = emptyConversation();
  for (let i = 1; i <= FINISHED_KEPT; i++) state = addNotice(state, `notice ${i}`);
  state = play([assistantEvent([{ type: 'tool_use', id: 't1', name: 'Bash', input: { command: 'ls' } }, { type: 'tool_use', id: 't2', name: 'Bash', input: { command: 'pwd' } }]), toolResultEvent('t1', 'a.txt')], state);
  state = play([resultEvent({ is_error: true, subtype: 'error_during_execution', interrupted: true })], state);
  assert.equal(state.finishedCount, FINISHED_KEPT + 3);
  assert.equal(state.finished.length, FINISHED_KEPT);
  assert.deepEqual(state.finished.slice(-3).map((item) => (item.kind === 'tool' ? `${item.id} ${item.status}` : item.kind)), ['t1 done', 't2 interrupted', 'notice']);
  assert.deepEqual(state.finished[0], { kind: 'notice', id: 'item-4', text: 'notice 4', tone: 'info' });
});

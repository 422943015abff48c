import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { Agent, type AgentOptions } from '../../src/agent/agent.js';
import type { AgentEvent, ResultEvent } from '../../src/agent/events.js';
import type { CanUseTool } from '../../src/agent/executeToolCall.js';
import { ModelError, type ContentBlock, type ToolResultBlock } from '../../src/model/types.js';
import { conversationFromTranscript } from '../../src/session/conversationFromTranscript.js';
import { readTranscript } from '../../src/session/transcriptReader.js';
import { TranscriptWriter } from '../../src/session/transcriptWriter.js';
import type { AnyTool } from '../../src/tools/types.js';
import { FakeModelClient, type FakeResponse } from './fakeModelClient.js';
import { testAgentOptions } from './agentToolContext.js';

const allowAll: CanUseTool = async () => ({ behavior: 'allow', reason: 'test' });

function probeTools() {
  const log: string[] = [];
  let running = 0;
  let maxRunning = 0;
  const slow = (name: string, readOnly: boolean): AnyTool => ({
    name,
    description: name,
    inputSchema: z.object({ id: z.string() }),
    isReadOnly: () => readOnly,
    async run(input: { id: string }) {
      running++;
      maxRunning = Math.max(maxRunning, running);
      log.push(`start ${name} ${input.id}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
      running--;
      log.push(`end ${name} ${input.id}`);
      return { content: `${name} ${input.id} done`, data: { id: input.id } };
    },
  });
  const thrower: AnyTool = {
    name: 'Explode',
    description: 'throws',
    inputSchema: z.object({}),
    isReadOnly: () => true,
    async run() {
      throw new Error('kaboom');
    },
  };
  return { tools: [slow('Look', true), slow('Change', false), thrower], log, maxRunning: () => maxRunning };
}

const use = (name: string, input: Record<string, unknown>, id = `toolu_${name}_${JSON.stringify(input).length}_${Math.random()}`): ContentBlock => ({
  type: 'tool_use',
  id,
  name,
  input,
});

function makeAgent(responses: FakeResponse[], overrides: Partial<AgentOptions> = {}) {
  const model = new FakeModelClient(responses);
  const dir = mkdtempSync(join(tmpdir(), 'wright-agent-'));
  const transcript = new TranscriptWriter(join(dir, 's.jsonl'), 'session-1', { cwd: dir, version: 'test' });
  const probes = probeTools();
  const agent = new Agent(testAgentOptions(model, dir, { tools: probes.tools, canUseTool: allowAll, transcript, ...overrides }));
  return { agent, model, transcript, probes };
}

async function collect(run: AsyncIterable<AgentEvent>): Promise<{ events: AgentEvent[]; result: ResultEvent }> {
  const events: AgentEvent[] = [];
  for await (const event of run) events.push(event);
  const result = events.at(-1);
  assert.equal(result?.type, 'result');
  return { events, result: result as ResultEvent };
}

test('a plain answer ends the turn with a success result and a transcript', async () => {
  const { agent, transcript } = makeAgent([{ content: [{ type: 'text', text: 'Hello there' }], usage: { input_tokens: 10, output_tokens: 5 } }]);
  const { events, result } = await collect(agent.run('hi', new AbortController().signal));
  assert.equal(events[0]?.type, 'system');
  assert.equal(result.subtype, 'success');
  assert.equal(result.is_error, false);
  assert.equal(result.result, 'Hello there');
  assert.equal(result.num_turns, 1);
  assert.deepEqual(result.usage, { input_tokens: 10, output_tokens: 5, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 });
  assert.ok(result.total_cost_usd > 0);
  const entries = readTranscript(transcript.path).entries;
  assert.deepEqual(entries.map((e) => e.type), ['user', 'assistant']);
  assert.equal(entries[1]!.parentUuid, entries[0]!.uuid);
});

test('read-only calls run together, mutating calls alone and in order, results in one message', async () => {
  const calls = [use('Look', { id: 'a' }, 'toolu_1'), use('Look', { id: 'b' }, 'toolu_2'), use('Change', { id: 'c' }, 'toolu_3'), use('Look', { id: 'd' }, 'toolu_4')];
  const { agent, model, probes, transcript } = makeAgent([{ content: calls }, { content: [{ type: 'text', text: 'done' }] }]);
  const { result } = await collect(agent.run('go', new AbortController().signal));
  assert.equal(result.subtype, 'success');
  assert.equal(probes.maxRunning(), 2);
  const changeStart = probes.log.indexOf('start Change c');
  assert.ok(probes.log.indexOf('end Look a') < changeStart && probes.log.indexOf('end Look b') < changeStart);
  assert.ok(probes.log.indexOf('end Change c') < probes.log.indexOf('start Look d'));
  const second = model.requests[1]!.messages;
  const results = second.at(-1)!.content as ToolResultBlock[];
  assert.deepEqual(results.map((r) => r.tool_use_id), ['toolu_1', 'toolu_2', 'toolu_3', 'toolu_4']);
  assert.equal(results[2]!.content, 'Change c done');
  // The transcript holds one line per result, and rebuilds the same conversation.
  assert.deepEqual(conversationFromTranscript(readTranscript(transcript.path).entries), agent.messages);
});

test('denied, unknown, invalid and throwing calls become error results and the loop goes on', async () => {
  const deny: CanUseTool = async (tool) =>
    tool.name === 'Change' ? { behavior: 'deny', reason: 'Not allowed here.' } : { behavior: 'allow', reason: 'ok' };
  const calls = [use('Change', { id: 'x' }, 'toolu_d'), use('Nope', {}, 'toolu_u'), use('Look', { id: 5 }, 'toolu_i'), use('Explode', {}, 'toolu_e')];
  const { agent, model, probes } = makeAgent([{ content: calls }, { content: [{ type: 'text', text: 'ok' }] }], { canUseTool: deny });
  const { result } = await collect(agent.run('go', new AbortController().signal));
  assert.equal(result.subtype, 'success');
  assert.deepEqual(result.permission_denials, [{ tool_name: 'Change', tool_use_id: 'toolu_d', tool_input: { id: 'x' } }]);
  assert.equal(probes.log.length, 0);
  const results = model.requests[1]!.messages.at(-1)!.content as ToolResultBlock[];
  assert.ok(results.every((r) => r.is_error === true));
  assert.match(String(results[0]!.content), /denied\. Not allowed here\./);
  assert.match(String(results[1]!.content), /No such tool available: Nope/);
  assert.match(String(results[2]!.content), /InputValidationError/);
  assert.match(String(results[3]!.content), /Explode failed: kaboom/);
  assert.doesNotMatch(String(results[3]!.content), /at .*\.ts:\d+/);
});

test('--max-turns stops before running the next tools and reports error_max_turns', async () => {
  const { agent, probes, model } = makeAgent([{ content: [use('Change', { id: 'z' })] }], { maxTurns: 1 });
  const { result } = await collect(agent.run('go', new AbortController().signal));
  assert.equal(result.subtype, 'error_max_turns');
  assert.equal(result.is_error, true);
  assert.equal(probes.log.length, 0);
  assert.equal(model.requests.length, 1);
  assert.equal(agent.messages.at(-1)!.role, 'user');
});

test('the budget stops the loop once the cost reaches it', async () => {
  const { agent, model } = makeAgent(
    [{ content: [use('Look', { id: 'a' })], usage: { input_tokens: 1_000_000 } }, { content: [{ type: 'text', text: 'never' }] }],
    { maxBudgetUsd: 1 },
  );
  const { result } = await collect(agent.run('go', new AbortController().signal));
  assert.equal(result.subtype, 'error_max_budget_usd');
  assert.equal(model.requests.length, 1);
});

test('an API failure ends the run with error_during_execution and the reason', async () => {
  const { agent } = makeAgent([{ error: new ModelError('overloaded', 'Anthropic API returned 529 overloaded_error (after 10 retries)', 529) }]);
  const { result } = await collect(agent.run('go', new AbortController().signal));
  assert.equal(result.subtype, 'error_during_execution');
  assert.deepEqual(result.errors, ['Anthropic API returned 529 overloaded_error (after 10 retries)']);
});

test('an interrupt mid-stream keeps the partial answer and reports interrupted', async () => {
  const { agent, transcript } = makeAgent([{ content: [{ type: 'text', text: 'Partial answer' }], holdUntilAborted: true }]);
  const controller = new AbortController();
  const events: AgentEvent[] = [];
  for await (const event of agent.run('go', controller.signal)) {
    events.push(event);
    if (event.type === 'stream_event' && event.event.type === 'content_block_stop') controller.abort();
  }
  const result = events.at(-1) as ResultEvent;
  assert.equal(result.interrupted, true);
  assert.equal(result.is_error, true);
  const entries = readTranscript(transcript.path).entries;
  const last = entries.filter((e) => e.type === 'assistant').at(-1);
  assert.deepEqual(last?.type === 'assistant' && last.message.content, [{ type: 'text', text: 'Partial answer' }]);
});

test('the memory reminder is sent ahead of the first user message but never stored', async () => {
  const { agent, model, transcript } = makeAgent([{ content: [{ type: 'text', text: 'ok' }] }], { contextReminder: '<system-reminder>memo</system-reminder>' });
  await collect(agent.run('question', new AbortController().signal));
  const sent = model.requests[0]!.messages[0]!.content as ContentBlock[];
  assert.deepEqual(sent.map((b) => (b.type === 'text' ? b.text : b.type)), ['<system-reminder>memo</system-reminder>', 'question']);
  assert.doesNotMatch(JSON.stringify(agent.messages), /memo/);
  assert.doesNotMatch(JSON.stringify(readTranscript(transcript.path).entries), /memo/);
});

test('a loop of identical calls is flagged on the third and refused from the fourth; other calls reset it', async () => {
  const same = () => use('Change', { id: 'same' });
  const { agent, model, probes } = makeAgent([
    { content: [same()] },
    { content: [same()] },
    { content: [same()] },
    { content: [same(), use('Look', { id: 'other' })] },
    { content: [same()] },
    { content: [{ type: 'text', text: 'giving up' }] },
  ]);
  const { result } = await collect(agent.run('go', new AbortController().signal));
  assert.equal(result.subtype, 'success');
  const resultsOf = (request: number) => model.requests[request]!.messages.at(-1)!.content as ToolResultBlock[];
  assert.equal(resultsOf(1)[0]!.content, 'Change same done');
  assert.equal(resultsOf(2)[0]!.content, 'Change same done');
  assert.match(String(resultsOf(3)[0]!.content), /^Change same done\n\n<system-reminder>This is the 3rd Change call in a row/);
  const refused = resultsOf(4)[0]!;
  assert.equal(refused.is_error, true);
  assert.match(String(refused.content), /Not run: this is call 4 in a row to Change .*Change approach/);
  // The different call in between ends the streak, so the next identical call runs again.
  assert.equal(resultsOf(5)[0]!.content, 'Change same done');
  assert.equal(probes.log.filter((line) => line === 'start Change same').length, 4);
});

test('tools marked repeatable (polling) are never flagged as a loop', async () => {
  const poll: AnyTool = {
    name: 'Poll',
    description: 'poll',
    inputSchema: z.object({}),
    isReadOnly: () => true,
    repeatable: true,
    run: async () => ({ content: 'still running' }),
  };
  const responses: FakeResponse[] = Array.from({ length: 5 }, () => ({ content: [use('Poll', {})] }));
  const { agent, model } = makeAgent([...responses, { content: [{ type: 'text', text: 'done' }] }], { tools: [poll] });
  await collect(agent.run('go', new AbortController().signal));
  for (const request of model.requests.slice(1)) {
    assert.equal((request.messages.at(-1)!.content as ToolResultBlock[])[0]!.content, 'still running');
  }
});

test('a tool_start event arrives while the tool is still running, not when it finishes', async () => {
  let release: () => void = () => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  const slow: AnyTool = {
    name: 'Slow',
    description: 'waits',
    inputSchema: z.object({}),
    isReadOnly: () => false,
    run: async () => {
      await released;
      return { content: 'finished' };
    },
  };
  const { agent } = makeAgent([{ content: [use('Slow', {}, 'toolu_slow')] }, { content: [{ type: 'text', text: 'done' }] }], { tools: [slow] });
  const events: AgentEvent[] = [];
  for await (const event of agent.run('go', new AbortController().signal)) {
    events.push(event);
    // Only the start event can release the tool: were it held back until the tool finished, this would hang.
    if (event.type === 'system' && (event as { subtype?: string }).subtype === 'tool_start') release();
  }
  const kinds = events.map((event) => (event.type === 'system' ? `system:${(event as { subtype?: string }).subtype}` : event.type));
  assert.ok(kinds.indexOf('system:tool_start') < kinds.lastIndexOf('user'));
  assert.equal(events.at(-1)?.type, 'result');
});

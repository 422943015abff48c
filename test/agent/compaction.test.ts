// Compaction in the query loop: /compact on request, on its own near the context window, and as the
// recovery from a "prompt is too long" refusal. The model is the in-process fake; what it was sent
// is checked request by request.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { Agent, AUTO_COMPACT_FAILURE_LIMIT, type AgentOptions } from '../../src/agent/agent.js';
import type { AgentEvent, ResultEvent } from '../../src/agent/events.js';
import { OMITTED_NOTE } from '../../src/agent/conversationTrim.js';
import { CONTINUATION_PREAMBLE, CONTINUE_WITHOUT_ASKING, SUMMARY_SECTIONS } from '../../src/context/compaction/compactionPrompt.js';
import { ModelError, type ContentBlock, type Message, type ModelRequest } from '../../src/model/types.js';
import { conversationFromTranscript } from '../../src/session/conversationFromTranscript.js';
import { readTranscript } from '../../src/session/transcriptReader.js';
import { TranscriptWriter } from '../../src/session/transcriptWriter.js';
import { takeSnapshot } from '../../src/tools/fileReadLedger.js';
import type { AnyTool } from '../../src/tools/types.js';
import { agentToolContext, testAgentOptions } from './agentToolContext.js';
import { FakeModelClient, type FakeResponse } from './fakeModelClient.js';

/** A tool whose result is as long as asked: what fills a context window in real sessions. */
const bigOutput: AnyTool = {
  name: 'Dump',
  description: 'prints n characters',
  inputSchema: z.object({ n: z.number() }),
  isReadOnly: () => true,
  async run(input: { n: number }) {
    return { content: 'x'.repeat(input.n) };
  },
};

// No input count reported: the agent's estimate stays uncalibrated, so thresholds act on characters.
const say = (text: string): FakeResponse => ({ content: [{ type: 'text', text }], usage: { input_tokens: 0, output_tokens: 5 } });
const summaryReply = (text: string): FakeResponse => say(`<analysis>thinking it over</analysis>\n<summary>${text}</summary>`);
const dump = (n: number, id: string): FakeResponse => ({ content: [{ type: 'tool_use', id, name: 'Dump', input: { n } }] });
const tooLong = (): FakeResponse => ({ error: new ModelError('invalid_request', 'Anthropic API error 400: prompt is too long: 250000 tokens > 200000 maximum', 400) });

function makeAgent(responses: FakeResponse[], overrides: Partial<AgentOptions> = {}) {
  const model = new FakeModelClient(responses);
  const dir = mkdtempSync(join(tmpdir(), 'wright-compact-'));
  const transcript = new TranscriptWriter(join(dir, 's.jsonl'), 'session-1', { cwd: dir, version: 'test' });
  const toolContext = agentToolContext(dir);
  const agent = new Agent(testAgentOptions(model, dir, { tools: [bigOutput], toolContext, transcript, ...overrides }));
  return { agent, model, transcript, toolContext, dir };
}

async function collect(run: AsyncIterable<AgentEvent>): Promise<{ events: AgentEvent[]; result: ResultEvent }> {
  const events: AgentEvent[] = [];
  for await (const event of run) events.push(event);
  assert.equal(events.at(-1)?.type, 'result');
  return { events, result: events.at(-1) as ResultEvent };
}

const textOf = (message: Message | undefined): string =>
  message === undefined ? '' : typeof message.content === 'string' ? message.content : message.content.map((block) => (block.type === 'text' ? block.text : '')).join('\n');
const lastUserText = (request: ModelRequest) => textOf(request.messages.at(-1));
const systemSubtypes = (events: AgentEvent[]) => events.flatMap((event) => (event.type === 'system' && !['init', 'tool_start'].includes(event.subtype) ? [event.subtype] : []));

test('/compact replaces the conversation with the summary, keeps the transcript resumable and counts the cost', async () => {
  const { agent, model, transcript } = makeAgent([say('First answer.'), say('Second answer.'), summaryReply('## Primary Request and Intent\nFix the login bug.'), say('Carrying on.')]);
  await collect(agent.run('fix the login bug', new AbortController().signal));
  await collect(agent.run('and add a test', new AbortController().signal));
  const { events, result } = await collect(agent.compact('focus on the failing test', new AbortController().signal));

  const summaryRequest = model.requests[2]!;
  assert.equal(summaryRequest.system, 'system', 'the same system prompt, so the cached prefix is reused');
  assert.deepEqual(summaryRequest.tools.map((tool) => tool.name), ['Dump']);
  assert.equal(summaryRequest.messages.length, 5, 'the whole conversation, then the instruction');
  const instruction = lastUserText(summaryRequest);
  for (const section of SUMMARY_SECTIONS) assert.ok(instruction.includes(section), `the instruction asks for "${section}"`);
  assert.match(instruction, /focus on: focus on the failing test/);

  assert.equal(agent.messages.length, 1);
  const continued = textOf(agent.messages[0]);
  assert.ok(continued.startsWith(CONTINUATION_PREAMBLE));
  assert.match(continued, /Fix the login bug\./);
  assert.doesNotMatch(continued, /thinking it over/, 'the analysis is left out');

  assert.deepEqual(systemSubtypes(events), ['status', 'status', 'compact_boundary']);
  const boundary = events.find((event) => event.type === 'system' && event.subtype === 'compact_boundary');
  assert.ok(boundary?.type === 'system' && boundary.subtype === 'compact_boundary');
  assert.equal(boundary.compact_metadata.trigger, 'manual');
  assert.ok(boundary.compact_metadata.post_tokens < boundary.compact_metadata.pre_tokens + 50);
  assert.equal(result.subtype, 'success');
  assert.ok(result.total_cost_usd > 0, 'the summary request is paid for');

  const entries = readTranscript(transcript.path).entries;
  assert.ok(entries.some((entry) => entry.type === 'system' && entry.subtype === 'compact_boundary' && entry.compactMetadata?.trigger === 'manual'));
  assert.deepEqual(conversationFromTranscript(entries), agent.messages, 'a resumed session starts from the summary');

  await collect(agent.run('go on', new AbortController().signal));
  const next = model.requests[3]!;
  assert.equal(next.messages.length, 1, 'the next prompt joins the summary message');
  assert.match(textOf(next.messages[0]), /Fix the login bug\.[\s\S]*go on/);
});

test('compaction carries over the approved plan, the todo list and the files read last, as they are now', async () => {
  const plan = { type: 'tool_use', id: 'toolu_plan', name: 'ExitPlanMode', input: { plan: '1. Add the guard\n2. Test it' } } as ContentBlock;
  const { agent, toolContext, dir } = makeAgent([{ content: [plan] }, say('Planned.'), summaryReply('summary')], {
    tools: [
      bigOutput,
      { name: 'ExitPlanMode', description: 'plan', inputSchema: z.object({ plan: z.string() }), isReadOnly: () => true, run: async () => ({ content: 'approved' }) },
    ],
  });
  const file = join(dir, 'guard.ts');
  writeFileSync(file, 'export const before = 1;\n');
  toolContext.readLedger.record(file, takeSnapshot({ mtimeMs: 1, size: 1 }, new Uint8Array()));
  writeFileSync(file, 'export const guard = true;\n');
  toolContext.session.todos = [
    { content: 'Add the guard', status: 'completed', activeForm: 'Adding the guard' },
    { content: 'Test it', status: 'in_progress', activeForm: 'Testing it' },
  ];
  await collect(agent.run('plan then do it', new AbortController().signal));
  await collect(agent.compact('', new AbortController().signal));
  const carried = textOf(agent.messages[0]);
  assert.match(carried, /The plan the user approved[\s\S]*1\. Add the guard\n2\. Test it/);
  assert.match(carried, /\[x\] Add the guard\n\[~\] Test it/);
  assert.match(carried, /guard\.ts as it is now[\s\S]*1\texport const guard = true;/);
  assert.equal(toolContext.readLedger.freshness(file, { mtimeMs: -1, size: 27 }, Buffer.from('export const guard = true;\n')), 'unchanged', 'an Edit right after compaction is not refused as stale');
});

test('near the threshold the conversation is compacted before the request, and the new prompt is kept word for word', async () => {
  const { agent, model } = makeAgent([say('y'.repeat(4000)), summaryReply('Wrote 4000 characters.'), say('Answer after compaction.')], {
    autoCompactThresholdTokens: 800,
  });
  await collect(agent.run('write something long', new AbortController().signal));
  assert.equal(model.requests.length, 1, 'under the threshold nothing is compacted');
  const { events, result } = await collect(agent.run('what did you write?', new AbortController().signal));
  assert.equal(result.result, 'Answer after compaction.');
  assert.deepEqual(systemSubtypes(events), ['status', 'status', 'compact_boundary']);
  assert.doesNotMatch(lastUserText(model.requests[1]!), /what did you write\?/, 'the new prompt is not summarised');
  const after = model.requests[2]!;
  assert.equal(after.messages.length, 1);
  const text = textOf(after.messages[0]);
  assert.match(text, /Wrote 4000 characters\.[\s\S]*what did you write\?$/);
  assert.doesNotMatch(text, new RegExp(CONTINUE_WITHOUT_ASKING));
  assert.ok(result.total_cost_usd > 0 && Object.keys(result.modelUsage).length === 1);
});

test('in the middle of a task, auto-compaction tells the model to carry on', async () => {
  const { agent, model } = makeAgent([dump(4000, 'toolu_1'), summaryReply('Was dumping.'), say('Done.')], { autoCompactThresholdTokens: 800 });
  const { result } = await collect(agent.run('dump a lot', new AbortController().signal));
  assert.equal(result.result, 'Done.');
  assert.match(lastUserText(model.requests[1]!), /Primary Request and Intent/);
  assert.match(textOf(model.requests[2]!.messages[0]), new RegExp(`Was dumping\\.[\\s\\S]*${CONTINUE_WITHOUT_ASKING}`));
});

test('"prompt is too long" is answered by compacting and sending the turn again, once', async () => {
  const { agent, model } = makeAgent([say('Earlier answer.'), tooLong(), summaryReply('Earlier work.'), say('Recovered.')]);
  await collect(agent.run('earlier prompt', new AbortController().signal));
  const { result, events } = await collect(agent.run('the prompt that overflows', new AbortController().signal));
  assert.equal(result.subtype, 'success');
  assert.equal(result.result, 'Recovered.');
  assert.ok(systemSubtypes(events).includes('compact_boundary'));
  assert.match(textOf(model.requests[3]!.messages[0]), /Earlier work\.[\s\S]*the prompt that overflows$/, "the user's message is not lost");
});

test('when even the summary does not fit, the oldest turns are dropped and the turn is sent again', async () => {
  // The turn, then the summary request at three ever shorter lengths, all refused.
  const { agent, model } = makeAgent([say('one'), say('two'), say('three'), tooLong(), tooLong(), tooLong(), tooLong(), say('Recovered anyway.')]);
  for (const prompt of ['first', 'second', 'third']) await collect(agent.run(prompt, new AbortController().signal));
  const { result, events } = await collect(agent.run('fourth', new AbortController().signal));
  assert.equal(result.result, 'Recovered anyway.');
  assert.ok(systemSubtypes(events).includes('compact_failed'));
  const retried = model.requests.at(-1)!;
  assert.equal(textOf(retried.messages[0]), OMITTED_NOTE);
  assert.equal(retried.messages[1]!.role, 'assistant');
  assert.match(lastUserText(retried), /fourth$/);
  assert.ok(retried.messages.length < 8);
});

test('after repeated failures auto-compaction stops and says so', async () => {
  const failing: FakeResponse = { error: new ModelError('server', 'Anthropic API error 500: internal error', 500) };
  const responses: FakeResponse[] = [say('y'.repeat(4000))];
  for (let turn = 0; turn < AUTO_COMPACT_FAILURE_LIMIT; turn++) responses.push(failing, say(`answer ${turn}`));
  responses.push(say('no more attempts'));
  const { agent, model } = makeAgent(responses, { autoCompactThresholdTokens: 800 });
  await collect(agent.run('write a lot', new AbortController().signal));
  const failures: AgentEvent[] = [];
  for (let turn = 0; turn < AUTO_COMPACT_FAILURE_LIMIT; turn++) {
    const { events, result } = await collect(agent.run(`prompt ${turn}`, new AbortController().signal));
    assert.equal(result.result, `answer ${turn}`, 'a failed compaction does not fail the turn');
    failures.push(...events.filter((event) => event.type === 'system' && event.subtype === 'compact_failed'));
  }
  assert.equal(failures.length, AUTO_COMPACT_FAILURE_LIMIT);
  const last = failures.at(-1)!;
  assert.ok(last.type === 'system' && last.subtype === 'compact_failed' && last.auto_compact_disabled && /internal error/.test(last.error));
  const before = model.requests.length;
  const { events } = await collect(agent.run('again', new AbortController().signal));
  assert.equal(model.requests.length, before + 1, 'no further summary request');
  assert.deepEqual(systemSubtypes(events), []);
});

test("the memory files' Compact Instructions reach the summary request", async () => {
  const memory = '<system-reminder>\n# Project\nUse pnpm.\n\n## Compact Instructions\nKeep every test name.\n\n## Style\nTabs.\n</system-reminder>';
  const { agent, model } = makeAgent([say('ok'), summaryReply('s')], { contextReminder: memory });
  await collect(agent.run('hello', new AbortController().signal));
  await collect(agent.compact('', new AbortController().signal));
  const instruction = lastUserText(model.requests[1]!);
  assert.match(instruction, /Keep every test name\./);
  assert.doesNotMatch(instruction.split('Instructions from the project')[1] ?? '', /Tabs\./);
  assert.match(textOf(model.requests[1]!.messages[0]), /Use pnpm\./, 'the memory context is still sent first');
});

test('/compact with nothing to compact says so without a request', async () => {
  const { agent, model } = makeAgent([]);
  const { result } = await collect(agent.compact('', new AbortController().signal));
  assert.equal(result.is_error, true);
  assert.match(result.errors?.[0] ?? '', /no conversation to compact/);
  assert.equal(model.requests.length, 0);
});

test('near the threshold, old large tool results become stubs first, and no summary is needed when that suffices', async () => {
  const small = Array.from({ length: 6 }, (_, i) => dump(10, `toolu_small_${i}`));
  const { agent, model } = makeAgent([dump(4000, 'toolu_old'), ...small, dump(2400, 'toolu_recent'), say('All dumped.')], { autoCompactThresholdTokens: 1500 });
  const { events, result } = await collect(agent.run('dump in steps', new AbortController().signal));
  assert.equal(result.result, 'All dumped.');
  assert.deepEqual(systemSubtypes(events), [], 'no summary was asked for');
  const last = JSON.stringify(model.requests.at(-1)!.messages);
  assert.match(last, /\[Old tool result cleared to save context: Dump \(about 1,00\d tokens\)/);
  assert.match(last, /x{2400}/, 'the recent result is whole');
  assert.doesNotMatch(last, /x{4000}/);
  assert.ok(!JSON.stringify(model.requests[2]!.messages).includes('cleared to save context'), 'nothing is cleared while there is room');
});

test('after a compaction the memory context is read again, so notes changed during the session apply', async () => {
  let memory = '<system-reminder>old note</system-reminder>';
  const { agent, model } = makeAgent([say('ok'), summaryReply('s'), say('after')], { contextReminder: memory, reloadMemory: async () => memory });
  await collect(agent.run('hello', new AbortController().signal));
  memory = '<system-reminder>new note</system-reminder>';
  await collect(agent.compact('', new AbortController().signal));
  await collect(agent.run('next', new AbortController().signal));
  const sent = JSON.stringify(model.requests.at(-1)!.messages);
  assert.match(sent, /new note/);
  assert.doesNotMatch(sent, /old note/);
});

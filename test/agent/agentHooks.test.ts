// The agent loop's hook calls, with hooks scripted in process: where each event fires, and what
// the loop does with the answer.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { Agent, type AgentOptions } from '../../src/agent/agent.js';
import type { AgentEvent, ResultEvent } from '../../src/agent/events.js';
import { MAX_STOP_CONTINUATIONS, type AgentHooks } from '../../src/extensions/hooks/agentHooks.js';
import type { ContentBlock, Message } from '../../src/model/types.js';
import { conversationFromTranscript } from '../../src/session/conversationFromTranscript.js';
import { readTranscript } from '../../src/session/transcriptReader.js';
import { TranscriptWriter } from '../../src/session/transcriptWriter.js';
import type { AnyTool } from '../../src/tools/types.js';
import { testAgentOptions } from './agentToolContext.js';
import { FakeModelClient, type FakeResponse } from './fakeModelClient.js';

const NONE = { messages: [] };

/** Hooks that do nothing but record calls, unless a test replaces a method. */
function scriptedHooks(overrides: Partial<AgentHooks> = {}): AgentHooks & { calls: string[] } {
  const calls: string[] = [];
  const record = <T>(name: string, value: T) => {
    calls.push(name);
    return Promise.resolve(value);
  };
  const base: AgentHooks = {
    preToolUse: () => record('PreToolUse', { ...NONE, context: null }),
    postToolUse: () => record('PostToolUse', { ...NONE, context: null }),
    permissionRequest: () => record('PermissionRequest', NONE),
    notification: () => record('Notification', []),
    userPromptSubmit: () => record('UserPromptSubmit', { ...NONE, context: null }),
    stop: () => record('Stop', NONE),
    preCompact: () => record('PreCompact', NONE),
    sessionStart: () => record('SessionStart', { ...NONE, context: null }),
    sessionEnd: () => record('SessionEnd', []),
  };
  const wrapped = Object.fromEntries(
    Object.entries(overrides).map(([name, fn]) => [name, (...args: unknown[]) => (calls.push(name.charAt(0).toUpperCase() + name.slice(1)), (fn as (...a: unknown[]) => unknown)(...args))]),
  );
  return Object.assign({ calls }, base, wrapped) as AgentHooks & { calls: string[] };
}

const echoTool: AnyTool = {
  name: 'Echo',
  description: 'echo',
  inputSchema: z.object({ text: z.string() }),
  isReadOnly: () => false,
  async run(input: { text: string }) {
    return { content: `echo: ${input.text}`, data: { echoed: input.text } };
  },
};

const text = (value: string): FakeResponse => ({ content: [{ type: 'text', text: value }] });
const echoUse = (value: string, id = `toolu_${value}`): ContentBlock => ({ type: 'tool_use', id, name: 'Echo', input: { text: value } });
const echo = (value: string): FakeResponse => ({ content: [echoUse(value)] });

function makeAgent(responses: FakeResponse[], hooks: AgentHooks, overrides: Partial<AgentOptions> = {}) {
  const model = new FakeModelClient(responses);
  const dir = mkdtempSync(join(tmpdir(), 'wright-agent-hooks-'));
  const transcript = new TranscriptWriter(join(dir, 's.jsonl'), 'session-1', { cwd: dir, version: 'test' });
  const agent = new Agent(testAgentOptions(model, dir, { tools: [echoTool], transcript, hooks, ...overrides }));
  return { agent, model, transcript };
}

async function collect(run: AsyncIterable<AgentEvent>): Promise<{ events: AgentEvent[]; result: ResultEvent }> {
  const events: AgentEvent[] = [];
  for await (const event of run) events.push(event);
  return { events, result: events.at(-1) as ResultEvent };
}

const textsOf = (message: Message | undefined): string[] =>
  typeof message?.content === 'string' ? [message.content] : (message?.content ?? []).flatMap((block: ContentBlock) => (block.type === 'text' ? [block.text] : []));

const signal = () => new AbortController().signal;

describe('agent hook calls', () => {
  it('fires SessionStart once, then UserPromptSubmit, tool hooks and Stop in order', async () => {
    const hooks = scriptedHooks();
    const { agent } = makeAgent([echo('a'), text('done'), text('again')], hooks);
    await collect(agent.run('go', signal()));
    await collect(agent.run('more', signal()));
    assert.deepEqual(hooks.calls, ['SessionStart', 'UserPromptSubmit', 'PreToolUse', 'PostToolUse', 'Stop', 'UserPromptSubmit', 'Stop']);
  });

  it('SessionStart and UserPromptSubmit context go with the prompt, recorded for a resume', async () => {
    const hooks = scriptedHooks({
      sessionStart: async () => ({ messages: [{ event: 'SessionStart', level: 'warning', text: 'Welcome' }], context: '<system-reminder>start ctx</system-reminder>' }),
      userPromptSubmit: async () => ({ messages: [], context: '<system-reminder>prompt ctx</system-reminder>' }),
    });
    const { agent, model, transcript } = makeAgent([text('ok')], hooks);
    const { events } = await collect(agent.run('hello', signal()));
    assert.deepEqual(textsOf(model.requests[0]!.messages[0]), ['hello', '<system-reminder>start ctx</system-reminder>', '<system-reminder>prompt ctx</system-reminder>']);
    const shown = events.filter((event) => event.type === 'system' && event.subtype === 'hook_message');
    assert.deepEqual(shown.map((event) => (event as { message: string }).message), ['Welcome']);
    const resumed = conversationFromTranscript(readTranscript(transcript.path).entries);
    assert.deepEqual(textsOf(resumed[0]), textsOf(model.requests[0]!.messages[0]));
  });

  it('a blocked prompt is erased: no request, nothing recorded, an error result', async () => {
    const hooks = scriptedHooks({ userPromptSubmit: async () => ({ messages: [], context: null, blocked: 'contains a secret' }) });
    const { agent, model } = makeAgent([text('never')], hooks);
    const { result } = await collect(agent.run('password=hunter2', signal()));
    assert.equal(result.is_error, true);
    assert.match(result.errors!.join(), /contains a secret/);
    assert.equal(model.requests.length, 0);
    assert.equal(agent.messages.length, 0);
  });

  it('a Stop hook continues the agent with its reason, at most MAX_STOP_CONTINUATIONS times in a row', async () => {
    const active: boolean[] = [];
    const hooks = scriptedHooks({
      stop: async (facts) => {
        active.push(facts.active);
        return { messages: [], continueWith: 'keep going' };
      },
    });
    const responses = Array.from({ length: MAX_STOP_CONTINUATIONS + 1 }, (_, i) => text(`answer ${i}`));
    const { agent, model } = makeAgent(responses, hooks);
    const { result, events } = await collect(agent.run('work', signal()));
    assert.equal(model.requests.length, MAX_STOP_CONTINUATIONS + 1);
    assert.deepEqual(active, [false, ...Array(MAX_STOP_CONTINUATIONS).fill(true)]);
    assert.deepEqual(textsOf(model.requests[1]!.messages.at(-1)), ['Stop hook feedback:\nkeep going']);
    assert.equal(result.result, `answer ${MAX_STOP_CONTINUATIONS}`);
    assert.ok(events.some((event) => event.type === 'system' && event.subtype === 'hook_message' && /stopping anyway/.test(event.message)));
  });

  it('PreToolUse deny blocks the call with the reason; updatedInput changes what runs', async () => {
    const hooks = scriptedHooks({
      preToolUse: async (call) =>
        call.input.text === 'bad'
          ? { messages: [], context: null, deny: 'not that one' }
          : { messages: [], context: null, updatedInput: { text: `${String(call.input.text)}!` } },
    });
    const { agent, model } = makeAgent([{ content: [echoUse('bad'), echoUse('good')] }, text('done')], hooks);
    const { result } = await collect(agent.run('go', signal()));
    const results = (model.requests[1]!.messages.at(-1)!.content as ContentBlock[]).filter((block) => block.type === 'tool_result');
    assert.match(JSON.stringify(results[0]), /PreToolUse hook blocked this Echo call: not that one/);
    assert.match(JSON.stringify(results[1]), /echo: good!/);
    assert.equal(result.permission_denials.length, 1);
  });

  it('an updatedInput the tool would reject does not run', async () => {
    const hooks = scriptedHooks({ preToolUse: async () => ({ messages: [], context: null, updatedInput: { text: 42 } }) });
    const { agent, model } = makeAgent([echo('x'), text('done')], hooks);
    await collect(agent.run('go', signal()));
    assert.match(JSON.stringify(model.requests[1]!.messages.at(-1)), /changed the input of this Echo call into invalid input/);
  });

  it('PostToolUse hears the tool response; its context sits next to the result', async () => {
    let response: unknown;
    const hooks = scriptedHooks({
      postToolUse: async (call) => {
        response = call.response;
        return { messages: [], context: '<system-reminder>formatted</system-reminder>' };
      },
    });
    const { agent, model } = makeAgent([echo('x'), text('done')], hooks);
    await collect(agent.run('go', signal()));
    assert.deepEqual(response, { echoed: 'x' });
    const last = model.requests[1]!.messages.at(-1)!;
    assert.equal((last.content as ContentBlock[])[0]!.type, 'tool_result');
    assert.deepEqual(textsOf(last), ['<system-reminder>formatted</system-reminder>']);
  });

  it('continue:false from a tool hook ends the run after the batch and tells the user', async () => {
    const hooks = scriptedHooks({ postToolUse: async () => ({ messages: [], context: null, stop: 'Build is broken' }) });
    const { agent, model } = makeAgent([echo('x'), text('never')], hooks);
    const { result, events } = await collect(agent.run('go', signal()));
    assert.equal(model.requests.length, 1);
    assert.equal(result.subtype, 'success');
    assert.ok(events.some((event) => event.type === 'system' && event.subtype === 'hook_message' && /Build is broken/.test(event.message)));
    assert.equal(hooks.calls.includes('Stop'), false);
  });

  it('PreCompact hears the trigger and instructions; a block stops the compaction', async () => {
    const seen: unknown[] = [];
    const hooks = scriptedHooks({
      preCompact: async (facts) => {
        seen.push([facts.trigger, facts.instructions]);
        return { messages: [], blocked: 'not now' };
      },
    });
    const { agent, model } = makeAgent([text('hi')], hooks);
    await collect(agent.run('hello', signal()));
    const { result } = await collect(agent.compact('keep names', signal()));
    assert.deepEqual(seen, [['manual', 'keep names']]);
    assert.equal(result.is_error, true);
    assert.match(result.errors!.join(), /PreCompact hook blocked the compaction: not now/);
    assert.equal(model.requests.length, 1, 'no summary was asked for');
  });

  it('after a compaction SessionStart runs with `compact` and its context joins the summary', async () => {
    const sources: string[] = [];
    const hooks = scriptedHooks({
      sessionStart: async (source) => {
        sources.push(source);
        return { messages: [], context: source === 'compact' ? '<system-reminder>re-read the rules</system-reminder>' : null };
      },
    });
    const { agent } = makeAgent([text('hi'), text('<summary>we said hi</summary>')], hooks, { sessionStartSource: 'resume' });
    await collect(agent.run('hello', signal()));
    await collect(agent.compact(undefined, signal()));
    assert.deepEqual(sources, ['resume', 'compact']);
    assert.equal(agent.messages.length, 1);
    assert.ok(textsOf(agent.messages[0]).includes('<system-reminder>re-read the rules</system-reminder>'));
  });

  it('endSession runs SessionEnd with the reason', async () => {
    const reasons: string[] = [];
    const hooks = scriptedHooks({ sessionEnd: async (reason) => (reasons.push(reason), []) });
    const { agent } = makeAgent([], hooks);
    await agent.endSession('prompt_input_exit');
    assert.deepEqual(reasons, ['prompt_input_exit']);
  });
});

describe('PermissionRequest interrupt', () => {
  // A gate like the hook gate: the call needs approval, and PermissionRequest hooks answer first.
  const askingGate: AgentOptions['canUseTool'] = async (_tool, _input, context) =>
    (await context.permissionRequest?.()) ?? { behavior: 'deny', reason: 'nobody to ask' };

  it('a deny with interrupt ends the run after the batch and tells the user why', async () => {
    const hooks = scriptedHooks({ permissionRequest: async () => ({ messages: [], answer: { behavior: 'deny', message: 'Production is frozen', interrupt: true } }) });
    const { agent, model } = makeAgent([echo('x'), text('never')], hooks, { canUseTool: askingGate });
    const { result, events } = await collect(agent.run('go', signal()));
    assert.equal(model.requests.length, 1);
    assert.equal(result.permission_denials.length, 1);
    assert.ok(events.some((event) => event.type === 'system' && event.subtype === 'hook_message' && /PermissionRequest hook stopped the run: Production is frozen/.test(event.message)));
  });

  it('a deny without interrupt lets the model go on', async () => {
    const hooks = scriptedHooks({ permissionRequest: async () => ({ messages: [], answer: { behavior: 'deny', message: 'not this one' } }) });
    const { agent, model } = makeAgent([echo('x'), text('fine')], hooks, { canUseTool: askingGate });
    const { result } = await collect(agent.run('go', signal()));
    assert.equal(model.requests.length, 2);
    assert.equal(result.result, 'fine');
  });
});

describe('PostToolUse output replacement', () => {
  it('the model reads the replacement instead of the tool output', async () => {
    const hooks = scriptedHooks({ postToolUse: async () => ({ messages: [], context: null, updatedOutput: 'replaced by a hook' }) });
    const { agent, model } = makeAgent([echo('secret'), text('done')], hooks);
    await collect(agent.run('go', signal()));
    const result = (model.requests[1]!.messages.at(-1)!.content as ContentBlock[]).find((block) => block.type === 'tool_result');
    assert.match(JSON.stringify(result), /replaced by a hook/);
    assert.doesNotMatch(JSON.stringify(result), /echo: secret/);
  });
});

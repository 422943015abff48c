import { afterEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createElement as h } from 'react';
import { cleanup, render } from 'ink-testing-library';
import { policyModeControl } from '../../../src/permissions/modeControl.js';
import { App, type AppProps } from '../../../src/ui/app/App.js';
import type { CommandHost } from '../../../src/ui/app/commandHost.js';
import { InteractionBroker } from '../../../src/ui/app/interactionBroker.js';
import { SessionController } from '../../../src/ui/app/sessionController.js';
import type { SlashCommandContext } from '../../../src/ui/commands/slashCommands.js';
import { createPromptHistory } from '../../../src/ui/input/promptHistory.js';
import { assistantEvent, KEY, resultEvent, ScriptedAgent, settle, toolResultEvent, until } from './inkHarness.js';

afterEach(cleanup);

function testHost(controller: SessionController, cwd: string, directories: string[]): CommandHost {
  const context = (): SlashCommandContext => ({
    cwd,
    version: 'test',
    sessionId: '12345678-aaaa-bbbb-cccc-000000000000',
    model: 'test-model',
    permissionMode: 'default',
    transcriptDir: join(cwd, 'transcripts'),
    workingDirectories: directories,
    messages: () => [{ role: 'user', content: 'earlier question' }],
    usage: () => controller.usage(),
    todos: () => [],
    context: () => ({ systemPrompt: 'system', tools: [], memory: null, messages: [], contextWindow: 200_000 }),
    rules: () => ({ allow: [], ask: [], deny: [] }),
  });
  return {
    context,
    addDirectory: (path) => `added ${path}`,
    doctor: async () => 'all good',
    runShell: async (command) => ({ output: command === 'git branch' ? '* main\n  feature' : 'boom', failed: command !== 'git branch' }),
  };
}

function mount(agent: ScriptedAgent, overrides: Partial<AppProps> = {}) {
  const cwd = overrides.cwd ?? mkdtempSync(join(tmpdir(), 'wright-app-cmd-'));
  const controller = new SessionController({ agent });
  const exits = { count: 0 };
  const props: AppProps = {
    controller,
    broker: new InteractionBroker(),
    modeControl: policyModeControl({ mode: 'default' }),
    bypassAvailable: false,
    model: 'test-model',
    cwd,
    commands: testHost(controller, cwd, [cwd]),
    onExit: () => exits.count++,
    ...overrides,
  };
  const app = render(h(App, props));
  const press = async (...keys: string[]) => {
    for (const key of keys) {
      app.stdin.write(key);
      await settle();
    }
  };
  return { app, controller, exits, press, cwd, frame: () => app.lastFrame() ?? '' };
}

test('typing and Enter sends the prompt to the model', async () => {
  const agent = new ScriptedAgent();
  agent.push([assistantEvent([{ type: 'text', text: 'Hi there' }]), resultEvent()]);
  const { press, frame, controller } = mount(agent);
  await press('hello', KEY.enter);
  await until(() => agent.prompts.length === 1);
  await controller.whenIdle();
  assert.deepEqual(agent.prompts, ['hello']);
  await until(() => assert.match(frame(), /Hi there/));
});

test('/help prints the commands as a notice and sends nothing to the model', async () => {
  const agent = new ScriptedAgent();
  const { press, frame } = mount(agent);
  await press('/help', KEY.escape, KEY.enter);
  await until(() => assert.match(frame(), /Commands:[\s\S]*\/cost[\s\S]*\/add-dir <path>/));
  assert.deepEqual(agent.prompts, []);
});

test('/cost sums the cost of the turns so far', async () => {
  const agent = new ScriptedAgent();
  agent.push([resultEvent({ total_cost_usd: 0.25 })], [resultEvent({ total_cost_usd: 0.5 })]);
  const { press, frame, controller } = mount(agent);
  await press('one', KEY.enter);
  await until(() => agent.prompts.length === 1);
  await controller.whenIdle();
  await press('two', KEY.enter);
  await until(() => agent.prompts.length === 2);
  await controller.whenIdle();
  await press('/cost', KEY.escape, KEY.enter);
  await until(() => assert.match(frame(), /Total cost: \$0\.7500/));
  assert.equal(agent.prompts.length, 2);
});

test('/export writes the conversation as Markdown relative to cwd and says where', async () => {
  const agent = new ScriptedAgent();
  const { press, frame, cwd } = mount(agent);
  await press('/export notes/out.md', KEY.enter);
  const file = join(cwd, 'notes', 'out.md');
  await until(() => assert.match(frame(), /Exported the conversation to/));
  assert.match(readFileSync(file, 'utf8'), /earlier question/);
});

test('/model, /clear and /resume hand the session switch to the CLI; /exit leaves; nothing reaches the model', async () => {
  const agent = new ScriptedAgent();
  const restarts: unknown[] = [];
  const { press, exits } = mount(agent, { onRestart: (request) => restarts.push(request) });
  await press('/model opus', KEY.enter);
  await until(() => restarts.length === 1);
  await press('/clear', KEY.enter);
  await until(() => restarts.length === 2);
  assert.deepEqual(restarts, [{ kind: 'model', model: 'opus' }, { kind: 'clear' }]);
  await press('/exit', KEY.enter);
  await until(() => exits.count === 1);
  assert.deepEqual(agent.prompts, []);
});

test('without a CLI to switch sessions, /clear says it is not available here', async () => {
  const { press, frame } = mount(new ScriptedAgent());
  await press('/clear', KEY.enter);
  await until(() => assert.match(frame(), /not available here/));
});

test('an @file mention reaches the model with the file content; the conversation shows what was typed', async () => {
  const agent = new ScriptedAgent();
  agent.push([resultEvent()]);
  const cwd = mkdtempSync(join(tmpdir(), 'wright-app-mention-'));
  writeFileSync(join(cwd, 'notes.txt'), 'the secret plan\n');
  const { press, frame, controller } = mount(agent, { cwd });
  await press('summarise @notes.txt ', KEY.enter);
  await until(() => agent.prompts.length === 1);
  await controller.whenIdle();
  assert.match(agent.prompts[0]!, /summarise @notes\.txt/);
  assert.match(agent.prompts[0]!, /<file path="notes\.txt">[\s\S]*the secret plan/);
  assert.doesNotMatch(frame(), /the secret plan/);
});

test('prompt history persists across two app instances (Up recalls the earlier session\'s prompt)', async () => {
  const file = join(mkdtempSync(join(tmpdir(), 'wright-app-history-')), 'prompt-history.jsonl');
  const first = new ScriptedAgent();
  first.push([resultEvent()]);
  const one = mount(first, { history: createPromptHistory({ file }) });
  await one.press('remember this prompt', KEY.enter);
  await until(() => first.prompts.length === 1);
  await one.controller.whenIdle();
  one.app.unmount();
  assert.ok(existsSync(file));

  const second = new ScriptedAgent();
  second.push([resultEvent()]);
  const two = mount(second, { history: createPromptHistory({ file }) });
  await two.press(KEY.up);
  await until(() => assert.match(two.frame(), /> remember this prompt/));
  await two.press(KEY.enter);
  await until(() => second.prompts.length === 1);
  assert.deepEqual(second.prompts, ['remember this prompt']);
});

test('Ctrl+T shows and hides the todo list TodoWrite last set', async () => {
  const agent = new ScriptedAgent();
  const todos = [
    { content: 'Read the code', status: 'completed', activeForm: 'Reading the code' },
    { content: 'Fix the bug', status: 'in_progress', activeForm: 'Fixing the bug' },
  ];
  agent.push([{ ...toolResultEvent('toolu_todo', 'Todo list updated'), tool_use_result: { oldTodos: [], newTodos: todos } } as never, resultEvent()]);
  const { press, frame, controller } = mount(agent);
  await press('plan it', KEY.enter);
  await until(() => agent.prompts.length === 1);
  await controller.whenIdle();
  assert.doesNotMatch(frame(), /Fixing the bug/);
  await press('\u0014');
  await until(() => assert.match(frame(), /Todos 1\/2[\s\S]*☒ Read the code[\s\S]*◐ Fixing the bug/));
  await press('\u0014');
  await until(() => assert.doesNotMatch(frame(), /Fixing the bug/));
  // Ctrl+T is not typed into the prompt.
  assert.match(frame(), /> Ask wright to do something/);
});

test('!command runs the command, shows its output, and sends it to the model with the next prompt', async () => {
  const agent = new ScriptedAgent();
  agent.push([resultEvent()]);
  const { press, frame, controller } = mount(agent);
  await press('!git branch', KEY.enter);
  await until(() => assert.match(frame(), /! git branch[\s\S]*\* main/));
  assert.deepEqual(agent.prompts, []);
  await press('which branch am I on?', KEY.enter);
  await until(() => agent.prompts.length === 1);
  await controller.whenIdle();
  assert.match(agent.prompts[0]!, /^<bash-input>git branch<\/bash-input>\n<bash-output>\* main\n {2}feature<\/bash-output>\n\nwhich branch am I on\?$/);
});

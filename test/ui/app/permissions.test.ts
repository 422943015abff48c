import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { z } from 'zod';
import { InteractionBroker } from '../../../src/ui/app/interactionBroker.js';
import { interactiveCanUseTool, USER_DECLINED } from '../../../src/ui/app/interactiveCanUseTool.js';
import { nextPermissionMode } from '../../../src/ui/app/modeCycle.js';
import type { PermissionPolicy } from '../../../src/permissions/types.js';
import type { AnyTool } from '../../../src/tools/types.js';
import { initBashParser } from '../../../src/permissions/bashAnalysis.js';
import { until } from './inkHarness.js';

before(() => initBashParser());

const policy = (): PermissionPolicy => ({ mode: 'default', rules: { allow: [], ask: [], deny: [] }, cwd: '/repo', workingDirectories: ['/repo'], home: '/home/u' });
const tool = (name: string, readOnly = false) =>
  ({ name, description: '', inputSchema: z.object({}).passthrough(), isReadOnly: () => readOnly, run: async () => ({ content: '' }) }) as unknown as AnyTool;
const context = (signal = new AbortController().signal) => ({ toolUseId: 't', signal });

test('calls the pipeline allows run without asking', async () => {
  const broker = new InteractionBroker();
  const decision = await interactiveCanUseTool(policy(), broker)(tool('Read', true), { file_path: '/repo/a.ts' }, context());
  assert.equal(decision.behavior, 'allow');
  assert.equal(broker.current(), undefined);
});

test('a call that needs approval waits for the answer; no denies with the user declining', async () => {
  const broker = new InteractionBroker();
  const canUse = interactiveCanUseTool(policy(), broker);
  const pending = canUse(tool('Bash'), { command: 'npm publish' }, context());
  await until(() => broker.current() !== undefined);
  const asked = broker.current()!;
  assert.ok(asked.kind === 'permission');
  assert.equal(asked.request.subject, 'npm publish');
  assert.match(asked.request.reason, /npm publish/);
  asked.answer('no');
  assert.deepEqual(await pending, { behavior: 'deny', reason: USER_DECLINED });
  assert.equal(broker.current(), undefined);
});

test('"don\'t ask again" allows the same call for the session, not a different one', async () => {
  const broker = new InteractionBroker();
  const canUse = interactiveCanUseTool(policy(), broker);
  const first = canUse(tool('Bash'), { command: 'npm publish' }, context());
  await until(() => broker.current() !== undefined);
  (broker.current() as { answer(a: string): void }).answer('always');
  assert.equal((await first).behavior, 'allow');
  assert.equal((await canUse(tool('Bash'), { command: 'npm publish' }, context())).behavior, 'allow');
  assert.equal(broker.current(), undefined, 'the same call is not asked again');
  const other = canUse(tool('Bash'), { command: 'npm unpublish' }, context());
  await until(() => broker.current() !== undefined);
  (broker.current() as { answer(a: string): void }).answer('yes');
  assert.equal((await other).behavior, 'allow');
});

test('requests are shown one at a time in order, and an aborted one is answered no', async () => {
  const broker = new InteractionBroker();
  const canUse = interactiveCanUseTool(policy(), broker);
  const abort = new AbortController();
  const a = canUse(tool('Bash'), { command: 'make a' }, context(abort.signal));
  const b = canUse(tool('Bash'), { command: 'make b' }, context());
  await until(() => broker.current() !== undefined);
  assert.equal((broker.current() as { request: { subject: string } }).request.subject, 'make a');
  abort.abort();
  assert.equal((await a).behavior, 'deny');
  assert.equal((broker.current() as { request: { subject: string } }).request.subject, 'make b');
  (broker.current() as { answer(a: string): void }).answer('yes');
  assert.equal((await b).behavior, 'allow');
});

test('questions are answered through the broker, and null when aborted', async () => {
  const broker = new InteractionBroker();
  const abort = new AbortController();
  const asked = broker.askQuestions([{ question: 'Which?', header: 'Pick', options: [{ label: 'A', description: '' }], multiSelect: false }], abort.signal);
  const current = broker.current();
  assert.ok(current?.kind === 'questions');
  current.answer({ 'Which?': 'A' });
  assert.deepEqual(await asked, { 'Which?': 'A' });
  const dropped = broker.askQuestions([], abort.signal);
  abort.abort();
  assert.equal(await dropped, null);
});

test('Shift+Tab cycles default → acceptEdits → plan → default, through bypassPermissions only when available', () => {
  assert.equal(nextPermissionMode('default', false), 'acceptEdits');
  assert.equal(nextPermissionMode('acceptEdits', false), 'plan');
  assert.equal(nextPermissionMode('plan', false), 'default');
  assert.equal(nextPermissionMode('plan', true), 'bypassPermissions');
  assert.equal(nextPermissionMode('bypassPermissions', true), 'default');
});

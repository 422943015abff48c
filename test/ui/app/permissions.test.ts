import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { InteractionBroker, type NoticeTone, type PendingInteraction, type PermissionAnswer } from '../../../src/ui/app/interactionBroker.js';
import { interactiveCanUseTool, USER_DECLINED, type InteractiveGateOptions } from '../../../src/ui/app/interactiveCanUseTool.js';
import { nextPermissionMode } from '../../../src/ui/app/modeCycle.js';
import type { PermissionPolicy } from '../../../src/permissions/types.js';
import type { AnyTool } from '../../../src/tools/types.js';
import { initBashParser } from '../../../src/permissions/bashAnalysis.js';
import { until } from './inkHarness.js';

let root = '';
before(async () => {
  await initBashParser();
  root = realpathSync(await mkdtemp(join(tmpdir(), 'wright-perm-')));
});
after(() => rm(root, { recursive: true, force: true }));

/** A fresh project directory per test, so saved rules do not leak between tests. */
async function project(): Promise<string> {
  const dir = await mkdtemp(join(root, 'p-'));
  return dir;
}

const policyIn = (dir: string): PermissionPolicy => ({ mode: 'default', rules: { allow: [], ask: [], deny: [] }, cwd: dir, workingDirectories: [dir], home: '/home/u' });
const tool = (name: string, readOnly = false) =>
  ({ name, description: '', inputSchema: z.object({}).passthrough(), isReadOnly: () => readOnly, run: async () => ({ content: '' }) }) as unknown as AnyTool;
const context = (signal = new AbortController().signal) => ({ toolUseId: 't', signal });

function gate(dir: string, extra: Partial<InteractiveGateOptions> = {}) {
  const broker = new InteractionBroker();
  const notices: Array<{ text: string; tone: NoticeTone }> = [];
  broker.onNotice((text, tone) => notices.push({ text, tone }));
  const policy = policyIn(dir);
  const canUse = interactiveCanUseTool(policy, broker, { projectRoot: dir, columns: () => 100, color: false, ...extra });
  return { broker, notices, policy, canUse };
}

async function asked(broker: InteractionBroker): Promise<Extract<PendingInteraction, { kind: 'permission' }>> {
  await until(() => broker.current() !== undefined);
  const current = broker.current()!;
  assert.ok(current.kind === 'permission');
  return current;
}

const answer = async (broker: InteractionBroker, decision: PermissionAnswer) => (await asked(broker)).answer(decision);

test('calls the pipeline allows run without asking', async () => {
  const dir = await project();
  const { broker, canUse } = gate(dir);
  const decision = await canUse(tool('Read', true), { file_path: join(dir, 'a.ts') }, context());
  assert.equal(decision.behavior, 'allow');
  assert.equal(broker.current(), undefined);
});

test('a call that needs approval waits with the suggested rule; No without words denies with the user declining', async () => {
  const dir = await project();
  const { broker, canUse } = gate(dir);
  const pending = canUse(tool('Bash'), { command: 'npm publish' }, context());
  const request = (await asked(broker)).request;
  assert.deepEqual(request.input, { command: 'npm publish' });
  assert.match(request.reason, /npm publish/);
  assert.deepEqual(request.suggestedRules, ['Bash(npm publish)']);
  assert.equal(request.preview, undefined);
  (await asked(broker)).answer({ behavior: 'deny' });
  assert.deepEqual(await pending, { behavior: 'deny', reason: USER_DECLINED });
  assert.equal(broker.current(), undefined);
});

test("No with feedback puts the user's words in the reason the model gets", async () => {
  const dir = await project();
  const { broker, canUse } = gate(dir);
  const pending = canUse(tool('Bash'), { command: 'npm publish' }, context());
  await answer(broker, { behavior: 'deny', feedback: 'run the tests first' });
  assert.deepEqual(await pending, { behavior: 'deny', reason: 'The user declined and said: run the tests first' });
});

test('Yes allows once: nothing is saved and the same call asks again', async () => {
  const dir = await project();
  const saved: string[][] = [];
  const { broker, canUse, policy } = gate(dir, { saveRules: async (_root, rules) => saved.push(rules) });
  const first = canUse(tool('Bash'), { command: 'npm publish' }, context());
  await answer(broker, { behavior: 'allow' });
  assert.equal((await first).behavior, 'allow');
  assert.deepEqual(saved, []);
  assert.deepEqual(policy.rules.allow, []);
  const second = canUse(tool('Bash'), { command: 'npm publish' }, context());
  await answer(broker, { behavior: 'deny' });
  assert.equal((await second).behavior, 'deny');
});

test("\"don't ask again\" saves the rule to .wright/settings.local.json and the live policy; the next such call is not asked", async () => {
  const dir = await project();
  const { broker, canUse, notices, policy } = gate(dir);
  const first = canUse(tool('Bash'), { command: 'npm publish' }, context());
  const request = (await asked(broker)).request;
  (await asked(broker)).answer({ behavior: 'allow', remember: request.suggestedRules });
  assert.equal((await first).behavior, 'allow');
  const file = JSON.parse(await readFile(join(dir, '.wright', 'settings.local.json'), 'utf8'));
  assert.deepEqual(file.permissions.allow, ['Bash(npm publish)']);
  assert.deepEqual(policy.rules.allow.map((rule) => rule.raw), ['Bash(npm publish)']);
  assert.deepEqual(notices, [{ text: 'Saved Bash(npm publish) to .wright/settings.local.json', tone: 'info' }]);

  const again = await canUse(tool('Bash'), { command: 'npm publish' }, context());
  assert.equal(again.behavior, 'allow');
  assert.equal(broker.current(), undefined, 'the remembered rule answered');
  const other = canUse(tool('Bash'), { command: 'npm unpublish' }, context());
  await answer(broker, { behavior: 'deny' });
  assert.equal((await other).behavior, 'deny', 'a different command still asks');
});

test('a settings file that cannot be updated is reported as a warning, and the rule still holds for the session', async () => {
  const dir = await project();
  await mkdir(join(dir, '.wright'));
  await writeFile(join(dir, '.wright', 'settings.local.json'), '{ not json');
  const { broker, canUse, notices } = gate(dir);
  const first = canUse(tool('Bash'), { command: 'npm publish' }, context());
  await answer(broker, { behavior: 'allow', remember: ['Bash(npm publish)'] });
  assert.equal((await first).behavior, 'allow');
  assert.equal(notices.length, 1);
  assert.equal(notices[0]!.tone, 'warning');
  assert.match(notices[0]!.text, /Could not save Bash\(npm publish\): cannot add permission rules in .*settings\.local\.json.*this session only/);
  assert.equal(await readFile(join(dir, '.wright', 'settings.local.json'), 'utf8'), '{ not json', 'the broken file is left alone');
  assert.equal((await canUse(tool('Bash'), { command: 'npm publish' }, context())).behavior, 'allow');
  assert.equal(broker.current(), undefined);
});

test('requests are shown one at a time in order, and one aborted while pending is denied', async () => {
  const dir = await project();
  const { broker, canUse } = gate(dir);
  const abort = new AbortController();
  const a = canUse(tool('Bash'), { command: 'make a' }, context(abort.signal));
  const b = canUse(tool('Bash'), { command: 'make b' }, context());
  assert.deepEqual((await asked(broker)).request.input, { command: 'make a' });
  abort.abort();
  assert.deepEqual(await a, { behavior: 'deny', reason: USER_DECLINED });
  assert.deepEqual((await asked(broker)).request.input, { command: 'make b' });
  await answer(broker, { behavior: 'allow' });
  assert.equal((await b).behavior, 'allow');
});

test('an Edit is asked about with a diff of the file as the edit would leave it', async () => {
  const dir = await project();
  await writeFile(join(dir, 'app.ts'), 'const a = 1;\nconst b = 2;\n');
  const { broker, canUse } = gate(dir);
  const pending = canUse(tool('Edit'), { file_path: join(dir, 'app.ts'), old_string: 'const b = 2;', new_string: 'const b = 3;' }, context());
  const request = (await asked(broker)).request;
  assert.ok(request.preview !== undefined);
  assert.match(request.preview, /^app\.ts \+1 −1/);
  assert.match(request.preview, /@@ -1,2 \+1,2 @@/);
  assert.match(request.preview, /- const b = 2;/);
  assert.match(request.preview, /\+ const b = 3;/);
  assert.doesNotMatch(request.preview, /\x1b\[/, 'no colour when colour is off');
  assert.deepEqual(request.suggestedRules, ['Edit(/app.ts)']);
  await answer(broker, { behavior: 'deny' });
  await pending;
});

test('questions are answered through the broker, and null when aborted', async () => {
  const broker = new InteractionBroker();
  const abort = new AbortController();
  const askedQuestions = broker.askQuestions([{ question: 'Which?', header: 'Pick', options: [{ label: 'A', description: '' }], multiSelect: false }], abort.signal);
  const current = broker.current();
  assert.ok(current?.kind === 'questions');
  current.answer({ 'Which?': 'A' });
  assert.deepEqual(await askedQuestions, { 'Which?': 'A' });
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

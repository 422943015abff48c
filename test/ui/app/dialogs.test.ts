import { afterEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { createElement as h } from 'react';
import { cleanup, render } from 'ink-testing-library';
import { SimplePermissionPrompt } from '../../../src/ui/app/SimplePermissionPrompt.js';
import { QuestionPrompt } from '../../../src/ui/app/QuestionPrompt.js';
import { Footer } from '../../../src/ui/app/Footer.js';
import type { PermissionAnswer, QuestionAnswers } from '../../../src/ui/app/interactionBroker.js';
import { KEY, settle, until } from './inkHarness.js';

afterEach(cleanup);

const request = { toolName: 'Bash', input: { command: 'npm run build' }, subject: 'npm run build', reason: 'The command `npm run build` needs approval.' };

for (const [key, expected] of [['y', 'yes'], ['a', 'always'], ['n', 'no'], [KEY.escape, 'no']] as const) {
  test(`the permission prompt answers ${expected} to ${key === KEY.escape ? 'Esc' : key}`, async () => {
    const answers: PermissionAnswer[] = [];
    const app = render(h(SimplePermissionPrompt, { request, onAnswer: (answer) => answers.push(answer) }));
    const frame = app.lastFrame()!;
    assert.match(frame, /Run this command\?/);
    assert.match(frame, /npm run build/);
    assert.match(frame, /needs approval/);
    assert.match(frame, /don't ask again for Bash\(npm run build\)/);
    app.stdin.write('x');
    await settle();
    assert.deepEqual(answers, [], 'other keys do nothing');
    app.stdin.write(key);
    await until(() => answers.length === 1);
    assert.deepEqual(answers, [expected]);
  });
}

test('the permission prompt shows the file path of an edit and the URL of a fetch', () => {
  const edit = render(h(SimplePermissionPrompt, { request: { toolName: 'Edit', input: {}, subject: '/repo/src/app.ts', reason: 'r' }, onAnswer: () => {} }));
  assert.match(edit.lastFrame()!, /Edit this file\?[\s\S]*\/repo\/src\/app\.ts/);
  const fetch = render(h(SimplePermissionPrompt, { request: { toolName: 'WebFetch', input: {}, subject: 'https://example.com/x', reason: 'r' }, onAnswer: () => {} }));
  assert.match(fetch.lastFrame()!, /Fetch this URL\?[\s\S]*https:\/\/example\.com\/x/);
});

const questions = [
  { question: 'Which package manager?', header: 'Packages', options: [{ label: 'npm', description: 'default' }, { label: 'pnpm', description: 'fast' }], multiSelect: false },
  { question: 'Which checks?', header: 'Checks', options: [{ label: 'lint', description: '' }, { label: 'test', description: '' }, { label: 'types', description: '' }], multiSelect: true },
];

test('questions are answered one after another by number; multiSelect toggles and Enter confirms', async () => {
  const answers: QuestionAnswers[] = [];
  const app = render(h(QuestionPrompt, { questions, onAnswer: (value) => answers.push(value) }));
  assert.match(app.lastFrame()!, /Which package manager\?[\s\S]*1\. npm[\s\S]*2\. pnpm/);
  app.stdin.write('2');
  await until(() => app.lastFrame()!.includes('Which checks?'));
  for (const key of ['1', '3', '1', '2', KEY.enter]) {
    app.stdin.write(key);
    await settle();
  }
  await until(() => answers.length === 1);
  assert.deepEqual(answers, [{ 'Which package manager?': 'pnpm', 'Which checks?': 'types, test' }]);
});

test('Esc skips the questions', async () => {
  const answers: QuestionAnswers[] = [];
  const app = render(h(QuestionPrompt, { questions, onAnswer: (value) => answers.push(value) }));
  app.stdin.write(KEY.escape);
  await until(() => answers.length === 1);
  assert.deepEqual(answers, [null]);
});

test('the footer shows model, mode, cost and context always, and the spinner only while working', () => {
  const base = { model: 'claude-sonnet-5-5', mode: 'acceptEdits' as const, costUsd: 0.1234, contextTokens: 50_000, busySince: null, now: 10_000, outputTokens: 0 };
  const idle = render(h(Footer, base)).lastFrame()!;
  assert.match(idle, /accept edits on/);
  assert.match(idle, /claude-sonnet-5-5/);
  assert.match(idle, /\$0\.12/);
  assert.match(idle, /25% context/);
  assert.doesNotMatch(idle, /Working/);
  const busy = render(h(Footer, { ...base, busySince: 3_000, outputTokens: 321.6, hint: 'Press Ctrl+C again to exit' })).lastFrame()!;
  assert.match(busy, /Working… \(7s · ↓ 322 tokens · esc to interrupt\)/);
  assert.match(busy, /Press Ctrl\+C again to exit/);
});

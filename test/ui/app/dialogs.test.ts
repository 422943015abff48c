import { afterEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { createElement as h } from 'react';
import { cleanup, render } from 'ink-testing-library';
import { PermissionDialog } from '../../../src/ui/permissions/PermissionDialog.js';
import { QuestionPrompt } from '../../../src/ui/app/QuestionPrompt.js';
import { Footer } from '../../../src/ui/app/Footer.js';
import type { PermissionAnswer, QuestionAnswers } from '../../../src/ui/app/interactionBroker.js';
import { KEY, settle, until } from './inkHarness.js';

afterEach(cleanup);

const request = { toolName: 'Bash', input: { command: 'npm run build' }, reason: 'The command `npm run build` needs approval.', suggestedRules: ['Bash(npm run build:*)'] };

// The app mounts the dialog with the broker's request; these check the pieces it hands over arrive.
test('the permission dialog answers the broker: yes, remember the suggested rules, no with feedback', async () => {
  for (const [keys, expected] of [
    [['1'], { behavior: 'allow' }],
    [['2'], { behavior: 'allow', remember: ['Bash(npm run build:*)'] }],
    [['3', 'n', 'o', KEY.enter], { behavior: 'deny', feedback: 'no' }],
    [[KEY.escape], { behavior: 'deny' }],
  ] as const) {
    const answers: PermissionAnswer[] = [];
    const app = render(h(PermissionDialog, { request, suggestedRules: request.suggestedRules, onDecision: (answer) => answers.push(answer), width: 80 }));
    const frame = app.lastFrame()!;
    assert.match(frame, /Bash command/);
    assert.match(frame, /npm run build/);
    assert.match(frame, /needs approval/);
    assert.match(frame, /don't ask again for Bash\(npm run build:\*\)/);
    for (const key of keys) {
      app.stdin.write(key);
      await settle();
    }
    await until(() => answers.length === 1);
    assert.deepEqual(answers, [expected]);
    app.unmount();
  }
});

test('the permission dialog shows the diff preview it is given', () => {
  const preview = 'app.ts +1 −1\n@@ -1,1 +1,1 @@\n1   - old\n  1 + new';
  const app = render(h(PermissionDialog, { request: { toolName: 'Edit', input: { file_path: '/repo/app.ts', old_string: 'x', new_string: 'y' }, reason: 'r', preview }, suggestedRules: [], onDecision: () => {}, width: 80 }));
  assert.match(app.lastFrame()!, /Edit file[\s\S]*\/repo\/app\.ts[\s\S]*@@ -1,1 \+1,1 @@[\s\S]*- old[\s\S]*\+ new/);
  assert.doesNotMatch(app.lastFrame()!, /- x/, 'the excerpt is not shown when there is a diff');
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

test('"Other" lets the user answer in their own words; Esc in the text goes back to the options', async () => {
  const answers: QuestionAnswers[] = [];
  const app = render(h(QuestionPrompt, { questions: [questions[0]!], onAnswer: (value) => answers.push(value) }));
  assert.match(app.lastFrame()!, /3\. Other/);
  app.stdin.write('3');
  await until(() => app.lastFrame()!.includes('Enter to send'));
  app.stdin.write(KEY.escape);
  await until(() => app.lastFrame()!.includes('Press a number'));
  app.stdin.write('3');
  await settle();
  for (const key of ['y', 'a', 'r', 'x', KEY.backspace, 'n']) {
    app.stdin.write(key);
    await settle();
  }
  app.stdin.write(KEY.enter);
  await until(() => answers.length === 1);
  assert.deepEqual(answers, [{ 'Which package manager?': 'yarn' }]);
});

test('keys typed ahead in one read: an answer and its Enter, feedback and its Enter', async () => {
  const answers: QuestionAnswers[] = [];
  const app = render(h(QuestionPrompt, { questions: [questions[0]!], onAnswer: (value) => answers.push(value) }));
  app.stdin.write('3');
  await until(() => app.lastFrame()!.includes('Enter to send'));
  app.stdin.write('bun\r');
  await until(() => answers.length === 1);
  assert.deepEqual(answers, [{ 'Which package manager?': 'bun' }]);

  const decisions: PermissionAnswer[] = [];
  const dialog = render(h(PermissionDialog, { request, suggestedRules: request.suggestedRules, onDecision: (answer) => decisions.push(answer), width: 80 }));
  dialog.stdin.write('3');
  await settle();
  dialog.stdin.write('not now\r');
  await until(() => decisions.length === 1);
  assert.deepEqual(decisions, [{ behavior: 'deny', feedback: 'not now' }]);
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

test('the permission dialog cuts its preview to the height it is given', () => {
  const preview = Array.from({ length: 40 }, (_, i) => `line ${i + 1}`).join('\n');
  const frame = render(
    h(PermissionDialog, { request: { toolName: 'Write', input: { file_path: '/repo/a.txt', content: 'x' }, reason: 'r', preview }, suggestedRules: [], onDecision: () => {}, width: 80, maxPreviewLines: 6 }),
  ).lastFrame()!;
  assert.match(frame, /line 5\b/);
  assert.doesNotMatch(frame, /line 6\b/);
  assert.match(frame, /… 35 more lines/);
});

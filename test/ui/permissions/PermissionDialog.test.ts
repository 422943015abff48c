import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { render } from 'ink-testing-library';
import { createElement as h } from 'react';
import { PermissionDialog, type PermissionDialogDecision, type PermissionDialogProps } from '../../../src/ui/permissions/PermissionDialog.js';

const ESC = '\u001B';
const UP = '\u001B[A';
const DOWN = '\u001B[B';
const ENTER = '\r';
const BACKSPACE = '\u007F';

/** Polls until `check` passes; generous deadline, no timing assumptions. */
async function eventually(check: () => void, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      check();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }
}

const bashRequest: PermissionDialogProps['request'] = {
  toolName: 'Bash',
  input: { command: 'npm run test -- --watch', description: 'Run the tests in watch mode' },
  reason: 'The command needs approval: npm is not read-only, and no allow rule covers it.',
};

function open(overrides: Partial<PermissionDialogProps> = {}) {
  const decisions: PermissionDialogDecision[] = [];
  const props: PermissionDialogProps = {
    request: bashRequest,
    suggestedRules: ['Bash(npm run test:*)'],
    onDecision: (decision) => decisions.push(decision),
    width: 80,
    ...overrides,
  };
  const app = render(h(PermissionDialog, props));
  const frame = () => app.lastFrame() ?? '';
  /** Types keys one write at a time, as a fast typist would: no waiting for a render in between. */
  const press = async (...keys: string[]) => {
    for (const key of keys) app.stdin.write(key);
    await new Promise((resolve) => setImmediate(resolve));
  };
  return { app, frame, press, decisions };
}

function lines(frame: string): string[] {
  return frame.split('\n');
}

describe('PermissionDialog', () => {
  test('shows the command, its description, the reason and the three options in a box', () => {
    const { frame, app } = open();
    const text = frame();
    assert.match(text, /^╭─+╮/);
    assert.match(text, /Bash command/);
    assert.match(text, /npm run test -- --watch/);
    assert.match(text, /Run the tests in watch mode/);
    assert.match(text, /The command needs approval: npm is not read-only/);
    assert.match(text, /❯ 1\. Yes/);
    assert.match(text, /2\. Yes, and don't ask again for Bash\(npm run test:\*\)/);
    assert.match(text, /3\. No, and tell wright what to do instead/);
    app.unmount();
  });

  test('fits in 80 columns and wraps long commands instead of cutting them', () => {
    const command = `npm run test -- ${Array.from({ length: 30 }, (_, i) => `--flag${i}`).join(' ')}`;
    const { frame, app } = open({ request: { ...bashRequest, input: { command } } });
    for (const line of lines(frame())) assert.ok([...line].length <= 80, `too wide: ${line}`);
    const shown = lines(frame()).map((line) => line.replace(/^│\s*|\s*│$/g, '')).join(' ');
    for (let i = 0; i < 30; i++) assert.ok(shown.includes(`--flag${i}`), `--flag${i} missing`);
    app.unmount();
  });

  for (const key of ['1', 'y', 'Y']) {
    test(`\`${key}\` allows once`, async () => {
      const { press, decisions, app } = open();
      await press(key);
      await eventually(() => assert.deepEqual(decisions, [{ behavior: 'allow' }]));
      app.unmount();
    });
  }

  for (const key of ['2', 'a']) {
    test(`\`${key}\` allows and remembers the suggested rules`, async () => {
      const { press, decisions, app } = open({ suggestedRules: ['Bash(git add:*)', 'Bash(git commit:*)'] });
      await press(key);
      await eventually(() => assert.deepEqual(decisions, [{ behavior: 'allow', remember: ['Bash(git add:*)', 'Bash(git commit:*)'] }]));
      app.unmount();
    });
  }

  test('without suggested rules there is no "don\'t ask again", and `2`/`a` do nothing', async () => {
    const { frame, press, decisions, app } = open({ suggestedRules: [] });
    assert.doesNotMatch(frame(), /don't ask again/);
    assert.match(frame(), /3\. No, and tell wright/);
    await press('2', 'a');
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.deepEqual(decisions, []);
    await press('3');
    await eventually(() => assert.match(frame(), /Tell wright what to do instead/));
    app.unmount();
  });

  test('Esc denies without feedback', async () => {
    const { press, decisions, app } = open();
    await press(ESC);
    await eventually(() => assert.deepEqual(decisions, [{ behavior: 'deny' }]));
    app.unmount();
  });

  for (const key of ['3', 'n']) {
    test(`\`${key}\` opens the feedback field; Enter sends what was typed`, async () => {
      const { frame, press, decisions, app } = open();
      await press(key);
      await eventually(() => assert.match(frame(), /Tell wright what to do instead/));
      assert.doesNotMatch(frame(), /Do you want to proceed/);
      // Option keys are plain text now.
      await press('u', 's', 'e', ' ', 'y', 'a', 'r', 'n', 'x', BACKSPACE);
      await eventually(() => assert.match(frame(), /> use yarn /));
      assert.deepEqual(decisions, []);
      await press(ENTER);
      await eventually(() => assert.deepEqual(decisions, [{ behavior: 'deny', feedback: 'use yarn' }]));
      app.unmount();
    });
  }

  test('Esc in the feedback field denies without feedback', async () => {
    const { frame, press, decisions, app } = open();
    await press('n');
    await eventually(() => assert.match(frame(), /Tell wright what to do instead/));
    await press('a', 'b', ESC);
    await eventually(() => assert.deepEqual(decisions, [{ behavior: 'deny' }]));
    app.unmount();
  });

  test('Enter on an empty feedback field denies without feedback', async () => {
    const { frame, press, decisions, app } = open();
    await press('3');
    await eventually(() => assert.match(frame(), /Tell wright what to do instead/));
    await press(ENTER);
    await eventually(() => assert.deepEqual(decisions, [{ behavior: 'deny' }]));
    app.unmount();
  });

  test('Enter chooses the highlighted option; Up/Down move the highlight and wrap around', async () => {
    const { frame, press, decisions, app } = open();
    await press(DOWN);
    await eventually(() => assert.match(frame(), /❯ 2\. Yes, and don't ask again/));
    await press(DOWN, DOWN);
    await eventually(() => assert.match(frame(), /❯ 1\. Yes/));
    await press(UP);
    await eventually(() => assert.match(frame(), /❯ 3\. No/));
    await press(UP);
    await eventually(() => assert.match(frame(), /❯ 2\. Yes, and don't ask again/));
    await press(ENTER);
    await eventually(() => assert.deepEqual(decisions, [{ behavior: 'allow', remember: ['Bash(npm run test:*)'] }]));
    app.unmount();
  });

  test('Enter on the first option allows once', async () => {
    const { press, decisions, app } = open();
    await press(ENTER);
    await eventually(() => assert.deepEqual(decisions, [{ behavior: 'allow' }]));
    app.unmount();
  });

  test('Down then Enter on No opens the feedback field', async () => {
    const { frame, press, app } = open({ suggestedRules: [] });
    await press(DOWN);
    await eventually(() => assert.match(frame(), /❯ 3\. No/));
    await press(ENTER);
    await eventually(() => assert.match(frame(), /Tell wright what to do instead/));
    app.unmount();
  });

  test('answers once: keys after the answer are ignored', async () => {
    const { press, decisions, app } = open();
    await press('1', '2', ESC);
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.deepEqual(decisions, [{ behavior: 'allow' }]);
    app.unmount();
  });

  test('an edit shows its path and the given diff, cut after 20 lines', () => {
    const preview = Array.from({ length: 45 }, (_, i) => `+ added line ${i}`).join('\n');
    const { frame, app } = open({
      request: { toolName: 'Edit', input: { file_path: 'src/app/main.ts', old_string: 'a', new_string: 'b' }, reason: 'Edit needs approval.', preview },
      suggestedRules: ['Edit(/src/app/**)'],
    });
    const text = frame();
    assert.match(text, /Edit file/);
    assert.match(text, /src\/app\/main\.ts/);
    assert.match(text, /\+ added line 0/);
    assert.match(text, /\+ added line 18/);
    assert.doesNotMatch(text, /added line 19\b/);
    assert.match(text, /… 26 more lines/);
    assert.match(text, /don't ask again for Edit\(\/src\/app\/\*\*\)/);
    app.unmount();
  });

  test('a short preview is shown whole, with no "more lines" note', () => {
    const { frame, app } = open({
      request: { toolName: 'Write', input: { file_path: 'a.txt', content: 'ignored' }, reason: 'r', preview: 'one\ntwo' },
    });
    assert.match(frame(), /│ one +│\n│ two +│/);
    assert.doesNotMatch(frame(), /more line/);
    assert.doesNotMatch(frame(), /ignored/);
    app.unmount();
  });

  test('an edit without a preview shows the replaced and new text', () => {
    const { frame, app } = open({ request: { toolName: 'Edit', input: { file_path: 'x.ts', old_string: 'const a = 1;', new_string: 'const a = 2;' }, reason: 'r' } });
    assert.match(frame(), /- const a = 1;/);
    assert.match(frame(), /\+ const a = 2;/);
    app.unmount();
  });

  test('a Write without a preview shows the start of the content, cut', () => {
    const content = Array.from({ length: 30 }, (_, i) => `row ${i}`).join('\n');
    const { frame, app } = open({ request: { toolName: 'Write', input: { file_path: 'out.txt', content }, reason: 'r' } });
    assert.match(frame(), /Write file/);
    assert.match(frame(), /row 0/);
    assert.match(frame(), /… 11 more lines/);
    app.unmount();
  });

  test('a preview with ANSI colours keeps them and still fits', () => {
    const preview = `\u001B[32m+ ${'green '.repeat(30)}\u001B[39m`;
    const { frame, app } = open({ request: { toolName: 'Edit', input: { file_path: 'x.ts' }, reason: 'r', preview } });
    assert.ok(frame().includes('\u001B[32m'));
    for (const line of lines(frame())) assert.ok(line.replace(/\u001B\[[0-9;]*m/g, '').length <= 80);
    app.unmount();
  });

  test('WebFetch shows the URL', () => {
    const { frame, app } = open({ request: { toolName: 'WebFetch', input: { url: 'https://docs.example.com/guide', prompt: 'Summarise' }, reason: 'r' } });
    assert.match(frame(), /Fetch/);
    assert.match(frame(), /https:\/\/docs\.example\.com\/guide/);
    app.unmount();
  });

  test('other tools show their input as compact JSON', () => {
    const { frame, app } = open({ request: { toolName: 'mcp__github__create_issue', input: { title: 'Bug', labels: ['a', 'b'] }, reason: 'r' } });
    assert.match(frame(), /github · create_issue \(MCP\)/);
    assert.match(frame(), /title: "Bug"/);
    assert.match(frame(), /labels: \["a","b"\]/);
    app.unmount();
  });
});

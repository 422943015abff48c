import { afterEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { createElement as h } from 'react';
import { cleanup, render } from 'ink-testing-library';
import { SimplePromptInput, type PromptInputProps } from '../../../src/ui/app/SimplePromptInput.js';
import { KEY, settle, until } from './inkHarness.js';

afterEach(cleanup);

function mount(overrides: Partial<PromptInputProps> = {}) {
  const calls = { submitted: [] as string[], ctrlC: 0, ctrlD: 0 };
  const props: PromptInputProps = {
    isActive: true,
    onSubmit: (text) => calls.submitted.push(text),
    onCtrlCEmpty: () => calls.ctrlC++,
    onCtrlDEmpty: () => calls.ctrlD++,
    history: [],
    ...overrides,
  };
  const app = render(h(SimplePromptInput, props));
  const press = async (...keys: string[]) => {
    for (const key of keys) {
      app.stdin.write(key);
      await settle();
    }
  };
  return { app, calls, press };
}

test('Enter submits what was typed and empties the prompt', async () => {
  const { app, calls, press } = mount();
  await press('hello', ' world', KEY.enter);
  assert.deepEqual(calls.submitted, ['hello world']);
  await until(() => !app.lastFrame()!.includes('hello'));
  await press(KEY.enter);
  assert.deepEqual(calls.submitted, ['hello world'], 'an empty prompt is not submitted');
});

test('Ctrl+J and backslash-Enter add lines instead of submitting', async () => {
  const { app, calls, press } = mount();
  await press('one', KEY.ctrlJ, 'two\\', KEY.enter, 'three');
  assert.deepEqual(calls.submitted, []);
  await until(() => /> one\s*│?\n.*two\s*│?\n.*three/.test(app.lastFrame()!));
  await press(KEY.enter);
  assert.deepEqual(calls.submitted, ['one\ntwo\nthree']);
});

test('Backspace, Left and Right edit inside the text', async () => {
  const { calls, press } = mount();
  await press('helo', KEY.left, 'l', KEY.right, '!', KEY.backspace, '?', KEY.enter);
  assert.deepEqual(calls.submitted, ['hello?']);
});

test('Ctrl+A, Ctrl+E, Ctrl+U and Ctrl+K move and cut within the line', async () => {
  const { calls, press } = mount();
  await press('world', KEY.ctrlA, 'hello ', KEY.ctrlE, '!', KEY.enter);
  await press('abc def', KEY.left, KEY.left, KEY.left, KEY.ctrlK, KEY.enter);
  await press('abc def', KEY.left, KEY.left, KEY.left, KEY.ctrlU, KEY.enter);
  assert.deepEqual(calls.submitted, ['hello world!', 'abc ', 'def']);
});

test('Up and Down walk the history and come back to the draft', async () => {
  const { app, calls, press } = mount({ history: ['first', 'second'] });
  await press('draft', KEY.up);
  await until(() => app.lastFrame()!.includes('second'));
  await press(KEY.up);
  await until(() => app.lastFrame()!.includes('first'));
  await press(KEY.down, KEY.down);
  await until(() => app.lastFrame()!.includes('draft'));
  await press(KEY.up, KEY.up, KEY.enter);
  assert.deepEqual(calls.submitted, ['first']);
});

test('Ctrl+C clears a non-empty prompt and reports an empty one; Ctrl+D reports only when empty', async () => {
  const { app, calls, press } = mount();
  await press('some text', KEY.ctrlD);
  assert.equal(calls.ctrlD, 0);
  await press(KEY.ctrlC);
  await until(() => !app.lastFrame()!.includes('some text'));
  assert.equal(calls.ctrlC, 0);
  await press(KEY.ctrlC, KEY.ctrlD);
  assert.equal(calls.ctrlC, 1);
  assert.equal(calls.ctrlD, 1);
});

test('typed text followed by Enter in one read submits; a multi-line paste does not', async () => {
  const { calls, press } = mount();
  await press('fast typing\r');
  assert.deepEqual(calls.submitted, ['fast typing']);
  await press('line one\rline two\r');
  assert.deepEqual(calls.submitted, ['fast typing']);
  await press(KEY.enter);
  assert.deepEqual(calls.submitted, ['fast typing', 'line one\nline two\n']);
});

test('an inactive prompt ignores keys', async () => {
  const { app, calls, press } = mount({ isActive: false });
  await press('ignored', KEY.enter);
  assert.deepEqual(calls.submitted, []);
  assert.ok(!app.lastFrame()!.includes('ignored'));
});

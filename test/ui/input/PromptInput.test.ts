import assert from 'node:assert/strict';
import { join } from 'node:path';
import { mkdirSync, writeFileSync } from 'node:fs';
import { after, afterEach, describe, it } from 'node:test';
import chalk from 'chalk';
import { cleanup } from 'ink-testing-library';
import { createPromptHistory } from '../../../src/ui/input/promptHistory.js';
import { KEYS, makeTempDir, memoryHistory, removeTempDirs, renderInput, until } from './inputHarness.js';

afterEach(cleanup);
after(removeTempDirs);

describe('PromptInput', () => {
  it('shows the placeholder with the cursor on its first letter when empty', () => {
    const ui = renderInput({ placeholder: 'Ask wright' });
    assert.equal(ui.frame(), '> Ask wright');
  });

  it('renders typed text with the cursor and submits on Enter, adding it to history', async () => {
    const history = memoryHistory();
    const ui = renderInput({ history });
    await ui.type('hello');
    await ui.press(KEYS.left);
    assert.equal(ui.frame(), '> hello');
    await ui.press(KEYS.enter);
    assert.deepEqual(ui.submitted, ['hello']);
    assert.deepEqual(history.added, ['hello']);
    assert.equal(ui.frame(), '>');
  });

  it('draws the cursor as an inverse character, a space at the end, and none while inactive', async () => {
    const level = chalk.level;
    chalk.level = 1;
    try {
      const ui = renderInput();
      await ui.type('hello');
      assert.equal(ui.frame(), '> hello\u001b[7m \u001b[27m');
      await ui.press(KEYS.left);
      assert.equal(ui.frame(), '> hell\u001b[7mo\u001b[27m');
      ui.rerenderWith({ isActive: false });
      assert.equal(ui.frame(), '> hello');
    } finally {
      chalk.level = level;
    }
  });

  it('edits with readline keys before submitting', async () => {
    const ui = renderInput();
    await ui.type('world');
    await ui.press(KEYS.ctrlA);
    await ui.type('hello ');
    await ui.press(KEYS.enter);
    assert.deepEqual(ui.submitted, ['hello world']);
  });

  it('Shift+Enter, Ctrl+J and backslash-Enter make a multi-line prompt', async () => {
    const ui = renderInput();
    await ui.type('one');
    await ui.press(KEYS.shiftEnter);
    await ui.type('two');
    await ui.press(KEYS.ctrlJ);
    await ui.type('three\\');
    await ui.press(KEYS.enter);
    await ui.type('four');
    assert.equal(ui.frame(), '> one\n  two\n  three\n  four');
    await ui.press(KEYS.enter);
    assert.deepEqual(ui.submitted, ['one\ntwo\nthree\nfour']);
  });

  it('wraps long lines to the width', async () => {
    const ui = renderInput({ width: 12 });
    await ui.press('abcdefghijklmnopqrstu');
    assert.equal(ui.frame(), '> abcdefghij\n  klmnopqrst\n  u');
  });

  it('Ctrl+C clears the text, and on an empty buffer asks to exit; so does Ctrl+D', async () => {
    const ui = renderInput();
    await ui.type('draft');
    await ui.press(KEYS.ctrlC);
    assert.equal(ui.frame(), '>');
    assert.equal(ui.exitRequests(), 0);
    await ui.press(KEYS.ctrlC);
    assert.equal(ui.exitRequests(), 1);
    await ui.press(KEYS.ctrlD);
    assert.equal(ui.exitRequests(), 2);
    assert.deepEqual(ui.exitKeys(), ['ctrl-c', 'ctrl-d'], 'the app learns which key asked');
  });

  it('ignores every key while inactive', async () => {
    const ui = renderInput({ isActive: false });
    await ui.type('abc');
    await ui.press(KEYS.enter, KEYS.ctrlC);
    assert.equal(ui.frame(), '>');
    assert.deepEqual(ui.submitted, []);
    assert.equal(ui.exitRequests(), 0);
    ui.rerenderWith({ isActive: true });
    await ui.type('x');
    assert.equal(ui.frame(), '> x');
  });

  it('Up and Down browse history and keep the draft', async () => {
    const ui = renderInput({ history: memoryHistory(['older', 'newer']) });
    await ui.type('dra');
    await ui.press(KEYS.up);
    assert.equal(ui.frame(), '> newer');
    await ui.press(KEYS.up);
    assert.equal(ui.frame(), '> older');
    await ui.press(KEYS.down, KEYS.down);
    assert.equal(ui.frame(), '> dra');
  });

  it('Ctrl+R searches history backwards; Enter accepts the match', async () => {
    const ui = renderInput({ history: memoryHistory(['git status', 'npm test', 'git push']) });
    await ui.press(KEYS.ctrlR);
    await ui.type('git');
    assert.equal(ui.frame(), '> git push\nreverse-i-search: git');
    await ui.press(KEYS.ctrlR);
    assert.equal(ui.frame(), '> git status\nreverse-i-search: git');
    await ui.press(KEYS.enter);
    assert.equal(ui.frame(), '> git status');
    assert.deepEqual(ui.submitted, []);
    await ui.press(KEYS.enter);
    assert.deepEqual(ui.submitted, ['git status']);
  });

  it('Escape cancels a history search', async () => {
    const ui = renderInput({ history: memoryHistory(['git status']) });
    await ui.type('mine');
    await ui.press(KEYS.ctrlR);
    await ui.type('zz');
    assert.equal(ui.frame(), '> mine\nfailing reverse-i-search: zz');
    await ui.press(KEYS.escape);
    assert.equal(ui.frame(), '> mine');
  });

  it('collapses a large paste to a placeholder and submits the full text', async () => {
    const ui = renderInput({ width: 60 });
    const pasted = Array.from({ length: 43 }, (_, index) => `row ${index}`).join('\r');
    await ui.type('fix: ');
    await ui.press(pasted);
    assert.equal(ui.frame(), '> fix: [Pasted text #1 +42 lines]');
    await ui.press(KEYS.enter);
    assert.deepEqual(ui.submitted, [`fix: ${pasted.replaceAll('\r', '\n')}`]);
  });

  it('collects a bracketed paste, whose line breaks do not submit', async () => {
    const ui = renderInput();
    await ui.press(`${KEYS.pasteStart}one\rtwo${KEYS.pasteEnd}`);
    assert.equal(ui.frame(), '> one\n  two');
    assert.deepEqual(ui.submitted, []);
  });

  it('completes / commands with their descriptions; Tab completes', async () => {
    const ui = renderInput({ width: 50 });
    await ui.type('/c');
    assert.equal(ui.frame(), '> /c\n› /clear  Clear the conversation\n  /compact  Summarise the conversation');
    await ui.press(KEYS.down, KEYS.tab);
    assert.equal(ui.frame(), '> /compact');
  });

  it('completes @ files from cwd, respecting .gitignore; Tab accepts, Esc closes', async () => {
    const dir = makeTempDir();
    writeFileSync(join(dir, '.gitignore'), 'secret/\n');
    mkdirSync(join(dir, 'src'));
    mkdirSync(join(dir, 'secret'));
    writeFileSync(join(dir, 'src', 'main.ts'), '');
    writeFileSync(join(dir, 'secret', 'main.ts'), '');
    const ui = renderInput({ cwd: dir, width: 50 });
    await ui.type('open @main');
    await until(() => ui.frame().includes('src/main.ts'), 'the file list');
    assert.equal(ui.frame(), '> open @main\n› src/main.ts');
    await ui.press(KEYS.tab);
    assert.equal(ui.frame(), '> open @src/main.ts');
    await ui.type('and @');
    await until(() => ui.frame().includes('›'), 'the list');
    await ui.press(KEYS.escape);
    assert.equal(ui.frame(), '> open @src/main.ts and @');
    await ui.press(KEYS.enter);
    assert.deepEqual(ui.submitted, ['open @src/main.ts and @']);
  });

  it('Ctrl+G hands the text to onExternalEdit and shows what comes back', async () => {
    const edits: string[] = [];
    const ui = renderInput({
      onExternalEdit: async (text) => {
        edits.push(text);
        return `${text} (edited)`;
      },
    });
    await ui.type('draft');
    await ui.press(KEYS.ctrlG);
    await until(() => ui.frame() === '> draft (edited)', 'the edited text');
    assert.deepEqual(edits, ['draft']);
  });

  it('Ctrl+G keeps the buffer when the editor returns nothing, and does nothing without onExternalEdit', async () => {
    const ui = renderInput({ onExternalEdit: async () => undefined });
    await ui.type('draft');
    await ui.press(KEYS.ctrlG);
    assert.equal(ui.frame(), '> draft');
    const plain = renderInput();
    await plain.type('x');
    await plain.press(KEYS.ctrlG);
    assert.equal(plain.frame(), '> x');
  });

  it('works with a persisted history: submitted prompts are there next session', async () => {
    const file = join(makeTempDir(), 'history.jsonl');
    const first = renderInput({ history: createPromptHistory({ file }) });
    await first.type('remember me');
    await first.press(KEYS.enter);
    first.unmount();
    const second = renderInput({ history: createPromptHistory({ file }) });
    await second.press(KEYS.up);
    assert.equal(second.frame(), '> remember me');
  });
});

import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { editInExternalEditor, editorCommand } from '../../../src/ui/input/externalEditor.js';
import { createPromptHistory } from '../../../src/ui/input/promptHistory.js';
import { makeTempDir, removeTempDirs } from './inputHarness.js';

after(removeTempDirs);

describe('prompt history file', () => {
  it('round-trips entries through the JSONL file, newest last, creating its directory', () => {
    const file = join(makeTempDir(), 'projects', 'demo', 'prompt-history.jsonl');
    const history = createPromptHistory({ file });
    history.add('first');
    history.add('multi\nline "quoted"');
    assert.deepEqual(createPromptHistory({ file }).entries(), ['first', 'multi\nline "quoted"']);
    assert.equal(readFileSync(file, 'utf8').trim().split('\n').length, 2);
  });
  it('does not store a prompt equal to the newest one again', () => {
    const file = join(makeTempDir(), 'h.jsonl');
    const history = createPromptHistory({ file });
    history.add('same');
    history.add('same');
    history.add('other');
    history.add('same');
    assert.deepEqual(createPromptHistory({ file }).entries(), ['same', 'other', 'same']);
  });
  it('skips corrupt lines and keeps the rest', () => {
    const file = join(makeTempDir(), 'h.jsonl');
    writeFileSync(file, '{"prompt":"good one"}\n{"prompt": tru\nnot json at all\n{"other":1}\n\n{"prompt":"good two"}\n{"prom');
    const history = createPromptHistory({ file });
    assert.deepEqual(history.entries(), ['good one', 'good two']);
    history.add('three');
    assert.deepEqual(createPromptHistory({ file }).entries().at(-1), 'three');
  });
  it('keeps only the newest entries up to the limit, and compacts the file', () => {
    const file = join(makeTempDir(), 'h.jsonl');
    const history = createPromptHistory({ file, limit: 3 });
    for (let index = 1; index <= 10; index++) history.add(`p${index}`);
    assert.deepEqual(history.entries(), ['p8', 'p9', 'p10']);
    assert.deepEqual(createPromptHistory({ file, limit: 3 }).entries(), ['p8', 'p9', 'p10']);
    assert.ok(readFileSync(file, 'utf8').trim().split('\n').length <= 6);
  });
  it('a history that cannot be written still works in memory', () => {
    const dir = makeTempDir();
    mkdirSync(join(dir, 'blocked'));
    const history = createPromptHistory({ file: join(dir, 'blocked') });
    history.add('kept');
    assert.deepEqual(history.entries(), ['kept']);
  });
});

describe('external editor', () => {
  it('prefers $VISUAL, then $EDITOR, then vi', () => {
    assert.equal(editorCommand({ VISUAL: 'nano', EDITOR: 'emacs' }), 'nano');
    assert.equal(editorCommand({ EDITOR: 'emacs -nw' }), 'emacs -nw');
    assert.equal(editorCommand({}), 'vi');
  });
  it('runs the editor on a temporary file holding the text and returns the edited text', async () => {
    // An "editor" given with arguments; it edits in place and appends the newline real editors add.
    const script = join(makeTempDir(), 'fake editor.sh');
    writeFileSync(script, 'sed -i "s/$1/crash/" "$2" && echo >> "$2"\n');
    const edited = await editInExternalEditor('fix the bug\nin app.ts', { ...process.env, VISUAL: '', EDITOR: `sh '${script}' bug` });
    assert.equal(edited, 'fix the crash\nin app.ts');
  });
  it('rejects when the editor fails', async () => {
    await assert.rejects(editInExternalEditor('x', { ...process.env, VISUAL: 'false' }), /exited with status 1/);
  });
});

describe('prompt history kept in memory (--no-session-persistence)', () => {
  it('remembers prompts for the run only, skipping blanks and repeats, up to its limit', async () => {
    const { createMemoryPromptHistory } = await import('../../../src/ui/input/promptHistory.js');
    const history = createMemoryPromptHistory(2);
    for (const entry of ['a', 'a', ' ', 'b', 'c']) history.add(entry);
    assert.deepEqual(history.entries(), ['b', 'c']);
    assert.deepEqual(createMemoryPromptHistory().entries(), []);
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  INITIAL_EDITOR_STATE,
  activeCompletion,
  reduceEditor,
  type EditorContext,
  type EditorEffect,
  type EditorInput,
  type EditorState,
} from '../../../src/ui/input/editorState.js';
import { decodeInput, decodeSequence } from '../../../src/ui/input/keys.js';

const CONTEXT: EditorContext = {
  history: [],
  commands: [
    { name: 'help', description: 'Show help' },
    { name: 'clear', description: 'Clear the conversation' },
    { name: 'compact', description: 'Summarise' },
  ],
  files: ['src/', 'src/app.ts', 'src/agent/', 'src/agent/loop.ts', 'README.md'],
};

/** A state holding `text` with the cursor where `|` is. */
function at(marked: string): EditorState {
  const cursor = marked.indexOf('|');
  return { ...INITIAL_EDITOR_STATE, buffer: { text: marked.replace('|', ''), cursor } };
}

/** The buffer rendered with `|` at the cursor. */
function shown(state: EditorState): string {
  const { text, cursor } = state.buffer;
  return `${text.slice(0, cursor)}|${text.slice(cursor)}`;
}

function run(state: EditorState, sequences: (string | EditorInput)[], context: Partial<EditorContext> = {}) {
  const effects: EditorEffect[] = [];
  let current = state;
  for (const sequence of sequences) {
    const event = typeof sequence === 'string' ? decodeSequence(sequence) : sequence;
    const result = reduceEditor(current, event, { ...CONTEXT, ...context });
    current = result.state;
    if (result.effect) effects.push(result.effect);
  }
  return { state: current, effects, shown: shown(current) };
}

const typing = (text: string) => [...text];

describe('editor reducer: typing and moving', () => {
  it('inserts typed characters at the cursor', () => {
    assert.equal(run(at('ac|'), ['\u001b[D', 'b']).shown, 'ab|c');
  });
  it('Left and Right move by one character, a surrogate pair counting as one', () => {
    assert.equal(run(at('a😀|b'), ['\u001b[D']).shown, 'a|😀b');
    assert.equal(run(at('a|😀b'), ['\u001b[C']).shown, 'a😀|b');
    assert.equal(run(at('|ab'), ['\u001b[D']).shown, '|ab');
  });
  it('Ctrl+B and Ctrl+F move like Left and Right', () => {
    assert.equal(run(at('ab|c'), ['\u0002']).shown, 'a|bc');
    assert.equal(run(at('ab|c'), ['\u0006']).shown, 'abc|');
  });
  it('Home/End and Ctrl+A/Ctrl+E go to the start and end of the current line', () => {
    assert.equal(run(at('one\ntw|o\nthree'), ['\u001b[H']).shown, 'one\n|two\nthree');
    assert.equal(run(at('one\ntw|o\nthree'), ['\u001b[F']).shown, 'one\ntwo|\nthree');
    assert.equal(run(at('one\ntw|o\nthree'), ['\u0001']).shown, 'one\n|two\nthree');
    assert.equal(run(at('one\ntw|o\nthree'), ['\u0005']).shown, 'one\ntwo|\nthree');
  });
  it('Up and Down move between lines keeping the column when the line is long enough', () => {
    assert.equal(run(at('abcdef\nxy\nlong line|'), ['\u001b[A']).shown, 'abcdef\nxy|\nlong line');
    assert.equal(run(at('abcdef\nxy\nlong line|'), ['\u001b[A', '\u001b[A']).shown, 'ab|cdef\nxy\nlong line');
    assert.equal(run(at('ab|cdef\nxy\nlong line'), ['\u001b[B', '\u001b[B']).shown, 'abcdef\nxy\nlo|ng line');
  });
  it('Ctrl+P and Ctrl+N move like Up and Down', () => {
    assert.equal(run(at('ab\nc|d'), ['\u0010']).shown, 'a|b\ncd');
    assert.equal(run(at('a|b\ncd'), ['\u000e']).shown, 'ab\nc|d');
  });
  it('Alt+B and Alt+F move by words; Ctrl+Left and Ctrl+Right too', () => {
    assert.equal(run(at('foo bar-baz|'), ['\u001bb']).shown, 'foo bar-|baz');
    assert.equal(run(at('foo bar-baz|'), ['\u001bb', '\u001bb']).shown, 'foo |bar-baz');
    assert.equal(run(at('|foo bar'), ['\u001bf']).shown, 'foo| bar');
    assert.equal(run(at('|foo bar'), ['\u001bf', '\u001bf']).shown, 'foo bar|');
    assert.equal(run(at('foo bar|'), ['\u001b[1;5D']).shown, 'foo |bar');
    assert.equal(run(at('|foo bar'), ['\u001b[1;5C']).shown, 'foo| bar');
  });
  it('Backspace deletes before the cursor, Delete and Ctrl+D after it', () => {
    assert.equal(run(at('ab|c'), ['\u007f']).shown, 'a|c');
    assert.equal(run(at('ab|c'), ['\u0008']).shown, 'a|c');
    assert.equal(run(at('ab|c'), ['\u001b[3~']).shown, 'ab|');
    assert.equal(run(at('ab|c'), ['\u0004']).shown, 'ab|');
    assert.equal(run(at('|abc'), ['\u007f']).shown, '|abc');
  });
});

describe('editor reducer: new lines and submit', () => {
  it('Enter submits the trimmed text and clears the buffer', () => {
    const result = run(at('  fix the bug |'), ['\r']);
    assert.deepEqual(result.effects, [{ type: 'submit', text: 'fix the bug' }]);
    assert.equal(result.shown, '|');
  });
  it('Enter on blank text submits nothing', () => {
    const result = run(at(' \n |'), ['\r']);
    assert.deepEqual(result.effects, []);
    assert.equal(result.shown, ' \n |');
  });
  it('Shift+Enter (kitty and modifyOtherKeys), Alt+Enter and Ctrl+J insert a new line', () => {
    for (const sequence of ['\u001b[13;2u', '\u001b[27;2;13~', '\u001b\r', '\n']) {
      const result = run(at('ab|c'), [sequence]);
      assert.equal(result.shown, 'ab\n|c', JSON.stringify(sequence));
      assert.deepEqual(result.effects, []);
    }
  });
  it('a backslash right before Enter becomes a new line', () => {
    const result = run(at('first\\|'), ['\r', ...typing('second'), '\r']);
    assert.deepEqual(result.effects, [{ type: 'submit', text: 'first\nsecond' }]);
  });
  it('Ctrl+C clears text, and asks to exit when there is none', () => {
    const cleared = run(at('some text|'), ['\u0003']);
    assert.equal(cleared.shown, '|');
    assert.deepEqual(cleared.effects, []);
    assert.deepEqual(run(at('|'), ['\u0003']).effects, [{ type: 'exit', key: 'ctrl-c' }]);
  });
  it('Ctrl+D asks to exit only on an empty buffer', () => {
    assert.deepEqual(run(at('|'), ['\u0004']).effects, [{ type: 'exit', key: 'ctrl-d' }]);
    assert.deepEqual(run(at('|x'), ['\u0004']).effects, []);
  });
  it('Ctrl+G asks for the external editor with the pastes expanded', () => {
    const big = 'x'.repeat(900);
    const result = run(at('see |'), [{ kind: 'text', text: big, paste: true }, '\u0007']);
    assert.deepEqual(result.effects, [{ type: 'externalEdit', text: `see ${big}` }]);
  });
  it('text from the external editor replaces the buffer', () => {
    const result = run(at('old|'), [{ kind: 'replace', text: 'new\r\ntext' }]);
    assert.equal(result.shown, 'new\ntext|');
  });
  it('keys the app owns (Ctrl+L, Ctrl+T, Ctrl+O, Shift+Tab, Escape) leave the buffer alone', () => {
    for (const sequence of ['\u000c', '\u0014', '\u000f', '\u001b[Z', '\u001b', '\t']) {
      const result = run(at('ab|c'), [sequence]);
      assert.equal(result.shown, 'ab|c', JSON.stringify(sequence));
      assert.deepEqual(result.effects, []);
    }
  });
});

describe('editor reducer: kill and yank', () => {
  it('Ctrl+K kills to the end of the line, and at the end of a line joins the next', () => {
    assert.equal(run(at('ab|cd\nef'), ['\u000b']).shown, 'ab|\nef');
    assert.equal(run(at('ab|\nef'), ['\u000b']).shown, 'ab|ef');
  });
  it('Ctrl+U kills to the start of the line, and at the start joins the previous', () => {
    assert.equal(run(at('xy\nab|cd'), ['\u0015']).shown, 'xy\n|cd');
    assert.equal(run(at('xy\n|cd'), ['\u0015']).shown, 'xy|cd');
  });
  it('Ctrl+W kills the whitespace-delimited word before the cursor', () => {
    assert.equal(run(at('run npm-test  |'), ['\u0017']).shown, 'run |');
  });
  it('Alt+D kills the next word and Alt+Backspace the previous one', () => {
    assert.equal(run(at('|foo bar'), ['\u001bd']).shown, '| bar');
    assert.equal(run(at('foo-bar|'), ['\u001b\u007f']).shown, 'foo-|');
  });
  it('Ctrl+Y yanks the last kill at the cursor', () => {
    assert.equal(run(at('hello world|'), ['\u0017', '\u0001', '\u0019']).shown, 'world|hello ');
  });
  it('consecutive kills merge into one yank, an intervening key starts a new one', () => {
    assert.equal(run(at('one two three|'), ['\u0017', '\u0017', '\u0019']).shown, 'one two three|');
    assert.equal(run(at('one two three|'), ['\u0017', '\u001b[D', '\u0017', '\u0005', '\u0019']).shown, 'one  two|');
  });
  it('Ctrl+Y with nothing killed does nothing', () => {
    assert.equal(run(at('a|b'), ['\u0019']).shown, 'a|b');
  });
});

describe('editor reducer: history', () => {
  const history = ['first', 'second\nline two', 'third'];

  it('Up on the first line shows older entries; Down comes back to the draft', () => {
    let result = run(at('draft|'), ['\u001b[A'], { history });
    assert.equal(result.shown, 'third|');
    result = run(result.state, ['\u001b[A'], { history });
    assert.equal(result.shown, 'second|\nline two', 'a multi-line entry opens on its first line');
    result = run(result.state, ['\u001b[A', '\u001b[A'], { history });
    assert.equal(result.shown, 'first|', 'stops at the oldest');
    result = run(result.state, ['\u001b[B'], { history });
    assert.equal(result.shown, 'second\nline two|', 'Down lands on the last line');
    result = run(result.state, ['\u001b[B', '\u001b[B'], { history });
    assert.equal(result.shown, 'draft|');
    assert.equal(run(result.state, ['\u001b[B'], { history }).shown, 'draft|');
  });
  it('Up inside a multi-line buffer moves the cursor instead of browsing', () => {
    assert.equal(run(at('a\nb|'), ['\u001b[A'], { history }).shown, 'a|\nb');
  });
  it('Up with no history does nothing', () => {
    assert.equal(run(at('x|'), ['\u001b[A'], { history: [] }).shown, 'x|');
  });
  it('Ctrl+R finds the newest entry containing the typed text; Ctrl+R again an older one', () => {
    const entries = ['git status', 'npm test', 'git commit -m wip', 'ls'];
    let result = run(at('draft|'), ['\u0012', ...typing('git')], { history: entries });
    assert.equal(result.state.buffer.text, 'git commit -m wip');
    assert.equal(result.state.search?.query, 'git');
    result = run(result.state, ['\u0012'], { history: entries });
    assert.equal(result.state.buffer.text, 'git status');
    result = run(result.state, ['\u0012'], { history: entries });
    assert.equal(result.state.buffer.text, 'git status', 'no older match keeps the current one');
    result = run(result.state, ['\r'], { history: entries });
    assert.equal(result.shown, 'git status|');
    assert.equal(result.state.search, null);
    assert.deepEqual(result.effects, [], 'Enter accepts the match without submitting');
  });
  it('typing narrows from the current match, Backspace widens again from the newest', () => {
    const entries = ['make build', 'make test', 'npm run build'];
    let result = run(at('|'), ['\u0012', ...typing('build')], { history: entries });
    assert.equal(result.state.buffer.text, 'npm run build');
    result = run(result.state, ['\u0012'], { history: entries });
    assert.equal(result.state.buffer.text, 'make build');
    result = run(result.state, ['\u007f'], { history: entries });
    assert.equal(result.state.buffer.text, 'npm run build');
  });
  it('Escape cancels the search and restores the buffer', () => {
    const result = run(at('my dra|ft'), ['\u0012', ...typing('git'), '\u001b'], { history: ['git log'] });
    assert.equal(result.shown, 'my dra|ft');
    assert.equal(result.state.search, null);
  });
  it('a search with no match is failing and shows the original buffer', () => {
    const result = run(at('draft|'), ['\u0012', ...typing('zzz')], { history: ['git log'] });
    assert.equal(result.state.search?.match, null);
    assert.equal(result.state.buffer.text, 'draft');
  });
  it('another key accepts the match and then acts', () => {
    const result = run(at('|'), ['\u0012', ...typing('log'), '\u0001'], { history: ['git log --oneline'] });
    assert.equal(result.shown, '|git log --oneline');
    assert.equal(result.state.search, null);
  });
});

describe('editor reducer: pastes', () => {
  const lines = Array.from({ length: 43 }, (_, index) => `line ${index + 1}`).join('\r');

  it('a large paste is shown as a placeholder and expanded on submit', () => {
    const result = run(at('look: |'), [{ kind: 'text', text: lines, paste: true }, ...typing(' thanks'), '\r']);
    assert.deepEqual(result.effects, [{ type: 'submit', text: `look: ${lines.replaceAll('\r', '\n')} thanks` }]);
  });
  it('the placeholder names the paste and its extra lines', () => {
    const result = run(at('|'), [{ kind: 'text', text: lines, paste: true }, { kind: 'text', text: 'y'.repeat(801), paste: true }]);
    assert.equal(result.state.buffer.text, '[Pasted text #1 +42 lines][Pasted text #2 801 chars]');
  });
  it('a small paste is inserted as text with its line breaks', () => {
    assert.equal(run(at('|'), [{ kind: 'text', text: 'a\rb\r\nc', paste: true }]).shown, 'a\nb\nc|');
  });
  it('Backspace after a placeholder removes the whole paste', () => {
    const result = run(at('x |'), [{ kind: 'text', text: lines, paste: true }, '\u007f']);
    assert.equal(result.shown, 'x |');
    assert.deepEqual(result.state.pastes, []);
  });
  it('a bracketed paste is collected whole, even when it arrives in pieces with line breaks', () => {
    const result = run(at('|'), ['\u001b[200~', 'one', '\r', 'two', '\u001b[201~']);
    assert.equal(result.shown, 'one\ntwo|');
    assert.deepEqual(result.effects, [], 'the Enter inside the paste does not submit');
  });
  it('a bracketed paste of more than ten lines collapses', () => {
    const pieces = Array.from({ length: 11 }, (_, index) => [`l${index}`, '\r']).flat();
    const result = run(at('|'), ['\u001b[200~', ...pieces, '\u001b[201~']);
    assert.equal(result.state.buffer.text, '[Pasted text #1 +11 lines]');
  });
});

describe('editor reducer: completion', () => {
  it('/ at the start lists matching commands and Tab completes the highlighted one', () => {
    const typed = run(at('|'), typing('/c'));
    const completion = activeCompletion(typed.state, CONTEXT);
    assert.deepEqual(completion?.items.map((item) => item.label), ['/clear', '/compact']);
    assert.equal(run(typed.state, ['\u001b[B', '\t']).shown, '/compact |');
  });
  it('Enter on a command completion completes and submits it', () => {
    assert.deepEqual(run(at('|'), [...typing('/he'), '\r']).effects, [{ type: 'submit', text: '/help' }]);
  });
  it('/ later in the buffer is not a command', () => {
    assert.equal(activeCompletion(at('see /he|'), CONTEXT), undefined);
  });
  it('@ lists matching paths and Tab inserts the mention followed by a space', () => {
    const typed = run(at('read |'), typing('@loop'));
    assert.deepEqual(activeCompletion(typed.state, CONTEXT)?.items.map((item) => item.label), ['src/agent/loop.ts']);
    assert.equal(run(typed.state, ['\t']).shown, 'read @src/agent/loop.ts |');
  });
  it('Enter accepts a file completion without submitting; a directory keeps completing', () => {
    const typed = run(at('|'), [...typing('@agen'), '\r']);
    assert.equal(typed.shown, '@src/agent/|');
    assert.deepEqual(typed.effects, []);
    assert.deepEqual(activeCompletion(typed.state, CONTEXT)?.items.map((item) => item.label), ['src/agent/', 'src/agent/loop.ts']);
  });
  it('Up and Down move the highlight and wrap around', () => {
    const typed = run(at('|'), typing('@src'));
    assert.equal(activeCompletion(run(typed.state, ['\u001b[A']).state, CONTEXT)?.selected, activeCompletion(typed.state, CONTEXT)!.items.length - 1);
    assert.equal(activeCompletion(run(typed.state, ['\u001b[B']).state, CONTEXT)?.selected, 1);
  });
  it('Escape closes the list until the next edit; Enter then submits', () => {
    const closed = run(at('|'), [...typing('@app'), '\u001b']);
    assert.equal(activeCompletion(closed.state, CONTEXT), undefined);
    assert.deepEqual(run(closed.state, ['\r']).effects, [{ type: 'submit', text: '@app' }]);
    assert.notEqual(activeCompletion(run(closed.state, ['\u007f']).state, CONTEXT), undefined);
  });
  it('while the file list loads, the completion says so and keys pass through', () => {
    const loading = { files: undefined };
    const typed = run(at('|'), typing('@ap'), loading);
    assert.equal(activeCompletion(typed.state, { ...CONTEXT, ...loading })?.loading, true);
    assert.deepEqual(run(typed.state, ['\r'], loading).effects, [{ type: 'submit', text: '@ap' }]);
  });
});

describe('editor reducer: Esc Esc picks an earlier prompt to edit and send again', () => {
  const history = { history: ['first', 'second', 'third'] };
  it('opens on a second Esc on an empty prompt, newest first; Enter puts the choice in the prompt', () => {
    const opened = run(INITIAL_EDITOR_STATE, ['\u001b', '\u001b'], history);
    assert.deepEqual(opened.state.picker, { selected: 0 });
    const chosen = run(opened.state, ['\u001b[B', '\r'], history);
    assert.equal(chosen.state.picker, null);
    assert.equal(chosen.shown, 'second|');
    assert.deepEqual(chosen.effects, []);
    // Enter again sends it.
    assert.deepEqual(run(chosen.state, ['\r'], history).effects, [{ type: 'submit', text: 'second' }]);
  });
  it('takes a digit, and Esc closes it without changing the prompt', () => {
    const opened = run(INITIAL_EDITOR_STATE, ['\u001b', '\u001b'], history).state;
    assert.equal(run(opened, ['3'], history).shown, 'first|');
    const closed = run(opened, ['\u001b'], history);
    assert.equal(closed.state.picker, null);
    assert.equal(closed.shown, '|');
  });
  it('needs two Escapes in a row, an empty prompt and some history', () => {
    assert.equal(run(INITIAL_EDITOR_STATE, ['\u001b', 'x', '\u001b'], history).state.picker, null);
    assert.equal(run(at('draft|'), ['\u001b', '\u001b'], history).state.picker, null);
    assert.equal(run(INITIAL_EDITOR_STATE, ['\u001b', '\u001b'], { history: [] }).state.picker, null);
  });
});

describe('editor reducer: keys typed ahead arrive in one read', () => {
  const history = { history: ['count the files'] };
  const feed = (state: EditorState, chunks: string[]) => run(state, chunks.flatMap((chunk) => decodeInput(chunk)), history);
  it('Enter followed by text in one read picks the entry, then types', () => {
    const opened = run(INITIAL_EDITOR_STATE, ['\u001b\u001b'], history).state;
    const typed = feed(opened, ['\r again']);
    assert.equal(typed.state.picker, null);
    assert.equal(typed.shown, 'count the files again|');
  });
  it('text, Enter and more text in one read submit the first line and keep the rest as the next draft', () => {
    const typed = feed(INITIAL_EDITOR_STATE, ['ls\rwho']);
    assert.deepEqual(typed.effects, [{ type: 'submit', text: 'ls' }]);
    assert.equal(typed.shown, 'who|');
  });
  it('line breaks inside a bracketed paste stay in the prompt, whatever the reads', () => {
    const pasted = feed(INITIAL_EDITOR_STATE, ['\u001b[200~', 'one\rtwo\r', 'three', '\u001b[201~']);
    assert.deepEqual(pasted.effects, []);
    assert.equal(pasted.shown, 'one\ntwo\nthree|');
  });
});

describe('editor reducer: two Escapes in one read', () => {
  it('open the picker too (they decode as Alt+Escape)', () => {
    assert.deepEqual(run(INITIAL_EDITOR_STATE, ['\u001b\u001b'], { history: ['only'] }).state.picker, { selected: 0 });
  });
});

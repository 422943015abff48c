import assert from 'node:assert/strict';
import { test } from 'node:test';
import { textWidth, type Line } from '../../../../src/ui/markdown/styledText.js';
import { addNotice, addUserPrompt, emptyConversation, type ConversationItem, type ToolItem } from '../../../../src/ui/app/conversationState.js';
import { itemLines } from '../../../../src/ui/app/transcript/itemLines.js';
import { plainText } from '../../../../src/ui/app/transcript/search.js';
import { terminalText } from '../../../../src/ui/app/transcript/terminalText.js';
import { ItemLineCache, layoutTranscript, transcriptItems } from '../../../../src/ui/app/transcript/transcriptLayout.js';

const text = (lines: readonly Line[]) => lines.map(plainText);
const render = (item: ConversationItem, width = 60, color = true) => text(itemLines(item, { width, color, cwd: '/repo' }));

function tool(overrides: Partial<ToolItem>): ToolItem {
  return { kind: 'tool', id: 't1', name: 'Bash', input: { command: 'ls' }, status: 'done', startedAt: 0, durationMs: 1200, ...overrides };
}

test('a tool call shows its whole command and its whole output, not the three-line preview', () => {
  const output = Array.from({ length: 50 }, (_, i) => `row ${i + 1}`).join('\n');
  const command = 'for f in *.ts; do\n  wc -l "$f"\ndone';
  const lines = render(tool({ input: { command, description: 'Count lines' }, result: output }));
  assert.equal(lines[0], '');
  assert.match(lines[1]!, /^● Bash\(for f in \*\.ts; do .*\) · done 1\.2s$/);
  assert.deepEqual(lines.slice(2, 6), ['  $ for f in *.ts; do', '      wc -l "$f"', '    done', '  description: Count lines']);
  assert.equal(lines[6], '  ⎿ row 1');
  assert.equal(lines.at(-1), '    row 50');
  assert.equal(lines.filter((line) => /row \d+$/.test(line)).length, 50);
});

test('an error result is marked and coloured; colour codes in the output never reach the terminal', () => {
  const lines = itemLines(tool({ status: 'error', result: '\x1b[31mfatal:\x1b[0m not a git repository' }), { width: 60, color: true });
  assert.match(plainText(lines[1]!), /· error/);
  const result = lines.find((line) => plainText(line).includes('fatal'))!;
  assert.equal(plainText(result), '  ⎿ fatal: not a git repository');
  assert.ok(result.some((span) => span.style.fg === 'red'));
});

test('long output lines are cut at the width, never lost, and no line is wider than the width', () => {
  const long = 'x'.repeat(130);
  const lines = itemLines(tool({ result: long }), { width: 40, color: true });
  assert.ok(lines.every((line) => textWidth(plainText(line)) <= 40));
  assert.equal(text(lines).join('').replace(/[^x]/g, '').length, 130);
});

test('an Edit shows the diff of the replaced text; MultiEdit one diff per edit', () => {
  const edit = render(tool({ name: 'Edit', input: { file_path: '/repo/src/app.ts', old_string: 'const a = 1;\nconst b = 2;', new_string: 'const a = 1;\nconst b = 3;' }, result: 'The file was updated.' }));
  assert.match(edit[1]!, /● Edit\(src\/app\.ts\)/);
  assert.ok(edit.includes('  src/app.ts +1 −1'));
  assert.ok(edit.some((line) => /^ {2}- const b = 2;$/.test(line)));
  assert.ok(edit.some((line) => /^ {2}\+ const b = 3;$/.test(line)));
  const multi = render(tool({ name: 'MultiEdit', input: { file_path: 'a.txt', edits: [{ old_string: 'one', new_string: 'uno' }, { old_string: 'two', new_string: 'dos' }] } }));
  assert.equal(multi.filter((line) => line.startsWith('  a.txt +1 −1')).length, 2);
});

test('other tools show every argument; text over several lines as a block', () => {
  const lines = render(tool({ name: 'Grep', input: { pattern: 'TODO', glob: '*.ts', head_limit: 20, note: 'first\nsecond' }, result: 'a.ts:1: TODO' }));
  assert.deepEqual(lines.slice(2, 8), ['  pattern: TODO', '  glob: *.ts', '  head_limit: 20', '  note:', '    first', '    second']);
  const running = render(tool({ status: 'running', result: undefined, durationMs: undefined }));
  assert.match(running[1]!, /· running$/);
  assert.equal(running.at(-1), '  ⎿ running…');
});

test('thinking is shown in full, dimmed; prompts, answers (as Markdown) and notices in order', () => {
  const thought = 'I should look at the failing test first, then read the module it imports. '.repeat(3).trim();
  const lines = itemLines({ kind: 'thinking', id: 'th', text: thought }, { width: 40, color: true });
  assert.ok(lines.slice(1).every((line) => line.every((span) => span.text.trim() === '' || (span.style.dim && span.style.italic))));
  assert.equal(text(lines).join(' ').replace(/\s+/g, ' ').replace('✻ ', '').trim(), thought);
  let conversation = addNotice(emptyConversation(), 'wright · model');
  conversation = addUserPrompt(conversation, 'explain');
  conversation = { ...conversation, finished: [...conversation.finished, { kind: 'assistant', id: 'a', text: '# Title\n\n- **one**\n- two' }] };
  const layout = new ItemLineCache({}).layout(conversation, 60, true);
  assert.deepEqual(text(layout.lines), ['⎿ wright · model', '', '> explain', '', '# Title', '', '• one', '• two']);
  assert.deepEqual(layout.starts, [0, 1, 3]);
});

test('wrapping follows the width: prose re-flows, every line fits', () => {
  const prompt: ConversationItem = { kind: 'user', id: 'u', text: 'please refactor the session controller so that it no longer imports the renderer' };
  for (const width of [20, 33, 80]) {
    const lines = render(prompt, width);
    assert.ok(lines.every((line) => textWidth(line) <= width), `width ${width}`);
    assert.equal(lines.slice(1).join(' ').replace(/^> /, '').replace(/\s+/g, ' '), prompt.text);
  }
  assert.deepEqual(render(prompt, 20).slice(1, 3), ['> please refactor', '  the session']);
});

test('live items follow the finished ones: the streaming answer, then running tools', () => {
  const conversation = {
    ...emptyConversation(),
    finished: [{ kind: 'user' as const, id: 'u', text: 'go' }],
    streaming: [{ kind: 'text' as const, text: 'Done part. Streaming part', committed: 11 }],
    running: [tool({ id: 'r', status: 'running', result: undefined })],
  };
  const items = transcriptItems(conversation);
  assert.deepEqual(items.map((item) => item.kind), ['user', 'assistant', 'tool']);
  assert.equal(items[1]!.kind === 'assistant' && items[1]!.text, 'Streaming part');
});

test('item lines are cached per item and width', () => {
  const item: ConversationItem = { kind: 'user', id: 'u', text: 'hello there' };
  const cache = new ItemLineCache({});
  const first = cache.linesOf(item, 40, true);
  assert.equal(cache.linesOf(item, 40, true), first);
  assert.notEqual(cache.linesOf(item, 30, true), first);
  let calls = 0;
  layoutTranscript([item, item], (it) => (calls++, cache.linesOf(it, 30, true)));
  assert.equal(calls, 2);
});

test('NO_COLOR drops colours but keeps emphasis; blank lines still take a row', () => {
  const line: Line = [{ text: 'ok', style: { fg: 'green', bold: true } }, { text: ' match', style: { inverse: true, bg: 'red' } }];
  assert.equal(terminalText(line, false), '\x1b[1mok\x1b[22m\x1b[7m match\x1b[27m');
  assert.equal(terminalText(line, true), '\x1b[1;32mok\x1b[22;39m\x1b[7;41m match\x1b[27;49m');
  assert.equal(terminalText([], false), ' ');
});

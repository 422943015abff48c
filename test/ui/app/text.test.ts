import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderAssistantText, wrapText } from '../../../src/ui/app/text.js';
import { formatDuration, resultPreview, toolCallLabel } from '../../../src/ui/app/toolSummary.js';

test('assistant text is wrapped at word boundaries to the width, keeping its own line breaks', () => {
  const out = renderAssistantText('one two three four five six\nseven', 10);
  assert.deepEqual(out.split('\n'), ['one two', 'three four', 'five six', 'seven']);
  for (const line of out.split('\n')) assert.ok(line.length <= 10);
});

test('assistant text is Markdown: headings, lists, emphasis and code are rendered, not shown raw', () => {
  const out = renderAssistantText('# Plan\n\n- **read** the `code`\n- fix it\n\n```js\nconst x = 1;\n```', 40, false);
  assert.match(out, /^# Plan\n\n/);
  assert.match(out, /• read the `code`/);
  assert.doesNotMatch(out, /\*\*/);
  assert.match(out, /const x = 1;/);
  assert.match(renderAssistantText('**bold**', 40, true), /\u001b\[1m/);
});

test('words longer than the width are broken, indentation is kept on the first line', () => {
  assert.deepEqual(wrapText('abcdefghijklmnopqrstuvwxyz', 10).split('\n'), ['abcdefghij', 'klmnopqrst', 'uvwxyz']);
  assert.deepEqual(wrapText('    indented words here', 12).split('\n'), ['    indented', 'words here']);
});

test('tool calls are labelled by their key argument, paths relative to the working directory', () => {
  assert.equal(toolCallLabel('Bash', { command: 'npm   test', description: 'Run tests' }), 'Bash(npm test)');
  assert.equal(toolCallLabel('Read', { file_path: '/repo/src/app.ts' }, '/repo'), 'Read(src/app.ts)');
  assert.equal(toolCallLabel('Edit', { file_path: '/elsewhere/x.ts' }, '/repo'), 'Edit(/elsewhere/x.ts)');
  assert.equal(toolCallLabel('TodoWrite', { todos: [] }), 'TodoWrite');
  assert.equal(toolCallLabel('Bash', { command: 'x'.repeat(100) }, undefined, 20), `Bash(${'x'.repeat(19)}…)`);
});

test('a result preview shows the first lines and counts the rest', () => {
  assert.deepEqual(resultPreview('a\n\nb\nc\nd\ne', 3), ['a', 'b', 'c', '… +2 lines']);
  assert.deepEqual(resultPreview('<tool_use_error>No such file</tool_use_error>'), ['No such file']);
  assert.deepEqual(resultPreview([{ type: 'text', text: 'hello' }]), ['hello']);
});

test('durations read naturally', () => {
  assert.equal(formatDuration(850), '850ms');
  assert.equal(formatDuration(3200), '3.2s');
  assert.equal(formatDuration(125_000), '2m 5s');
});

test('a long streaming answer shows only its latest lines, with a note of how many are above', async () => {
  const { latestLines } = await import('../../../src/ui/app/ConversationItemView.js');
  const rendered = Array.from({ length: 50 }, (_, i) => `line ${i + 1}`).join('\n');
  const shown = latestLines(rendered, 10).split('\n');
  assert.equal(shown.length, 10);
  assert.equal(shown[0], '… 41 lines above (all shown when the answer is complete)');
  assert.equal(shown.at(-1), 'line 50');
  assert.equal(latestLines('a\nb', 10), 'a\nb');
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { attachmentBlocks } from '../../src/context/compaction/compactionAttachments.js';
import { invokedSkills, SKILL_CHARS, SKILLS_TOTAL_CHARS } from '../../src/context/compaction/invokedSkills.js';
import type { Message } from '../../src/model/types.js';

const WINDOW = 200_000;
let ids = 0;

function load(skill: string, result: string, isError = false): Message[] {
  const id = `toolu_${ids++}`;
  return [
    { role: 'assistant', content: [{ type: 'tool_use', id, name: 'Skill', input: { skill } }] },
    { role: 'user', content: [{ type: 'tool_result', tool_use_id: id, content: [{ type: 'text', text: result }], ...(isError ? { is_error: true } : {}) }] },
  ];
}

test('the newest successful load of each skill is kept, newest first; failed loads and other tools are not', () => {
  const messages: Message[] = [
    { role: 'user', content: 'start' },
    ...load('pdf', 'pdf v1'),
    ...load('review', 'review body'),
    ...load('pdf', 'pdf v2'),
    ...load('ghost', 'Unknown skill "ghost".', true),
    { role: 'assistant', content: [{ type: 'tool_use', id: 'r1', name: 'Read', input: { file_path: '/x' } }] },
    { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'r1', content: 'file text' }] },
  ];
  assert.deepEqual(invokedSkills(messages, WINDOW), [
    { name: 'pdf', text: 'pdf v2', truncated: false },
    { name: 'review', text: 'review body', truncated: false },
  ]);
});

test('a skill the user ran as /name counts; a custom command (no base directory) does not', () => {
  const skillPrompt = '<command-message>deploy is running…</command-message>\n<command-name>/deploy</command-name>\n<command-args>prod</command-args>\n\nBase directory for this skill: /repo/.wright/skills/deploy\n\nShip it to prod.';
  const commandPrompt = '<command-message>lint is running…</command-message>\n<command-name>/lint</command-name>\n\nRun the linter.';
  const messages: Message[] = [
    { role: 'user', content: skillPrompt },
    { role: 'assistant', content: 'ok' },
    { role: 'user', content: [{ type: 'text', text: commandPrompt }] },
  ];
  assert.deepEqual(invokedSkills(messages, WINDOW), [{ name: 'deploy', text: 'Base directory for this skill: /repo/.wright/skills/deploy\n\nShip it to prod.', truncated: false }]);
});

test('each skill is cut to its budget, and all of them to the total and a tenth of the window', () => {
  const big = 'x'.repeat(SKILL_CHARS + 10);
  const messages = Array.from({ length: 8 }, (_, i) => load(`s${i}`, big)).flat();
  const kept = invokedSkills(messages, WINDOW);
  assert.ok(kept.every((skill) => skill.truncated && skill.text.length <= SKILL_CHARS));
  assert.ok(kept.reduce((sum, skill) => sum + skill.text.length, 0) <= SKILLS_TOTAL_CHARS);
  assert.equal(kept[0]!.name, 's7');
  const small = invokedSkills(messages, 8_000);
  assert.equal(small.reduce((sum, skill) => sum + skill.text.length, 0), (8_000 * 4) / 10);
});

test('the re-attached skill says where it came from and when it was cut', () => {
  const [block] = attachmentBlocks({ todos: [], plan: null, files: [], skills: [{ name: 'pdf', text: 'Use pdftotext.', truncated: true }] });
  assert.match(block!.text, /^The skill "pdf" was loaded earlier in this conversation and still applies \(cut short: load the skill again/);
  assert.match(block!.text, /Use pdftotext\.$/);
});

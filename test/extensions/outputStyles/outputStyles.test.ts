import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatOutputStyles, loadOutputStyleCatalog } from '../../../src/extensions/outputStyles/outputStyleCatalog.js';
import { buildSystemPrompt } from '../../../src/context/systemPrompt.js';
import { CORE_INSTRUCTIONS } from '../../../src/context/coreInstructions.js';
import { extensionRootsWith } from '../extensionRootsWith.js';

const roots = extensionRootsWith;

const PIRATE = '---\nname: Pirate\ndescription: Talks like a pirate\n---\nAnswer like a pirate.\n';

test('built-ins are there and Default is chosen when nothing is set', () => {
  const catalog = loadOutputStyleCatalog(roots({}), undefined);
  assert.deepEqual(catalog.styles.map((style) => style.name), ['Default', 'Explanatory', 'Learning']);
  assert.equal(catalog.selected.name, 'Default');
  assert.deepEqual(catalog.warnings, []);
});

test('custom styles come from ~/.wright, ~/.claude, .wright and .claude; the project overrides the user', () => {
  const r = roots({
    'home/.claude/output-styles/terse.md': '---\ndescription: Few words\n---\nUse few words.\n',
    'home/.wright/output-styles/pirate.md': PIRATE,
    'repo/.claude/output-styles/teacher.md': '---\nname: Teacher\nkeep-coding-instructions: true\n---\nTeach.\n',
    'repo/.wright/output-styles/pirate.md': '---\nname: pirate\ndescription: Project pirate\n---\nArr, project.\n',
  });
  const catalog = loadOutputStyleCatalog(r, 'PIRATE');
  assert.deepEqual(catalog.styles.map((style) => style.name).sort(), ['Default', 'Explanatory', 'Learning', 'Teacher', 'pirate', 'terse']);
  assert.equal(catalog.selected.prompt, 'Arr, project.');
  assert.equal(catalog.selected.source, 'project');
  assert.equal(catalog.selected.keepCodingInstructions, false);
  const terse = catalog.styles.find((style) => style.name === 'terse')!;
  assert.equal(terse.source, 'user');
  assert.equal(catalog.styles.find((style) => style.name === 'Teacher')!.keepCodingInstructions, true);
});

test('an unknown style name warns and falls back to Default; a broken file is skipped with a warning', () => {
  const r = roots({ 'repo/.wright/output-styles/bad.md': '---\nname: Bad\n' });
  const catalog = loadOutputStyleCatalog(r, 'Nope');
  assert.equal(catalog.selected.name, 'Default');
  assert.equal(catalog.warnings.length, 2);
  assert.match(catalog.warnings[0]!, /bad\.md: front matter line 1/);
  assert.match(catalog.warnings[1]!, /Unknown output style "Nope".*using Default/);
});

test('the listing marks the current style and says when a change applies', () => {
  const catalog = loadOutputStyleCatalog(roots({}), 'learning');
  const text = formatOutputStyles(catalog.styles, catalog.selected.name);
  assert.match(text, /^Output style: Learning/);
  assert.match(text, /● Learning/);
  assert.match(text, /next session \(or \/clear\)/);
});

const base = { model: 'm', cwd: '/w', git: null, date: '2026-01-01', platform: 'linux', osVersion: 'Linux 6' };

test('Default leaves the system prompt as it was; a style is appended, keeping or dropping the coding instructions', () => {
  assert.equal(buildSystemPrompt({ ...base, outputStyle: { name: 'Default', prompt: '', keepCodingInstructions: true } }), buildSystemPrompt(base));
  const kept = buildSystemPrompt({ ...base, outputStyle: { name: 'Explanatory', prompt: 'Add insights.', keepCodingInstructions: true }, appendSystemPrompt: 'LAST' });
  assert.ok(kept.startsWith(CORE_INSTRUCTIONS));
  assert.match(kept, /# Output style: Explanatory\nAdd insights\.\n\nLAST$/);
  const dropped = buildSystemPrompt({ ...base, outputStyle: { name: 'Pirate', prompt: 'Arr.', keepCodingInstructions: false } });
  assert.ok(!dropped.includes('# How to work'));
  assert.ok(!dropped.includes('# Verifying'));
  assert.match(dropped, /# Safety/);
  assert.match(dropped, /Working directory: \/w/);
  assert.match(dropped, /# Output style: Pirate\nArr\.$/);
});

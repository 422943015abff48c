import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadMemoryFiles } from '../../src/context/memoryFiles.js';
import { loadMemoryRules } from '../../src/context/memoryRules.js';
import { NestedMemory } from '../../src/context/nestedMemory.js';

function repository() {
  const root = mkdtempSync(join(tmpdir(), 'wright-nested-'));
  const home = mkdtempSync(join(tmpdir(), 'wright-home-'));
  const files: Record<string, string> = {
    'WRIGHT.md': 'root memory',
    'api/AGENTS.md': 'api memory',
    'api/v2/CLAUDE.md': 'v2 memory',
    'api/v2/handler.ts': 'code',
    'web/WRIGHT.md': 'web memory',
    'web/page.tsx': 'code',
    '.wright/rules/always.md': 'always rule',
    '.wright/rules/tests.md': '---\npaths: ["**/*.test.ts"]\n---\nwrite tests with node:test',
    '.claude/rules/sql.md': '---\npaths: db/**\n---\nno raw SQL',
    'db/schema.sql': 'create table t();',
  };
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return { root, home };
}

async function setUp(cwd: (root: string) => string) {
  const { root, home } = repository();
  const start = await loadMemoryFiles({ cwd: cwd(root), projectRoot: root, configDir: join(home, '.wright'), home });
  const rules = await loadMemoryRules({ projectRoot: root, configDir: join(home, '.wright'), home });
  const nested = new NestedMemory({ cwd: cwd(root), projectRoot: root, home, loadedAtStart: start.canonicalPaths, scopedRules: rules.rules.filter((rule) => rule.globs.length > 0) });
  return { root, start, rules, nested };
}

test('memory below the working directory is attached once, when a file there is first touched, nearest last', async () => {
  const { root, start, nested } = await setUp((root) => root);
  assert.deepEqual(start.files.map((file) => file.content), ['root memory']);
  const first = await nested.discover([join(root, 'api', 'v2', 'handler.ts')]);
  assert.match(first ?? '', /api memory[\s\S]*v2 memory/);
  assert.doesNotMatch(first ?? '', /root memory/, 'what was loaded at start is not repeated');
  assert.equal(await nested.discover([join(root, 'api', 'v2', 'other.ts')]), null, 'only the first time');
  assert.match((await nested.discover([join(root, 'web', 'page.tsx')])) ?? '', /web memory/);
  assert.equal(await nested.discover(['/etc/hosts', join(root, 'README.md')]), null, 'outside the project or at its root: nothing');
  nested.reset();
  assert.match((await nested.discover([join(root, 'api', 'v2', 'handler.ts')])) ?? '', /api memory/, 'after a compaction, attached again');
});

test('directories between the root and a deeper working directory were loaded at start', async () => {
  const { root, start, nested } = await setUp((root) => join(root, 'api'));
  assert.deepEqual(start.files.map((file) => file.content), ['root memory', 'api memory']);
  const reminder = await nested.discover([join(root, 'api', 'v2', 'handler.ts')]);
  assert.match(reminder ?? '', /v2 memory/);
  assert.doesNotMatch(reminder ?? '', /api memory/);
});

test('rules: unscoped ones always apply; scoped ones when a file matching their paths is touched', async () => {
  const { root, rules, nested } = await setUp((root) => root);
  assert.deepEqual(rules.rules.filter((rule) => rule.globs.length === 0).map((rule) => rule.content), ['always rule']);
  assert.equal(await nested.discover([join(root, 'api', 'handler.ts')]).then((text) => /node:test/.test(text ?? '')), false);
  assert.match((await nested.discover([join(root, 'api', 'handler.test.ts')])) ?? '', /write tests with node:test/);
  assert.match((await nested.discover([join(root, 'db', 'schema.sql')])) ?? '', /no raw SQL/, '.claude/rules are honoured too');
  assert.equal(await nested.discover([join(root, 'db', 'other.sql')]), null);
});

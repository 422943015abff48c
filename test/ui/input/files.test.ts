import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { after, describe, it } from 'node:test';
import { forgetFileIndex, listProjectFiles, projectPaths } from '../../../src/ui/input/fileIndex.js';
import { MAX_FILE_CHARS, expandFileMentions, findFileMentions } from '../../../src/ui/input/fileMentions.js';
import { makeTempDir, removeTempDirs } from './inputHarness.js';

after(removeTempDirs);

function project(files: Record<string, string | Buffer>): string {
  const dir = makeTempDir();
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}

describe('project file list for @ completion', () => {
  it('lists files with ripgrep, respecting .gitignore outside a git repository, hidden files included', async () => {
    const dir = project({
      '.gitignore': 'dist/\n*.log\n',
      'src/app.ts': '',
      'dist/app.js': '',
      'debug.log': '',
      '.github/ci.yml': '',
      '.git/HEAD': '',
    });
    assert.deepEqual((await listProjectFiles(dir)).sort(), ['.github/ci.yml', '.gitignore', 'src/app.ts']);
  });
  it('caches the list per directory until forgotten', async () => {
    const dir = project({ 'a.ts': '' });
    assert.deepEqual(await projectPaths(dir), ['a.ts']);
    writeFileSync(join(dir, 'b.ts'), '');
    assert.deepEqual(await projectPaths(dir), ['a.ts']);
    forgetFileIndex(dir);
    assert.deepEqual(await projectPaths(dir), ['a.ts', 'b.ts']);
  });
});

describe('expandFileMentions', () => {
  it('keeps the mentions and appends the contents of mentioned files', async () => {
    const dir = project({ 'src/app.ts': 'export const x = 1;\n', 'notes.md': '# Notes' });
    const expanded = await expandFileMentions('compare @src/app.ts with @notes.md, please', dir);
    assert.equal(
      expanded,
      'compare @src/app.ts with @notes.md, please\n\n' +
        '<file path="src/app.ts">\nexport const x = 1;\n\n</file>\n\n<file path="notes.md">\n# Notes\n</file>',
    );
  });
  it('leaves text without existing files unchanged, ignores directories and e-mail addresses', async () => {
    const dir = project({ 'src/a.ts': 'a' });
    const text = 'ask bob@a.ts about @missing.ts and @src';
    assert.equal(await expandFileMentions(text, dir), text);
  });
  it('understands quoted paths with spaces and includes each file once', async () => {
    const dir = project({ 'my docs/plan.md': 'plan' });
    const expanded = await expandFileMentions('@"my docs/plan.md" and again @"my docs/plan.md"', dir);
    assert.equal(expanded.match(/<file /g)?.length, 1);
    assert.match(expanded, /<file path="my docs\/plan.md">\nplan\n<\/file>$/);
  });
  it('caps a large file and says it was truncated', async () => {
    const dir = project({ 'big.txt': 'x'.repeat(MAX_FILE_CHARS + 500) });
    const expanded = await expandFileMentions('@big.txt', dir);
    assert.match(expanded, /<file path="big.txt" truncated="true">/);
    assert.match(expanded, /\[Truncated: .*Use the Read tool/);
    assert.ok(expanded.length < MAX_FILE_CHARS + 1000);
  });
  it('caps a file by lines', async () => {
    const dir = project({ 'long.txt': 'l\n'.repeat(5000) });
    const expanded = await expandFileMentions('@long.txt', dir);
    assert.match(expanded, /truncated="true"/);
    assert.match(expanded, /only the first 2000 lines/);
  });
  it('does not inline binary files', async () => {
    const dir = project({ 'image.png': Buffer.from([0x89, 0x50, 0x00, 0x01]) });
    assert.match(await expandFileMentions('@image.png', dir), /<file path="image.png" binary="true">Binary file/);
  });
  it('finds mentions at the start, after spaces and new lines, and quoted', () => {
    assert.deepEqual(findFileMentions('@a.ts x@b.ts\n@c.ts @"d e.ts"'), ['a.ts', 'c.ts', 'd e.ts']);
  });
});

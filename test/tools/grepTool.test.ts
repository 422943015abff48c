import assert from 'node:assert/strict';
import { mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { after, describe, it } from 'node:test';
import { grepTool } from '../../src/tools/grepTool.js';
import { makeContext, makeTempDir, removeTempDirs, textOf } from './toolTestContext.js';

after(removeTempDirs);

/** Files with mtimes one minute apart in the given order (first = oldest). */
function tree(files: Record<string, string>): string {
  const dir = makeTempDir();
  const base = Date.now() / 1000 - 3600;
  Object.entries(files).forEach(([file, content], index) => {
    const path = join(dir, file);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
    utimesSync(path, base + index * 60, base + index * 60);
  });
  return dir;
}

const SOURCE = ['first line', 'before', 'const needle = 1;', 'after', 'last line', ''].join('\n');

describe('Grep', () => {
  it('lists matching files by default, absolute and newest first', async () => {
    const dir = tree({ 'old.ts': 'needle', 'none.ts': 'hay', 'sub/new.ts': 'needle too' });
    const result = await grepTool.run({ pattern: 'needle' }, makeContext(dir));
    assert.equal(textOf(result), `Found 2 files\n${join(dir, 'sub/new.ts')}\n${join(dir, 'old.ts')}`);
  });

  it('shows matching lines with line numbers in content mode', async () => {
    const dir = tree({ 'a.ts': SOURCE });
    const result = await grepTool.run({ pattern: 'needle', output_mode: 'content' }, makeContext(dir));
    assert.equal(textOf(result), `${join(dir, 'a.ts')}:3:const needle = 1;`);
  });

  it('omits line numbers when -n is false', async () => {
    const dir = tree({ 'a.ts': SOURCE });
    const result = await grepTool.run({ pattern: 'needle', output_mode: 'content', '-n': false }, makeContext(dir));
    assert.equal(textOf(result), `${join(dir, 'a.ts')}:const needle = 1;`);
  });

  it('adds context lines with -A, -B and -C', async () => {
    const dir = tree({ 'a.ts': SOURCE });
    const ctx = makeContext(dir);
    const file = join(dir, 'a.ts');
    const after1 = textOf(await grepTool.run({ pattern: 'needle', output_mode: 'content', '-A': 1 }, ctx));
    assert.equal(after1, `${file}:3:const needle = 1;\n${file}-4-after`);
    const before1 = textOf(await grepTool.run({ pattern: 'needle', output_mode: 'content', '-B': 1 }, ctx));
    assert.equal(before1, `${file}-2-before\n${file}:3:const needle = 1;`);
    const around = textOf(await grepTool.run({ pattern: 'needle', output_mode: 'content', '-C': 2 }, ctx));
    assert.equal(around.split('\n').length, 5);
  });

  it('counts matches per file in count mode', async () => {
    const dir = tree({ 'a.txt': 'x\nx\ny\n', 'b.txt': 'x\n' });
    const text = textOf(await grepTool.run({ pattern: 'x', output_mode: 'count' }, makeContext(dir)));
    assert.ok(text.includes(`${join(dir, 'a.txt')}:2`));
    assert.ok(text.includes(`${join(dir, 'b.txt')}:1`));
    assert.match(text, /Found 3 matching lines in 2 files/);
  });

  it('limits output lines or entries with head_limit', async () => {
    const dir = tree({ 'many.txt': Array.from({ length: 20 }, (_, i) => `hit ${i}`).join('\n') });
    const content = textOf(await grepTool.run({ pattern: 'hit', output_mode: 'content', head_limit: 3 }, makeContext(dir)));
    assert.equal(content.split('\n').filter((line) => line.includes(':hit ')).length, 3);
    assert.match(content, /first 3 of 20/);

    const filesDir = tree({ 'a.txt': 'hit', 'b.txt': 'hit', 'c.txt': 'hit' });
    const files = textOf(await grepTool.run({ pattern: 'hit', head_limit: 1 }, makeContext(filesDir)));
    assert.equal(files.split('\n').filter((line) => line.startsWith(filesDir)).length, 1);
    assert.match(files, /Found 3 files/);
  });

  it('reports no matches without an error', async () => {
    const dir = tree({ 'a.txt': 'nothing here' });
    const result = await grepTool.run({ pattern: 'absent' }, makeContext(dir));
    assert.equal(result.isError, undefined);
    assert.equal(textOf(result), 'No matches found');
  });

  it("reports ripgrep's own error for an invalid regex", async () => {
    const dir = tree({ 'a.txt': 'x' });
    const result = await grepTool.run({ pattern: 'foo(' }, makeContext(dir));
    assert.equal(result.isError, true);
    assert.match(textOf(result), /regex/i);
  });

  it('reports an unknown file type as an error', async () => {
    const dir = tree({ 'a.txt': 'x' });
    const result = await grepTool.run({ pattern: 'x', type: 'no-such-type' }, makeContext(dir));
    assert.equal(result.isError, true);
    assert.match(textOf(result), /no-such-type/);
  });

  it('searches case-insensitively with -i', async () => {
    const dir = tree({ 'a.txt': 'Hello World' });
    const ctx = makeContext(dir);
    assert.equal(textOf(await grepTool.run({ pattern: 'hello' }, ctx)), 'No matches found');
    assert.match(textOf(await grepTool.run({ pattern: 'hello', '-i': true }, ctx)), /Found 1 file/);
  });

  it('filters files by glob and by type', async () => {
    const dir = tree({ 'a.py': 'token', 'b.js': 'token', 'c.md': 'token' });
    const ctx = makeContext(dir);
    assert.equal(textOf(await grepTool.run({ pattern: 'token', glob: '*.py' }, ctx)), `Found 1 file\n${join(dir, 'a.py')}`);
    assert.equal(textOf(await grepTool.run({ pattern: 'token', type: 'js' }, ctx)), `Found 1 file\n${join(dir, 'b.js')}`);
  });

  it('respects .gitignore and skips .git, but searches other hidden files', async () => {
    const dir = tree({
      '.gitignore': 'ignored/\n',
      'ignored/x.txt': 'secret',
      '.git/config': 'secret',
      '.github/workflow.yml': 'secret',
      'kept.txt': 'secret',
    });
    mkdirSync(join(dir, '.git', 'objects'), { recursive: true });
    const found = textOf(await grepTool.run({ pattern: 'secret' }, makeContext(dir))).split('\n').slice(1).sort();
    assert.deepEqual(found, [join(dir, '.github/workflow.yml'), join(dir, 'kept.txt')]);
  });

  it('matches across lines with multiline', async () => {
    const dir = tree({ 'a.ts': 'function f(\n  x\n) {}\n' });
    const ctx = makeContext(dir);
    assert.equal(textOf(await grepTool.run({ pattern: 'f\\(.*\\)', output_mode: 'count' }, ctx)), 'No matches found');
    const result = await grepTool.run({ pattern: 'f\\(.*\\)', multiline: true, output_mode: 'content' }, ctx);
    assert.equal(textOf(result).split('\n').length, 3);
  });

  it('searches a single file given as path, still naming it', async () => {
    const dir = tree({ 'only.txt': 'alpha\nbeta\n' });
    const result = await grepTool.run({ pattern: 'beta', path: 'only.txt', output_mode: 'content' }, makeContext(dir));
    assert.equal(textOf(result), `${join(dir, 'only.txt')}:2:beta`);
  });

  it('treats a pattern starting with a dash as a pattern, not a flag', async () => {
    const dir = tree({ 'a.txt': 'x --flag y' });
    assert.match(textOf(await grepTool.run({ pattern: '--flag' }, makeContext(dir))), /Found 1 file/);
  });

  it('reports a missing path as an error', async () => {
    const dir = tree({});
    const result = await grepTool.run({ pattern: 'x', path: join(dir, 'absent') }, makeContext(dir));
    assert.equal(result.isError, true);
    assert.match(textOf(result), /does not exist/);
  });

  it('returns an error instead of throwing for a pattern ripgrep cannot take', async () => {
    const dir = tree({ 'a.txt': 'x' });
    const result = await grepTool.run({ pattern: 'a\0b' }, makeContext(dir));
    assert.equal(result.isError, true);
  });

  it('does not search once the signal has aborted', async () => {
    const dir = tree({ 'a.txt': 'x' });
    const controller = new AbortController();
    controller.abort();
    const result = await grepTool.run({ pattern: 'x' }, makeContext(dir, { signal: controller.signal }));
    assert.equal(result.isError, true);
    assert.match(textOf(result), /interrupted/);
  });

  it('is read-only', () => {
    assert.equal(grepTool.isReadOnly({ pattern: 'x' }), true);
  });
});

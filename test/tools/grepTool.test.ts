import assert from 'node:assert/strict';
import { mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DEFAULT_HEAD_LIMIT, MAX_GREP_OUTPUT_CHARS, grepTool } from '../../src/tools/grepTool.js';
import { GENERATED_FILES, generatedRepository } from './generatedTree.js';
import { deniesEnvAndSecrets, makeContext, makeTempDir, removeTempDirs, textOf } from './toolTestContext.js';

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

  it('names files whose names contain colons and dashes exactly, with and without line numbers', async () => {
    const dir = tree({ 'odd:1-2.txt': 'a\nneedle\nb\n' });
    const file = join(dir, 'odd:1-2.txt');
    const ctx = makeContext(dir);
    const numbered = textOf(await grepTool.run({ pattern: 'needle', output_mode: 'content', '-C': 1 }, ctx));
    assert.equal(numbered, `${file}-1-a\n${file}:2:needle\n${file}-3-b`);
    const bare = textOf(await grepTool.run({ pattern: 'needle', output_mode: 'content', '-C': 1, '-n': false }, ctx));
    assert.equal(bare, `${file}-a\n${file}:needle\n${file}-b`);
  });
});

describe('Grep with read deny rules', () => {
  const HIDDEN = 'hidden by permission deny rules';
  function project() {
    const dir = tree({
      'secrets/api.txt': 'before\nTOKEN=abc\nafter\n',
      '.env': 'before\nTOKEN=env\nafter\n',
      'config/.env': 'TOKEN=nested\n',
      'app.ts': 'before\nTOKEN=app\nafter\n',
      'lib/other-file:with-colon.ts': 'one\nTOKEN=lib\ntwo\n',
    });
    return { dir, ctx: makeContext(dir, { isReadDenied: deniesEnvAndSecrets(dir) }) };
  }

  it('leaves denied files out of files_with_matches', async () => {
    const { dir, ctx } = project();
    const result = await grepTool.run({ pattern: 'TOKEN' }, ctx);
    const expected = [join(dir, 'lib/other-file:with-colon.ts'), join(dir, 'app.ts')];
    assert.equal(textOf(result), `Found 2 files\n${expected.join('\n')}\n(3 files ${HIDDEN})`);
    assert.deepEqual((result.data as { filenames: string[] }).filenames, expected);
  });

  it('leaves denied files out of counts and the totals', async () => {
    const { dir, ctx } = project();
    const text = textOf(await grepTool.run({ pattern: 'TOKEN', output_mode: 'count' }, ctx));
    assert.deepEqual(text.split('\n').filter((line) => line.startsWith(dir)).sort(), [
      `${join(dir, 'app.ts')}:1`,
      `${join(dir, 'lib/other-file:with-colon.ts')}:1`,
    ]);
    assert.match(text, /Found 2 matching lines in 2 files\./);
    assert.match(text, new RegExp(`\\(3 files ${HIDDEN}\\)`));
  });

  it('removes every content line of a denied file, context lines included, and no separator is left over', async () => {
    const { dir, ctx } = project();
    const text = textOf(await grepTool.run({ pattern: 'TOKEN', output_mode: 'content', '-C': 1 }, ctx));
    assert.doesNotMatch(text, /abc|env|nested|secrets/);
    const lines = text.split('\n');
    assert.equal(lines.at(-1), `(3 files ${HIDDEN})`);
    const body = lines.slice(0, -1);
    const app = join(dir, 'app.ts');
    const lib = join(dir, 'lib/other-file:with-colon.ts');
    const appGroup = [`${app}-1-before`, `${app}:2:TOKEN=app`, `${app}-3-after`];
    const libGroup = [`${lib}-1-one`, `${lib}:2:TOKEN=lib`, `${lib}-3-two`];
    // ripgrep searches files in parallel, so the two groups may come in either order.
    const inOrder = body[0] === appGroup[0] ? [...appGroup, '--', ...libGroup] : [...libGroup, '--', ...appGroup];
    assert.deepEqual(body, inOrder);
  });

  it('drops the binary-file warning of a denied file along with its matches', async () => {
    const binary = Buffer.concat([Buffer.from('TOKEN=bin\n'), Buffer.alloc(100_000, 'a'), Buffer.from('\n\0\n')]);
    const dir = tree({ 'secrets/blob.bin': '', 'visible.txt': 'TOKEN=ok\n' });
    writeFileSync(join(dir, 'secrets/blob.bin'), binary);
    const ctx = makeContext(dir, { isReadDenied: deniesEnvAndSecrets(dir) });
    const text = textOf(await grepTool.run({ pattern: 'TOKEN', output_mode: 'content' }, ctx));
    assert.equal(text, `${join(dir, 'visible.txt')}:1:TOKEN=ok\n(1 file ${HIDDEN})`);
  });

  it('says no matches, with the note, when every match was in a denied file', async () => {
    const { dir, ctx } = project();
    const result = await grepTool.run({ pattern: 'TOKEN=(abc|env)', output_mode: 'content' }, ctx);
    assert.equal(textOf(result), `No matches found\n(2 files ${HIDDEN})`);
    const direct = await grepTool.run({ pattern: 'TOKEN', path: join(dir, '.env'), output_mode: 'content' }, ctx);
    assert.equal(textOf(direct), `No matches found\n(1 file ${HIDDEN})`);
  });

  it('applies head_limit after hiding, so the limit fills with allowed lines', async () => {
    const { ctx } = project();
    const text = textOf(await grepTool.run({ pattern: 'TOKEN', output_mode: 'content', head_limit: 2 }, ctx));
    assert.equal(text.split('\n').filter((line) => line.includes(':2:TOKEN=')).length, 2);
    assert.doesNotMatch(text, /head_limit/);
  });
});

describe('Grep over a generated tree of thousands of files', () => {
  let dir = '';
  const ctx = () => makeContext(dir);
  const listed = (text: string) => text.split('\n').filter((line) => line.startsWith(dir));
  const left = GENERATED_FILES - DEFAULT_HEAD_LIMIT;

  before(() => {
    dir = generatedRepository();
  });

  it(`lists at most ${DEFAULT_HEAD_LIMIT} files by default, saying how many were left out`, async () => {
    const result = await grepTool.run({ pattern: 'match me' }, ctx());
    const text = textOf(result);
    assert.match(text, new RegExp(`^Found ${GENERATED_FILES} files\n`));
    assert.equal(listed(text).length, DEFAULT_HEAD_LIMIT);
    assert.ok(text.endsWith(`[Showing the first ${DEFAULT_HEAD_LIMIT} of ${GENERATED_FILES} files (default head_limit ${DEFAULT_HEAD_LIMIT}); ${left} more not shown. Narrow the search with path, glob or type, or raise head_limit.]`), text.slice(-300));
  });

  it('skips git-ignored files', async () => {
    const result = await grepTool.run({ pattern: 'match me' }, ctx());
    assert.equal((result.data as { numFiles: number }).numFiles, GENERATED_FILES);
    assert.equal(textOf(await grepTool.run({ pattern: 'match me ignored' }, ctx())), 'No matches found');
  });

  it('caps content lines and counts the same way', async () => {
    const content = textOf(await grepTool.run({ pattern: 'match me', output_mode: 'content' }, ctx()));
    assert.equal(listed(content).length, DEFAULT_HEAD_LIMIT);
    assert.match(content, new RegExp(`first ${DEFAULT_HEAD_LIMIT} of ${GENERATED_FILES} lines .*${left} more not shown`));

    const count = textOf(await grepTool.run({ pattern: 'match me', output_mode: 'count' }, ctx()));
    assert.equal(listed(count).length, DEFAULT_HEAD_LIMIT);
    assert.match(count, new RegExp(`Found ${GENERATED_FILES} matching lines in ${GENERATED_FILES} files\\.`));
    assert.match(count, new RegExp(`first ${DEFAULT_HEAD_LIMIT} of ${GENERATED_FILES} files .*${left} more not shown`));
  });

  it('lifts the entry cap with head_limit 0, still within the output size limit', async () => {
    const text = textOf(await grepTool.run({ pattern: 'match me', output_mode: 'content', head_limit: 0 }, ctx()));
    const shown = listed(text).length;
    assert.ok(shown > DEFAULT_HEAD_LIMIT && shown < GENERATED_FILES, `${shown} lines shown`);
    assert.ok(text.length < MAX_GREP_OUTPUT_CHARS + 500);
    assert.match(text, new RegExp(`first ${shown} of ${GENERATED_FILES} lines \\(output size limit\\); ${GENERATED_FILES - shown} more not shown`));
  });

  it('honours an explicit head_limit in the note', async () => {
    const text = textOf(await grepTool.run({ pattern: 'match me', head_limit: 10 }, ctx()));
    assert.equal(listed(text).length, 10);
    assert.match(text, new RegExp(`first 10 of ${GENERATED_FILES} files \\(head_limit 10\\); ${GENERATED_FILES - 10} more not shown`));
  });
});

describe('Grep description', () => {
  it('claims every content search, and states the cap and parallel use', () => {
    assert.match(grepTool.description, /do not run grep or rg through Bash/);
    assert.match(grepTool.description, /Output stops at head_limit lines or entries; a note says how many were left out/);
    assert.match(grepTool.description, /Respects \.gitignore/);
    assert.match(grepTool.description, /in parallel: several calls in one response/);
  });
});

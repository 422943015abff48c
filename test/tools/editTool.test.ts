import assert from 'node:assert/strict';
import { readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { editTool } from '../../src/tools/editTool.js';
import { readTool } from '../../src/tools/readTool.js';
import { makeContext, makeTempDir, removeTempDirs, textOf } from './toolTestContext.js';

after(removeTempDirs);

/** A temp file that has already been Read in the returned context. */
async function readFile(content: string | Buffer, name = 'file.txt') {
  const dir = makeTempDir();
  const path = join(dir, name);
  writeFileSync(path, content);
  const ctx = makeContext(dir);
  await readTool.run({ file_path: path }, ctx);
  return { dir, path, ctx };
}

describe('Edit', () => {
  it('replaces a unique exact match and shows the edited region with line numbers', async () => {
    const { path, ctx } = await readFile('one\ntwo\nthree\nfour\n');
    const result = await editTool.run({ file_path: path, old_string: 'three', new_string: 'THREE' }, ctx);
    assert.equal(result.isError, undefined);
    assert.equal(readFileSync(path, 'utf8'), 'one\ntwo\nTHREE\nfour\n');
    assert.ok(textOf(result).includes('     3\tTHREE'));
    assert.ok(textOf(result).includes('     1\tone'));
  });

  it('requires the file to have been read first', async () => {
    const dir = makeTempDir();
    const path = join(dir, 'unread.txt');
    writeFileSync(path, 'content');
    const result = await editTool.run({ file_path: path, old_string: 'content', new_string: 'x' }, makeContext(dir));
    assert.equal(result.isError, true);
    assert.match(textOf(result), /not been read yet/);
    assert.equal(readFileSync(path, 'utf8'), 'content');
  });

  it('refuses when the file changed on disk since the read', async () => {
    const { path, ctx } = await readFile('abc\n');
    writeFileSync(path, 'abd\n');
    utimesSync(path, new Date(), new Date(Date.now() + 5000));
    const result = await editTool.run({ file_path: path, old_string: 'abd', new_string: 'x' }, ctx);
    assert.equal(result.isError, true);
    assert.match(textOf(result), /modified since read/);
  });

  it('refuses an old_string that occurs more than once and reports the count', async () => {
    const { path, ctx } = await readFile('foo bar foo baz foo\n');
    const result = await editTool.run({ file_path: path, old_string: 'foo', new_string: 'qux' }, ctx);
    assert.equal(result.isError, true);
    assert.match(textOf(result), /Found 3 matches.*replace_all/);
    assert.equal(readFileSync(path, 'utf8'), 'foo bar foo baz foo\n');
  });

  it('replaces every occurrence with replace_all and reports how many', async () => {
    const { path, ctx } = await readFile('foo bar foo baz foo\n');
    const result = await editTool.run({ file_path: path, old_string: 'foo', new_string: 'qux', replace_all: true }, ctx);
    assert.equal(result.isError, undefined);
    assert.equal(readFileSync(path, 'utf8'), 'qux bar qux baz qux\n');
    assert.match(textOf(result), /3 occurrences replaced/);
    assert.equal((result.data as { replacements: number }).replacements, 3);
  });

  it('fails when old_string is not found, with no fuzzy fallback', async () => {
    const { path, ctx } = await readFile('  indented line\n');
    const result = await editTool.run({ file_path: path, old_string: 'indented  line', new_string: 'x' }, ctx);
    assert.equal(result.isError, true);
    assert.match(textOf(result), /not found/);
    assert.equal(readFileSync(path, 'utf8'), '  indented line\n');
  });

  it('hints when old_string carries Read line-number prefixes', async () => {
    const { path, ctx } = await readFile('alpha\nbeta\n');
    const result = await editTool.run({ file_path: path, old_string: '     1\talpha', new_string: 'x' }, ctx);
    assert.equal(result.isError, true);
    assert.match(textOf(result), /line-number prefixes/);
  });

  it('refuses identical old_string and new_string', async () => {
    const { path, ctx } = await readFile('same\n');
    const result = await editTool.run({ file_path: path, old_string: 'same', new_string: 'same' }, ctx);
    assert.equal(result.isError, true);
    assert.match(textOf(result), /identical/);
  });

  it('matches LF text against a CRLF file and writes CRLF and the BOM back', async () => {
    const { path, ctx } = await readFile(Buffer.from('\uFEFFfirst\r\nsecond\r\nthird\r\n', 'utf8'));
    const result = await editTool.run({ file_path: path, old_string: 'first\nsecond', new_string: 'one\ntwo\nextra' }, ctx);
    assert.equal(result.isError, undefined);
    assert.deepEqual(readFileSync(path), Buffer.from('\uFEFFone\r\ntwo\r\nextra\r\nthird\r\n', 'utf8'));
  });

  it('keeps replacement text literal ($& and $1 are not patterns)', async () => {
    const { path, ctx } = await readFile('price: X\n');
    await editTool.run({ file_path: path, old_string: 'X', new_string: '$& $1 $$' }, ctx);
    assert.equal(readFileSync(path, 'utf8'), 'price: $& $1 $$\n');
  });

  it('allows consecutive edits without reading again', async () => {
    const { path, ctx } = await readFile('a b c\n');
    assert.equal((await editTool.run({ file_path: path, old_string: 'a', new_string: 'A' }, ctx)).isError, undefined);
    assert.equal((await editTool.run({ file_path: path, old_string: 'b', new_string: 'B' }, ctx)).isError, undefined);
    assert.equal(readFileSync(path, 'utf8'), 'A B c\n');
  });

  it('creates a missing file when old_string is empty', async () => {
    const dir = makeTempDir();
    const path = join(dir, 'sub', 'created.txt');
    const result = await editTool.run({ file_path: path, old_string: '', new_string: 'fresh\n' }, makeContext(dir));
    assert.equal(result.isError, undefined);
    assert.equal(readFileSync(path, 'utf8'), 'fresh\n');
    assert.equal((result.data as { created: boolean }).created, true);
  });

  it('reports a missing file when old_string is not empty', async () => {
    const dir = makeTempDir();
    const result = await editTool.run({ file_path: join(dir, 'nope.txt'), old_string: 'a', new_string: 'b' }, makeContext(dir));
    assert.equal(result.isError, true);
    assert.match(textOf(result), /does not exist/);
  });

  it('refuses an empty old_string on a file with content', async () => {
    const { path, ctx } = await readFile('content\n');
    const result = await editTool.run({ file_path: path, old_string: '', new_string: 'x' }, ctx);
    assert.equal(result.isError, true);
    assert.equal(readFileSync(path, 'utf8'), 'content\n');
  });

  it('is not read-only', () => {
    assert.equal(editTool.isReadOnly({ file_path: '/x', old_string: 'a', new_string: 'b' }), false);
  });
});

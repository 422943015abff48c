import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { multiEditTool } from '../../src/tools/multiEditTool.js';
import { readTool } from '../../src/tools/readTool.js';
import { makeContext, makeTempDir, removeTempDirs, textOf } from './toolTestContext.js';

after(removeTempDirs);

async function readFile(content: string) {
  const dir = makeTempDir();
  const path = join(dir, 'file.txt');
  writeFileSync(path, content);
  const ctx = makeContext(dir);
  await readTool.run({ file_path: path }, ctx);
  return { dir, path, ctx };
}

describe('MultiEdit', () => {
  it('applies edits in order, each to the previous result', async () => {
    const { path, ctx } = await readFile('let a = 1;\nlet b = 2;\n');
    const result = await multiEditTool.run(
      {
        file_path: path,
        edits: [
          { old_string: 'let a = 1;', new_string: 'const a = 1;' },
          { old_string: 'const a', new_string: 'const alpha' },
          { old_string: 'let', new_string: 'var', replace_all: true },
        ],
      },
      ctx,
    );
    assert.equal(result.isError, undefined, textOf(result));
    assert.equal(readFileSync(path, 'utf8'), 'const alpha = 1;\nvar b = 2;\n');
    assert.match(textOf(result), /Applied 3 edits/);
    assert.ok(textOf(result).includes('     1\tconst alpha = 1;'));
  });

  it('writes nothing when any edit fails, and names the failing edit', async () => {
    const { path, ctx } = await readFile('one two three\n');
    const result = await multiEditTool.run(
      {
        file_path: path,
        edits: [
          { old_string: 'one', new_string: '1' },
          { old_string: 'missing', new_string: 'x' },
          { old_string: 'three', new_string: '3' },
        ],
      },
      ctx,
    );
    assert.equal(result.isError, true);
    assert.match(textOf(result), /^Edit 2 of 3 failed: .*not found.*No changes were written/s);
    assert.equal(readFileSync(path, 'utf8'), 'one two three\n');
  });

  it('requires the file to have been read first', async () => {
    const dir = makeTempDir();
    const path = join(dir, 'unread.txt');
    writeFileSync(path, 'x');
    const result = await multiEditTool.run({ file_path: path, edits: [{ old_string: 'x', new_string: 'y' }] }, makeContext(dir));
    assert.equal(result.isError, true);
    assert.match(textOf(result), /not been read yet/);
  });

  it('creates a missing file when the first old_string is empty', async () => {
    const dir = makeTempDir();
    const path = join(dir, 'new.txt');
    const result = await multiEditTool.run(
      { file_path: path, edits: [{ old_string: '', new_string: 'hello world\n' }, { old_string: 'world', new_string: 'there' }] },
      makeContext(dir),
    );
    assert.equal(result.isError, undefined, textOf(result));
    assert.equal(readFileSync(path, 'utf8'), 'hello there\n');
  });

  it('reports a non-unique match in a later edit', async () => {
    const { path, ctx } = await readFile('x y\n');
    const result = await multiEditTool.run(
      { file_path: path, edits: [{ old_string: 'y', new_string: 'x' }, { old_string: 'x', new_string: 'z' }] },
      ctx,
    );
    assert.equal(result.isError, true);
    assert.match(textOf(result), /Edit 2 of 2 failed: Found 2 matches/);
    assert.equal(readFileSync(path, 'utf8'), 'x y\n');
  });

  it('requires at least one edit in its schema', () => {
    assert.equal(multiEditTool.inputSchema.safeParse({ file_path: '/x', edits: [] }).success, false);
    assert.equal(
      multiEditTool.inputSchema.safeParse({ file_path: '/x', edits: [{ old_string: 'a', new_string: 'b' }] }).success,
      true,
    );
  });
});

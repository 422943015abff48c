import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { multiEditTool } from '../../src/tools/multiEditTool.js';
import { readTool } from '../../src/tools/readTool.js';
import { makeContext, makeTempDir, removeTempDirs, textOf } from './toolTestContext.js';

after(removeTempDirs);

async function readFile(content: string | Buffer) {
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

describe('MultiEdit on awkward files', () => {
  it('keeps invalid UTF-8 bytes between two edits and the mixed line endings around them', async () => {
    const original = Buffer.from('alpha = 1;\r\n// caf\xe9\nbeta = 1;\r\n', 'latin1');
    const { path, ctx } = await readFile(original);
    const result = await multiEditTool.run(
      { file_path: path, edits: [{ old_string: 'alpha = 1', new_string: 'alpha = 2' }, { old_string: 'beta = 1', new_string: 'beta = 2' }] },
      ctx,
    );
    assert.equal(result.isError, undefined, textOf(result));
    assert.deepEqual(readFileSync(path), Buffer.from('alpha = 2;\r\n// caf\xe9\nbeta = 2;\r\n', 'latin1'));
  });

  it('names the failing edit when it would overwrite invalid UTF-8, and writes nothing', async () => {
    const original = Buffer.from('one\nt\xffo\n', 'latin1');
    const { path, ctx } = await readFile(original);
    const result = await multiEditTool.run(
      { file_path: path, edits: [{ old_string: 'one', new_string: '1' }, { old_string: 't\uFFFDo', new_string: '2' }] },
      ctx,
    );
    assert.equal(result.isError, true);
    assert.match(textOf(result), /^Edit 2 of 2 failed: This edit would overwrite bytes that are not valid UTF-8 .* on line 2 of .*No changes were written/s);
    assert.deepEqual(readFileSync(path), original);
  });

  it('keeps replacement text literal in every edit', async () => {
    const { path, ctx } = await readFile('A B B\n');
    await multiEditTool.run(
      { file_path: path, edits: [{ old_string: 'A', new_string: '$&$&' }, { old_string: 'B', new_string: '$$1', replace_all: true }] },
      ctx,
    );
    assert.equal(readFileSync(path, 'utf8'), '$&$& $$1 $$1\n');
  });

  it('shows the closest lines of the text as earlier edits left it', async () => {
    const { path, ctx } = await readFile('let total = 0;\nreturn total;\n');
    const result = await multiEditTool.run(
      { file_path: path, edits: [{ old_string: 'let total = 0;', new_string: 'let sum = 0;' }, { old_string: 'return  total;', new_string: 'return sum;' }] },
      ctx,
    );
    assert.equal(result.isError, true);
    assert.match(textOf(result), /^Edit 2 of 2 failed: .*at line 2 \(numbered as the text stands after the earlier edits\).*\n {5}2\treturn total;/s);
    assert.equal(readFileSync(path, 'utf8'), 'let total = 0;\nreturn total;\n');
  });
});

describe('MultiEdit description', () => {
  it('explains order and atomicity', () => {
    assert.match(multiEditTool.description, /all or nothing/);
    assert.match(multiEditTool.description, /each to the text the earlier ones produced/);
  });
});

import assert from 'node:assert/strict';
import { readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { readTool } from '../../src/tools/readTool.js';
import { writeTool } from '../../src/tools/writeTool.js';
import { makeContext, makeTempDir, removeTempDirs, textOf } from './toolTestContext.js';

after(removeTempDirs);

function setup() {
  const dir = makeTempDir();
  return { dir, ctx: makeContext(dir) };
}

describe('Write', () => {
  it('creates a new file and its missing parent directories', async () => {
    const { dir, ctx } = setup();
    const path = join(dir, 'deep', 'er', 'new.txt');
    const result = await writeTool.run({ file_path: path, content: 'hello\n' }, ctx);
    assert.equal(result.isError, undefined);
    assert.match(textOf(result), /created/i);
    assert.equal((result.data as { type: string }).type, 'create');
    assert.equal(readFileSync(path, 'utf8'), 'hello\n');
  });

  it('refuses to overwrite an existing file that was not read', async () => {
    const { dir, ctx } = setup();
    const path = join(dir, 'existing.txt');
    writeFileSync(path, 'original');
    const result = await writeTool.run({ file_path: path, content: 'new' }, ctx);
    assert.equal(result.isError, true);
    assert.match(textOf(result), /has not been read yet\. Read it first/);
    assert.equal(readFileSync(path, 'utf8'), 'original');
  });

  it('overwrites a file that was read, and says it was updated', async () => {
    const { dir, ctx } = setup();
    const path = join(dir, 'existing.txt');
    writeFileSync(path, 'original');
    await readTool.run({ file_path: path }, ctx);
    const result = await writeTool.run({ file_path: path, content: 'replaced\n' }, ctx);
    assert.equal(result.isError, undefined);
    assert.match(textOf(result), /updated/);
    assert.equal((result.data as { type: string }).type, 'update');
    assert.equal(readFileSync(path, 'utf8'), 'replaced\n');
  });

  it('refuses when the file changed on disk since it was read', async () => {
    const { dir, ctx } = setup();
    const path = join(dir, 'moving.txt');
    writeFileSync(path, 'version 1');
    await readTool.run({ file_path: path }, ctx);
    writeFileSync(path, 'version 2');
    utimesSync(path, new Date(), new Date(Date.now() + 5000));
    const result = await writeTool.run({ file_path: path, content: 'mine' }, ctx);
    assert.equal(result.isError, true);
    assert.match(textOf(result), /modified since read.*Read it again/);
    assert.equal(readFileSync(path, 'utf8'), 'version 2');
  });

  it('does not mistake a touch (new mtime, same content) for a change', async () => {
    const { dir, ctx } = setup();
    const path = join(dir, 'touched.txt');
    writeFileSync(path, 'same');
    await readTool.run({ file_path: path }, ctx);
    utimesSync(path, new Date(), new Date(Date.now() + 5000));
    const result = await writeTool.run({ file_path: path, content: 'changed' }, ctx);
    assert.equal(result.isError, undefined);
  });

  it('allows consecutive writes without reading again', async () => {
    const { dir, ctx } = setup();
    const path = join(dir, 'twice.txt');
    writeFileSync(path, 'start');
    await readTool.run({ file_path: path }, ctx);
    assert.equal((await writeTool.run({ file_path: path, content: 'first' }, ctx)).isError, undefined);
    assert.equal((await writeTool.run({ file_path: path, content: 'second' }, ctx)).isError, undefined);
    assert.equal(readFileSync(path, 'utf8'), 'second');
  });

  it('keeps CRLF line endings and the BOM of the file it overwrites', async () => {
    const { dir, ctx } = setup();
    const path = join(dir, 'win.txt');
    writeFileSync(path, '\uFEFFold\r\nlines\r\n');
    await readTool.run({ file_path: path }, ctx);
    await writeTool.run({ file_path: path, content: 'new\nbody\n' }, ctx);
    assert.deepEqual(readFileSync(path), Buffer.from('\uFEFFnew\r\nbody\r\n', 'utf8'));
  });

  it('does not double a BOM the model echoed back', async () => {
    const { dir, ctx } = setup();
    const path = join(dir, 'bom.txt');
    writeFileSync(path, '\uFEFFx\n');
    await readTool.run({ file_path: path }, ctx);
    await writeTool.run({ file_path: path, content: '\uFEFFy\n' }, ctx);
    assert.deepEqual(readFileSync(path), Buffer.from('\uFEFFy\n', 'utf8'));
  });

  it('writes new files with the content exactly as given', async () => {
    const { dir, ctx } = setup();
    const path = join(dir, 'plain.txt');
    await writeTool.run({ file_path: path, content: 'a\nb' }, ctx);
    assert.equal(readFileSync(path, 'utf8'), 'a\nb');
  });

  it('refuses to write over a directory', async () => {
    const { dir, ctx } = setup();
    const result = await writeTool.run({ file_path: dir, content: 'x' }, ctx);
    assert.equal(result.isError, true);
    assert.match(textOf(result), /directory/);
  });

  it('is not read-only', () => {
    assert.equal(writeTool.isReadOnly({ file_path: '/x', content: '' }), false);
  });
});

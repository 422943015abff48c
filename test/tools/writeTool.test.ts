import assert from 'node:assert/strict';
import { chmodSync, lstatSync, readFileSync, symlinkSync, truncateSync, utimesSync, writeFileSync } from 'node:fs';
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

describe('Write on awkward paths and files', () => {
  it('expands ~ and creates the missing directories under it', async () => {
    const home = makeTempDir();
    const ctx = makeContext(makeTempDir(), { env: { ...process.env, HOME: home } });
    const result = await writeTool.run({ file_path: '~/a b/ñ/notes.md', content: '# notes\n' }, ctx);
    assert.equal(result.isError, undefined, textOf(result));
    assert.equal(readFileSync(join(home, 'a b', 'ñ', 'notes.md'), 'utf8'), '# notes\n');
  });

  it('resolves a relative path against the working directory', async () => {
    const { dir, ctx } = setup();
    await writeTool.run({ file_path: 'sub/rel.txt', content: 'x' }, ctx);
    assert.equal(readFileSync(join(dir, 'sub', 'rel.txt'), 'utf8'), 'x');
  });

  it('overwrites the target of a symlink and keeps the link', async () => {
    const { dir, ctx } = setup();
    const target = join(dir, 'real.txt');
    const link = join(dir, 'alias.txt');
    writeFileSync(target, 'old\n');
    symlinkSync(target, link);
    await readTool.run({ file_path: target }, ctx);
    const result = await writeTool.run({ file_path: link, content: 'new\n' }, ctx);
    assert.equal(result.isError, undefined, textOf(result));
    assert.equal(readFileSync(target, 'utf8'), 'new\n');
    assert.ok(lstatSync(link).isSymbolicLink());
  });

  it('refuses to overwrite a binary file it could not have read, saying what to do', async () => {
    const { dir, ctx } = setup();
    const path = join(dir, 'blob.bin');
    writeFileSync(path, Buffer.from([0, 1, 2, 3]));
    const result = await writeTool.run({ file_path: path, content: 'text' }, ctx);
    assert.equal(result.isError, true);
    assert.match(textOf(result), /binary file .*Read cannot show it.*delete it through Bash first/);
    assert.deepEqual(readFileSync(path), Buffer.from([0, 1, 2, 3]));
  });

  it('refuses to overwrite a file over the size limit', async () => {
    const { dir, ctx } = setup();
    const path = join(dir, 'huge.bin');
    writeFileSync(path, '');
    truncateSync(path, 100 * 1024 * 1024);
    const result = await writeTool.run({ file_path: path, content: 'small' }, ctx);
    assert.equal(result.isError, true);
    assert.match(textOf(result), /100\.0 MB, over the 50\.0 MB limit/);
  });

  it('reports a parent path that is a file instead of a directory', async () => {
    const { dir, ctx } = setup();
    writeFileSync(join(dir, 'plain'), '');
    const result = await writeTool.run({ file_path: join(dir, 'plain', 'child.txt'), content: 'x' }, ctx);
    assert.equal(result.isError, true);
    assert.match(textOf(result), /not a directory/);
  });

  it('reports a read-only file as permission denied', { skip: process.getuid?.() === 0 && 'root ignores file modes (the e2e test runs this as an unprivileged user)' }, async () => {
    const { dir, ctx } = setup();
    const path = join(dir, 'locked.txt');
    writeFileSync(path, 'locked\n');
    chmodSync(path, 0o444);
    await readTool.run({ file_path: path }, ctx);
    const result = await writeTool.run({ file_path: path, content: 'open\n' }, ctx);
    assert.match(textOf(result), /^Permission denied: cannot write /);
  });
});

describe('Write description', () => {
  it('steers partial changes to Edit and away from Bash', () => {
    assert.match(writeTool.description, /Missing parent directories are created/);
    assert.match(writeTool.description, /use Edit or MultiEdit/);
    assert.match(writeTool.description, /Do not write files through Bash/);
  });
});

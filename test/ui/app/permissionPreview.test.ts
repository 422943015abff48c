import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { permissionPreview } from '../../../src/ui/app/permissionPreview.js';

let dir = '';
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'wright-preview-'));
  await writeFile(join(dir, 'notes.txt'), 'alpha\r\nbeta\r\ngamma\r\n');
  await writeFile(join(dir, 'blob.bin'), Buffer.from([0, 1, 2, 3, 0, 0, 255]));
});
after(() => rm(dir, { recursive: true, force: true }));

const options = (color = false) => ({ cwd: dir, width: 80, color });

test('MultiEdit applies its edits in order, as the tool does, before diffing', async () => {
  const preview = await permissionPreview(
    'MultiEdit',
    { file_path: 'notes.txt', edits: [{ old_string: 'beta', new_string: 'BETA' }, { old_string: 'BETA\ngamma', new_string: 'BETA\ndelta' }] },
    options(),
  );
  assert.ok(preview !== undefined);
  assert.match(preview, /^notes\.txt \+2 −2/);
  assert.match(preview, /- beta[\s\S]*- gamma[\s\S]*\+ BETA[\s\S]*\+ delta/);
  assert.doesNotMatch(preview, /line endings/, 'CRLF files are compared as the tool sees them');
});

test('Write of a new file shows every line added; an existing file is diffed against its content', async () => {
  const created = await permissionPreview('Write', { file_path: join(dir, 'new.md'), content: '# Title\nbody\n' }, options());
  assert.match(created!, /^new\.md \(new file\) \+2 −0/);
  const replaced = await permissionPreview('Write', { file_path: join(dir, 'notes.txt'), content: 'alpha\nbeta\n' }, options());
  assert.match(replaced!, /\+0 −1[\s\S]*- gamma/);
});

test('colour follows the option', async () => {
  const input = { file_path: 'notes.txt', old_string: 'alpha', new_string: 'omega' };
  assert.match((await permissionPreview('Edit', input, options(true)))!, /\x1b\[/);
  assert.doesNotMatch((await permissionPreview('Edit', input, options(false)))!, /\x1b\[/);
});

test('no preview when the edit would not apply, the file is binary, or the tool is not a text edit', async () => {
  assert.equal(await permissionPreview('Edit', { file_path: 'notes.txt', old_string: 'missing', new_string: 'x' }, options()), undefined);
  assert.equal(await permissionPreview('Edit', { file_path: 'notes.txt', old_string: 'a', new_string: 'b' }, options()), undefined, 'ambiguous match');
  assert.equal(await permissionPreview('Write', { file_path: 'blob.bin', content: 'text' }, options()), undefined);
  assert.equal(await permissionPreview('Edit', { file_path: dir, old_string: 'a', new_string: 'b' }, options()), undefined, 'a directory');
  assert.equal(await permissionPreview('NotebookEdit', { notebook_path: 'n.ipynb', new_source: 'x' }, options()), undefined);
  assert.equal(await permissionPreview('Bash', { command: 'ls' }, options()), undefined);
  assert.equal(await permissionPreview('MultiEdit', { file_path: 'notes.txt', edits: [{ old_string: 1 }] }, options()), undefined);
});

import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { MODIFIED_SINCE_READ_MESSAGE, NOT_READ_MESSAGE } from '../../src/tools/editableFile.js';
import { notebookEditTool } from '../../src/tools/notebookEditTool.js';
import { readTool } from '../../src/tools/readTool.js';
import { ANALYSIS_NOTEBOOK, OLD_NOTEBOOK } from './notebookFixtures.js';
import { makeContext, makeTempDir, removeTempDirs, textOf } from './toolTestContext.js';

after(removeTempDirs);

type Input = Parameters<typeof notebookEditTool.run>[0];

/** A notebook on disk that the session has already Read. */
async function readNotebook(text: string | Buffer = ANALYSIS_NOTEBOOK, name = 'analysis.ipynb') {
  const dir = makeTempDir();
  const path = join(dir, name);
  writeFileSync(path, text);
  const ctx = makeContext(dir);
  const read = await readTool.run({ file_path: path }, ctx);
  assert.equal(read.isError, undefined, textOf(read));
  const edit = (input: Omit<Input, 'notebook_path'>) => notebookEditTool.run({ notebook_path: path, ...input }, ctx);
  const cells = () => JSON.parse(readFileSync(path, 'utf8')).cells as Array<Record<string, unknown>>;
  return { dir, path, ctx, edit, cells };
}

describe('NotebookEdit', () => {
  it('replaces a markdown cell and leaves every other byte of the file as it was', async () => {
    const { path, edit } = await readNotebook();
    const result = await edit({ cell_id: 'intro', new_source: '# Results\nAll good.' });
    assert.equal(result.isError, undefined, textOf(result));
    assert.equal(textOf(result), `Updated cell intro of ${path}.`);
    const expected = ANALYSIS_NOTEBOOK.replace('"# Analysis\\n",\n    "Some *notes*."', '"# Results\\n",\n    "All good."');
    assert.notEqual(expected, ANALYSIS_NOTEBOOK);
    assert.equal(readFileSync(path, 'utf8'), expected);
    assert.deepEqual(result.data, { notebookPath: path, editMode: 'replace', cellId: 'intro', cellType: 'markdown', cellCount: 3 });
  });

  it('clears the outputs and execution count of a replaced code cell', async () => {
    const { edit, cells } = await readNotebook();
    const result = await edit({ cell_id: 'load', new_source: 'rows = load(limit=10)\n' });
    assert.match(textOf(result), /Updated cell load .*outputs were cleared/);
    assert.deepEqual(cells()[1], { cell_type: 'code', execution_count: null, id: 'load', metadata: {}, outputs: [], source: ['rows = load(limit=10)\n'] });
  });

  it('changes a cell type, dropping or adding the code-only fields in sorted key order', async () => {
    const { edit, cells } = await readNotebook();
    await edit({ cell_id: 'load', new_source: 'Now prose.', cell_type: 'markdown' });
    assert.deepEqual(Object.keys(cells()[1]!), ['cell_type', 'id', 'metadata', 'source']);
    await edit({ cell_id: 'intro', new_source: 'x = 1', cell_type: 'code' });
    assert.deepEqual(Object.keys(cells()[0]!), ['cell_type', 'execution_count', 'id', 'metadata', 'outputs', 'source']);
  });

  it('inserts after a cell, or first without cell_id, with fresh ids', async () => {
    const { edit, cells, path } = await readNotebook();
    const after = await edit({ edit_mode: 'insert', cell_id: 'load', cell_type: 'code', new_source: 'print(rows[0])' });
    assert.equal(after.isError, undefined, textOf(after));
    const inserted = cells()[2]!;
    assert.deepEqual(Object.keys(inserted), ['cell_type', 'execution_count', 'id', 'metadata', 'outputs', 'source']);
    assert.match(String(inserted.id), /^[0-9a-f]{8}$/);
    assert.equal(textOf(after), `Inserted code cell ${inserted.id} after cell load of ${path}.`);
    const first = await edit({ edit_mode: 'insert', cell_type: 'markdown', new_source: 'Preface' });
    assert.match(textOf(first), /Inserted markdown cell [0-9a-f]{8} at the start/);
    assert.deepEqual(cells().map((cell) => cell.source), [['Preface'], ANALYSIS_SOURCES[0], ANALYSIS_SOURCES[1], ['print(rows[0])'], ANALYSIS_SOURCES[2]]);
  });

  it('deletes a cell', async () => {
    const { edit, cells, path } = await readNotebook();
    const result = await edit({ edit_mode: 'delete', cell_id: 'load', new_source: '' });
    assert.equal(textOf(result), `Deleted cell load from ${path} (2 cells remain).`);
    assert.deepEqual(cells().map((cell) => cell.id), ['intro', 'plot']);
  });

  it('addresses cells of notebooks without ids by position, and inserts without ids', async () => {
    const { edit, cells } = await readNotebook(OLD_NOTEBOOK, 'old.ipynb');
    await edit({ cell_id: 'cell-1', new_source: 'changed' });
    await edit({ edit_mode: 'insert', cell_id: 'cell-0', cell_type: 'markdown', new_source: 'middle' });
    const appended = await edit({ cell_id: 'cell-3', new_source: 'tail = 3' });
    assert.match(textOf(appended), /Appended code cell cell-3/);
    assert.deepEqual(cells(), [
      { cell_type: 'code', execution_count: null, metadata: {}, outputs: [], source: ['first = 1'] },
      { cell_type: 'markdown', metadata: {}, source: ['middle'] },
      { cell_type: 'markdown', metadata: {}, source: ['changed'] },
      { cell_type: 'code', execution_count: null, metadata: {}, outputs: [], source: ['tail = 3'] },
    ]);
  });

  it('keeps a source stored as one string a string', async () => {
    const notebook = JSON.parse(OLD_NOTEBOOK);
    notebook.cells[0].source = 'first = 1';
    const { edit, cells } = await readNotebook(JSON.stringify(notebook, null, 1) + '\n', 'string.ipynb');
    await edit({ cell_id: 'cell-0', new_source: 'first = 2\nsecond = 3' });
    assert.equal(cells()[0]!.source, 'first = 2\nsecond = 3');
  });

  it('keeps CRLF line endings and a one-line layout', async () => {
    const crlf = await readNotebook(OLD_NOTEBOOK.replace(/\n/g, '\r\n'), 'crlf.ipynb');
    await crlf.edit({ cell_id: 'cell-1', new_source: 'windows' });
    const written = readFileSync(crlf.path, 'utf8');
    assert.equal(written, OLD_NOTEBOOK.replace('"second"', '"windows"').replace(/\n/g, '\r\n'));

    const compact = await readNotebook(JSON.stringify(JSON.parse(OLD_NOTEBOOK)), 'compact.ipynb');
    await compact.edit({ cell_id: 'cell-1', new_source: 'tight' });
    assert.equal(readFileSync(compact.path, 'utf8'), JSON.stringify(JSON.parse(OLD_NOTEBOOK)).replace('"second"', '"tight"'));
  });

  it('allows consecutive edits without reading again', async () => {
    const { edit, cells } = await readNotebook();
    assert.equal((await edit({ cell_id: 'intro', new_source: 'one' })).isError, undefined);
    assert.equal((await edit({ cell_id: 'plot', new_source: 'two' })).isError, undefined);
    assert.deepEqual(cells().map((cell) => cell.source), [['one'], ANALYSIS_SOURCES[1], ['two']]);
  });

  it('requires a Read first, and refuses a notebook changed since', async () => {
    const dir = makeTempDir();
    const path = join(dir, 'a.ipynb');
    writeFileSync(path, ANALYSIS_NOTEBOOK);
    const ctx = makeContext(dir);
    const unread = await notebookEditTool.run({ notebook_path: path, cell_id: 'intro', new_source: 'x' }, ctx);
    assert.equal(unread.isError, true);
    assert.equal(textOf(unread), NOT_READ_MESSAGE);

    await readTool.run({ file_path: path }, ctx);
    writeFileSync(path, ANALYSIS_NOTEBOOK.replace('Some *notes*.', 'Edited elsewhere.'));
    const stale = await notebookEditTool.run({ notebook_path: path, cell_id: 'intro', new_source: 'x' }, ctx);
    assert.equal(stale.isError, true);
    assert.equal(textOf(stale), MODIFIED_SINCE_READ_MESSAGE);
  });

  it('explains bad requests without touching the file', async () => {
    const { edit, path } = await readNotebook();
    const cases: Array<[Omit<Input, 'notebook_path'>, RegExp]> = [
      [{ cell_id: 'missing', new_source: 'x' }, /"missing" was not found\. Cell ids in this notebook: intro, load, plot/],
      [{ new_source: 'x' }, /cell_id is required to replace a cell/],
      [{ edit_mode: 'delete', new_source: '' }, /cell_id is required to delete a cell/],
      [{ edit_mode: 'insert', new_source: 'x' }, /cell_type \(code or markdown\) is required to insert/],
      [{ edit_mode: 'delete', cell_id: 'cell-3', new_source: '' }, /cell-3 does not exist: the notebook has 3 cells/],
    ];
    for (const [input, message] of cases) {
      const result = await edit(input);
      assert.equal(result.isError, true, JSON.stringify(input));
      assert.match(textOf(result), message);
    }
    assert.equal(readFileSync(path, 'utf8'), ANALYSIS_NOTEBOOK);
  });

  it('refuses other files, missing notebooks and broken JSON', async () => {
    const { dir, ctx } = await readNotebook();
    const other = await notebookEditTool.run({ notebook_path: join(dir, 'script.py'), cell_id: 'x', new_source: '' }, ctx);
    assert.match(textOf(other), /not a Jupyter notebook \(\.ipynb\)\. Use Edit/);
    const missing = await notebookEditTool.run({ notebook_path: join(dir, 'none.ipynb'), cell_id: 'x', new_source: '' }, ctx);
    assert.match(textOf(missing), /Notebook does not exist/);

    const broken = await readNotebook('{ "cells": [', 'broken.ipynb');
    const result = await broken.edit({ cell_id: 'x', new_source: '' });
    assert.equal(result.isError, true);
    assert.match(textOf(result), /not a valid Jupyter notebook \(it is not valid JSON/);
  });

  it('refuses to rewrite a notebook holding invalid UTF-8', async () => {
    const bytes = Buffer.from(ANALYSIS_NOTEBOOK.replace('Some *notes*.', 'Some \u0001notes.'));
    bytes[bytes.indexOf(1)] = 0xff;
    const { edit, path } = await readNotebook(bytes, 'latin1.ipynb');
    const result = await edit({ cell_id: 'load', new_source: 'x' });
    assert.equal(result.isError, true);
    assert.match(textOf(result), /not valid UTF-8/);
    assert.deepEqual(readFileSync(path), bytes);
  });

  it('is not read-only', () => {
    assert.equal(notebookEditTool.isReadOnly({ notebook_path: '/a.ipynb', new_source: '' }), false);
  });
});

const ANALYSIS_SOURCES = (JSON.parse(ANALYSIS_NOTEBOOK).cells as Array<{ source: string[] }>).map((cell) => cell.source);

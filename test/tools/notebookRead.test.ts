import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { ImageBlock, TextBlock } from '../../src/model/types.js';
import {
  findCell,
  parseNotebook,
  serializeNotebook,
  toSourceLines,
  type Notebook,
} from '../../src/tools/notebookFormat.js';
import { renderNotebook, stripAnsi } from '../../src/tools/notebookRender.js';
import { readTool } from '../../src/tools/readTool.js';
import { ANALYSIS_NOTEBOOK, OLD_NOTEBOOK, TINY_PNG_BASE64 } from './notebookFixtures.js';
import { makeContext, makeTempDir, removeTempDirs, textOf } from './toolTestContext.js';

after(removeTempDirs);

function parsed(text: string): Notebook {
  const result = parseNotebook(text);
  assert.ok(result.ok, result.ok ? '' : result.message);
  return result.notebook;
}

function notebookFile(name: string, text: string) {
  const dir = makeTempDir();
  writeFileSync(join(dir, name), text);
  return { path: join(dir, name), ctx: makeContext(dir) };
}

describe('notebookFormat', () => {
  it('writes a Jupyter-written notebook back byte for byte', () => {
    for (const text of [ANALYSIS_NOTEBOOK, OLD_NOTEBOOK]) {
      const result = parseNotebook(text);
      assert.ok(result.ok);
      assert.deepEqual(result.layout, { indent: ' ', trailingNewline: true });
      assert.equal(serializeNotebook(result.notebook, result.layout), text);
    }
  });

  it('keeps other layouts: two-space indent, one line, no final newline', () => {
    const twoSpaces = JSON.stringify(JSON.parse(OLD_NOTEBOOK), null, 2);
    const oneLine = JSON.stringify(JSON.parse(OLD_NOTEBOOK));
    for (const text of [twoSpaces, oneLine]) {
      const result = parseNotebook(text);
      assert.ok(result.ok);
      assert.equal(serializeNotebook(result.notebook, result.layout), text);
    }
  });

  it('rejects JSON that is not a notebook', () => {
    assert.match((parseNotebook('{"cells": 3}') as { message: string }).message, /no "cells" list/);
    assert.match((parseNotebook('{"cells": [{"source": ""}]}') as { message: string }).message, /cell 0 has no cell_type/);
    assert.match((parseNotebook('{"cells": [{"cell_type": "code", "source": "", "outputs": [1]}]}') as { message: string }).message, /malformed outputs/);
    assert.match((parseNotebook('{"cells": [') as { message: string }).message, /not valid JSON/);
  });

  it('splits source into lines that keep their newlines', () => {
    assert.deepEqual(toSourceLines('a\nb'), ['a\n', 'b']);
    assert.deepEqual(toSourceLines('a\nb\n'), ['a\n', 'b\n']);
    assert.deepEqual(toSourceLines(''), []);
  });

  it('finds cells by id, or by position as cell-<n>', () => {
    const notebook = parsed(ANALYSIS_NOTEBOOK);
    assert.deepEqual(findCell(notebook, 'plot'), { ok: true, index: 2 });
    assert.deepEqual(findCell(notebook, 'cell-1'), { ok: true, index: 1 });
    assert.match((findCell(notebook, 'cell-3') as { message: string }).message, /has 3 cells/);
    assert.deepEqual(findCell(notebook, 'cell-3', { allowEnd: true }), { ok: true, index: 3 });
    assert.match((findCell(notebook, 'nope') as { message: string }).message, /"nope" was not found.*intro, load, plot/);
  });
});

describe('renderNotebook', () => {
  it('shows each cell with id, type, execution count, source and outputs', () => {
    const rendered = renderNotebook(parsed(ANALYSIS_NOTEBOOK), '/nb/analysis.ipynb');
    assert.equal(rendered.truncated, false);
    const [first, image, rest] = rendered.content as [TextBlock, ImageBlock, TextBlock];
    assert.equal(rendered.content.length, 3);
    assert.equal(
      first.text,
      [
        'Notebook /nb/analysis.ipynb (nbformat 4.5, python, 3 cells)',
        '',
        '<cell id="intro" type="markdown">',
        '# Analysis',
        'Some *notes*.',
        '</cell>',
        '',
        '<cell id="load" type="code" execution_count="3">',
        'rows = load()',
        'len(rows)',
        '</cell>',
        '<output type="stream" name="stdout">',
        'loaded 42 rows',
        '</output>',
        '<output type="execute_result" mime="text/plain">',
        '42',
        '</output>',
        '',
        '<cell id="plot" type="code" execution_count="4">',
        'plot(rows)',
        '</cell>',
        '<output type="display_data" mime="image/png">[image below]</output>',
        '',
      ].join('\n'),
    );
    assert.deepEqual(image, { type: 'image', source: { type: 'base64', media_type: 'image/png', data: TINY_PNG_BASE64 } });
    assert.equal(
      rest.text,
      '<output type="error" ename="ValueError" evalue="bad value">\n' +
        '---------------------------------------------------------------------------\n' +
        'ValueError                                Traceback (most recent call last)\n' +
        'Cell In[4], line 1\n----> 1 plot(rows)\n' +
        'ValueError: bad value\n</output>\n',
    );
  });

  it('strips ANSI colour and hyperlink escapes', () => {
    assert.equal(stripAnsi('\u001b[0;31mred\u001b[0m \u001b]8;;http://x\u0007link\u001b]8;;\u0007'), 'red link');
  });

  it('names cells without ids by position', () => {
    const rendered = renderNotebook(parsed(OLD_NOTEBOOK), '/nb/old.ipynb');
    const text = (rendered.content[0] as TextBlock).text;
    assert.match(text, /<cell id="cell-0" type="code" execution_count="">\nfirst = 1\n<\/cell>/);
    assert.match(text, /<cell id="cell-1" type="markdown">\nsecond\n<\/cell>/);
  });

  it('replaces images over the budget with a note and shows their text form', () => {
    const notebook = parsed(ANALYSIS_NOTEBOOK);
    const rendered = renderNotebook(notebook, '/nb/a.ipynb', { maxChars: 100_000, maxPartChars: 10_000, maxImages: 0, maxImageBytes: 0 });
    assert.ok(rendered.content.every((block) => block.type === 'text'));
    const text = (rendered.content[0] as TextBlock).text;
    assert.match(text, /mime="image\/png">\[image of \d+ bytes omitted: over the image budget of one Read\]/);
    assert.match(text, /<output type="display_data" mime="text\/plain">\n<Figure size 640x480 with 1 Axes>\n<\/output>/);
  });

  it('cuts long outputs in the middle and stops at the character budget with a way to see the rest', () => {
    const notebook = parsed(OLD_NOTEBOOK);
    notebook.cells[0]!.outputs = [{ output_type: 'stream', name: 'stdout', text: `${'a'.repeat(300)}${'z'.repeat(300)}` }];
    for (let index = 0; index < 20; index++) notebook.cells.push({ cell_type: 'markdown', metadata: {}, source: 'm'.repeat(90) });
    const rendered = renderNotebook(notebook, '/nb/it\'s.ipynb', { maxChars: 1000, maxPartChars: 200, maxImages: 10, maxImageBytes: 1e7 });
    const text = rendered.content.map((block) => (block as TextBlock).text).join('');
    assert.match(text, /a{100}\n\n… 400 characters truncated …\n\nz{100}/);
    assert.equal(rendered.truncated, true);
    assert.ok(rendered.cellsShown > 1 && rendered.cellsShown < 22);
    assert.ok(text.includes(`[Showing cells 1-${rendered.cellsShown} of 22`));
    assert.ok(text.includes(`jq '.cells[${rendered.cellsShown}:]' '/nb/it'\\''s.ipynb'`));
  });
});

describe('Read of notebooks', () => {
  it('renders the notebook and records the read', async () => {
    const { path, ctx } = notebookFile('analysis.ipynb', ANALYSIS_NOTEBOOK);
    const result = await readTool.run({ file_path: path }, ctx);
    assert.equal(result.isError, undefined);
    assert.ok(Array.isArray(result.content));
    assert.deepEqual(result.content.map((block) => block.type), ['text', 'image', 'text']);
    assert.match(textOf(result), /<cell id="load" type="code" execution_count="3">/);
    assert.deepEqual(result.data, { type: 'notebook', filePath: path, cells: 3, cellsShown: 3 });
    assert.equal(ctx.readLedger.get(path)?.partial, false);
  });

  it('shows the raw JSON when offset or limit is given', async () => {
    const { path, ctx } = notebookFile('analysis.ipynb', ANALYSIS_NOTEBOOK);
    const result = await readTool.run({ file_path: path, offset: 1, limit: 3 }, ctx);
    assert.equal(textOf(result).split('\n\n')[0], '     1\t{\n     2\t "cells": [\n     3\t  {');
  });

  it('shows a broken notebook as text and says why', async () => {
    const { path, ctx } = notebookFile('broken.ipynb', '{\n "cells": [\n');
    const result = await readTool.run({ file_path: path }, ctx);
    assert.equal(result.isError, undefined);
    assert.match(textOf(result), /^\[.*broken\.ipynb is not a readable Jupyter notebook \(it is not valid JSON.*\); shown as text\.\]\n\n {5}1\t\{/);
    assert.ok(ctx.readLedger.has(path));
  });
});

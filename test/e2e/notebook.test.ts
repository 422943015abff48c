// End-to-end: the model reads a Jupyter notebook and edits it with NotebookEdit through the built
// CLI, over both provider protocols.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startModelServer, type ModelServer } from '../support/modelServer.js';
import { reply, text, toolUse } from '../support/script.js';
import { ANALYSIS_NOTEBOOK, TINY_PNG_BASE64 } from '../tools/notebookFixtures.js';
import { jsonResult, makeWorkspace, runWright, toolResultsIn, type Provider } from './harness.js';

for (const provider of ['anthropic', 'openai'] as Provider[]) {
  describe(`notebooks over the ${provider} protocol`, () => {
    let server: ModelServer;
    before(async () => (server = await startModelServer()));
    after(() => server.close());

    test('Read shows cells and outputs; NotebookEdit replaces, inserts and deletes cells', async () => {
      const workspace = makeWorkspace({ 'analysis.ipynb': ANALYSIS_NOTEBOOK });
      const notebook = join(workspace.repo, 'analysis.ipynb');
      const first = server.requests.length;
      server.push(
        reply([toolUse('Read', { file_path: notebook })]),
        reply([toolUse('NotebookEdit', { notebook_path: notebook, cell_id: 'load', new_source: 'rows = load(limit=5)' })]),
        reply([toolUse('NotebookEdit', { notebook_path: notebook, cell_id: 'intro', edit_mode: 'insert', cell_type: 'markdown', new_source: '## Loading' })]),
        reply([toolUse('NotebookEdit', { notebook_path: notebook, cell_id: 'plot', edit_mode: 'delete', new_source: '' })]),
        reply([text('Notebook updated.')]),
      );
      const run = await runWright(['-p', 'tidy the notebook', '--output-format', 'json', '--permission-mode', 'acceptEdits'], {
        workspace,
        server,
        provider,
      });
      assert.equal(run.code, 0, run.stderr);
      const result = jsonResult(run);
      assert.equal(result.result, 'Notebook updated.');
      assert.deepEqual(result.permission_denials, []);

      const readBody = server.requests[first + 1]!.body;
      const readResult = toolResultsIn(readBody)[0]!;
      assert.match(readResult, /<cell id=\\?"load\\?" type=\\?"code\\?" execution_count=\\?"3\\?">/);
      assert.match(readResult, /ValueError: bad value/);
      const imageData = `data:image/png;base64,${TINY_PNG_BASE64}`;
      if (provider === 'anthropic') {
        assert.ok(readResult.includes(`"data":"${TINY_PNG_BASE64}"`), 'the plot output travels as an image block');
      } else {
        const user = readBody.messages.at(-1);
        assert.equal(user.role, 'user');
        assert.ok(user.content.some((part: any) => part.type === 'image_url' && part.image_url.url === imageData));
      }

      const edits = toolResultsIn(server.requests[first + 4]!.body);
      assert.match(edits.at(-1)!, /Deleted cell plot/);
      const cells = JSON.parse(readFileSync(notebook, 'utf8')).cells;
      assert.deepEqual(
        cells.map((cell: any) => [cell.cell_type, cell.source]),
        [
          ['markdown', ['# Analysis\n', 'Some *notes*.']],
          ['markdown', ['## Loading']],
          ['code', ['rows = load(limit=5)']],
        ],
      );
      assert.deepEqual(cells[2].outputs, []);
      assert.equal(cells[2].execution_count, null);
      assert.match(cells[1].id, /^[0-9a-f]{8}$/);
      assert.ok(readFileSync(notebook, 'utf8').startsWith('{\n "cells": [\n  {\n   "cell_type": "markdown",\n'));
    });
  });
}

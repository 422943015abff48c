// End-to-end: /permissions deny adds a rule that applies at once and is saved to the personal settings.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { startModelServer, type ModelServer } from '../../support/modelServer.js';
import { reply, text, toolUse } from '../../support/script.js';
import { makeWorkspace } from '../harness.js';
import { startTui, submitLine } from './startTui.js';
import { tmuxMissing } from './tmux.js';

const skip = tmuxMissing();
let server: ModelServer;
before(async () => (server = await startModelServer()));
after(() => server?.close());

test('/permissions deny applies at once and is saved to .wright/settings.local.json', { skip }, async () => {
  const workspace = makeWorkspace({ 'notes.txt': 'hello\n' });
  const first = server.requests.length;
  server.push(reply([toolUse('Read', { file_path: join(workspace.repo, 'notes.txt') })]), reply([text('Could not read it.')]));
  const tui = startTui(workspace, server);
  try {
    await tui.waitFor(/default mode/, 30_000);
    await submitLine(tui, '/permissions deny Read(./notes.txt)');
    await tui.waitFor(/Added Read\(\.\/notes\.txt\) to deny/, 30_000);
    await submitLine(tui, 'read the notes');
    await tui.waitFor('Could not read it.', 30_000);
    assert.match(JSON.stringify(server.requests[first + 1]!.body.messages), /denied by the deny rule `Read\(\.\/notes\.txt\)`/);
  } finally {
    tui.close();
  }
  const saved = JSON.parse(readFileSync(join(workspace.repo, '.wright', 'settings.local.json'), 'utf8'));
  assert.deepEqual(saved.permissions.deny, ['Read(./notes.txt)']);
});

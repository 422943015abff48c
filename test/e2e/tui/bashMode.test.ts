// End-to-end: `!command` runs the user's command in the session's shell without asking, shows the
// output, and gives it to the model with the next prompt.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startModelServer, type ModelServer } from '../../support/modelServer.js';
import { reply, text } from '../../support/script.js';
import { makeWorkspace } from '../harness.js';
import { startTui } from './startTui.js';
import { tmuxMissing } from './tmux.js';

const skip = tmuxMissing();
let server: ModelServer;
before(async () => (server = await startModelServer()));
after(() => server?.close());

test('!command output is shown and reaches the model with the next prompt', { skip }, async () => {
  const workspace = makeWorkspace({ 'notes.txt': 'shell-visible-content\n' });
  const tui = startTui(workspace, server);
  const first = server.requests.length;
  server.push(reply([text('I see the notes.')]));
  try {
    await tui.waitFor(/default mode/, 30_000);
    tui.type('!cat notes.txt');
    await tui.waitFor('> !cat notes.txt', 30_000, { history: false });
    tui.keys('Enter');
    await tui.waitFor('shell-visible-content', 30_000);
    assert.equal(server.requests.length, first);
    tui.type('what do the notes say?');
    await tui.waitFor('> what do the notes say?', 30_000, { history: false });
    tui.keys('Enter');
    await tui.waitFor('I see the notes.', 30_000);
    assert.match(JSON.stringify(server.requests[first]!.body.messages), /<bash-input>cat notes.txt<\/bash-input>\\n<bash-output>shell-visible-content/);
  } finally {
    tui.close();
  }
});

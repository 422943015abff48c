// End-to-end: /compact in the interactive UI summarises the conversation with the user's focus, shows
// the spinner while it works and a notice when done, and the next prompt continues from the summary.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startModelServer, type ModelServer } from '../../support/modelServer.js';
import { reply, text } from '../../support/script.js';
import { makeWorkspace } from '../harness.js';
import { startTui, submitLine } from './startTui.js';
import { tmuxMissing } from './tmux.js';

const skip = tmuxMissing();
let server: ModelServer;
before(async () => (server = await startModelServer()));
after(() => server?.close());

test('/compact <focus> replaces the conversation with a summary and the session goes on from it', { skip }, async () => {
  const workspace = makeWorkspace();
  const tui = startTui(workspace, server);
  const first = server.requests.length;
  server.push(
    reply([text('Noted: the bug is in the session cookie.')]),
    reply([text('<analysis>going through it</analysis><summary>The user is chasing a session cookie bug.</summary>')], { eventDelayMs: 300 }),
    reply([text('Continuing from the summary.')]),
  );
  try {
    await tui.waitFor(/default mode/, 30_000);
    await submitLine(tui, 'the login bug is in the session cookie');
    await tui.waitFor('Noted: the bug is in the session cookie.', 30_000);
    await submitLine(tui, '/compact keep the cookie details');
    await tui.waitFor('Compacting the conversation…', 30_000, { history: false });
    await tui.waitFor(/Compacted the conversation \([\d.k]+ → [\d.k]+ tokens\)/, 30_000);
    const summaryRequest = JSON.stringify(server.requests[first + 1]!.body);
    assert.match(summaryRequest, /Pending Tasks/);
    assert.match(summaryRequest, /keep the cookie details/);

    await submitLine(tui, 'what next?');
    await tui.waitFor('Continuing from the summary.', 30_000);
    const next = server.requests[first + 2]!.body;
    assert.equal(next.messages.length, 1);
    const sent = JSON.stringify(next.messages);
    assert.match(sent, /chasing a session cookie bug/);
    assert.match(sent, /what next\?/);
    assert.doesNotMatch(sent, /going through it/);
  } finally {
    tui.close();
  }
});

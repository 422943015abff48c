// End-to-end: an answer taller than the terminal streams as its latest lines (no whole-screen
// repaint), and all of it lands in the scrollback once complete.
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

test('a 100-line answer streams as its tail and ends whole in the scrollback', { skip }, async () => {
  const workspace = makeWorkspace();
  const lines = Array.from({ length: 100 }, (_, i) => `- point number ${i + 1}`).join('\n');
  server.push(reply([text(`Here is the list:\n\n${lines}\n\nEnd of list.`)], { eventDelayMs: 400 }));
  const tui = startTui(workspace, server);
  try {
    await tui.waitFor(/default mode/, 30_000);
    tui.type('list things');
    await tui.waitFor('> list things', 30_000, { history: false });
    tui.keys('Enter');
    await tui.waitFor(/lines above \(all shown when the answer is complete\)/, 30_000, { history: false });
    // Finished: the spinner is gone and the whole answer was written to the scrollback.
    const deadline = Date.now() + 30_000;
    while (/Working…|lines above/.test(tui.screen()) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    const history = tui.screen({ history: true });
    for (const n of [1, 50, 100]) assert.match(history, new RegExp(`• point number ${n}\\b`));
    assert.doesNotMatch(tui.screen(), /lines above/);
  } finally {
    tui.close();
  }
});

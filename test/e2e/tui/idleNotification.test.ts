// End-to-end: after a finished turn, the prompt waiting for the user fires Notification hooks with
// `idle_prompt` (after WRIGHT_IDLE_NOTIFICATION_MS, 60 s by default); what the hook says is shown.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { startModelServer, type ModelServer } from '../../support/modelServer.js';
import { reply, text } from '../../support/script.js';
import { makeWorkspace, waitFor } from '../harness.js';
import { startTui, submitLine } from './startTui.js';
import { tmuxMissing } from './tmux.js';

const skip = tmuxMissing();
let server: ModelServer;
before(async () => (server = await startModelServer()));
after(() => server?.close());

test('an idle prompt after a turn fires Notification hooks with idle_prompt', { skip }, async () => {
  const workspace = makeWorkspace();
  const log = join(dirname(workspace.repo), 'notifications.jsonl');
  mkdirSync(join(workspace.repo, '.wright'));
  const hook = `cat >> '${log}'; echo >> '${log}'; echo '{"systemMessage":"idle hook ran"}'`;
  writeFileSync(join(workspace.repo, '.wright', 'settings.json'), JSON.stringify({ hooks: { Notification: [{ matcher: 'idle_prompt', hooks: [{ type: 'command', command: hook }] }] } }));
  server.push(reply([text('Hi there.')]));
  const tui = startTui(workspace, server, { WRIGHT_IDLE_NOTIFICATION_MS: '300' });
  try {
    await tui.waitFor(/default mode/);
    // No turn has finished yet: the prompt waiting at start-up is not "idle after a turn".
    await new Promise((resolve) => setTimeout(resolve, 1000));
    assert.equal(existsSync(log), false);
    await submitLine(tui, 'hello');
    await tui.waitFor('Hi there.');
    await waitFor(() => existsSync(log) && readFileSync(log, 'utf8').trim() !== '', 30_000);
    const [notice] = readFileSync(log, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line));
    assert.equal(notice.hook_event_name, 'Notification');
    assert.equal(notice.notification_type, 'idle_prompt');
    assert.equal(notice.message, 'wright is waiting for your input');
    await tui.waitFor('idle hook ran');
  } finally {
    tui.close();
  }
});

// End-to-end: a --plugin-dir plugin in the terminal UI — /plugin lists it, /mcp, /agents and /hooks
// show it as the source of its parts, and /myplugin:hello runs its command.
import assert from 'node:assert/strict';
import { dirname, join } from 'node:path';
import { after, before, test } from 'node:test';
import { startModelServer, type ModelServer } from '../../support/modelServer.js';
import { reply, text } from '../../support/script.js';
import { writePluginFixture } from '../../extensions/plugins/pluginFixture.js';
import { makeWorkspace } from '../harness.js';
import { startTui, submitLine } from './startTui.js';
import { tmuxMissing } from './tmux.js';

const skip = tmuxMissing();
let server: ModelServer;
before(async () => (server = await startModelServer()));
after(() => server?.close());

test('/plugin, /mcp, /agents and /hooks show the plugin; /myplugin:hello runs its command', { skip }, async () => {
  const workspace = makeWorkspace();
  const dir = writePluginFixture(join(dirname(workspace.repo), 'myplugin'));
  const tui = startTui(workspace, server, {}, ['--plugin-dir', dir]);
  try {
    await tui.waitFor(/default mode/, 30_000);
    await submitLine(tui, '/plugin');
    await tui.waitFor('myplugin@inline v1.2.0', 30_000);
    await submitLine(tui, '/mcp');
    await tui.waitFor(/plugin_myplugin_srv \(plugin\) connected · \d+ tools/, 30_000);
    await submitLine(tui, '/agents');
    await tui.waitFor('myplugin:reviewer (plugin myplugin:', 30_000);
    await submitLine(tui, '/hooks');
    await tui.waitFor('from plugin myplugin@inline', 30_000);
    const before = server.requests.length;
    server.push(reply([text('Plugin command answered.')]));
    await submitLine(tui, '/myplugin:hello world');
    await tui.waitFor('Plugin command answered.', 30_000);
    assert.match(JSON.stringify(server.requests[before]!.body.messages), /Plugin hello to world from /);
  } finally {
    tui.close();
  }
});

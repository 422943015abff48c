// End-to-end: a first run without credentials opens the guided setup, which tests the key against
// the endpoint, saves it to user settings, and goes straight into the session.
import assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { startModelServer, type ModelServer } from '../../support/modelServer.js';
import { reply, text } from '../../support/script.js';
import { CLI, cliEnv, makeWorkspace } from '../harness.js';
import { TmuxSession, tmuxMissing } from './tmux.js';

const skip = tmuxMissing();
let server: ModelServer;
before(async () => (server = await startModelServer()));
after(() => server?.close());

test('first run: setup, connection test, saved key, then the session', { skip }, async () => {
  const workspace = makeWorkspace();
  const env: Record<string, string | undefined> = { ...cliEnv({ workspace, server, provider: 'anthropic' }), TERM: 'xterm-256color' };
  delete env.ANTHROPIC_API_KEY;
  server.push(reply([text('pong')]), reply([text('Hello from the model.')]));
  const tui = TmuxSession.start({ command: [process.execPath, CLI], cwd: workspace.repo, env });
  try {
    await tui.waitFor('Welcome to wright', 30_000);
    tui.type('1');
    await tui.waitFor('Anthropic API key', 30_000);
    tui.type('wrong-key');
    await tui.waitFor(/•+-key/, 30_000, { history: false });
    tui.keys('Enter');
    await tui.waitFor('The connection test failed', 30_000);
    tui.type('r');
    await tui.waitFor('Anthropic API key', 30_000, { history: false });
    tui.type('test-key');
    tui.keys('Enter');
    await tui.waitFor(/default mode/, 30_000);
    tui.type('hi');
    await tui.waitFor('> hi', 30_000, { history: false });
    tui.keys('Enter');
    await tui.waitFor('Hello from the model.', 30_000);
  } finally {
    tui.close();
  }
  const settingsPath = join(workspace.configDir, 'settings.json');
  assert.deepEqual(JSON.parse(readFileSync(settingsPath, 'utf8')), { env: { ANTHROPIC_API_KEY: 'test-key' }, provider: 'anthropic' });
  assert.equal(statSync(settingsPath).mode & 0o777, 0o600);
});

// End-to-end: a folder whose configuration runs commands is used only after the user trusts it.
// Saying no leaves without running anything; saying yes is remembered for the folder.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { startModelServer, type ModelServer } from '../../support/modelServer.js';
import { CLI, cliEnv, makeWorkspace, type Workspace } from '../harness.js';
import { TmuxSession, tmuxMissing } from './tmux.js';

const skip = tmuxMissing();
let server: ModelServer;
before(async () => (server = await startModelServer()));
after(() => server?.close());

function startUntrusted(workspace: Workspace): TmuxSession {
  return TmuxSession.start({
    command: [process.execPath, CLI],
    cwd: workspace.repo,
    env: { ...cliEnv({ workspace, server, provider: 'anthropic' }), TERM: 'xterm-256color' },
  });
}

test('an untrusted folder with a SessionStart hook: "no" runs nothing and exits, "yes" runs it and is remembered', { skip }, async () => {
  const hooks = { hooks: { SessionStart: [{ hooks: [{ type: 'command', command: 'echo ran >> hook-ran.txt' }] }] } };
  const workspace = makeWorkspace({ '.wright/settings.json': JSON.stringify(hooks) });
  const marker = join(workspace.repo, 'hook-ran.txt');

  const refused = startUntrusted(workspace);
  try {
    await refused.waitFor('Do you trust the files in this folder?', 30_000);
    await refused.waitFor('.wright/settings.json', 30_000);
    refused.type('2');
    await refused.waitFor('[exit 1]', 30_000);
    assert.match(refused.screen(), /this folder is not trusted/);
  } finally {
    refused.close();
  }
  assert.equal(existsSync(marker), false, 'the hook ran although the folder was not trusted');
  assert.equal(existsSync(join(workspace.configDir, 'trusted-folders.json')), false);

  const accepted = startUntrusted(workspace);
  try {
    await accepted.waitFor('Do you trust the files in this folder?', 30_000);
    accepted.type('1');
    await accepted.waitFor(/default mode/, 30_000);
  } finally {
    accepted.close();
  }
  assert.equal(readFileSync(marker, 'utf8'), 'ran\n');
  assert.deepEqual(JSON.parse(readFileSync(join(workspace.configDir, 'trusted-folders.json'), 'utf8')).folders, [workspace.repo]);

  const again = startUntrusted(workspace);
  try {
    await again.waitFor(/default mode/, 30_000);
    assert.doesNotMatch(again.screen({ history: true }), /Do you trust/);
  } finally {
    again.close();
  }
});

test('a folder without project configuration starts without the trust question', { skip }, async () => {
  const workspace = makeWorkspace({ 'README.md': 'hello\n', 'CLAUDE.md': 'Be brief.\n' });
  const tui = startUntrusted(workspace);
  try {
    await tui.waitFor(/default mode/, 30_000);
    assert.doesNotMatch(tui.screen({ history: true }), /Do you trust/);
  } finally {
    tui.close();
  }
  assert.equal(existsSync(join(workspace.configDir, 'trusted-folders.json')), false);
});

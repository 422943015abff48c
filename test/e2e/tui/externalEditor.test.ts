// End-to-end: Ctrl+G hands the prompt to $EDITOR and puts the edited text back in the prompt.
import { after, before, test } from 'node:test';
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startModelServer, type ModelServer } from '../../support/modelServer.js';
import { CLI, cliEnv, makeWorkspace } from '../harness.js';
import { TmuxSession, tmuxMissing } from './tmux.js';

const skip = tmuxMissing();
let server: ModelServer;
before(async () => (server = await startModelServer()));
after(() => server?.close());

test('Ctrl+G edits the prompt in $EDITOR', { skip }, async () => {
  const workspace = makeWorkspace();
  const editor = join(workspace.home, 'fake-editor.sh');
  // An "editor" that appends to what it was given, as a person would.
  writeFileSync(editor, '#!/bin/sh\nprintf "%s and more from the editor" "$(cat "$1")" > "$1"\n');
  chmodSync(editor, 0o755);
  const tui = TmuxSession.start({
    command: [process.execPath, CLI],
    cwd: workspace.repo,
    env: { ...cliEnv({ workspace, server, provider: 'anthropic' }), TERM: 'xterm-256color', EDITOR: editor },
  });
  try {
    await tui.waitFor(/default mode/, 30_000);
    tui.type('draft');
    await tui.waitFor('> draft', 30_000, { history: false });
    tui.keys('C-g');
    await tui.waitFor('> draft and more from the editor', 30_000, { history: false });
    // The keyboard is back with wright afterwards.
    tui.type(', typed after');
    await tui.waitFor('> draft and more from the editor, typed after', 30_000, { history: false });
  } finally {
    tui.close();
  }
});

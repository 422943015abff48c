// End-to-end: settings `statusLine` runs the user's command with the session on stdin and shows its
// output in the footer, next to the permission mode.
import { after, before, test } from 'node:test';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startModelServer, type ModelServer } from '../../support/modelServer.js';
import { makeWorkspace } from '../harness.js';
import { startTui } from './startTui.js';
import { tmuxMissing } from './tmux.js';

const skip = tmuxMissing();
let server: ModelServer;
before(async () => (server = await startModelServer()));
after(() => server?.close());

test('the status line command output appears in the footer', { skip }, async () => {
  const workspace = makeWorkspace();
  mkdirSync(join(workspace.repo, '.wright'));
  const script = `node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const i=JSON.parse(s);console.log("STATUS "+i.model.display_name+" "+i.permission_mode)})'`;
  writeFileSync(join(workspace.repo, '.wright', 'settings.json'), JSON.stringify({ statusLine: { type: 'command', command: script } }));
  const tui = startTui(workspace, server);
  try {
    await tui.waitFor('STATUS Sonnet 5.5 default', 30_000);
    tui.keys('BTab');
    await tui.waitFor('STATUS Sonnet 5.5 acceptEdits', 30_000);
  } finally {
    tui.close();
  }
});

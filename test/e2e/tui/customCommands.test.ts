// End-to-end: a project's custom command in the terminal UI — offered after `/` with its argument
// hint and description, run with arguments, its `!` block put to the user before anything is sent.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
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

const REVIEW = '---\ndescription: Review a file with care\nargument-hint: [file]\n---\nReview $1 for bugs.\nMarked: !`touch reviewed.txt`\n';

test('/review shows in / completion with its description, asks before its ! block, and runs', { skip }, async () => {
  const workspace = makeWorkspace({ '.claude/commands/review.md': REVIEW, 'src/a.ts': 'export const a = 1;\n' });
  const tui = startTui(workspace, server);
  const first = server.requests.length;
  server.push(reply([text('Reviewed: no bugs.')]));
  try {
    await tui.waitFor(/default mode/, 30_000);
    tui.type('/rev');
    await tui.waitFor(/\/review \[file\]\s+Review a file with care \(project\)/, 30_000, { history: false });
    tui.keys('Tab');
    // The completion's menu closes once the command is taken (capture-pane drops the trailing space).
    await tui.waitFor(/^> \/review\s*$/m, 30_000, { history: false });
    tui.type('src/a.ts');
    await tui.waitFor('> /review src/a.ts', 30_000, { history: false });
    tui.keys('Enter');
    // `touch` is not read-only: the user is asked, and nothing reaches the model meanwhile.
    await tui.waitFor('Bash command', 30_000);
    assert.equal(server.requests.length, first);
    assert.equal(existsSync(join(workspace.repo, 'reviewed.txt')), false);
    tui.keys('y');
    await tui.waitFor('Reviewed: no bugs.', 30_000);
    assert.equal(existsSync(join(workspace.repo, 'reviewed.txt')), true);
    const messages = JSON.stringify(server.requests[first]!.body.messages);
    assert.ok(messages.includes('<command-name>/review</command-name>\\n<command-args>src/a.ts</command-args>'), messages);
    assert.ok(messages.includes('Review src/a.ts for bugs.\\nMarked: '), messages);
    assert.match(tui.screen({ history: true }), /> \/review src\/a\.ts/);
  } finally {
    tui.close();
  }
});

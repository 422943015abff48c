// End-to-end: Ctrl+O opens the transcript on the alternate screen with a tool's whole output, search
// finds a line in it, it follows a resize, and Esc returns to the normal screen exactly as it was,
// scrollback included.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startModelServer, type ModelServer } from '../../support/modelServer.js';
import { reply, text, toolUse } from '../../support/script.js';
import { makeWorkspace } from '../harness.js';
import { startTui, submitLine } from './startTui.js';
import { tmuxMissing, type TmuxSession } from './tmux.js';

const skip = tmuxMissing();
let server: ModelServer;
before(async () => (server = await startModelServer()));
after(() => server?.close());

async function until(check: () => boolean, what: string, tui: TmuxSession, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; the screen was:\n${tui.screen()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

test('Ctrl+O shows the full tool output on the alternate screen; search finds a line; a resize re-wraps it; Esc restores the screen', { skip }, async () => {
  const notes = Array.from({ length: 40 }, (_, i) => `note line ${i + 1}`).join('\n');
  const workspace = makeWorkspace({ 'notes.txt': `${notes}\n` });
  // A first answer taller than the terminal, so part of the history is in the scrollback.
  const points = Array.from({ length: 40 }, (_, i) => `- point ${i + 1}`).join('\n');
  server.push(reply([text(`Hello! Ask me about your notes.\n\n${points}`)]), reply([toolUse('Read', { file_path: 'notes.txt' })]), reply([text('I read all forty lines.')]));
  const tui = startTui(workspace, server);
  try {
    await tui.waitFor(/default mode/, 30_000);
    await submitLine(tui, 'hello');
    await tui.waitFor('• point 40');
    await submitLine(tui, 'read my notes');
    await tui.waitFor('I read all forty lines.');
    await until(() => !tui.screen().includes('Working…'), 'the turn to end', tui);
    const compact = tui.screen({ history: true });
    assert.ok(compact.trimEnd().split('\n').length > 40, 'the history reaches into the scrollback');
    assert.match(compact, /Read\(notes\.txt\)/);
    assert.doesNotMatch(compact, /note line 40/, 'the live view shows only the first lines of the output');
    assert.equal(tui.format('#{alternate_on}'), '0');

    tui.keys('C-o');
    await tui.waitFor('Transcript · ↑↓ scroll · / search · Esc or Ctrl+O to return', 30_000, { history: false });
    assert.equal(tui.format('#{alternate_on}'), '1');
    const opened = tui.screen();
    assert.match(opened, /note line 40/, 'the transcript opens at the bottom, showing the end of the output');
    assert.match(opened, /I read all forty lines\./);
    assert.match(opened, /lines \d+–\d+ of \d+/);
    assert.equal(opened.split('\n').filter((line, index, all) => index < all.length - 1 || line !== '').length <= 30, true);

    tui.type('/');
    tui.type('note line 7');
    await tui.waitFor('/note line 7', 30_000, { history: false });
    tui.keys('Enter');
    await tui.waitFor(/"note line 7": match 1 of 1/, 30_000, { history: false });
    const found = tui.screen({ escapes: true });
    assert.match(found, /\x1b\[[0-9;]*7m[^\n]*note line 7/, 'the match is shown in reverse video');
    tui.keys('g');
    await tui.waitFor(/> hello\n[\s\S]*Hello! Ask me about your notes\./, 30_000, { history: false });
    assert.match(tui.screen(), /lines 1–27 of \d+/);

    // A smaller terminal: the view re-wraps to it and fits it, without touching the normal screen's scrollback.
    tui.resize(60, 20);
    await until(() => /^Transcript · .*\n(?:.*\n){17}.*lines 1–17 of \d+\n/.test(tui.screen()), 'the transcript to fit 60×20', tui);
    assert.ok(tui.screen().split('\n').every((line) => line.length <= 60));
    tui.resize(100, 30);
    await until(() => /lines 1–27 of \d+/.test(tui.screen()), 'the transcript to fit 100×30 again', tui);

    tui.keys('Escape');
    await until(() => tui.format('#{alternate_on}') === '0', 'the normal screen', tui);
    await tui.waitFor(/default mode/, 30_000, { history: false });
    assert.equal(tui.screen({ history: true }), compact, 'the normal screen and its scrollback are as they were');
  } finally {
    tui.close();
  }
});

// End-to-end: editing the prompt — Ctrl+G hands it to $EDITOR; Esc Esc brings back an earlier one.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startModelServer, type ModelServer } from '../../support/modelServer.js';
import { reply, text } from '../../support/script.js';
import { makeWorkspace } from '../harness.js';
import { startTui } from './startTui.js';
import { tmuxMissing } from './tmux.js';

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
  const tui = startTui(workspace, server, { EDITOR: editor });
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

test('Esc Esc on an empty prompt offers earlier prompts to edit and send again', { skip }, async () => {
  const workspace = makeWorkspace();
  server.push(reply([text('First answer.')]), reply([text('Second answer.')]));
  const first = server.requests.length;
  const tui = startTui(workspace, server);
  try {
    await tui.waitFor(/default mode/, 30_000);
    tui.type('count the files');
    await tui.waitFor('> count the files', 30_000, { history: false });
    tui.keys('Enter');
    await tui.waitFor('First answer.', 30_000);
    tui.keys('Escape');
    tui.keys('Escape');
    await tui.waitFor('1. count the files', 30_000, { history: false });
    tui.keys('Enter');
    tui.type(' again');
    await tui.waitFor('> count the files again', 30_000, { history: false });
    tui.keys('Enter');
    await tui.waitFor('Second answer.', 30_000);
    assert.match(JSON.stringify(server.requests[first + 1]!.body.messages), /count the files again/);
  } finally {
    tui.close();
  }
});

test('/memory project opens WRIGHT.md in $EDITOR; /config names the settings files', { skip }, async () => {
  const workspace = makeWorkspace();
  const editor = join(workspace.home, 'memory-editor.sh');
  writeFileSync(editor, '#!/bin/sh\nprintf "# Project notes\\nUse pnpm.\\n" > "$1"\n');
  chmodSync(editor, 0o755);
  mkdirSync(join(workspace.repo, '.wright'), { recursive: true });
  writeFileSync(join(workspace.repo, '.wright', 'settings.json'), '{ "model": "opus" }\n');
  const tui = startTui(workspace, server, { EDITOR: editor });
  try {
    await tui.waitFor(/default mode/, 30_000);
    tui.type('/memory project');
    await tui.waitFor('> /memory project', 30_000, { history: false });
    tui.keys('Enter');
    await tui.waitFor(/Edited .*WRIGHT\.md/, 30_000);
    assert.equal(readFileSync(join(workspace.repo, 'WRIGHT.md'), 'utf8'), '# Project notes\nUse pnpm.\n');
    tui.type('/config');
    await tui.waitFor('> /config', 30_000, { history: false });
    tui.keys('Enter');
    await tui.waitFor(/Settings files in effect[\s\S]*\.wright\/settings\.json[\s\S]*model +claude-opus-5-5/, 30_000);
  } finally {
    tui.close();
  }
});

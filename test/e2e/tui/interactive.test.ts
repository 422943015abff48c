// End-to-end: the interactive terminal UI of the built `wright`, driven through real tmux against
// the scripted model server.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startModelServer, type ModelServer } from '../../support/modelServer.js';
import { reply, text, toolUse } from '../../support/script.js';
import { CLI, cliEnv, makeWorkspace, type Provider, type Workspace } from '../harness.js';
import { TmuxSession, tmuxMissing } from './tmux.js';

const skip = tmuxMissing();

function startWright(workspace: Workspace, server: ModelServer, provider: Provider, args: string[] = [], env: Record<string, string> = {}): TmuxSession {
  return TmuxSession.start({
    command: [process.execPath, CLI, ...args],
    cwd: workspace.repo,
    env: { ...cliEnv({ workspace, server, provider }), TERM: 'xterm-256color', ...env },
  });
}

const READY = /default mode/;

/** Types a line and waits until the prompt shows it before pressing Enter. */
async function submit(tui: TmuxSession, line: string): Promise<void> {
  tui.type(line);
  await tui.waitFor(`> ${line}`, 30_000, { history: false });
  tui.keys('Enter');
}

for (const provider of ['anthropic', 'openai'] as Provider[]) {
  describe(`interactive UI in tmux over the ${provider} protocol`, { skip }, () => {
    let server: ModelServer;
    before(async () => (server = await startModelServer()));
    after(() => server?.close());

    test('streams an answer, asks before an edit, interrupts a long command, queues a message, exits with Ctrl+D', async () => {
      const workspace = makeWorkspace({ 'src/app.ts': 'export const answer = 41;\n' });
      const file = join(workspace.repo, 'src/app.ts');
      const first = server.requests.length;
      server.push(
        reply([toolUse('Read', { file_path: file })]),
        reply([text('Let me fix the answer in the file.'), toolUse('Edit', { file_path: file, old_string: '41', new_string: '42' })], { eventDelayMs: 20 }),
        reply([text('The answer is now 42.')]),
      );
      const tui = startWright(workspace, server, provider);
      try {
        await tui.waitFor(READY);
        await submit(tui, 'please fix the answer');
        await tui.waitFor('Let me fix the answer in the file.');
        const dialog = await tui.waitFor('Edit file');
        assert.match(dialog, /src\/app\.ts/);
        // The real diff of the file, not an excerpt of the edit's input: whole lines and a hunk header.
        await tui.waitFor(/\+\s*export const answer = 42;/, 30_000, { history: false });
        const diff = tui.screen();
        assert.match(diff, /@@ -1,1 \+1,1 @@/);
        assert.match(diff, /-\s*export const answer = 41;/);
        tui.keys('y');
        await tui.waitFor('The answer is now 42.');
        assert.match(tui.screen({ escapes: true }), /\x1b\[[0-9;]*3[1-7]m/, 'the UI is coloured when NO_COLOR is not set');
        const afterEdit = tui.screen({ history: true });
        assert.equal(readFileSync(file, 'utf8'), 'export const answer = 42;\n', afterEdit);
        assert.match(afterEdit, /● Read\(src\/app\.ts\) · done/);
        assert.match(afterEdit, /● Edit\(src\/app\.ts\) · done/);

        // A long command, approved, then interrupted with Esc well before it would end.
        server.push(reply([toolUse('Bash', { command: 'sleep 30', description: 'Wait' })]));
        await submit(tui, 'wait a while');
        await tui.waitFor('Bash command');
        tui.keys('y');
        await tui.waitFor(/Bash\(sleep 30\) · running/);
        const interruptedAt = Date.now();
        tui.keys('Escape');
        await tui.waitFor('Interrupted');
        assert.ok(Date.now() - interruptedAt < 25_000, 'Esc ended the command before it finished');

        // A message typed while the agent works waits for the turn to end, then goes as the next prompt.
        server.push(reply([text('Working on the first request, slowly.')], { eventDelayMs: 600 }), reply([text('Answering the queued message.')]));
        await submit(tui, 'first request');
        await tui.waitFor('Working…', 30_000, { history: false });
        await submit(tui, 'queued message');
        await tui.waitFor('(queued)', 30_000, { history: false });
        await tui.waitFor('Answering the queued message.');
        const queuedRequest = JSON.stringify(server.requests[server.requests.length - 1]!.body);
        assert.match(queuedRequest, /queued message/);
        assert.equal(server.requests.length - first, 6);

        // "Yes, and don't ask again" saves the suggested rule, which then covers the next such command.
        server.push(
          reply([toolUse('Bash', { command: 'git tag v1', description: 'Tag' })]),
          reply([toolUse('Bash', { command: 'git tag v2', description: 'Tag again' })]),
          reply([text('Tagged twice.')]),
        );
        await submit(tui, 'tag it');
        await tui.waitFor(/don't ask again for Bash\(git tag:\*\)/, 30_000, { history: false });
        tui.keys('2');
        await tui.waitFor('Saved Bash(git tag:*) to .wright/settings.local.json');
        await tui.waitFor('Tagged twice.');
        const local = JSON.parse(readFileSync(join(workspace.repo, '.wright', 'settings.local.json'), 'utf8'));
        assert.deepEqual(local.permissions.allow, ['Bash(git tag:*)']);
        assert.equal(server.requests.length - first, 9);

        tui.keys('C-d');
        const end = await tui.waitFor(/\[exit \d+\]\s*\n.*echo/, 30_000, { history: false });
        assert.match(end, /\[exit 0\]/);
        // The terminal is back in cooked mode with echo on.
        assert.match(end, /(^|\s)icanon(\s|$)/m);
        assert.match(end, /(^|\s)echo(\s|$)/m);
      } finally {
        tui.close();
      }
    });

    test('the prompt: /help lists the commands without asking the model, Ctrl+J adds a line, Up recalls the last prompt', async () => {
      const workspace = makeWorkspace({ 'README.md': '# demo\n' });
      const tui = startWright(workspace, server, provider);
      try {
        await tui.waitFor(READY);
        const before = server.requests.length;
        tui.type('/help');
        await tui.waitFor('> /help', 30_000, { history: false });
        tui.keys('Escape');
        // Esc and Enter read together are Alt+Enter: wait for the completion list to close first.
        await tui.waitForAbsent(/› \/help/);
        tui.keys('Enter');
        const help = await tui.waitFor(/Commands:[\s\S]*\/add-dir <path>/);
        assert.match(help, /Ctrl\+J/);
        assert.equal(server.requests.length, before, '/help sent nothing to the model');

        server.push(reply([text('Got both lines.')]), reply([text('Got them again.')]));
        tui.type('line one');
        tui.keys('C-j');
        tui.type('line two');
        await tui.waitFor(/> line one\s*\n\s+line two/, 30_000, { history: false });
        tui.keys('Enter');
        await tui.waitFor('Got both lines.');
        assert.match(JSON.stringify(server.requests[server.requests.length - 1]!.body), /line one\\nline two/);

        tui.keys('Up');
        await tui.waitFor(/> line one\s*\n\s+line two/, 30_000, { history: false });
        tui.keys('Enter');
        await tui.waitFor('Got them again.');
        assert.equal(server.requests.length, before + 2);
        assert.match(JSON.stringify(server.requests[server.requests.length - 1]!.body), /line one\\nline two/);
        tui.keys('C-d');
      } finally {
        tui.close();
      }
    });
  });
}

describe('interactive UI in tmux: first prompt, NO_COLOR, CI=true, 80x24, SIGTERM', { skip }, () => {
  let server: ModelServer;
  before(async () => (server = await startModelServer()));
  after(() => server?.close());

  test('`wright "prompt"` starts on it; NO_COLOR leaves no colour codes; CI=true still draws the live screen; SIGTERM restores the terminal', async () => {
    const workspace = makeWorkspace();
    server.push(reply([text('Hello from the first prompt.')]));
    const tui = TmuxSession.start({
      command: [process.execPath, CLI, 'say hello'],
      cwd: workspace.repo,
      env: { ...cliEnv({ workspace, server, provider: 'anthropic' }), TERM: 'xterm-256color', NO_COLOR: '1', CI: 'true' },
      width: 80,
      height: 24,
    });
    try {
      await tui.waitFor('Hello from the first prompt.');
      const screen = tui.screen({ history: true });
      assert.match(screen, /> say hello/);
      assert.ok(screen.split('\n').every((line) => [...line].length <= 80));
      assert.doesNotMatch(tui.screen({ escapes: true }), /\x1b\[[0-9;]*(3[0-7]|9[0-7]|38;[25];[0-9;]+)m/, 'no colour codes under NO_COLOR');
      await tui.waitFor(READY, 30_000, { history: false });
      process.kill(tui.programPid(), 'SIGTERM');
      const end = await tui.waitFor(/\[exit \d+\]\s*\n.*echo/, 30_000, { history: false });
      assert.match(end, /\[exit 143\]/);
      assert.match(end, /(^|\s)icanon(\s|$)/m);
      assert.match(end, /(^|\s)echo(\s|$)/m);
    } finally {
      tui.close();
    }
  });
});

// End-to-end: the safety rails through the built CLI — the destructive-command guard holds in print
// mode even with --dangerously-skip-permissions or a bare `Bash` allow rule, unless a rule names the
// command; protected paths and symlink escapes are not written; `permissions check --explain` shows
// why. (This machine and CI run as root inside a container, which wright detects, so bypass mode is
// accepted here without WRIGHT_ALLOW_ROOT_BYPASS.)
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startModelServer, type ModelServer } from '../support/modelServer.js';
import { reply, text, toolUse } from '../support/script.js';
import { jsonResult, makeWorkspace, runWright, toolResultsIn, type Provider, type Workspace } from './harness.js';

const DESTRUCTIVE = ['rm -rf ~', 'rm -rf "$HOME"', 'git reset --hard'];

/** A workspace whose home holds a file to lose and whose repository has uncommitted work. */
function workspaceAtRisk(): Workspace {
  const workspace = makeWorkspace({ 'notes.md': 'committed\n', '.env': 'TOKEN=committed\n' });
  writeFileSync(join(workspace.home, 'precious.txt'), 'do not delete\n');
  writeFileSync(join(workspace.repo, 'notes.md'), 'uncommitted work\n');
  return workspace;
}

function assertNothingLost(workspace: Workspace): void {
  assert.equal(readFileSync(join(workspace.home, 'precious.txt'), 'utf8'), 'do not delete\n');
  assert.equal(readFileSync(join(workspace.repo, 'notes.md'), 'utf8'), 'uncommitted work\n');
}

for (const provider of ['anthropic', 'openai'] as Provider[]) {
  describe(`permission guards over the ${provider} protocol`, () => {
    let server: ModelServer;
    before(async () => (server = await startModelServer()));
    after(() => server.close());

    async function runDestructive(flags: string[]) {
      const workspace = workspaceAtRisk();
      const first = server.requests.length;
      server.push(
        reply(DESTRUCTIVE.map((command, i) => toolUse('Bash', { command }, `toolu_guard_${i}`))),
        reply([text('I was stopped.')]),
      );
      const run = await runWright(['-p', 'clean everything up', '--output-format', 'json', ...flags], { workspace, server, provider });
      assert.equal(run.code, 0, run.stderr);
      return { workspace, result: jsonResult(run), told: toolResultsIn(server.requests[first + 1]!.body) };
    }

    for (const flags of [['--dangerously-skip-permissions'], ['--permission-mode', 'bypassPermissions'], ['--allowedTools', 'Bash']]) {
      test(`rm -rf ~, rm -rf "$HOME" and git reset --hard are denied with ${flags.join(' ')}`, async () => {
        const { workspace, result, told } = await runDestructive(flags);
        assertNothingLost(workspace);
        assert.deepEqual(result.permission_denials.map((d: { tool_input: { command: string } }) => d.tool_input.command), DESTRUCTIVE);
        assert.equal(told.length, 3);
        for (const message of told) {
          assert.match(message, /destructive-command guard/);
          assert.match(message, /nobody can approve it in print mode/);
        }
        assert.match(told[0]!, new RegExp(`your home directory ${workspace.home.replace(/[/.-]/g, '\\$&')}`));
        assert.match(told[2]!, /throws away every uncommitted change/);
      });
    }

    test('an allow rule that names the command lets it run', async () => {
      const workspace = workspaceAtRisk();
      server.push(reply([toolUse('Bash', { command: 'git reset --hard' })]), reply([text('Reset.')]));
      const run = await runWright(['-p', 'reset', '--output-format', 'json', '--allowedTools', 'Bash(git reset --hard)'], { workspace, server, provider });
      assert.equal(run.code, 0, run.stderr);
      assert.deepEqual(jsonResult(run).permission_denials, []);
      assert.equal(readFileSync(join(workspace.repo, 'notes.md'), 'utf8'), 'committed\n');
    });

    for (const flags of [['--permission-mode', 'acceptEdits'], ['--allowedTools', 'Edit']]) {
      test(`editing .env is denied with ${flags.join(' ')}`, async () => {
        const workspace = workspaceAtRisk();
        const envPath = join(workspace.repo, '.env');
        const first = server.requests.length;
        server.push(
          reply([toolUse('Edit', { file_path: envPath, old_string: 'committed', new_string: 'stolen' })]),
          reply([text('Could not.')]),
        );
        const run = await runWright(['-p', 'rotate the token', '--output-format', 'json', ...flags], { workspace, server, provider });
        assert.equal(run.code, 0, run.stderr);
        assert.equal(readFileSync(envPath, 'utf8'), 'TOKEN=committed\n');
        assert.deepEqual(jsonResult(run).permission_denials.map((d: { tool_name: string }) => d.tool_name), ['Edit']);
        assert.match(toolResultsIn(server.requests[first + 1]!.body)[0]!, /protected path/);
      });
    }

    test('a Write through a symlink that leads out of the project is denied', async () => {
      const workspace = workspaceAtRisk();
      const outside = join(workspace.home, 'outside');
      mkdirSync(outside);
      symlinkSync(outside, join(workspace.repo, 'link-out'));
      const first = server.requests.length;
      server.push(reply([toolUse('Write', { file_path: join(workspace.repo, 'link-out', 'pwned.txt'), content: 'x' })]), reply([text('Done.')]));
      const run = await runWright(['-p', 'write', '--output-format', 'json', '--permission-mode', 'acceptEdits', '--allowedTools', 'Write'], {
        workspace,
        server,
        provider,
      });
      assert.equal(run.code, 0, run.stderr);
      assert.equal(existsSync(join(outside, 'pwned.txt')), false);
      assert.deepEqual(jsonResult(run).permission_denials.map((d: { tool_name: string }) => d.tool_name), ['Write']);
      assert.match(toolResultsIn(server.requests[first + 1]!.body)[0]!, /outside the working directories \(through a symlink/);
    });
  });
}

describe('wright permissions check', () => {
  test('--explain prints the decision, the guard and the parsed command tree', async () => {
    const workspace = makeWorkspace();
    const input = JSON.stringify({ command: 'git status && sudo rm -rf "$HOME" > log.txt' });
    const run = await runWright(['permissions', 'check', 'Bash', '--input', input, '--mode', 'bypassPermissions', '--explain'], { workspace });
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^decision: ask$/m);
    assert.match(run.stdout, /^stage: {4}destructive guard$/m);
    assert.match(run.stdout, /^guard: {4}destructive-command guard$/m);
    assert.match(run.stdout, /^part: {5}rm -rf "\$HOME"$/m);
    assert.match(run.stdout, new RegExp(`^path: {5}${workspace.home.replace(/[/.-]/g, '\\$&')}$`, 'm'));
    assert.match(run.stdout, /^command tree:\n {2}1\. git status\n {2}2\. \[&&\] sudo rm -rf "\$HOME"\n {5}redirects: > log\.txt$/m);

    const json = await runWright(['permissions', 'check', 'Bash', '--input', input, '--explain', '--json', '--allowedTools', 'Bash(git status)'], { workspace });
    const report = JSON.parse(json.stdout);
    assert.equal(report.behavior, 'ask');
    assert.equal(report.stage, 'destructive guard');
    assert.deepEqual(report.analysis.commands.map((c: { words: string[] }) => c.words.join(' ')), ['git status', 'sudo rm -rf "$HOME"']);

    const plain = JSON.parse((await runWright(['permissions', 'check', 'Bash', '--input', JSON.stringify({ command: 'ls' })], { workspace })).stdout);
    assert.deepEqual([plain.behavior, plain.stage, plain.analysis], ['allow', 'defaults', undefined]);
  });
});

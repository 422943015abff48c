// End-to-end: Bash in the OS sandbox through the built CLI, with `sandbox.enabled` in the user's
// settings file and real bubblewrap.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startModelServer, type ModelServer } from '../support/modelServer.js';
import { reply, text, toolUse } from '../support/script.js';
import { bubblewrapSkipReason } from '../sandbox/sandboxFixtures.js';
import { jsonResult, makeWorkspace, runWright, toolResultsIn, type Workspace } from './harness.js';

const skip = await bubblewrapSkipReason();

function withUserSettings(workspace: Workspace, settings: object): Workspace {
  writeFileSync(join(workspace.configDir, 'settings.json'), JSON.stringify(settings));
  return workspace;
}

describe('the OS sandbox through the CLI', () => {
  let server: ModelServer;
  before(async () => (server = await startModelServer()));
  after(() => server.close());

  const resultsFrom = (first: number) => (request: number) => toolResultsIn(server.requests[first + request]!.body).at(-1)!;

  test('the model\'s Bash writes inside the repository but is blocked outside it and from ~/.ssh', { skip }, async () => {
    const workspace = withUserSettings(makeWorkspace(), { sandbox: { enabled: true } });
    mkdirSync(join(workspace.home, '.ssh'));
    writeFileSync(join(workspace.home, '.ssh', 'id_rsa'), 'PRIVATE KEY MATERIAL');
    const outside = join(dirname(workspace.repo), 'outside.txt');
    const first = server.requests.length;
    server.push(
      reply([toolUse('Bash', { command: 'echo built > build.txt && cat build.txt' })]),
      reply([toolUse('Bash', { command: `echo pwned > ${outside}` })]),
      reply([toolUse('Bash', { command: 'cat ~/.ssh/id_rsa' })]),
      reply([text('Done.')]),
    );
    const run = await runWright(['-p', 'build it', '--output-format', 'json', '--allowedTools', 'Bash'], { workspace, server });
    assert.equal(run.code, 0, run.stderr);
    assert.equal(jsonResult(run).result, 'Done.');
    assert.doesNotMatch(run.stderr, /warning/);
    const resultOf = resultsFrom(first);
    assert.equal(resultOf(1), 'built');
    assert.equal(existsSync(join(workspace.repo, 'build.txt')), true);
    assert.match(resultOf(2), /outside\.txt: Read-only file system/);
    assert.match(resultOf(2), /Note: this command ran in the OS sandbox/);
    assert.equal(existsSync(outside), false);
    assert.doesNotMatch(resultOf(3), /PRIVATE KEY MATERIAL/);
    assert.match(resultOf(3), /id_rsa/);
    // The empty mount points masking the missing config directories are gone when wright exits.
    assert.equal(existsSync(join(workspace.repo, '.claude')), false);
    assert.equal(existsSync(join(workspace.repo, '.wright')), false);
  });

  test('dangerouslyDisableSandbox runs the command outside the sandbox through the normal permission flow', { skip }, async () => {
    const workspace = withUserSettings(makeWorkspace(), { sandbox: { enabled: true } });
    const outside = join(dirname(workspace.repo), 'escaped.txt');
    server.push(
      reply([toolUse('Bash', { command: `echo out > ${outside}`, dangerouslyDisableSandbox: true })]),
      reply([text('Done.')]),
    );
    const run = await runWright(['-p', 'write it', '--output-format', 'json', '--allowedTools', 'Bash'], { workspace, server });
    assert.equal(run.code, 0, run.stderr);
    assert.equal(existsSync(outside), true);
  });

  test('warns once at start-up when bubblewrap is unavailable, and refuses Bash when the sandbox is required', async () => {
    const optional = withUserSettings(makeWorkspace(), { sandbox: { enabled: true, bwrapPath: '/nonexistent/bwrap' } });
    server.push(reply([text('Nothing to do.')]));
    const warned = await runWright(['-p', 'hi'], { workspace: optional, server });
    assert.equal(warned.code, 0, warned.stderr);
    const warnings = warned.stderr.split('\n').filter((line) => line.includes('sandbox.enabled'));
    assert.deepEqual(warnings, [
      'wright: warning: sandbox.enabled is set but bubblewrap is not available: bubblewrap (/nonexistent/bwrap) was not found at /nonexistent/bwrap; install it (e.g. apt install bubblewrap); Bash commands will run unsandboxed and need approval.',
    ]);

    const required = withUserSettings(makeWorkspace(), { sandbox: { enabled: true, failIfUnavailable: true, bwrapPath: '/nonexistent/bwrap' } });
    const first = server.requests.length;
    server.push(reply([toolUse('Bash', { command: 'touch made.txt' })]), reply([text('Could not run it.')]));
    const refused = await runWright(['-p', 'touch it', '--output-format', 'json', '--allowedTools', 'Bash'], { workspace: required, server });
    assert.equal(refused.code, 0, refused.stderr);
    assert.match(refused.stderr, /wright: warning: sandbox\.enabled and sandbox\.failIfUnavailable are set but bubblewrap is not available: .*the Bash tool will refuse to run commands\./);
    assert.match(resultsFrom(first)(1), /^Command was not run: the OS sandbox is required \(sandbox\.failIfUnavailable\)/);
    assert.equal(existsSync(join(required.repo, 'made.txt')), false);
  });

  test(
    'with autoAllowBashIfSandboxed a sandboxed command runs without an allow rule in print mode',
    { skip },
    async () => {
      const workspace = withUserSettings(makeWorkspace(), { sandbox: { enabled: true, excludedCommands: ['touch outside-*'] } });
      server.push(
        reply([toolUse('Bash', { command: 'touch made.txt' })]),
        reply([toolUse('Bash', { command: 'touch outside-sandbox.txt' })]),
        reply([text('Done.')]),
      );
      const run = await runWright(['-p', 'touch it', '--output-format', 'json'], { workspace, server });
      assert.equal(run.code, 0, run.stderr);
      assert.equal(existsSync(join(workspace.repo, 'made.txt')), true);
      // An excluded command runs unconfined, so it still needs approval (denied in print mode).
      assert.deepEqual(jsonResult(run).permission_denials.map((denial: { tool_input: { command: string } }) => denial.tool_input.command), ['touch outside-sandbox.txt']);
      assert.equal(existsSync(join(workspace.repo, 'outside-sandbox.txt')), false);
    },
  );
});

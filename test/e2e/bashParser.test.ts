// End-to-end: the built CLI loads tree-sitter-bash from the wasm files beside the bundle before its
// first permission decision, and refuses to start, clearly, when they are missing.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { startModelServer, type ModelServer } from '../support/modelServer.js';
import { reply, text, toolUse } from '../support/script.js';
import { CLI, cliEnv, finished, jsonResult, makeWorkspace, runWright, toolResultsIn, type Provider } from './harness.js';
import { spawn } from 'node:child_process';

for (const provider of ['anthropic', 'openai'] as Provider[]) {
  describe(`Bash analysis in print mode over the ${provider} protocol`, () => {
    let server: ModelServer;
    before(async () => (server = await startModelServer()));
    after(() => server.close());

    test('a loop over paths only known when it runs, and a write hidden in a compound command, are denied', async () => {
      const workspace = makeWorkspace({ 'a.txt': 'alpha\n', 'b.txt': 'beta\n' });
      const first = server.requests.length;
      server.push(
        reply([toolUse('Bash', { command: 'for f in a.txt b.txt; do cat "$f"; done 2>/dev/null | sort' }, 'toolu_loop')]),
        reply([toolUse('Bash', { command: 'if true; then { echo x; } > c.txt; fi' }, 'toolu_write')]),
        reply([text('done')]),
      );
      const run = await runWright(['-p', 'read them', '--output-format', 'json'], { workspace, server, provider });
      assert.equal(run.code, 0, run.stderr);
      // `cat "$f"` reads a path only known when it runs, so this asks — and print mode denies asks.
      const loop = toolResultsIn(server.requests[first + 1]!.body)[0]!;
      const write = toolResultsIn(server.requests[first + 2]!.body)[0]!;
      assert.match(loop, /denied/i);
      assert.match(write, /denied/i);
      assert.deepEqual(jsonResult(run).permission_denials.map((d: { tool_use_id: string }) => d.tool_use_id), ['toolu_loop', 'toolu_write']);
    });

    test('a compound read-only command is understood and runs', async () => {
      const workspace = makeWorkspace({ 'a.txt': 'alpha\n' });
      const first = server.requests.length;
      server.push(
        reply([toolUse('Bash', { command: 'if grep -q alpha a.txt; then echo found; else echo missing; fi # check' })]),
        reply([text('done')]),
      );
      const run = await runWright(['-p', 'check', '--output-format', 'json'], { workspace, server, provider });
      assert.equal(run.code, 0, run.stderr);
      assert.deepEqual(jsonResult(run).permission_denials, []);
      assert.match(toolResultsIn(server.requests[first + 1]!.body)[0]!, /found/);
    });
  });
}

describe('the Bash parser at start-up', () => {
  test('permissions check explains decisions on compound commands', async () => {
    const workspace = makeWorkspace();
    const check = async (command: string) => {
      const run = await runWright(['permissions', 'check', 'Bash', '--input', JSON.stringify({ command })], { workspace });
      assert.equal(run.code, 0, run.stderr);
      return JSON.parse(run.stdout) as { behavior: string; reason: string };
    };
    assert.equal((await check('for n in 1 2; do echo $n; done')).behavior, 'allow');
    const nested = await check('(cd .. && ls)');
    assert.equal(nested.behavior, 'ask');
    assert.match(nested.reason, /directory change inside a subshell/);
  });

  test('a missing grammar file stops wright before any turn, with a clear message', async () => {
    const copy = mkdtempSync(join(tmpdir(), 'wright-nowasm-'));
    try {
      cpSync(dirname(CLI), copy, { recursive: true });
      rmSync(join(copy, 'tree-sitter-bash.wasm'));
      // Like a user's install: the runtime dependency is there, the dev-only grammar package is not.
      mkdirSync(join(copy, 'node_modules', '@vscode'), { recursive: true });
      symlinkSync(join(dirname(CLI), '..', 'node_modules', '@vscode', 'ripgrep'), join(copy, 'node_modules', '@vscode', 'ripgrep'));
      assert.ok(readFileSync(join(copy, 'tree-sitter.wasm')).length > 0);
      const workspace = makeWorkspace();
      let server: ModelServer | undefined;
      try {
        server = await startModelServer();
        for (const args of [['-p', 'hello'], ['permissions', 'check', 'Bash', '--input', '{"command":"ls"}']]) {
          const child = spawn(process.execPath, [join(copy, 'wright.js'), ...args], {
            cwd: workspace.repo,
            env: cliEnv({ workspace, server }) as NodeJS.ProcessEnv,
            stdio: ['pipe', 'pipe', 'pipe'],
          });
          child.stdin!.end();
          const run = await finished(child);
          assert.equal(run.code, 2, run.stderr);
          assert.match(run.stderr, /^wright: cannot load the Bash parser: tree-sitter-bash\.wasm was not found .*reinstall wright/);
          assert.doesNotMatch(run.stderr, /\n\s+at /, 'no stack trace');
          assert.equal(run.stdout, '');
        }
        assert.equal(server.requests.length, 0, 'no turn was started');
      } finally {
        server?.close();
      }
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });
});

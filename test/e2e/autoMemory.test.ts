// End-to-end: auto memory. In one session the model writes its notes (no permission prompt, even in
// print mode where nobody could answer one); the next session starts with them.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startModelServer, type ModelServer } from '../support/modelServer.js';
import { reply, replyFrom, text, toolUse } from '../support/script.js';
import { jsonResult, makeWorkspace, runWright, type Provider } from './harness.js';

const memoryDirIn = (body: unknown) => /kept across sessions in (\S+) \(Read, Write/.exec(JSON.stringify(body))?.[1];

for (const provider of ['anthropic', 'openai'] as Provider[]) {
  describe(`auto memory over the ${provider} protocol`, () => {
    let server: ModelServer;
    before(async () => (server = await startModelServer()));
    after(() => server?.close());

    test('notes written in one session without a prompt are given to the next, with topic notes listed', async () => {
      const workspace = makeWorkspace();
      let directory: string | undefined;
      server.push(
        replyFrom((request) => {
          directory = memoryDirIn(request.body);
          return reply([
            toolUse('Write', { file_path: `${directory}/MEMORY.md`, content: '- Tests: run `make check` (see testing.md)\n' }),
            toolUse('Write', { file_path: `${directory}/testing.md`, content: '# Testing\nmake check runs the linters too.\n' }),
          ]);
        }),
        reply([text('Noted for next time.')]),
      );
      const first = await runWright(['-p', 'remember how to run the tests', '--output-format', 'json'], { workspace, server, provider });
      assert.equal(first.code, 0, first.stderr);
      assert.deepEqual(jsonResult(first).permission_denials, []);
      assert.ok(directory?.startsWith(join(workspace.configDir, 'projects')), `the notes live in the user config: ${directory}`);
      assert.match(readFileSync(join(directory!, 'MEMORY.md'), 'utf8'), /make check/);

      server.push(reply([text('Use make check.')]));
      const second = await runWright(['-p', 'how do I run the tests?'], { workspace, server, provider });
      assert.equal(second.code, 0, second.stderr);
      const sent = JSON.stringify(server.requests.at(-1)!.body);
      assert.match(sent, /MEMORY\.md:\\n\\n- Tests: run `make check` \(see testing\.md\)/);
      assert.match(sent, /Topic notes \(Read them when they bear on the task\): testing\.md\./);
    });

    test('autoMemoryEnabled: false leaves the notes and their instructions out', async () => {
      const workspace = makeWorkspace();
      mkdirSync(join(workspace.repo, '.wright'), { recursive: true });
      writeFileSync(join(workspace.repo, '.wright', 'settings.json'), JSON.stringify({ autoMemoryEnabled: false }));
      server.push(reply([text('ok')]));
      const run = await runWright(['-p', 'hello'], { workspace, server, provider });
      assert.equal(run.code, 0, run.stderr);
      assert.equal(memoryDirIn(server.requests.at(-1)!.body), undefined);
    });
  });
}

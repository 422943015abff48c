// End-to-end: memory for part of the repository reaches the model with the result of the first tool
// call that touches a file there, once; an unscoped rule is there from the start; a resumed session
// still has what was attached.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startModelServer, type ModelServer } from '../support/modelServer.js';
import { reply, text, toolUse } from '../support/script.js';
import { makeWorkspace, runWright, type Provider } from './harness.js';

const countIn = (body: unknown, needle: string) => JSON.stringify(body).split(needle).length - 1;

for (const provider of ['anthropic', 'openai'] as Provider[]) {
  describe(`nested memory over the ${provider} protocol`, () => {
    let server: ModelServer;
    before(async () => (server = await startModelServer()));
    after(() => server?.close());

    test('a subdirectory WRIGHT.md and a matching rule are attached when a file there is read, once', async () => {
      const workspace = makeWorkspace({
        'packages/api/WRIGHT.md': 'API packages use zod for validation (nested marker).',
        'packages/api/src/server.ts': 'export const port = 3000;\n',
        'packages/api/src/routes.ts': 'export const routes = [];\n',
        '.wright/rules/style.md': 'Prefer named exports (always marker).',
        '.wright/rules/api.md': '---\npaths: packages/api/**\n---\nAPI handlers return Result types (scoped marker).',
      });
      const file = (name: string) => `${workspace.repo}/packages/api/src/${name}`;
      server.push(
        reply([toolUse('Read', { file_path: file('server.ts') })]),
        reply([toolUse('Read', { file_path: file('routes.ts') })]),
        reply([text('Read both.')]),
      );
      const first = server.requests.length;
      const run = await runWright(['-p', 'read the api'], { workspace, server, provider });
      assert.equal(run.code, 0, run.stderr);
      const [start, afterFirstRead, afterSecondRead] = server.requests.slice(first).map((request) => request.body);
      assert.equal(countIn(start, 'always marker'), 1, 'an unscoped rule applies from the start');
      assert.equal(countIn(start, 'nested marker'), 0);
      assert.equal(countIn(afterFirstRead, 'nested marker'), 1);
      assert.equal(countIn(afterFirstRead, 'scoped marker'), 1);
      assert.equal(countIn(afterSecondRead, 'nested marker'), 1, 'attached once, not with every read');
      assert.ok(JSON.stringify(afterFirstRead).indexOf('export const port') < JSON.stringify(afterFirstRead).indexOf('nested marker'), 'after the tool result');

      server.push(reply([text('Still here.')]));
      const resumed = await runWright(['-c', '-p', 'and now?'], { workspace, server, provider });
      assert.equal(resumed.code, 0, resumed.stderr);
      assert.equal(countIn(server.requests.at(-1)!.body, 'nested marker'), 1, 'a resumed session keeps it');
    });
  });
}

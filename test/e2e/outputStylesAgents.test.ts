// End-to-end: a project output style reaches the system prompt of the request, and agent definition
// files and `--agents` are validated at start-up (warnings on stderr), with the built CLI against the
// scripted model server, once per provider protocol.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startModelServer, type ModelServer } from '../support/modelServer.js';
import { reply, text } from '../support/script.js';
import { runWright, makeWorkspace, streamEvents, type Provider } from './harness.js';

const STYLE = '---\nname: Pirate\ndescription: Talks like a pirate\n---\nAnswer every question like a salty pirate captain.\n';
const asJson = (value: string): string => JSON.stringify(value).slice(1, -1);

for (const provider of ['anthropic', 'openai'] as Provider[]) {
  describe(`output styles and agent definitions over the ${provider} protocol`, () => {
    let server: ModelServer;
    before(async () => (server = await startModelServer()));
    after(() => server.close());

    test('the project style selected in settings is appended to the system prompt', async () => {
      const workspace = makeWorkspace({ '.wright/output-styles/pirate.md': STYLE, '.wright/settings.json': '{ "outputStyle": "pirate" }\n' });
      const first = server.requests.length;
      server.push(reply([text('Arr.')]));
      const run = await runWright(['-p', 'hello', '--output-format', 'stream-json', '--verbose'], { workspace, server, provider });
      assert.equal(run.code, 0, run.stderr);
      assert.equal(run.stderr, '');
      const init = streamEvents(run).find((event) => event.type === 'system' && event.subtype === 'init');
      assert.equal(init.output_style, 'Pirate', 'the init event names the style in effect');
      const body = JSON.stringify(server.requests[first]!.body);
      assert.ok(body.includes(asJson('# Output style: Pirate\nAnswer every question like a salty pirate captain.')), body.slice(0, 2000));
      // keep-coding-instructions defaults to false: the coding workflow gives way to the style.
      assert.ok(!body.includes('# How to work'));
    });

    test('an unknown style warns and runs with Default', async () => {
      const workspace = makeWorkspace({ '.wright/settings.json': '{ "outputStyle": "Nope" }\n' });
      const first = server.requests.length;
      server.push(reply([text('Hi.')]));
      const run = await runWright(['-p', 'hello'], { workspace, server, provider });
      assert.equal(run.code, 0, run.stderr);
      assert.match(run.stderr, /wright: warning: Unknown output style "Nope" \(settings outputStyle\); using Default/);
      const body = JSON.stringify(server.requests[first]!.body);
      assert.ok(body.includes('# How to work'));
      assert.ok(!body.includes('# Output style'));
    });

    test('an invalid agent file and a bad --agents entry are skipped with warnings; bad --agents JSON stops the run', async () => {
      const workspace = makeWorkspace({
        '.claude/agents/review/bad.md': '---\nname: Bad:Name\ndescription: x\n---\nPrompt.\n',
        '.wright/agents/good.md': '---\nname: good\ndescription: Fine\ntools: Read, Teleport\n---\nPrompt.\n',
      });
      server.push(reply([text('Done.')]));
      const run = await runWright(['-p', 'hello', '--agents', '{"helper":{"prompt":"p"}}'], { workspace, server, provider });
      assert.equal(run.code, 0, run.stderr);
      assert.match(run.stderr, /wright: warning: Skipped agent .*\.claude\/agents\/review\/bad\.md: name "Bad:Name" must not contain ':'/);
      assert.match(run.stderr, /wright: warning: Skipped agent "helper" from --agents: it has no `description`/);
      assert.match(run.stderr, /wright: warning: Agent "good" \(.*good\.md\) lists unknown tool Teleport in `tools`; ignored/);

      const before = server.requests.length;
      const broken = await runWright(['-p', 'hello', '--agents', '{oops'], { workspace, server, provider });
      assert.equal(broken.code, 2);
      assert.match(broken.stderr, /--agents: not valid JSON/);
      assert.equal(server.requests.length, before);
    });
  });
}

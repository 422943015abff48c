// End-to-end: `wright sessions search|list` over sessions recorded by `wright -p`, and the SessionSearch
// tool called by the scripted model, its result reaching the next request (both protocols).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { startModelServer, type ModelServer } from '../support/modelServer.js';
import { reply, text, toolUse } from '../support/script.js';
import { jsonResult, makeWorkspace, runWright, toolResultsIn, transcriptFiles, type Provider, type Workspace } from './harness.js';

async function recordSession(workspace: Workspace, server: ModelServer, provider: Provider, prompt: string, answer: string): Promise<string> {
  server.push(reply([text(answer)]));
  const run = await runWright(['-p', prompt, '--output-format', 'json'], { workspace, server, provider });
  assert.equal(run.code, 0, run.stderr);
  return jsonResult(run).session_id;
}

describe('wright sessions', () => {
  let server: ModelServer;
  before(async () => (server = await startModelServer()));
  after(() => server.close());

  test('search finds a phrase in the right session (text and --json); no hit exits 1, no query exits 2', async () => {
    const workspace = makeWorkspace();
    const first = await recordSession(workspace, server, 'anthropic', 'Set up linting.', 'ESLint is configured.');
    const second = await recordSession(workspace, server, 'anthropic', 'How do the retries work?', 'The marmalade protocol retries three times with jitter.');
    const third = await recordSession(workspace, server, 'anthropic', 'Write the changelog.', 'Changelog written; it mentions marmalade once.');

    const human = await runWright(['sessions', 'search', '"marmalade protocol"'], { workspace });
    assert.equal(human.code, 0, human.stderr);
    assert.match(human.stdout, new RegExp(`^${second}  \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d  How do the retries work\\?\\n  assistant: The \\*\\*marmalade protocol\\*\\* retries`));
    assert.doesNotMatch(human.stdout, new RegExp(`${first}|${third}`));
    assert.match(human.stdout, /wright -r <session id>/);
    assert.ok(existsSync(join(dirname(transcriptFiles(workspace)[0]!), 'search-index', `${second}.idx`)), 'the index lives next to the transcripts');

    const json = await runWright(['sessions', 'search', 'marmalade', '--json', '--limit', '1'], { workspace });
    assert.equal(json.code, 0, json.stderr);
    const parsed = JSON.parse(json.stdout);
    assert.equal(parsed.query, 'marmalade');
    assert.equal(parsed.hits.length, 1);
    assert.equal(parsed.more, 1);
    assert.ok([second, third].includes(parsed.hits[0].sessionId));
    const [start, end] = parsed.hits[0].marks[0];
    assert.equal(parsed.hits[0].snippet.slice(start, end), 'marmalade');

    // A resumed session gains new lines; the next search sees them.
    server.push(reply([text('Switched the retries to the quince scheme.')]));
    const resumed = await runWright(['-r', first, '-p', 'change the retries'], { workspace, server });
    assert.equal(resumed.code, 0, resumed.stderr);
    const appended = JSON.parse((await runWright(['sessions', 'search', 'quince', '--json'], { workspace })).stdout);
    assert.deepEqual(appended.hits.map((hit: { sessionId: string }) => hit.sessionId), [first]);

    const none = await runWright(['sessions', 'search', 'zanzibar'], { workspace });
    assert.equal(none.code, 1);
    assert.match(none.stdout, /No past session of this project matches zanzibar/);
    const noneJson = await runWright(['sessions', 'search', 'zanzibar', '--json'], { workspace });
    assert.equal(noneJson.code, 1);
    assert.deepEqual(JSON.parse(noneJson.stdout).hits, []);

    const missing = await runWright(['sessions', 'search'], { workspace });
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /needs a query[\s\S]*Usage: wright sessions search <query>/);
    assert.equal((await runWright(['sessions', 'search', 'x', '--limit', 'zero'], { workspace })).code, 2);
    assert.equal((await runWright(['sessions', 'frobnicate'], { workspace })).code, 2);

    const list = await runWright(['sessions', 'list', '--json'], { workspace });
    assert.equal(list.code, 0, list.stderr);
    const sessions = JSON.parse(list.stdout);
    assert.deepEqual(new Set(sessions.map((s: { sessionId: string }) => s.sessionId)), new Set([first, second, third]));
    assert.equal(sessions.find((s: { sessionId: string }) => s.sessionId === second).title, 'How do the retries work?');
  });
});

for (const provider of ['anthropic', 'openai'] as Provider[]) {
  describe(`SessionSearch over the ${provider} protocol`, () => {
    let server: ModelServer;
    before(async () => (server = await startModelServer()));
    after(() => server.close());

    test('the model finds an earlier session without a permission prompt; the current one is left out', async () => {
      const workspace = makeWorkspace();
      const earlier = await recordSession(workspace, server, provider, 'Which port does the quartz gateway use?', 'The quartz gateway listens on 7443.');
      const first = server.requests.length;
      server.push(reply([toolUse('SessionSearch', { query: '"quartz gateway"' })]), reply([text('It was 7443.')]));
      const run = await runWright(['-p', 'Remind me of the quartz gateway port.', '--output-format', 'json'], { workspace, server, provider });
      assert.equal(run.code, 0, run.stderr);
      const result = jsonResult(run);
      assert.deepEqual(result.permission_denials, []);
      const [found] = toolResultsIn(server.requests[first + 1]!.body);
      assert.match(found!, /^1 past session match/);
      assert.ok(found!.includes(earlier), found);
      assert.ok(!found!.includes(result.session_id), 'the session in progress is not among the hits');
      assert.match(found!, /assistant: The \*\*quartz gateway\*\* listens on 7443\./);
      assert.ok(readdirSync(join(workspace.configDir, 'projects')).length === 1);
    });
  });
}

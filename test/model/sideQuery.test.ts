import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { runServerWebSearch } from '../../src/model/serverWebSearch.js';
import { createSideQuery } from '../../src/model/sideQuery.js';
import { fault, reply, serverToolUse, text, webSearchResult } from '../support/script.js';
import { startHarness, type Harness } from './adapterHarness.js';

const signal = new AbortController().signal;

for (const provider of ['anthropic', 'openai'] as const) {
  describe(`createSideQuery over ${provider}`, () => {
    let harness: Harness;
    before(async () => (harness = await startHarness(provider, { maxRetries: 0 })));
    after(() => harness.close());

    it('sends one tool-less request to the small model and returns the text and usage', async () => {
      harness.server.push(reply([text('The answer '), text('is 42.')], { usage: { input_tokens: 50, output_tokens: 6 } }));
      const ask = createSideQuery(harness.client, 'small-model');
      const answer = await ask({ system: 'Be brief.', prompt: 'What is it?', signal });
      assert.deepEqual(answer.ok && [answer.text, answer.model, answer.usage.input_tokens, answer.usage.output_tokens], ['The answer is 42.', 'small-model', 50, 6]);
      const body = harness.server.requests.at(-1)!.body;
      assert.equal(body.model, 'small-model');
      assert.equal(body.tools, undefined);
      assert.match(JSON.stringify(body.messages), /What is it\?/);
    });

    it('reports a failed request as a value', async () => {
      harness.server.push(fault({ type: 'status', status: 400, message: 'model not found' }));
      const answer = await createSideQuery(harness.client, 'missing-model')({ system: 's', prompt: 'p', signal });
      assert.equal(answer.ok, false);
      assert.match(answer.ok ? '' : answer.message, /model not found/);
      assert.equal(answer.ok ? true : answer.aborted, false);
    });
  });
}

describe('runServerWebSearch', () => {
  let harness: Harness;
  before(async () => (harness = await startHarness('anthropic', { maxRetries: 0 })));
  after(() => harness.close());

  it('asks the main model with only the web_search server tool and reads calls, results and summary', async () => {
    harness.server.push(
      reply([
        text('Searching.'),
        serverToolUse('web_search', { query: 'node fetch api' }),
        webSearchResult([
          { title: 'Fetch | Node.js', url: 'https://nodejs.org/api/globals.html#fetch', page_age: 'March 3, 2025' },
          { title: 'undici', url: 'https://undici.nodejs.org/' },
        ]),
        serverToolUse('web_search', { query: 'undici fetch' }),
        webSearchResult([{ title: 'undici again', url: 'https://undici.nodejs.org/' }]),
        text(' Node has a global fetch.'),
      ]),
    );
    const outcome = await runServerWebSearch(harness.client, 'claude-sonnet-5-5', { query: 'node fetch', allowedDomains: ['nodejs.org'], signal });
    assert.ok(outcome.ok);
    assert.deepEqual(outcome.hits, [
      { title: 'Fetch | Node.js', url: 'https://nodejs.org/api/globals.html#fetch', pageAge: 'March 3, 2025' },
      { title: 'undici', url: 'https://undici.nodejs.org/' },
    ]);
    assert.deepEqual(outcome.queries, ['node fetch api', 'undici fetch']);
    assert.equal(outcome.summary, 'Searching. Node has a global fetch.');
    const body = harness.server.requests.at(-1)!.body;
    assert.equal(body.model, 'claude-sonnet-5-5');
    assert.deepEqual(body.tools, [{ type: 'web_search_20250305', name: 'web_search', max_uses: 8, allowed_domains: ['nodejs.org'] }]);
    assert.match(body.messages[0].content, /Perform a web search for the query: node fetch/);
  });

  it('continues a paused search, sending the results so far back unchanged', async () => {
    harness.server.push(
      reply([serverToolUse('web_search', { query: 'a' }, 'srvtoolu_first'), webSearchResult([{ title: 'A', url: 'https://a.example/' }])], { stopReason: 'pause_turn' }),
      reply([text('Done.')]),
    );
    const before = harness.server.requests.length;
    const outcome = await runServerWebSearch(harness.client, 'm', { query: 'a b', blockedDomains: ['spam.example'], signal });
    assert.deepEqual(outcome.ok && [outcome.hits.map((h) => h.url), outcome.summary], [['https://a.example/'], 'Done.']);
    const [first, second] = harness.server.requests.slice(before);
    assert.deepEqual(first!.body.tools[0].blocked_domains, ['spam.example']);
    const resent = second!.body.messages[1];
    assert.equal(resent.role, 'assistant');
    assert.deepEqual(resent.content[0], { type: 'server_tool_use', id: 'srvtoolu_first', name: 'web_search', input: { query: 'a' } });
    assert.equal(resent.content[1].type, 'web_search_tool_result');
    assert.match(resent.content[1].content[0].encrypted_content, /^Eo/);
  });

  it('fails with the error code when every search failed', async () => {
    harness.server.push(reply([serverToolUse('web_search', { query: 'x' }), webSearchResult({ error_code: 'too_many_requests' }), text('Sorry.')]));
    const outcome = await runServerWebSearch(harness.client, 'm', { query: 'xx', signal });
    assert.deepEqual(outcome, { ok: false, message: 'The web search failed (too_many_requests).', aborted: false });
  });
});

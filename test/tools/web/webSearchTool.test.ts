import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { createBraveBackend } from '../../../src/tools/web/braveBackend.js';
import { filterHitsByDomain, hostIsCovered, querySiteHint } from '../../../src/tools/web/domainFilter.js';
import { createSearxngBackend } from '../../../src/tools/web/searxngBackend.js';
import type { SearchRequest, WebSearchBackend } from '../../../src/tools/web/webSearchBackend.js';
import { createWebSearchTool } from '../../../src/tools/web/webSearchTool.js';
import { makeContext, textOf } from '../toolTestContext.js';
import { send, startWebTestServer, type WebTestServer } from './webTestServer.js';

const signal = new AbortController().signal;

describe('WebSearch input', () => {
  const schema = createWebSearchTool({ label: 'x', search: async () => ({ ok: true, hits: [] }) }).inputSchema;

  it('needs a query of two characters or more', () => {
    assert.equal(schema.safeParse({ query: 'a' }).success, false);
    assert.equal(schema.safeParse({ query: 'ab' }).success, true);
  });

  it('takes allowed_domains or blocked_domains, not both', () => {
    assert.equal(schema.safeParse({ query: 'ab', allowed_domains: ['a.com'] }).success, true);
    assert.equal(schema.safeParse({ query: 'ab', blocked_domains: ['a.com'] }).success, true);
    const both = schema.safeParse({ query: 'ab', allowed_domains: ['a.com'], blocked_domains: ['b.com'] });
    assert.equal(both.success, false);
    assert.match(both.error!.issues[0]!.message, /allowed_domains or blocked_domains, not both/);
  });
});

describe('WebSearch results', () => {
  it('lists titles, URLs and page ages with the summary, inside an untrusted block, and passes the domains on', async () => {
    const seen: SearchRequest[] = [];
    const backend: WebSearchBackend = {
      label: 'Test search',
      search: async (request) => {
        seen.push(request);
        return {
          ok: true,
          hits: [
            { title: 'Node  fetch\ndocs', url: 'https://nodejs.org/api/fetch.html', pageAge: '2 days ago' },
            { title: '', url: 'https://undici.nodejs.org/' },
          ],
          summary: 'Node 18+ ships fetch.',
          queries: ['node fetch'],
        };
      },
    };
    const result = await createWebSearchTool(backend).run({ query: 'node fetch', allowed_domains: ['nodejs.org'] }, makeContext('/tmp'));
    assert.deepEqual(seen.map((r) => [r.query, r.allowedDomains, r.blockedDomains]), [['node fetch', ['nodejs.org'], undefined]]);
    const text = textOf(result);
    assert.match(text, /^Web search results for "node fetch" from Test search: 2 results\. Searches run: "node fetch"\./);
    assert.match(text, /<untrusted-web-content source="Test search">\n1\. Node fetch docs — https:\/\/nodejs\.org\/api\/fetch\.html \(2 days ago\)\n2\. https:\/\/undici\.nodejs\.org\/ — https:\/\/undici\.nodejs\.org\/\n\nNode 18\+ ships fetch\.\n<\/untrusted-web-content>/);
    assert.match(text, /cite them as Markdown links/);
    assert.equal((result.data as any).results.length, 2);
  });

  it('says when nothing was found, and reports a failing backend as an error', async () => {
    const empty = await createWebSearchTool({ label: 'S', search: async () => ({ ok: true, hits: [] }) }).run({ query: 'zzz' }, makeContext('/tmp'));
    assert.equal(empty.isError, undefined);
    assert.match(textOf(empty), /0 results\.\n<untrusted-web-content source="S">\nNo results\.\n/);
    const failed = await createWebSearchTool({ label: 'S', search: async () => ({ ok: false, message: 'SearXNG answered HTTP 503' }) }).run({ query: 'zzz' }, makeContext('/tmp'));
    assert.equal(failed.isError, true);
    assert.equal(textOf(failed), 'SearXNG answered HTTP 503');
  });
});

describe('domain filters', () => {
  it('covers a domain and its subdomains, however it is written', () => {
    assert.ok(hostIsCovered('docs.python.org', 'python.org'));
    assert.ok(hostIsCovered('python.org', 'https://www.python.org/'));
    assert.ok(hostIsCovered('a.b.example.com', '*.example.com'));
    assert.ok(!hostIsCovered('notpython.org', 'python.org'));
  });

  it('keeps allowed and drops blocked hits', () => {
    const hits = [{ url: 'https://docs.python.org/3/' }, { url: 'https://pypi.org/x' }, { url: 'not a url' }];
    assert.deepEqual(filterHitsByDomain(hits, ['python.org']), [hits[0]]);
    assert.deepEqual(filterHitsByDomain(hits, undefined, ['python.org']), [hits[1]]);
  });

  it('adds a site: hint for exactly one allowed domain', () => {
    assert.equal(querySiteHint('asyncio', ['https://docs.python.org']), 'asyncio site:docs.python.org');
    assert.equal(querySiteHint('asyncio', ['a.org', 'b.org']), 'asyncio');
    assert.equal(querySiteHint('asyncio'), 'asyncio');
  });
});

describe('search API backends against a local server', () => {
  let server: WebTestServer;
  before(async () => {
    server = await startWebTestServer();
    server.route(
      '/searx/search',
      send(200, 'application/json', JSON.stringify({
        query: 'q',
        results: [
          { title: 'Python docs', url: 'https://docs.python.org/3/library/asyncio.html', publishedDate: '2025-03-01' },
          { title: 'Blog', url: 'https://blog.example.com/asyncio' },
          { title: 'No URL' },
        ],
      })),
    );
    server.route('/broken/search', send(503, 'text/plain', 'maintenance'));
    server.route('/html/search', send(200, 'text/html', '<html>json format disabled</html>'));
    server.route(
      '/res/v1/web/search',
      send(200, 'application/json', JSON.stringify({
        web: { results: [{ title: 'Rust book', url: 'https://doc.rust-lang.org/book/', age: '3 days ago' }, { title: 'Spam', url: 'https://spam.example/' }] },
      })),
    );
  });
  after(() => server.close());
  beforeEach(() => {
    server.requests.length = 0;
  });

  it('SearXNG: asks <url>/search for JSON and filters by domain on our side', async () => {
    const backend = createSearxngBackend({ url: `${server.url}/searx/`, userAgent: 'wright/1.0 (test)' });
    const outcome = await backend.search({ query: 'asyncio', allowedDomains: ['python.org'], signal });
    assert.deepEqual(outcome, { ok: true, hits: [{ title: 'Python docs', url: 'https://docs.python.org/3/library/asyncio.html', pageAge: '2025-03-01' }] });
    const request = server.requests[0]!;
    assert.equal(request.path, '/searx/search?q=asyncio+site%3Apython.org&format=json');
    assert.equal(request.headers['user-agent'], 'wright/1.0 (test)');
    assert.equal(backend.label, `SearXNG at ${server.url}/searx`);

    const blocked = await backend.search({ query: 'asyncio', blockedDomains: ['python.org'], signal });
    assert.deepEqual(blocked.ok ? blocked.hits.map((hit) => hit.url) : [], ['https://blog.example.com/asyncio']);
  });

  it('SearXNG: an HTTP error or a non-JSON answer is a message, not a throw', async () => {
    const broken = await createSearxngBackend({ url: `${server.url}/broken`, userAgent: 'ua' }).search({ query: 'x y', signal });
    assert.deepEqual(broken, { ok: false, message: `SearXNG answered HTTP 503 from ${server.url}/broken/search: maintenance` });
    const html = await createSearxngBackend({ url: `${server.url}/html`, userAgent: 'ua' }).search({ query: 'x y', signal });
    assert.match(html.ok ? '' : html.message, /did not answer JSON \(for SearXNG, enable the json format/);
    const gone = await startWebTestServer();
    await gone.close();
    const closed = await createSearxngBackend({ url: gone.url, userAgent: 'ua' }).search({ query: 'x y', signal });
    assert.match(closed.ok ? '' : closed.message, /^Could not reach SearXNG at http:\/\/127\.0\.0\.1:\d+\/search: ECONNREFUSED/);
  });

  it('Brave: sends the key from the named variable and maps results with their age', async () => {
    const backend = createBraveBackend({ url: server.url, apiKeyEnv: 'MY_BRAVE', env: { MY_BRAVE: 'secret-token' }, userAgent: 'ua' });
    const outcome = await backend.search({ query: 'rust book', blockedDomains: ['spam.example'], signal });
    assert.deepEqual(outcome, { ok: true, hits: [{ title: 'Rust book', url: 'https://doc.rust-lang.org/book/', pageAge: '3 days ago' }] });
    assert.equal(server.requests[0]!.headers['x-subscription-token'], 'secret-token');
    assert.equal(server.requests[0]!.path, '/res/v1/web/search?q=rust+book&count=20');
  });

  it('Brave: without the key, says which variable to set and sends nothing', async () => {
    const backend = createBraveBackend({ apiKeyEnv: 'BRAVE_API_KEY', env: {}, userAgent: 'ua' });
    assert.equal(backend.label, 'Brave Search');
    const outcome = await backend.search({ query: 'rust', signal });
    assert.match(outcome.ok ? '' : outcome.message, /needs an API key: set BRAVE_API_KEY/);
    assert.equal(server.requests.length, 0);
  });
});

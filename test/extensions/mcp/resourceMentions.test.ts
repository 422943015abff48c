import { test } from 'node:test';
import assert from 'node:assert/strict';
import { expandResourceMentions, findResourceMentions } from '../../../src/extensions/mcp/resourceMentions.js';

test('resource mentions need a server and a URI with a scheme; file mentions are not taken', () => {
  assert.deepEqual(findResourceMentions('see @docs:file:///a/b.md and @src/app.ts, @notes: or @gh:repo://x/y.'), [
    { server: 'docs', uri: 'file:///a/b.md' },
    { server: 'gh', uri: 'repo://x/y.' },
  ]);
  assert.deepEqual(findResourceMentions('mail me@host:demo://x'), [], 'a mention starts a word');
});

function fakeHub(resources: Record<string, string>) {
  const read: string[] = [];
  const connection = {
    status: 'connected',
    hasResources: true,
    async readResource(uri: string) {
      read.push(uri);
      if (!(uri in resources)) throw new Error(`MCP server "docs" failed to read ${uri}: Resource not found`);
      return [{ uri, text: resources[uri] }];
    },
  };
  return { read, hub: { connection: (name: string) => (name === 'docs' ? (connection as never) : undefined) } };
}

test('a mentioned resource is read and attached after the prompt, trailing punctuation forgiven', async () => {
  const { hub, read } = fakeHub({ 'demo://guide': 'the guide text' });
  const expanded = await expandResourceMentions('Summarise @docs:demo://guide.', hub, new AbortController().signal);
  assert.equal(expanded.text, 'Summarise @docs:demo://guide.\n\n<mcp-resource server="docs" uri="demo://guide">\nthe guide text\n</mcp-resource>');
  assert.deepEqual(expanded.notices, []);
  assert.deepEqual(read, ['demo://guide.', 'demo://guide']);
});

test('an unknown server or resource leaves the text as is, with a notice each', async () => {
  const { hub } = fakeHub({});
  const expanded = await expandResourceMentions('a @nope:demo://x b @docs:demo://missing', hub, new AbortController().signal);
  assert.equal(expanded.text, 'a @nope:demo://x b @docs:demo://missing');
  assert.deepEqual(expanded.notices, [
    '@nope:demo://x was not attached: no connected MCP server "nope" with resources.',
    '@docs:demo://missing was not attached: MCP server "docs" failed to read demo://missing: Resource not found',
  ]);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatMcpServers } from '../../../src/extensions/mcp/mcpListing.js';
import { loginHint } from '../../../src/extensions/mcp/mcpOAuthProvider.js';

test('/mcp shows a server that needs auth with the way to sign in, and no restart note', () => {
  const text = formatMcpServers([{ name: 'notion', scope: 'user', status: 'needs-auth', detail: loginHint('notion'), tools: 0 }]);
  assert.match(text, /! notion \(user\) needs-auth\n {6}run `wright mcp login notion` \(or \/mcp login notion in a session\)/);
  assert.doesNotMatch(text, /restarted/);
});

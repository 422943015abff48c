import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startOAuthCallbackServer } from '../../../src/extensions/mcp/oauthCallbackServer.js';

const callback = (port: number, query: string) => fetch(`http://127.0.0.1:${port}/callback?${query}`);

test('a response with the wrong state is turned away and the login keeps waiting for the right one', async () => {
  const server = await startOAuthCallbackServer(0, () => 'expected-state');
  try {
    assert.match(server.redirectUrl, new RegExp(`^http://localhost:${server.port}/callback$`));
    const code = server.waitForCode({ signal: new AbortController().signal, timeoutMs: 60_000 });
    const forged = await callback(server.port, 'code=evil&state=other');
    assert.equal(forged.status, 400);
    assert.match(await forged.text(), /state does not match/);
    assert.equal((await callback(server.port, 'code=evil')).status, 400, 'no state at all');
    assert.equal((await fetch(`http://127.0.0.1:${server.port}/elsewhere`)).status, 404);
    const real = await callback(server.port, 'code=good&state=expected-state');
    assert.equal(real.status, 200);
    assert.equal(await code, 'good');
  } finally {
    await server.close();
  }
});

test('a response that arrives before anyone waits is kept', async () => {
  const server = await startOAuthCallbackServer(0, () => 's');
  try {
    assert.equal((await callback(server.port, 'code=early&state=s')).status, 200);
    assert.equal(await server.waitForCode({ signal: new AbortController().signal, timeoutMs: 60_000 }), 'early');
  } finally {
    await server.close();
  }
});

test('an error from the authorization server ends the wait with its description (HTML-escaped on the page)', async () => {
  const server = await startOAuthCallbackServer(0, () => 's');
  try {
    const failed = assert.rejects(server.waitForCode({ signal: new AbortController().signal, timeoutMs: 60_000 }), /the authorization server answered "access_denied": <b>no<\/b>/);
    const page = await callback(server.port, `state=s&error=access_denied&error_description=${encodeURIComponent('<b>no</b>')}`);
    assert.match(await page.text(), /&#60;b&#62;no/);
    await failed;
  } finally {
    await server.close();
  }
});

test('the wait ends on abort and on timeout; a taken port is reported', async () => {
  const server = await startOAuthCallbackServer(0, () => 's');
  try {
    const controller = new AbortController();
    const aborted = server.waitForCode({ signal: controller.signal, timeoutMs: 60_000 });
    controller.abort(new Error('user pressed Ctrl+C'));
    await assert.rejects(aborted, /user pressed Ctrl\+C/);
    await assert.rejects(server.waitForCode({ signal: new AbortController().signal, timeoutMs: 1 }), /no sign-in arrived within/);
    await assert.rejects(startOAuthCallbackServer(server.port, () => 's'), new RegExp(`callback port ${server.port} is in use`));
  } finally {
    await server.close();
  }
});

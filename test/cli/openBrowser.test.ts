import { test } from 'node:test';
import assert from 'node:assert/strict';
import { browserCommand, openBrowser } from '../../src/cli/openBrowser.js';

test('$BROWSER wins (with %s for the URL, else the URL appended); otherwise open or xdg-open', () => {
  const url = 'http://a/authorize?x=1';
  assert.deepEqual(browserCommand(url, { BROWSER: 'firefox --new-tab' }, 'linux'), ['firefox', '--new-tab', url]);
  assert.deepEqual(browserCommand(url, { BROWSER: 'chrome --app=%s' }, 'linux'), ['chrome', `--app=${url}`]);
  assert.deepEqual(browserCommand(url, {}, 'linux'), ['xdg-open', url]);
  assert.deepEqual(browserCommand(url, { BROWSER: ' ' }, 'darwin'), ['open', url]);
});

test('a browser command that does not exist is an error the caller can report', async () => {
  await assert.rejects(openBrowser('http://a', { PATH: process.env.PATH, BROWSER: '/nonexistent/browser-binary' }), /ENOENT/);
});

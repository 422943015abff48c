import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { loadSettings, type LoadSettingsOptions } from '../../src/config/settings.js';
import { makeTempDir, removeTempDirs, writeFiles } from './tempFiles.js';

after(removeTempDirs);

function world(files: Record<string, string>): LoadSettingsOptions {
  const root = makeTempDir();
  writeFiles(root, files);
  const projectRoot = join(root, 'repo');
  return { home: root, projectRoot, cwd: projectRoot, configDir: join(root, '.wright'), managedPath: join(root, 'managed.json') };
}

describe('settings webSearch', () => {
  it('reads the backend, taking the object whole from the highest layer that sets it', () => {
    const result = loadSettings(
      world({
        '.wright/settings.json': JSON.stringify({ webSearch: { provider: 'searxng', url: 'https://search.example.org' } }),
        'repo/.wright/settings.json': JSON.stringify({ webSearch: { provider: 'brave', apiKeyEnv: 'MY_BRAVE_KEY' } }),
      }),
    );
    assert.ok(result.ok);
    assert.deepEqual(result.settings.webSearch, { provider: 'brave', apiKeyEnv: 'MY_BRAVE_KEY' });
  });

  it('is absent when no layer sets it', () => {
    const result = loadSettings(world({ '.wright/settings.json': '{"model": "opus"}' }));
    assert.ok(result.ok);
    assert.equal(result.settings.webSearch, undefined);
  });

  it('points at the file, line and key of a bad value', () => {
    const w = world({ 'repo/.wright/settings.json': '{\n  "webSearch": {\n    "provider": "google"\n  }\n}\n' });
    const result = loadSettings(w);
    assert.ok(!result.ok);
    assert.match(result.error.format(), new RegExp(`^${join(w.projectRoot, '.wright', 'settings.json').replace(/[/.]/g, '\\$&')}:3:5: webSearch\\.provider: Invalid option`));
  });

  it('rejects a URL that is not http(s), an env name that is not one, and SearXNG without a URL', () => {
    const error = (webSearch: unknown) => {
      const result = loadSettings(world({ '.wright/settings.json': JSON.stringify({ webSearch }, null, 2) }));
      assert.ok(!result.ok);
      return result.error;
    };
    const badUrl = error({ provider: 'searxng', url: 'ftp://x.example' });
    assert.equal(badUrl.key, 'webSearch.url');
    assert.match(badUrl.message, /http\(s\) URL/);
    assert.equal(badUrl.line, 4);
    assert.match(error({ provider: 'brave', apiKeyEnv: 'not a name' }).message, /environment variable name/);
    const noUrl = error({ provider: 'searxng' });
    assert.equal(noUrl.key, 'webSearch.provider');
    assert.match(noUrl.message, /SearXNG needs the instance URL/);
  });
});

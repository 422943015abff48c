import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { setLocalSettingsValue } from '../../src/config/localSettingsWriter.js';
import { loadSettings } from '../../src/config/settings.js';
import { makeTempDir, removeTempDirs } from './tempFiles.js';

after(removeTempDirs);

test('setLocalSettingsValue saves outputStyle beside what is there, git-ignored, and settings read it over the project file', async () => {
  const root = makeTempDir('wright-style-');
  execFileSync('git', ['init', '-q'], { cwd: root });
  mkdirSync(join(root, '.wright'));
  writeFileSync(join(root, '.wright', 'settings.json'), '{ "outputStyle": "Explanatory" }\n');
  writeFileSync(join(root, '.wright', 'settings.local.json'), '{\n  "model": "opus"\n}\n');
  const path = await setLocalSettingsValue(root, 'outputStyle', 'Learning');
  assert.equal(path, join(root, '.wright', 'settings.local.json'));
  assert.deepEqual(JSON.parse(readFileSync(path, 'utf8')), { model: 'opus', outputStyle: 'Learning' });
  execFileSync('git', ['check-ignore', '-q', '--', '.wright/settings.local.json'], { cwd: root });
  const home = makeTempDir('wright-home-');
  const loaded = loadSettings({ cwd: root, projectRoot: root, configDir: join(home, '.wright'), home, managedPath: join(home, 'managed.json') });
  assert.ok(loaded.ok);
  assert.equal(loaded.settings.outputStyle, 'Learning');
});

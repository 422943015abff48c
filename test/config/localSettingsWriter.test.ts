import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { addLocalAllowRules } from '../../src/config/localSettingsWriter.js';
import { SettingsFileWriteError } from '../../src/config/settingsFileUpdate.js';
import { parseSettingsText } from '../../src/config/settingsFile.js';
import { makeTempDir, removeTempDirs, writeFiles } from './tempFiles.js';

after(removeTempDirs);

const settingsPath = (root: string) => join(root, '.wright', 'settings.local.json');
const read = (root: string) => readFileSync(settingsPath(root), 'utf8');

function gitRepo(): string {
  const root = makeTempDir('wright-local-');
  execFileSync('git', ['init', '-q'], { cwd: root });
  return root;
}

function isIgnored(root: string): boolean {
  try {
    execFileSync('git', ['check-ignore', '-q', '--', '.wright/settings.local.json'], { cwd: root });
    return true;
  } catch {
    return false;
  }
}

describe('addLocalAllowRules', () => {
  test('creates the file and its directory, readable as settings', async () => {
    const root = makeTempDir();
    const result = await addLocalAllowRules(root, ['Bash(npm run test:*)']);
    assert.equal(result.path, settingsPath(root));
    assert.deepEqual(result.added, ['Bash(npm run test:*)']);
    assert.equal(read(root), '{\n  "permissions": {\n    "allow": [\n      "Bash(npm run test:*)"\n    ]\n  }\n}\n');
    const parsed = parseSettingsText(read(root), settingsPath(root));
    assert.ok(parsed.ok && parsed.settings !== null);
    assert.deepEqual(parsed.settings.permissions?.allow, ['Bash(npm run test:*)']);
  });

  test('keeps other keys, their order and the file\'s indentation', async () => {
    const root = makeTempDir();
    const original = {
      model: 'claude-x',
      permissions: { deny: ['Read(./.env)'], allow: ['Bash(make build:*)'], defaultMode: 'acceptEdits' },
      env: { FOO: 'bar' },
    };
    writeFiles(root, { '.wright/settings.local.json': JSON.stringify(original, null, 4) });
    await addLocalAllowRules(root, ['Edit(/src/**)']);
    const expected = { ...original, permissions: { ...original.permissions, allow: ['Bash(make build:*)', 'Edit(/src/**)'] } };
    assert.equal(read(root), `${JSON.stringify(expected, null, 4)}\n`);
  });

  test('keeps tabs and CRLF line endings', async () => {
    const root = makeTempDir();
    writeFiles(root, { '.wright/settings.local.json': '{\r\n\t"model": "m"\r\n}\r\n' });
    await addLocalAllowRules(root, ['WebSearch']);
    assert.equal(read(root), '{\r\n\t"model": "m",\r\n\t"permissions": {\r\n\t\t"allow": [\r\n\t\t\t"WebSearch"\r\n\t\t]\r\n\t}\r\n}\r\n');
  });

  test('never writes a rule twice', async () => {
    const root = makeTempDir();
    await addLocalAllowRules(root, ['Bash(git push:*)', 'Bash(git push:*)']);
    const again = await addLocalAllowRules(root, ['Bash(git push:*)', ' Bash(npm test:*) ']);
    assert.deepEqual(again.added, ['Bash(npm test:*)']);
    const settings = JSON.parse(read(root));
    assert.deepEqual(settings.permissions.allow, ['Bash(git push:*)', 'Bash(npm test:*)']);
  });

  test('an empty file counts as empty settings', async () => {
    const root = makeTempDir();
    writeFiles(root, { '.wright/settings.local.json': '\n' });
    await addLocalAllowRules(root, ['WebSearch']);
    assert.deepEqual(JSON.parse(read(root)), { permissions: { allow: ['WebSearch'] } });
  });

  test('invalid JSON is reported with its position and left untouched', async () => {
    const root = makeTempDir();
    const broken = '{\n  "permissions": {\n    "allow": ["Bash(ls)",]\n  }\n}\n';
    writeFiles(root, { '.wright/settings.local.json': broken });
    await assert.rejects(addLocalAllowRules(root, ['WebSearch']), (error: unknown) => {
      assert.ok(error instanceof SettingsFileWriteError);
      assert.match(error.message, /settings\.local\.json:3:\d+: invalid JSON/);
      assert.match(error.message, /fix or remove the file/);
      return true;
    });
    assert.equal(read(root), broken);
    assert.deepEqual(readdirSync(join(root, '.wright')), ['settings.local.json'], 'no temporary file left behind');
  });

  test('a permissions.allow that is not a list of strings is reported, not replaced', async () => {
    const root = makeTempDir();
    for (const [text, key] of [
      ['{"permissions": {"allow": "Bash"}}', 'permissions.allow'],
      ['{"permissions": {"allow": ["Bash(ls)", 3]}}', 'permissions.allow[1]'],
      ['{"permissions": []}', 'permissions'],
      ['[]', ''],
    ] as const) {
      writeFiles(root, { '.wright/settings.local.json': text });
      await assert.rejects(addLocalAllowRules(root, ['WebSearch']), (error: unknown) => {
        assert.ok(error instanceof SettingsFileWriteError);
        assert.equal(error.settingsError.key, key);
        return true;
      });
      assert.equal(read(root), text);
    }
  });

  test('calls that overlap all land', async () => {
    const root = makeTempDir();
    const rules = Array.from({ length: 12 }, (_, i) => `Bash(make target${i}:*)`);
    await Promise.all(rules.map((rule) => addLocalAllowRules(root, [rule])));
    const allow: string[] = JSON.parse(read(root)).permissions.allow;
    assert.deepEqual([...allow].sort(), [...rules].sort());
    assert.deepEqual(readdirSync(join(root, '.wright')), ['settings.local.json']);
  });

  test('one failing call does not stop the next', async () => {
    const root = makeTempDir();
    writeFiles(root, { '.wright/settings.local.json': '{' });
    const first = addLocalAllowRules(root, ['WebSearch']);
    const second = (async () => {
      await first.catch(() => undefined);
      writeFileSync(settingsPath(root), '{}');
      return addLocalAllowRules(root, ['WebSearch']);
    })();
    await assert.rejects(first, SettingsFileWriteError);
    assert.deepEqual((await second).added, ['WebSearch']);
  });

  test('in a git repository the file is added to info/exclude, once', async () => {
    const root = gitRepo();
    assert.equal(isIgnored(root), false);
    await addLocalAllowRules(root, ['WebSearch']);
    assert.equal(isIgnored(root), true);
    await addLocalAllowRules(root, ['Bash(make build:*)']);
    const exclude = readFileSync(join(root, '.git', 'info', 'exclude'), 'utf8');
    assert.equal(exclude.split('\n').filter((line) => line === '/.wright/settings.local.json').length, 1);
    assert.equal(existsSync(join(root, '.gitignore')), false, 'the shared .gitignore is not created');
  });

  test('a file the project already ignores is not added again, and .gitignore is not changed', async () => {
    const root = gitRepo();
    writeFiles(root, { '.gitignore': 'node_modules\n.wright/\n' });
    const excludeBefore = readFileSync(join(root, '.git', 'info', 'exclude'), 'utf8');
    await addLocalAllowRules(root, ['WebSearch']);
    assert.equal(readFileSync(join(root, '.gitignore'), 'utf8'), 'node_modules\n.wright/\n');
    assert.equal(readFileSync(join(root, '.git', 'info', 'exclude'), 'utf8'), excludeBefore);
  });

  test('outside a git repository nothing but the settings file is written', async () => {
    const root = makeTempDir();
    mkdirSync(join(root, 'sub'));
    await addLocalAllowRules(root, ['WebSearch']);
    assert.deepEqual(readdirSync(root).sort(), ['.wright', 'sub']);
  });
});

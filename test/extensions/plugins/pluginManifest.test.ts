import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseManifest, readPluginManifest } from '../../../src/extensions/plugins/pluginManifest.js';
import { writeFiles } from './pluginFixture.js';

const temp = () => realpathSync(mkdtempSync(join(tmpdir(), 'wright-manifest-')));

test('a Claude Code manifest reads with its component paths resolved inside the plugin; unknown fields are ignored', () => {
  const root = '/plugins/demo';
  const parsed = parseManifest(
    { name: 'demo-tools', version: '2.0.0', description: 'Demo', author: { name: 'A', email: 'a@example.invalid' }, keywords: ['x'], lspServers: {}, commands: ['./extra/cmds', './one.md'], agents: './team', hooks: './config/hooks.json', mcpServers: { db: { command: 'db' } } },
    root,
  );
  assert.ok('manifest' in parsed);
  const { manifest } = parsed;
  assert.equal(manifest.name, 'demo-tools');
  assert.equal(manifest.version, '2.0.0');
  assert.deepEqual(manifest.author, { name: 'A', email: 'a@example.invalid' });
  assert.deepEqual(manifest.commands, ['/plugins/demo/extra/cmds', '/plugins/demo/one.md']);
  assert.deepEqual(manifest.agents, ['/plugins/demo/team']);
  assert.deepEqual(manifest.skills, []);
  assert.equal(manifest.hooks, '/plugins/demo/config/hooks.json');
  assert.deepEqual(manifest.mcpServers, { db: { command: 'db' } });
});

test('the manifest must name the plugin in kebab-case and keep its paths inside the plugin', () => {
  const error = (value: unknown) => {
    const parsed = parseManifest(value, '/p');
    return 'error' in parsed ? parsed.error : 'ok';
  };
  assert.match(error({}), /"name" is required/);
  assert.match(error({ name: 'My Plugin' }), /kebab-case/);
  assert.match(error({ name: 'a--b' }), /kebab-case/);
  assert.match(error({ name: 'ok', commands: '../outside' }), /outside the plugin/);
  assert.match(error({ name: 'ok', skills: '/abs/skills' }), /relative path/);
  assert.match(error({ name: 'ok', hooks: 3 }), /"hooks" must be a path/);
  assert.match(error({ name: 'ok', version: 2 }), /"version" must be a string/);
  assert.match(error([]), /JSON object/);
  assert.equal(error({ name: 'ok', author: 'Someone' }), 'ok');
});

test('.wright-plugin/plugin.json is read before .claude-plugin/plugin.json; without either the folder names the plugin', () => {
  const both = temp();
  writeFiles(both, { '.claude-plugin/plugin.json': '{"name":"from-claude"}', '.wright-plugin/plugin.json': '{"name":"from-wright"}' });
  const read = readPluginManifest(both);
  assert.ok(read.ok);
  assert.equal(read.manifest.name, 'from-wright');
  assert.equal(read.path, join(both, '.wright-plugin', 'plugin.json'));

  const bare = join(temp(), 'bare-plugin');
  writeFiles(bare, { 'commands/x.md': 'x' });
  const fromName = readPluginManifest(bare);
  assert.ok(fromName.ok);
  assert.equal(fromName.manifest.name, 'bare-plugin');
  assert.equal(fromName.path, undefined);

  const badName = join(temp(), 'Bad_Name');
  writeFiles(badName, { 'commands/x.md': 'x' });
  assert.equal(readPluginManifest(badName).ok, false);
});

test('a manifest that is not JSON is reported with its file', () => {
  const root = temp();
  writeFiles(root, { '.claude-plugin/plugin.json': '{ name: nope' });
  const read = readPluginManifest(root);
  assert.equal(read.ok, false);
  assert.ok(!read.ok && read.path === join(root, '.claude-plugin', 'plugin.json'));
  assert.ok(!read.ok && /not valid JSON/.test(read.error));
});

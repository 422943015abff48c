import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, realpathSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { isFolderTrusted, projectConfigurationFound, trustedFolders, trustFolder, trustIsRemembered, trustStorePath } from '../../src/config/workspaceTrust.js';

function scratch(): string {
  return realpathSync(mkdtempSync(join(tmpdir(), 'wright-trust-')));
}

test('a trusted folder covers the folders inside it, not its siblings with a longer name or its parent', async () => {
  const root = scratch();
  const configDir = join(root, 'config');
  await trustFolder(join(root, 'work', 'app'), configDir);
  assert.equal(isFolderTrusted(join(root, 'work', 'app'), configDir), true);
  assert.equal(isFolderTrusted(join(root, 'work', 'app', 'packages', 'ui'), configDir), true);
  assert.equal(isFolderTrusted(join(root, 'work', 'app-evil'), configDir), false);
  assert.equal(isFolderTrusted(join(root, 'work'), configDir), false);
  assert.equal(isFolderTrusted(join(root, 'work', 'app', '..', 'other'), configDir), false);
});

test('the trust store is private to the user and keeps earlier answers', async () => {
  const root = scratch();
  const configDir = join(root, 'config');
  await trustFolder(join(root, 'a'), configDir);
  await trustFolder(join(root, 'b'), configDir);
  await trustFolder(join(root, 'a'), configDir);
  assert.deepEqual(trustedFolders(configDir), [join(root, 'a'), join(root, 'b')]);
  assert.equal(statSync(trustStorePath(configDir)).mode & 0o777, 0o600);
});

test('a malformed trust store trusts nothing, so the question is asked again', () => {
  const configDir = scratch();
  writeFileSync(trustStorePath(configDir), '{"folders": "/"');
  assert.deepEqual(trustedFolders(configDir), []);
  writeFileSync(trustStorePath(configDir), JSON.stringify({ folders: '/' }));
  assert.equal(isFolderTrusted('/tmp', configDir), false);
  writeFileSync(trustStorePath(configDir), JSON.stringify({ folders: [42, null] }));
  assert.deepEqual(trustedFolders(configDir), []);
});

test('trusting the home directory or / is not remembered', () => {
  assert.equal(trustIsRemembered('/home/ann', '/home/ann'), false);
  assert.equal(trustIsRemembered('/home/ann/', '/home/ann'), false);
  assert.equal(trustIsRemembered('/', '/home/ann'), false);
  assert.equal(trustIsRemembered('/home/ann/project', '/home/ann'), true);
});

test('the project configuration that needs trust: settings, .mcp.json, commands, skills and agents', () => {
  const project = scratch();
  const home = scratch();
  assert.deepEqual(projectConfigurationFound(project, home), []);
  writeFileSync(join(project, 'CLAUDE.md'), 'instructions only');
  mkdirSync(join(project, '.claude', 'output-styles'), { recursive: true });
  assert.deepEqual(projectConfigurationFound(project, home), []);
  writeFileSync(join(project, '.mcp.json'), '{}');
  mkdirSync(join(project, '.claude', 'commands'), { recursive: true });
  writeFileSync(join(project, '.claude', 'settings.json'), '{}');
  mkdirSync(join(project, '.wright', 'settings.local.json'), { recursive: true });
  assert.deepEqual(projectConfigurationFound(project, home), ['.mcp.json', join('.claude', 'settings.json'), join('.claude', 'commands')]);
});

test("the user's own ~/.claude is not project configuration when the project is the home directory", () => {
  const home = scratch();
  mkdirSync(join(home, '.claude', 'commands'), { recursive: true });
  writeFileSync(join(home, '.claude', 'settings.json'), '{}');
  assert.deepEqual(projectConfigurationFound(home, home), []);
  writeFileSync(join(home, '.mcp.json'), '{}');
  assert.deepEqual(projectConfigurationFound(home, home), ['.mcp.json']);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { copyPluginTree } from '../../../src/extensions/plugins/pluginCopy.js';
import { scopeSettingsFile, setPluginEnabled } from '../../../src/extensions/plugins/pluginEnablement.js';
import { addMarketplace, installPlugin, PluginInstallError, removeMarketplace, uninstallPlugin, updateMarketplaces } from '../../../src/extensions/plugins/pluginInstaller.js';
import { readInstalled, readMarketplaces } from '../../../src/extensions/plugins/pluginStore.js';
import { bareRepoOf } from './gitRepo.js';
import { writeFiles, writePluginFixture } from './pluginFixture.js';

const temp = () => realpathSync(mkdtempSync(join(tmpdir(), 'wright-install-')));

test('copying leaves the top-level .git behind, keeps links inside the plugin, and skips links that lead out of it', () => {
  const base = temp();
  const source = join(base, 'src');
  writeFiles(base, { 'src/a.txt': 'a', 'src/sub/b.txt': 'b', 'src/.git/HEAD': 'ref', 'src/vendor/.git/HEAD': 'nested', 'secret.txt': 'secret' });
  symlinkSync('sub/b.txt', join(source, 'inside-link'));
  symlinkSync('sub', join(source, 'inside-dir'));
  symlinkSync('../secret.txt', join(source, 'escape'));
  symlinkSync('/etc', join(source, 'etc'));
  const { warnings } = copyPluginTree(source, join(base, 'dest'));
  const dest = join(base, 'dest');
  assert.equal(readFileSync(join(dest, 'sub', 'b.txt'), 'utf8'), 'b');
  assert.equal(existsSync(join(dest, '.git')), false);
  // A nested .git is content (the signature digest counts it too).
  assert.equal(readFileSync(join(dest, 'vendor', '.git', 'HEAD'), 'utf8'), 'nested');
  assert.ok(lstatSync(join(dest, 'inside-link')).isSymbolicLink());
  assert.equal(readlinkSync(join(dest, 'inside-link')), join('sub', 'b.txt'));
  assert.equal(readFileSync(join(dest, 'inside-dir', 'b.txt'), 'utf8'), 'b');
  assert.equal(existsSync(join(dest, 'escape')), false);
  assert.equal(existsSync(join(dest, 'etc')), false);
  assert.equal(warnings.length, 2);
  assert.match(warnings.join('\n'), /escape: a symbolic link to \.\.\/secret\.txt, outside the plugin/);
});

test('installing a plugin directory copies it into the cache as <name>@local and records it', async () => {
  const base = temp();
  const configDir = join(base, 'config');
  const source = writePluginFixture(join(base, 'src-dir'));
  const result = await installPlugin(configDir, 'src-dir', base);
  assert.equal(result.id, 'myplugin@local');
  const copy = join(configDir, 'plugins', 'cache', 'local', 'myplugin');
  assert.equal(result.record.path, copy);
  assert.equal(result.record.version, '1.2.0');
  assert.deepEqual(result.record.source, { source: 'directory', path: source });
  assert.ok(existsSync(join(copy, 'commands', 'hello.md')));
  assert.deepEqual(Object.keys(readInstalled(configDir).plugins), ['myplugin@local']);
  // Installing again replaces the copy and says what it replaced.
  writeFiles(source, { 'commands/new.md': 'New' });
  const again = await installPlugin(configDir, source, base);
  assert.ok(again.previous);
  assert.ok(existsSync(join(copy, 'commands', 'new.md')));
});

test('a plugin with an invalid manifest is refused and nothing is recorded', async () => {
  const base = temp();
  const configDir = join(base, 'config');
  writePluginFixture(join(base, 'bad'), { files: { '.claude-plugin/plugin.json': '{"name": "Bad Name"}' } });
  await assert.rejects(installPlugin(configDir, join(base, 'bad'), base), (error: Error) => error instanceof PluginInstallError && /Invalid plugin: .*plugin\.json "name" "Bad Name" must be kebab-case/.test(error.message));
  assert.deepEqual(readInstalled(configDir).plugins, {});
});

test('installing from a file:// git URL clones it; without a manifest the repository name names the plugin', async () => {
  const base = temp();
  const configDir = join(base, 'config');
  const url = bareRepoOf(writePluginFixture(join(base, 'p'), { noManifest: true }), 'cloned-tool');
  const result = await installPlugin(configDir, url, base);
  assert.equal(result.id, 'cloned-tool@local');
  assert.deepEqual(result.record.source, { source: 'git', url });
  assert.ok(existsSync(join(result.record.path, 'skills', 'greet', 'SKILL.md')));
  assert.equal(existsSync(join(result.record.path, '.git')), false);
  // Nothing is left in the scratch area.
  assert.deepEqual(readdirNames(join(configDir, 'plugins')).filter((name) => name.startsWith('.tmp-')), []);
  await assert.rejects(installPlugin(configDir, `file://${base}/missing.git`, base), /git clone .* failed/);
});

function readdirNames(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir) : [];
}

function marketplaceWith(base: string, gitUrl: string): string {
  const dir = join(base, 'market');
  writePluginFixture(join(dir, 'plugins', 'myplugin'));
  writeFiles(dir, {
    '.claude-plugin/marketplace.json': JSON.stringify({
      name: 'team-tools',
      owner: { name: 'Team' },
      plugins: [
        { name: 'myplugin', source: './plugins/myplugin', description: 'local one' },
        { name: 'remote', source: { source: 'git', url: gitUrl }, version: '0.3.0' },
        { name: 'escapes', source: '../../elsewhere' },
        { name: 'mismatch', source: './plugins/myplugin' },
      ],
    }),
  });
  return dir;
}

test('a marketplace is added from a directory, and its plugins install from a relative path or a git source', async () => {
  const base = temp();
  const configDir = join(base, 'config');
  const remoteUrl = bareRepoOf(writePluginFixture(join(base, 'remote-src'), { name: 'remote', noManifest: true }), 'remote');
  const added = await addMarketplace(configDir, marketplaceWith(base, remoteUrl), base);
  assert.equal(added.name, 'team-tools');
  assert.deepEqual(added.plugins, ['myplugin', 'remote', 'mismatch']);
  assert.match(added.warnings.join('\n'), /plugins\[2\] \("escapes"\) "source" "\.\.\/\.\.\/elsewhere" points outside the marketplace; skipped/);
  assert.equal(readMarketplaces(configDir)['team-tools']!.installLocation, join(configDir, 'plugins', 'marketplaces', 'team-tools'));

  const local = await installPlugin(configDir, 'myplugin@team-tools', base);
  assert.equal(local.id, 'myplugin@team-tools');
  assert.equal(local.record.path, join(configDir, 'plugins', 'cache', 'team-tools', 'myplugin'));
  assert.equal((local.record.source as { source: string }).source, 'marketplace');

  const remote = await installPlugin(configDir, 'remote@team-tools', base);
  assert.equal(remote.record.version, '0.3.0');
  assert.ok(existsSync(join(remote.record.path, 'commands', 'hello.md')));

  await assert.rejects(installPlugin(configDir, 'mismatch@team-tools', base), /manifest names it "myplugin", but marketplace "team-tools" lists it as "mismatch"/);
  await assert.rejects(installPlugin(configDir, 'nope@team-tools', base), /has no plugin "nope"\. Available: myplugin, remote, mismatch/);
  await assert.rejects(installPlugin(configDir, 'x@unknown-mkt', base), /Unknown marketplace "unknown-mkt"/);
  await assert.rejects(addMarketplace(configDir, join(base, 'market'), base), /already added/);
});

test('a marketplace added from git updates from it, and removing it deletes its copy', async () => {
  const base = temp();
  const configDir = join(base, 'config');
  const dir = join(base, 'm');
  writeFiles(dir, { '.claude-plugin/marketplace.json': JSON.stringify({ name: 'gm', plugins: [] }) });
  const url = bareRepoOf(dir, 'gm');
  const added = await addMarketplace(configDir, url, base);
  assert.deepEqual(added.plugins, []);
  assert.deepEqual(readMarketplaces(configDir)['gm']!.source, { source: 'git', url });
  // The remote gains a plugin; update fetches it.
  const bare = url.slice('file://'.length);
  const work = join(base, 'w');
  const { execFileSync } = await import('node:child_process');
  const env = { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@x.invalid', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@x.invalid' };
  execFileSync('git', ['clone', '-q', bare, work], { env, stdio: 'ignore' });
  writePluginFixture(join(work, 'plugins', 'myplugin'));
  writeFiles(work, { '.claude-plugin/marketplace.json': JSON.stringify({ name: 'gm', plugins: [{ name: 'myplugin', source: './plugins/myplugin' }] }) });
  execFileSync('git', ['add', '-A'], { cwd: work, env, stdio: 'ignore' });
  execFileSync('git', ['commit', '-q', '-m', 'add plugin'], { cwd: work, env, stdio: 'ignore' });
  execFileSync('git', ['push', '-q', 'origin', 'HEAD'], { cwd: work, env, stdio: 'ignore' });
  const updated = await updateMarketplaces(configDir);
  assert.deepEqual(updated.map((result) => [result.name, result.plugins]), [['gm', ['myplugin']]]);
  assert.equal((await installPlugin(configDir, 'myplugin@gm', base)).id, 'myplugin@gm');

  const location = readMarketplaces(configDir)['gm']!.installLocation;
  removeMarketplace(configDir, 'gm');
  assert.equal(existsSync(location), false);
  assert.deepEqual(readMarketplaces(configDir), {});
  assert.throws(() => removeMarketplace(configDir, 'gm'), /Unknown marketplace "gm"/);
});

test('uninstalling deletes the cached copy and the record', async () => {
  const base = temp();
  const configDir = join(base, 'config');
  writePluginFixture(join(base, 'myplugin'));
  const { record } = await installPlugin(configDir, join(base, 'myplugin'), base);
  const removed = uninstallPlugin(configDir, 'myplugin@local');
  assert.equal(removed.path, record.path);
  assert.equal(existsSync(record.path), false);
  assert.deepEqual(readInstalled(configDir).plugins, {});
  assert.throws(() => uninstallPlugin(configDir, 'myplugin@local'), /not installed\. No plugins are installed/);
});

test('enabledPlugins entries are set, flipped and removed in the chosen scope file, keeping the rest of it', async () => {
  const base = temp();
  const locations = { configDir: join(base, 'config'), projectRoot: join(base, 'repo') };
  mkdirSync(locations.configDir, { recursive: true });
  const user = scopeSettingsFile('user', locations);
  writeFileSync(user, '{\n    "model": "opus"\n}\n');
  assert.equal(await setPluginEnabled(user, 'a@m', true), true);
  assert.equal(await setPluginEnabled(user, 'a@m', true), false);
  assert.deepEqual(JSON.parse(readFileSync(user, 'utf8')), { model: 'opus', enabledPlugins: { 'a@m': true } });
  assert.match(readFileSync(user, 'utf8'), /^ {4}"model"/m, 'the file keeps its indentation');
  await setPluginEnabled(user, 'a@m', false);
  assert.deepEqual(JSON.parse(readFileSync(user, 'utf8')).enabledPlugins, { 'a@m': false });
  await setPluginEnabled(user, 'a@m', undefined);
  assert.deepEqual(JSON.parse(readFileSync(user, 'utf8')).enabledPlugins, {});
  assert.equal(scopeSettingsFile('project', locations), join(base, 'repo', '.wright', 'settings.json'));
  assert.equal(scopeSettingsFile('local', locations), join(base, 'repo', '.wright', 'settings.local.json'));
});

test('a marketplace git source that would run a command (ext::) is refused, whatever git allows', async () => {
  const base = temp();
  const configDir = join(base, 'config');
  const marker = join(base, 'pwned');
  writeFiles(join(base, 'market'), {
    '.claude-plugin/marketplace.json': JSON.stringify({ name: 'evil', plugins: [{ name: 'x', source: { source: 'git', url: `ext::sh -c touch% ${marker}` } }] }),
  });
  await addMarketplace(configDir, join(base, 'market'), base);
  const previous = process.env.GIT_CONFIG_PARAMETERS;
  // Even a configuration that allows ext:: does not get to use it.
  process.env.GIT_CONFIG_PARAMETERS = "'protocol.ext.allow'='always'";
  try {
    await assert.rejects(installPlugin(configDir, 'x@evil', base), (error: Error) => error instanceof PluginInstallError && /git clone ext::.* failed/.test(error.message));
  } finally {
    if (previous === undefined) delete process.env.GIT_CONFIG_PARAMETERS;
    else process.env.GIT_CONFIG_PARAMETERS = previous;
  }
  assert.equal(existsSync(marker), false);
});

// End-to-end: plugins in Claude Code's layout (`.claude-plugin/plugin.json`, commands, skills,
// agents, hooks/hooks.json, .mcp.json) loaded by the built CLI — with --plugin-dir and through
// `wright plugin install|list|enable|disable|remove` and marketplaces — against the scripted model.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { startModelServer, type ModelServer } from '../support/modelServer.js';
import { reply, text, toolUse } from '../support/script.js';
import { bareRepoOf } from '../extensions/plugins/gitRepo.js';
import { writeFiles, writePluginFixture } from '../extensions/plugins/pluginFixture.js';
import { makeWorkspace, runWright, streamEvents, toolResultsIn, type Provider, type RunResult, type Workspace } from './harness.js';

const sent = (body: any): string => JSON.stringify(body.messages);
const asJson = (value: string): string => JSON.stringify(value).slice(1, -1);
const initOf = (run: RunResult) => streamEvents(run).find((event) => event.type === 'system' && event.subtype === 'init');
const STREAM = ['--output-format', 'stream-json', '--verbose'];

/** The fixture plugin next to the workspace's repository (outside it, like a real plugin checkout). */
function pluginDir(workspace: Workspace): string {
  const dir = join(dirname(workspace.repo), 'myplugin');
  if (!existsSync(dir)) writePluginFixture(dir);
  return realpathSync(dir);
}

const hookLog = (dir: string): any[] =>
  existsSync(join(dir, 'hooks', 'hook-log.jsonl'))
    ? readFileSync(join(dir, 'hooks', 'hook-log.jsonl'), 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line))
    : [];

for (const provider of ['anthropic', 'openai'] as Provider[]) {
  describe(`plugins in a session over the ${provider} protocol`, () => {
    let server: ModelServer;
    before(async () => (server = await startModelServer()));
    after(() => server.close());

    test('-p "/myplugin:hello world" runs the plugin command; init lists the plugin and its command', async () => {
      const workspace = makeWorkspace();
      const dir = pluginDir(workspace);
      const first = server.requests.length;
      server.push(reply([text('Hello done.')]));
      const run = await runWright(['-p', '/myplugin:hello world', ...STREAM, '--plugin-dir', dir], { workspace, server, provider });
      assert.equal(run.code, 0, run.stderr);
      const init = initOf(run);
      assert.deepEqual(init.plugins, [{ name: 'myplugin', path: dir }]);
      assert.ok(init.slash_commands.includes('myplugin:hello'), init.slash_commands.join(' '));
      const messages = sent(server.requests[first]!.body);
      assert.ok(messages.includes(asJson('<command-name>/myplugin:hello</command-name>\n<command-args>world</command-args>')), messages);
      assert.ok(messages.includes(asJson(`Plugin hello to world from ${dir}.`)), messages);
    });

    test("a plugin's bin/ is on Bash's PATH, after the user's own directories", async () => {
      const workspace = makeWorkspace();
      const dir = join(dirname(workspace.repo), 'binplugin');
      writeFiles(dir, {
        '.claude-plugin/plugin.json': JSON.stringify({ name: 'binplugin' }),
        'bin/plugin-greet': '#!/bin/sh\necho "greetings from the plugin"\n',
      });
      chmodSync(join(dir, 'bin', 'plugin-greet'), 0o755);
      const first = server.requests.length;
      server.push(reply([toolUse('Bash', { command: 'plugin-greet; echo "$PATH"' })]), reply([text('Greeted.')]));
      const run = await runWright(['-p', 'greet', '--output-format', 'json', '--allowedTools', 'Bash', '--plugin-dir', dir], { workspace, server, provider });
      assert.equal(run.code, 0, run.stderr);
      const [output] = toolResultsIn(server.requests[first + 1]!.body);
      assert.match(output!, /^greetings from the plugin\n/);
      const path = output!.split('\n')[1]!.split(':');
      assert.equal(path.at(-1), join(realpathSync(dir), 'bin'), 'appended, never ahead of the user\'s directories');
    });

    test('the Skill tool loads myplugin:greet, which the model was told about', async () => {
      const workspace = makeWorkspace();
      const dir = pluginDir(workspace);
      const first = server.requests.length;
      server.push(reply([toolUse('Skill', { skill: 'myplugin:greet' })]), reply([text('Ahoy.')]));
      const run = await runWright(['-p', 'greet the team', '--output-format', 'json', '--plugin-dir', dir], { workspace, server, provider });
      assert.equal(run.code, 0, run.stderr);
      assert.match(sent(server.requests[first]!.body), /myplugin:greet: Greets people/);
      const result = toolResultsIn(server.requests[first + 1]!.body)[0]!;
      assert.match(result, /GREET SKILL BODY/);
      assert.ok(result.includes(join(dir, 'skills', 'greet')), result);
    });

    test("the plugin's PreToolUse hook blocks a Bash call, run with CLAUDE_PLUGIN_ROOT and WRIGHT_PLUGIN_ROOT", async () => {
      const workspace = makeWorkspace();
      const dir = pluginDir(workspace);
      const before = hookLog(dir).length;
      const first = server.requests.length;
      server.push(reply([toolUse('Bash', { command: 'echo forbidden > leaked.txt' })]), reply([text('Blocked.')]));
      const run = await runWright(['-p', 'try it', '--output-format', 'json', '--allowedTools', 'Bash', '--plugin-dir', dir], { workspace, server, provider });
      assert.equal(run.code, 0, run.stderr);
      assert.match(toolResultsIn(server.requests[first + 1]!.body)[0]!, /blocked by myplugin/);
      assert.equal(existsSync(join(workspace.repo, 'leaked.txt')), false);
      const logged = hookLog(dir).slice(before);
      assert.deepEqual(logged, [{ tool: 'Bash', claudeRoot: dir, wrightRoot: dir, arg: dir }]);
    });

    test("the plugin's MCP server starts without approval; its tools are mcp__plugin_myplugin_srv__*", async () => {
      const workspace = makeWorkspace();
      const dir = pluginDir(workspace);
      const first = server.requests.length;
      server.push(reply([toolUse('mcp__plugin_myplugin_srv__get-env', {})]), reply([text('Env.')]));
      const run = await runWright(['-p', 'env', ...STREAM, '--allowedTools', 'mcp__plugin_myplugin_srv__get-env', '--plugin-dir', dir], { workspace, server, provider });
      assert.equal(run.code, 0, run.stderr);
      const init = initOf(run);
      assert.deepEqual(init.mcp_servers, [{ name: 'plugin_myplugin_srv', status: 'connected' }]);
      assert.ok(init.tools.includes('mcp__plugin_myplugin_srv__echo'), init.tools.join(' '));
      const env = toolResultsIn(server.requests[first + 1]!.body)[0]!;
      assert.ok(env.includes(`"PLUGIN_HOME": "${dir}/data"`), env.slice(0, 800));
      assert.ok(env.includes(`"CLAUDE_PLUGIN_ROOT": "${dir}"`), env.slice(0, 800));
    });

    test('an installed plugin loads only while enabled; disabled it contributes nothing', async () => {
      const workspace = makeWorkspace();
      const dir = pluginDir(workspace);
      const installed = await runWright(['plugin', 'install', dir], { workspace });
      assert.equal(installed.code, 0, installed.stderr);
      const copy = join(workspace.configDir, 'plugins', 'cache', 'local', 'myplugin');

      server.push(reply([text('On.')]));
      const on = initOf(await runWright(['-p', 'hi', ...STREAM], { workspace, server, provider }));
      assert.deepEqual(on.plugins, [{ name: 'myplugin', path: copy }]);
      assert.ok(on.tools.includes('mcp__plugin_myplugin_srv__echo'));

      assert.equal((await runWright(['plugin', 'disable', 'myplugin@local'], { workspace })).code, 0);
      const first = server.requests.length;
      server.push(reply([text('Off.')]));
      const offRun = await runWright(['-p', '/myplugin:hello world', ...STREAM], { workspace, server, provider });
      assert.equal(offRun.code, 0, offRun.stderr);
      const off = initOf(offRun);
      assert.deepEqual(off.plugins, []);
      assert.deepEqual(off.mcp_servers, []);
      assert.equal(off.tools.some((name: string) => name.startsWith('mcp__plugin_')), false);
      assert.equal(off.slash_commands.some((name: string) => name.startsWith('myplugin:')), false);
      // The text goes to the model as typed: no command ran, no skill is listed.
      const messages = sent(server.requests[first]!.body);
      assert.doesNotMatch(messages, /Plugin hello to/);
      assert.doesNotMatch(messages, /myplugin:greet/);
    });
  });
}

describe('wright plugin', () => {
  test('install from a path, list --json, disable, enable, remove', async () => {
    const workspace = makeWorkspace();
    const dir = pluginDir(workspace);
    const install = await runWright(['plugin', 'install', dir], { workspace });
    assert.equal(install.code, 0, install.stderr);
    assert.match(install.stdout, /Installed myplugin@local v1\.2\.0/);
    const settingsFile = join(workspace.configDir, 'settings.json');
    assert.deepEqual(JSON.parse(readFileSync(settingsFile, 'utf8')).enabledPlugins, { 'myplugin@local': true });

    const listed = await runWright(['plugin', 'list', '--json'], { workspace });
    assert.equal(listed.code, 0, listed.stderr);
    const copy = join(workspace.configDir, 'plugins', 'cache', 'local', 'myplugin');
    assert.deepEqual(JSON.parse(listed.stdout), [
      {
        id: 'myplugin@local',
        version: '1.2.0',
        enabled: true,
        path: copy,
        description: 'A test plugin',
        components: { commands: 2, skills: 1, agents: 1, hooks: 1, mcpServers: 1, outputStyles: 1 },
        problems: [],
      },
    ]);
    const servers = await runWright(['mcp', 'list'], { workspace });
    assert.equal(servers.code, 0, servers.stderr);
    assert.match(servers.stdout, /^plugin_myplugin_srv: .* \[plugin\] - connected \(\d+ tools\)$/m);

    assert.equal((await runWright(['plugin', 'disable', 'myplugin@local'], { workspace })).code, 0);
    assert.equal(JSON.parse((await runWright(['plugin', 'list', '--json'], { workspace })).stdout)[0].enabled, false);
    // Project scope: the project's settings enable it again (project is above user).
    const enable = await runWright(['plugin', 'enable', 'myplugin@local', '--scope', 'project'], { workspace });
    assert.equal(enable.code, 0, enable.stderr);
    assert.deepEqual(JSON.parse(readFileSync(join(workspace.repo, '.wright', 'settings.json'), 'utf8')).enabledPlugins, { 'myplugin@local': true });
    assert.equal(JSON.parse((await runWright(['plugin', 'list', '--json'], { workspace })).stdout)[0].enabled, true);

    const removed = await runWright(['plugin', 'remove', 'myplugin@local'], { workspace });
    assert.equal(removed.code, 0, removed.stderr);
    assert.equal(existsSync(copy), false);
    assert.deepEqual(JSON.parse((await runWright(['plugin', 'list', '--json'], { workspace })).stdout), []);
    // The entry the install wrote (user settings) is gone; the one `enable --scope project` wrote is the user's own.
    assert.equal(JSON.parse(readFileSync(settingsFile, 'utf8')).enabledPlugins['myplugin@local'], undefined);

    const again = await runWright(['plugin', 'remove', 'myplugin@local'], { workspace });
    assert.equal(again.code, 1);
    assert.match(again.stderr, /^wright: Plugin myplugin@local is not installed\./);
  });

  test('install from a file:// git repository, into local scope', async () => {
    const workspace = makeWorkspace();
    const url = bareRepoOf(pluginDir(workspace), 'myplugin');
    const install = await runWright(['plugin', 'install', url, '--scope', 'local'], { workspace });
    assert.equal(install.code, 0, install.stderr);
    assert.deepEqual(JSON.parse(readFileSync(join(workspace.repo, '.wright', 'settings.local.json'), 'utf8')).enabledPlugins, { 'myplugin@local': true });
    const installed = JSON.parse(readFileSync(join(workspace.configDir, 'plugins', 'installed.json'), 'utf8'));
    assert.deepEqual(installed.plugins['myplugin@local'].source, { source: 'git', url });
    assert.equal(existsSync(join(installed.plugins['myplugin@local'].path, '.git')), false);
  });

  test('marketplace add, list, install name@marketplace', async () => {
    const workspace = makeWorkspace();
    const market = join(dirname(workspace.repo), 'market');
    writePluginFixture(join(market, 'plugins', 'myplugin'));
    writeFiles(market, {
      '.claude-plugin/marketplace.json': JSON.stringify({ name: 'team-tools', owner: { name: 'Team' }, plugins: [{ name: 'myplugin', source: './plugins/myplugin', version: '1.2.0' }] }),
    });
    const add = await runWright(['plugin', 'marketplace', 'add', bareRepoOf(market, 'team-tools')], { workspace });
    assert.equal(add.code, 0, add.stderr);
    assert.match(add.stdout, /Added marketplace team-tools .* with 1 plugin\(s\): myplugin/);
    const markets = JSON.parse((await runWright(['plugin', 'marketplace', 'list', '--json'], { workspace })).stdout);
    assert.deepEqual(markets.map((entry: any) => [entry.name, entry.source.source, entry.plugins]), [['team-tools', 'git', ['myplugin']]]);

    const install = await runWright(['plugin', 'install', 'myplugin@team-tools'], { workspace });
    assert.equal(install.code, 0, install.stderr);
    const listed = JSON.parse((await runWright(['plugin', 'list', '--json'], { workspace })).stdout);
    assert.deepEqual(listed.map((row: any) => [row.id, row.enabled, row.path]), [['myplugin@team-tools', true, join(workspace.configDir, 'plugins', 'cache', 'team-tools', 'myplugin')]]);

    assert.equal(install.stderr, '', 'a sound plugin installs without warnings');

    const missing = await runWright(['plugin', 'install', 'other@team-tools'], { workspace });
    assert.equal(missing.code, 1);
    assert.equal(missing.stderr, 'wright: Marketplace "team-tools" has no plugin "other". Available: myplugin.\n');
  });

  test("installing name@team adds the marketplace the project's settings declare (extraKnownMarketplaces) first", async () => {
    const workspace = makeWorkspace();
    const market = join(dirname(workspace.repo), 'market');
    writePluginFixture(join(market, 'plugins', 'myplugin'));
    writeFiles(market, {
      '.claude-plugin/marketplace.json': JSON.stringify({ name: 'team-tools', owner: { name: 'Team' }, plugins: [{ name: 'myplugin', source: './plugins/myplugin' }] }),
    });
    writeFiles(workspace.repo, {
      '.claude/settings.json': JSON.stringify({ extraKnownMarketplaces: { 'team-tools': { source: { source: 'directory', path: '../market' } }, broken: { source: { source: 'ftp' } } } }),
    });
    const install = await runWright(['plugin', 'install', 'myplugin@team-tools'], { workspace });
    assert.equal(install.code, 0, install.stderr);
    assert.match(install.stdout, /^Added marketplace team-tools from settings \(extraKnownMarketplaces: .*market\)\.\nInstalled myplugin@team-tools/);
    const markets = JSON.parse((await runWright(['plugin', 'marketplace', 'list', '--json'], { workspace })).stdout);
    assert.deepEqual(markets.map((entry: any) => entry.name), ['team-tools']);

    const broken = await runWright(['plugin', 'install', 'x@broken'], { workspace });
    assert.equal(broken.code, 1);
    assert.match(broken.stderr, /Marketplace "broken": settings extraKnownMarketplaces\.broken\.source\.source must be "github", "git", "url" or "directory"/);
    const undeclared = await runWright(['plugin', 'install', 'x@nowhere'], { workspace });
    assert.match(undeclared.stderr, /Unknown marketplace "nowhere"/);
  });

  test('validate reports a broken plugin with exit 1; bad usage exits 2', async () => {
    const workspace = makeWorkspace();
    const broken = join(dirname(workspace.repo), 'broken');
    writePluginFixture(broken, { files: { 'skills/bad/SKILL.md': '---\ndescription: no name\n---\nx', '.mcp.json': '{"mcpServers": {"x": {"url": "http://a"}}}' } });
    const run = await runWright(['plugin', 'validate', broken], { workspace });
    assert.equal(run.code, 1);
    assert.match(run.stderr, /Skipped skill .*skills\/bad\/SKILL\.md: front matter has no `name`/);
    assert.match(run.stderr, /MCP server "plugin_myplugin_x" .* has a "url" but no "type"/);

    const good = await runWright(['plugin', 'validate', pluginDir(workspace)], { workspace });
    assert.equal(good.code, 0, good.stderr);
    assert.match(good.stdout, /Plugin myplugin v1\.2\.0 .*: 2 commands, 1 skills, 1 agents, 1 hooks, 1 mcpServers, 1 outputStyles\.\nValid\./);

    // Installing it works (the manifest is fine) but says which parts will not load.
    const install = await runWright(['plugin', 'install', broken], { workspace });
    assert.equal(install.code, 0, install.stderr);
    assert.match(install.stderr, /^wright: warning: Skipped skill .*skills\/bad\/SKILL\.md/m);

    const usage = await runWright(['plugin', 'frobnicate'], { workspace });
    assert.equal(usage.code, 2);
    assert.match(usage.stderr, /Usage: wright plugin install/);
    const notThere = await runWright(['plugin', 'install', join(dirname(workspace.repo), 'nowhere')], { workspace });
    assert.equal(notThere.code, 1);
    assert.match(notThere.stderr, /^wright: ".*nowhere" is neither a directory nor a git URL\.\n$/);
  });
});

test('wright plugin --help prints the usage and succeeds', async () => {
  const run = await runWright(['plugin', '--help'], { workspace: makeWorkspace() });
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /^Usage: wright plugin install <name>@<marketplace>/);
  assert.match(run.stdout, /wright plugin marketplace add <path\|git-url>/);
});

describe('plugin signatures gate loading', () => {
  let server: ModelServer;
  before(async () => (server = await startModelServer()));
  after(() => server.close());

  test('with plugins.requireSignature only a plugin signed by a trusted key loads, installed copies included', async () => {
    const workspace = makeWorkspace();
    const dir = pluginDir(workspace);
    const userSettings = join(workspace.configDir, 'settings.json');
    mkdirSync(workspace.configDir, { recursive: true });
    writeFileSync(userSettings, JSON.stringify({ plugins: { requireSignature: true } }));

    server.push(reply([text('Unsigned.')]));
    const unsigned = await runWright(['-p', 'hi', ...STREAM, '--plugin-dir', dir], { workspace, server });
    assert.equal(unsigned.code, 0, unsigned.stderr);
    assert.deepEqual(initOf(unsigned).plugins, []);
    assert.match(unsigned.stderr, /Skipped --plugin-dir .*: plugin myplugin@inline is not signed, and settings require signed plugins/);

    const keyPrefix = join(dirname(workspace.repo), 'author');
    assert.equal((await runWright(['plugin', 'keygen', keyPrefix], { workspace })).code, 0);
    const signed = await runWright(['plugin', 'sign', dir, '--key', `${keyPrefix}.key`], { workspace });
    assert.equal(signed.code, 0, signed.stderr);
    writeFileSync(userSettings, JSON.stringify({ plugins: { requireSignature: true, trustedKeys: [readFileSync(`${keyPrefix}.pub`, 'utf8').trim()] } }));

    server.push(reply([text('Signed.')]));
    const trusted = await runWright(['-p', 'hi', ...STREAM, '--plugin-dir', dir], { workspace, server });
    assert.equal(trusted.code, 0, trusted.stderr);
    assert.deepEqual(initOf(trusted).plugins, [{ name: 'myplugin', path: dir }]);

    // The installed copy still matches the signature.
    const install = await runWright(['plugin', 'install', dir], { workspace });
    assert.equal(install.code, 0, install.stderr);
    assert.equal(install.stderr, '');
    server.push(reply([text('Installed.')]));
    const installed = await runWright(['-p', 'hi', ...STREAM], { workspace, server });
    assert.deepEqual(initOf(installed).plugins, [{ name: 'myplugin', path: join(workspace.configDir, 'plugins', 'cache', 'local', 'myplugin') }]);

    // A changed file breaks the signature: install says so, and the session skips it.
    writeFiles(dir, { 'commands/hello.md': 'Changed after signing.' });
    const tampered = await runWright(['plugin', 'install', dir], { workspace });
    assert.equal(tampered.code, 0, tampered.stderr);
    assert.match(tampered.stderr, /warning: it will not load: plugin myplugin@local does not match its signature/);
    server.push(reply([text('Skipped.')]));
    const skipped = await runWright(['-p', 'hi', ...STREAM], { workspace, server });
    assert.deepEqual(initOf(skipped).plugins, []);
  });
});

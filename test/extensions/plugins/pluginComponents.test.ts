import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadAgentRegistry, formatAgentListing } from '../../../src/extensions/agents/agentRegistry.js';
import { loadCommands } from '../../../src/extensions/commands/commandFiles.js';
import { extensionDirectories } from '../../../src/extensions/commands/extensionRoots.js';
import { listedName, originLabel } from '../../../src/extensions/commands/invocable.js';
import { InvocableRegistry } from '../../../src/extensions/commands/invocableRegistry.js';
import { loadOutputStyleCatalog } from '../../../src/extensions/outputStyles/outputStyleCatalog.js';
import { loadPluginInvocables, pluginAgentDirectories, pluginStyleDirectories } from '../../../src/extensions/plugins/pluginComponents.js';
import { loadPluginHooks } from '../../../src/extensions/plugins/pluginHooks.js';
import { loadPlugins, type LoadedPlugin } from '../../../src/extensions/plugins/pluginLoader.js';
import { loadPluginMcpServers } from '../../../src/extensions/plugins/pluginMcpServers.js';
import { skillListingReminder } from '../../../src/extensions/skills/skillListing.js';
import { loadSkills } from '../../../src/extensions/skills/skillFiles.js';
import { writeFiles, writePluginFixture } from './pluginFixture.js';

function setUp(files: Record<string, string> = {}, fixture: Parameters<typeof writePluginFixture>[1] = {}) {
  const base = realpathSync(mkdtempSync(join(tmpdir(), 'wright-components-')));
  const roots = { configDir: join(base, 'config'), home: join(base, 'home'), projectRoot: join(base, 'repo') };
  writeFiles(base, files);
  const dir = writePluginFixture(join(base, 'myplugin'), fixture);
  const loaded = loadPlugins({ configDir: roots.configDir, enabledPlugins: {}, sessionDirectories: [dir] });
  assert.deepEqual(loaded.warnings, []);
  return { base, roots, dir, plugins: loaded.plugins as LoadedPlugin[] };
}

function registryOf(roots: { configDir: string; home: string; projectRoot: string }, plugins: LoadedPlugin[]) {
  const own = [...loadSkills(extensionDirectories(roots, 'skills')).definitions, ...loadCommands(extensionDirectories(roots, 'commands')).definitions];
  const fromPlugins = loadPluginInvocables(plugins);
  return { registry: new InvocableRegistry([...own, ...fromPlugins.definitions]), warnings: fromPlugins.warnings };
}

test('plugin commands are /plugin:name (subfolders nest), with ${CLAUDE_PLUGIN_ROOT} replaced in the body', () => {
  const { roots, dir, plugins } = setUp();
  const { registry, warnings } = registryOf(roots, plugins);
  assert.deepEqual(warnings, []);
  const hello = registry.forUser('myplugin:hello')!;
  assert.equal(hello.scope, 'plugin');
  assert.equal(hello.body, `Plugin hello to $ARGUMENTS from ${dir}.`);
  assert.equal(originLabel(hello), '(plugin:myplugin)');
  assert.equal(listedName(hello), 'myplugin:hello');
  assert.equal(registry.forUser('myplugin:tools:deep')?.body, 'Deep command body.');
  // Unclashed, the bare name works too.
  assert.equal(registry.forUser('hello'), hello);
});

test("a user's or project's definition wins a name clash; the plugin's stays reachable by its prefix", () => {
  const { roots, plugins } = setUp({ 'repo/.wright/commands/hello.md': 'Project hello' });
  const { registry } = registryOf(roots, plugins);
  assert.equal(registry.forUser('hello')?.body, 'Project hello');
  assert.equal(registry.forUser('myplugin:hello')?.scope, 'plugin');
  assert.match(registry.warnings.join('\n'), /run it as \/myplugin:hello/);
});

test('plugin skills load with the Skill tool by plugin:name and are listed to the model that way', () => {
  const { roots, plugins } = setUp();
  const { registry } = registryOf(roots, plugins);
  const skill = registry.forModel('myplugin:greet')!;
  assert.equal(skill.kind, 'skill');
  assert.match(skill.body, /GREET SKILL BODY/);
  assert.match(skillListingReminder(registry.modelInvocable())!, /- myplugin:greet: Greets people/);
});

test('a manifest path naming one skill folder, or one command file, adds it', () => {
  const { roots, plugins } = setUp({}, {
    files: {
      '.claude-plugin/plugin.json': JSON.stringify({ name: 'myplugin', skills: './extra/solo', commands: './more/one.md' }),
      'extra/solo/SKILL.md': '---\nname: solo\ndescription: A lone skill\n---\nSolo.',
      'more/one.md': '---\ndescription: One\n---\nOne body.',
    },
  });
  const { registry } = registryOf(roots, plugins);
  assert.equal(registry.forModel('myplugin:solo')?.body, 'Solo.');
  assert.equal(registry.forUser('myplugin:one')?.body, 'One body.');
  assert.ok(registry.forModel('myplugin:greet'), 'the default skills folder still loads');
});

test('plugin agents are named plugin:agent and come after the user\'s and the project\'s', () => {
  const { roots, plugins } = setUp({ 'repo/.wright/agents/reviewer.md': '---\nname: reviewer\ndescription: Project reviewer\n---\nProject.' });
  const { registry, warnings } = loadAgentRegistry({ roots, toolNames: ['Read', 'Grep'], pluginDirectories: pluginAgentDirectories(plugins) });
  assert.deepEqual(warnings, []);
  assert.equal(registry.get('reviewer')?.source, 'project');
  const fromPlugin = registry.get('myplugin:reviewer')!;
  assert.equal(fromPlugin.source, 'plugin');
  assert.deepEqual(fromPlugin.tools, ['Read', 'Grep']);
  assert.match(formatAgentListing(registry), /myplugin:reviewer \(plugin myplugin: .*agents\/reviewer\.md\)/);
});

test('plugin output styles are named plugin:style and can be selected', () => {
  const { roots, plugins } = setUp();
  const catalog = loadOutputStyleCatalog(roots, 'myplugin:Terse', pluginStyleDirectories(plugins));
  assert.deepEqual(catalog.warnings, []);
  assert.equal(catalog.selected.name, 'myplugin:Terse');
  assert.equal(catalog.selected.source, 'plugin');
});

test('plugin hooks get ${CLAUDE_PLUGIN_ROOT} replaced, the plugin root in their environment, and the plugin as source', () => {
  const { dir, plugins } = setUp();
  const hooks = loadPluginHooks(plugins);
  assert.deepEqual(hooks.warnings, []);
  assert.equal(hooks.entries.length, 1);
  const entry = hooks.entries[0]!;
  assert.equal(entry.event, 'PreToolUse');
  assert.equal(entry.matcher, 'Bash');
  assert.ok(entry.handler.type === 'command');
  assert.ok(entry.handler.command.includes(`"${dir}/hooks/block.mjs"`), entry.handler.command);
  assert.ok(entry.handler.command.endsWith('"$CLAUDE_PLUGIN_ROOT"'), 'plain $VAR is left to the shell');
  assert.deepEqual(entry.handler.env, { CLAUDE_PLUGIN_ROOT: dir, WRIGHT_PLUGIN_ROOT: dir });
  assert.match(entry.source, /^plugin myplugin@inline \(.*hooks\/hooks\.json\)$/);
});

test('a broken plugin hooks file is a warning naming it, and only its hooks are skipped', () => {
  const { plugins } = setUp({}, {
    files: {
      '.claude-plugin/plugin.json': JSON.stringify({ name: 'myplugin', hooks: { hooks: { Stop: [{ hooks: [{ type: 'command', command: 'echo inline' }] }] } } }),
      'hooks/hooks.json': JSON.stringify({ hooks: { NoSuchEvent: [] } }),
    },
  });
  const hooks = loadPluginHooks(plugins);
  assert.deepEqual(hooks.entries.map((entry) => [entry.event, entry.handler.type === 'command' && entry.handler.command]), [['Stop', 'echo inline']]);
  assert.match(hooks.warnings.join('\n'), /hooks\.json: hooks\.NoSuchEvent: unknown hook event.*; its hooks are skipped/);
});

test('plugin MCP servers are named plugin_<plugin>_<server>, in scope plugin, with the plugin root for expansion', () => {
  const { dir, plugins } = setUp();
  const { servers, warnings } = loadPluginMcpServers(plugins);
  assert.deepEqual(warnings, []);
  assert.equal(servers.length, 1);
  assert.equal(servers[0]!.name, 'plugin_myplugin_srv');
  assert.equal(servers[0]!.scope, 'plugin');
  assert.deepEqual(servers[0]!.env, { CLAUDE_PLUGIN_ROOT: dir, WRIGHT_PLUGIN_ROOT: dir });
});

// `wright plugin …`: installing, listing, enabling, disabling, removing and validating plugins, and
// managing the marketplaces they come from (Claude Code's `/plugin` and `claude plugin`). Changes
// apply from the next session.
import { existsSync, realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import { SettingsFileWriteError } from '../config/settingsFileUpdate.js';
import { readMarketplace } from '../extensions/plugins/marketplace.js';
import { PLUGIN_SCOPES, scopeSettingsFile, setPluginEnabled, type PluginScope } from '../extensions/plugins/pluginEnablement.js';
import { addMarketplace, installPlugin, PluginInstallError, recordEnabledIn, removeMarketplace, uninstallPlugin, updateMarketplaces } from '../extensions/plugins/pluginInstaller.js';
import { inventoryPlugin } from '../extensions/plugins/pluginInventory.js';
import { readPluginManifest } from '../extensions/plugins/pluginManifest.js';
import { admitPlugin, type PluginSigningSettings } from '../extensions/plugins/pluginSignature.js';
import { parsePluginId, PluginStoreError, readInstalled, readMarketplaces } from '../extensions/plugins/pluginStore.js';
import { declaredMarketplace } from '../extensions/plugins/settingsMarketplaces.js';
import { UsageError } from './errors.js';
import { EXIT } from './exitCodes.js';
import { loadSubcommandSettings } from './subcommandSettings.js';

const USAGE = `Usage: wright plugin install <name>@<marketplace> | <path|git-url> [--scope user|project|local]
       wright plugin list [--json]
       wright plugin enable <name>@<marketplace> [--scope user|project|local]
       wright plugin disable <name>@<marketplace> [--scope user|project|local]
       wright plugin remove|uninstall <name>@<marketplace>
       wright plugin validate <path>
       wright plugin marketplace add <path|git-url>
       wright plugin marketplace list [--json]
       wright plugin marketplace update [name]
       wright plugin marketplace remove <name>
       wright plugin keygen|sign|verify …   (plugin signatures; wright plugin sign --help)
Plugins load in new sessions when enabled (settings "enabledPlugins"); --plugin-dir <path> loads one for a session.`;

interface Context {
  cwd: string;
  configDir: string;
  projectRoot: string;
  enabledPlugins: Record<string, boolean>;
  /** Settings `plugins.*` (signature policy), for admission. */
  signing: PluginSigningSettings;
  /** Every settings file merged (extraKnownMarketplaces). */
  settings: Record<string, unknown>;
}

function context(): Context {
  const { cwd, projectRoot, settings, environment } = loadSubcommandSettings();
  return { cwd, configDir: environment.configDir, projectRoot, enabledPlugins: settings.enabledPlugins, signing: settings, settings: settings.raw };
}

interface Parsed {
  positional: string[];
  scope?: PluginScope;
  json: boolean;
}

function parse(argv: string[], allowed: { scope?: boolean; json?: boolean }): Parsed {
  const parsed: Parsed = { positional: [], json: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (allowed.scope && (arg === '-s' || arg === '--scope' || arg.startsWith('--scope='))) {
      const value = arg.startsWith('--scope=') ? arg.slice('--scope='.length) : argv[++i];
      if (value === undefined || !(PLUGIN_SCOPES as readonly string[]).includes(value)) throw new UsageError(`--scope must be user, project or local.\n${USAGE}`);
      parsed.scope = value as PluginScope;
    } else if (allowed.json && arg === '--json') parsed.json = true;
    else if (arg.startsWith('-') && arg !== '-') throw new UsageError(`Unknown option ${arg}.\n${USAGE}`);
    else parsed.positional.push(arg);
  }
  return parsed;
}

function one(parsed: Parsed, what: string): string {
  if (parsed.positional.length !== 1) throw new UsageError(`Expected ${what}.\n${USAGE}`);
  return parsed.positional[0]!;
}

function pluginIdArgument(parsed: Parsed): string {
  const id = one(parsed, 'one plugin id, name@marketplace');
  if (parsePluginId(id) === undefined) throw new UsageError(`"${id}" is not a plugin id; use name@marketplace (see \`wright plugin list\`).`);
  return id;
}

const say = (text: string) => process.stdout.write(`${text}\n`);
const warn = (text: string) => process.stderr.write(`wright: warning: ${text}\n`);
const fail = (text: string) => {
  process.stderr.write(`wright: ${text}\n`);
  return EXIT.error;
};

export async function runPluginCommand(argv: string[]): Promise<number> {
  const [subcommand, ...rest] = argv;
  if (subcommand === '--help' || subcommand === '-h' || subcommand === 'help') {
    say(USAGE);
    return EXIT.success;
  }
  try {
    switch (subcommand) {
      case 'install':
      case 'i':
        return await install(parse(rest, { scope: true }));
      case 'list':
        return list(parse(rest, { json: true }));
      case 'enable':
        return await setEnabled(parse(rest, { scope: true }), true);
      case 'disable':
        return await setEnabled(parse(rest, { scope: true }), false);
      case 'remove':
      case 'uninstall':
        return await remove(parse(rest, {}));
      case 'validate':
        return validate(parse(rest, {}));
      case 'marketplace':
        return await marketplace(rest);
      case 'keygen':
      case 'sign':
      case 'verify': {
        const { runPluginSigningCommand } = await import('./pluginSigningCommand.js');
        return await runPluginSigningCommand(argv);
      }
      default:
        throw new UsageError(USAGE);
    }
  } catch (error) {
    if (error instanceof PluginInstallError || error instanceof PluginStoreError || error instanceof SettingsFileWriteError) return fail(error.message);
    throw error;
  }
}

async function install(parsed: Parsed): Promise<number> {
  const target = one(parsed, 'what to install: name@marketplace, a plugin directory or a git URL');
  const ctx = context();
  await addDeclaredMarketplace(ctx, target);
  const result = await installPlugin(ctx.configDir, target, ctx.cwd);
  for (const warning of result.warnings) warn(warning);
  // The manifest is valid (or the install failed); components that will not load are worth saying now.
  const manifest = readPluginManifest(result.record.path);
  if (manifest.ok) {
    const { name } = manifest.manifest;
    const inventory = inventoryPlugin({ id: result.id, name, root: result.record.path, manifest: manifest.manifest, ...(manifest.path !== undefined ? { manifestPath: manifest.path } : {}) });
    for (const problem of inventory.problems) warn(problem);
  }
  const admission = admitPlugin(result.record.path, ctx.signing, result.id);
  if (!admission.ok) warn(`it will not load: ${admission.reason}.`);
  const scope = parsed.scope ?? 'user';
  const file = scopeSettingsFile(scope, ctx);
  const wrote = await setPluginEnabled(file, result.id, true, ctx.projectRoot);
  if (wrote) recordEnabledIn(ctx.configDir, result.id, file);
  const version = result.record.version !== undefined ? ` v${result.record.version}` : '';
  say(`${result.previous !== undefined ? 'Reinstalled' : 'Installed'} ${result.id}${version} in ${result.record.path}.`);
  say(`Enabled in ${scope} settings (${file}); it loads in new sessions.`);
  return EXIT.success;
}

/** `name@team` where `team` is not known yet but settings declare it (extraKnownMarketplaces): add it first. */
async function addDeclaredMarketplace(ctx: Context, target: string): Promise<void> {
  const id = parsePluginId(target);
  if (id === undefined || existsSync(resolve(ctx.cwd, target)) || readMarketplaces(ctx.configDir)[id.marketplace] !== undefined) return;
  const declared = declaredMarketplace(ctx.settings, id.marketplace, ctx.projectRoot);
  if (declared === undefined) return;
  if (!declared.ok) throw new PluginInstallError(`Marketplace "${id.marketplace}": ${declared.error}.`);
  const added = await addMarketplace(ctx.configDir, declared.spec, ctx.projectRoot);
  for (const warning of added.warnings) warn(warning);
  if (added.name !== id.marketplace) {
    removeMarketplace(ctx.configDir, added.name);
    throw new PluginInstallError(`Settings declare marketplace "${id.marketplace}" at ${declared.spec}, but its marketplace.json names it "${added.name}".`);
  }
  say(`Added marketplace ${added.name} from settings (extraKnownMarketplaces: ${declared.spec}).`);
}

function list(parsed: Parsed): number {
  if (parsed.positional.length > 0) throw new UsageError(`list takes no arguments.\n${USAGE}`);
  const ctx = context();
  const installed = readInstalled(ctx.configDir).plugins;
  const rows = Object.entries(installed)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([id, record]) => {
      const manifest = readPluginManifest(record.path);
      const components = manifest.ok ? inventoryPlugin({ id, name: manifest.manifest.name, root: record.path, manifest: manifest.manifest, ...(manifest.path !== undefined ? { manifestPath: manifest.path } : {}) }) : undefined;
      const counts: Record<string, number> | null = components === undefined ? null : (({ problems: _problems, ...rest }) => rest)(components);
      const problems = components?.problems ?? [manifest.ok ? '' : `${manifest.path} ${manifest.error}`];
      return {
        id,
        version: record.version ?? (manifest.ok ? manifest.manifest.version : undefined) ?? null,
        enabled: ctx.enabledPlugins[id] === true,
        path: record.path,
        ...(manifest.ok && manifest.manifest.description !== undefined ? { description: manifest.manifest.description } : {}),
        components: counts,
        problems,
      };
    });
  if (parsed.json) {
    say(JSON.stringify(rows, null, 2));
    return EXIT.success;
  }
  if (rows.length === 0) {
    say('No plugins installed. Install one with `wright plugin install <name>@<marketplace>` or `wright plugin install <path|git-url>`.');
    return EXIT.success;
  }
  for (const row of rows) {
    say(`${row.id}${row.version !== null ? ` v${row.version}` : ''} [${row.enabled ? 'enabled' : 'disabled'}] ${row.path}`);
    if (row.components !== null) {
      const parts = Object.entries(row.components).filter(([, count]) => count > 0).map(([kind, count]) => `${count} ${kind}`);
      say(`    ${parts.length > 0 ? parts.join(', ') : 'no components'}`);
    }
    for (const problem of row.problems) say(`    problem: ${problem}`);
  }
  return EXIT.success;
}

async function setEnabled(parsed: Parsed, enabled: boolean): Promise<number> {
  const id = pluginIdArgument(parsed);
  const ctx = context();
  if (readInstalled(ctx.configDir).plugins[id] === undefined && enabled) return fail(`Plugin ${id} is not installed; install it with \`wright plugin install ${id}\`.`);
  const scope = parsed.scope ?? 'user';
  const file = scopeSettingsFile(scope, ctx);
  const changed = await setPluginEnabled(file, id, enabled, ctx.projectRoot);
  say(`${changed ? (enabled ? 'Enabled' : 'Disabled') : enabled ? 'Already enabled:' : 'Already disabled:'} ${id} in ${scope} settings (${file}).`);
  const effective = context().enabledPlugins[id] === true;
  if (effective !== enabled) warn(`${id} is still ${effective ? 'enabled' : 'disabled'}: a settings file of higher precedence says so.`);
  return EXIT.success;
}

async function remove(parsed: Parsed): Promise<number> {
  const id = pluginIdArgument(parsed);
  const ctx = context();
  const record = uninstallPlugin(ctx.configDir, id);
  say(`Removed ${id} (${record.path}).`);
  if (record.enabledIn !== undefined && (await setPluginEnabled(record.enabledIn, id, undefined, ctx.projectRoot))) say(`Removed its enabledPlugins entry from ${record.enabledIn}.`);
  return EXIT.success;
}

function validate(parsed: Parsed): number {
  const path = one(parsed, 'the plugin directory (or marketplace) to validate');
  const ctx = context();
  const dir = realpathOrFail(path, ctx.cwd);
  if (dir === undefined) return fail(`${path} does not exist.`);
  const marketplaceRead = readMarketplace(dir);
  const manifest = readPluginManifest(dir);
  const problems: string[] = [];
  if (marketplaceRead.ok) problems.push(...marketplaceRead.warnings);
  if (!manifest.ok) {
    if (marketplaceRead.ok && manifest.path === dir) {
      say(`Marketplace ${marketplaceRead.manifest.name} (${marketplaceRead.path}): ${marketplaceRead.manifest.plugins.length} plugin(s).`);
    } else problems.push(`${manifest.path} ${manifest.error}`);
  } else {
    const inventory = inventoryPlugin({ id: `${manifest.manifest.name}@local`, name: manifest.manifest.name, root: dir, manifest: manifest.manifest, ...(manifest.path !== undefined ? { manifestPath: manifest.path } : {}) });
    problems.push(...inventory.problems);
    const { problems: _problems, ...counts } = inventory;
    const parts = Object.entries(counts).map(([kind, count]) => `${count} ${kind}`);
    say(`Plugin ${manifest.manifest.name}${manifest.manifest.version !== undefined ? ` v${manifest.manifest.version}` : ''} (${manifest.path ?? 'no manifest'}): ${parts.join(', ')}.`);
  }
  if (problems.length > 0) {
    for (const problem of problems) process.stderr.write(`wright: ${problem}\n`);
    return EXIT.error;
  }
  say('Valid.');
  return EXIT.success;
}

function realpathOrFail(path: string, cwd: string): string | undefined {
  try {
    return realpathSync(resolve(cwd, path));
  } catch {
    return undefined;
  }
}

async function marketplace(argv: string[]): Promise<number> {
  const [action, ...rest] = argv;
  const ctx = context();
  switch (action) {
    case 'add': {
      const spec = one(parse(rest, {}), 'a marketplace directory or git URL');
      const added = await addMarketplace(ctx.configDir, spec, ctx.cwd);
      for (const warning of added.warnings) warn(warning);
      say(`Added marketplace ${added.name} (${added.marketplace.installLocation}) with ${added.plugins.length} plugin(s)${added.plugins.length > 0 ? `: ${added.plugins.join(', ')}` : ''}.`);
      if (added.plugins.length > 0) say(`Install one with \`wright plugin install ${added.plugins[0]}@${added.name}\`.`);
      return EXIT.success;
    }
    case 'list': {
      const parsed = parse(rest, { json: true });
      const known = readMarketplaces(ctx.configDir);
      const rows = Object.entries(known)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([name, entry]) => {
          const read = readMarketplace(entry.installLocation);
          return { name, source: entry.source, path: entry.installLocation, lastUpdated: entry.lastUpdated, plugins: read.ok ? read.manifest.plugins.map((plugin) => plugin.name) : [], ...(read.ok ? {} : { problem: read.error }) };
        });
      if (parsed.json) say(JSON.stringify(rows, null, 2));
      else if (rows.length === 0) say('No marketplaces added. Add one with `wright plugin marketplace add <path|git-url>`.');
      else for (const row of rows) say(`${row.name} ${describeSource(row.source)} - ${row.problem ?? `${row.plugins.length} plugin(s)${row.plugins.length > 0 ? `: ${row.plugins.join(', ')}` : ''}`}`);
      return EXIT.success;
    }
    case 'update': {
      const parsed = parse(rest, {});
      if (parsed.positional.length > 1) throw new UsageError(`marketplace update takes at most one name.\n${USAGE}`);
      const updated = await updateMarketplaces(ctx.configDir, parsed.positional[0]);
      if (updated.length === 0) say('No marketplaces to update.');
      for (const result of updated) {
        for (const warning of result.warnings) warn(warning);
        say(`Updated marketplace ${result.name}: ${result.plugins.length} plugin(s).`);
      }
      return EXIT.success;
    }
    case 'remove':
    case 'rm': {
      const name = one(parse(rest, {}), 'a marketplace name');
      const removed = removeMarketplace(ctx.configDir, name);
      say(`Removed marketplace ${name} (${removed.installLocation}). Plugins installed from it stay installed.`);
      return EXIT.success;
    }
    default:
      throw new UsageError(USAGE);
  }
}

function describeSource(source: { source: string; path?: string; url?: string; repo?: string }): string {
  return `(${source.source}: ${source.path ?? source.url ?? source.repo ?? '?'})`;
}

// Installing and removing plugins and marketplaces in wright's store (pluginStore.ts). Everything
// fetched — a local directory, or a git repository cloned with the real `git` — is checked first
// (manifest, marketplace file) in a scratch directory and only then copied into place, so a bad
// source leaves the store as it was.
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { GitError, gitClone, gitHubUrl, isGitHubShorthand, isGitUrl } from './gitSource.js';
import { readMarketplace, type MarketplaceEntry, type PluginFetch } from './marketplace.js';
import { copyPluginTree, isInside } from './pluginCopy.js';
import { isValidPluginName, readPluginManifest, type PluginManifest } from './pluginManifest.js';
import {
  marketplaceDir,
  parsePluginId,
  pluginCacheDir,
  pluginsDir,
  readInstalled,
  readMarketplaces,
  writeInstalled,
  writeMarketplaces,
  type InstalledPlugin,
  type KnownMarketplace,
  type PluginSource,
} from './pluginStore.js';

/** A plugin installed from outside any marketplace is recorded as `<name>@local`. */
export const LOCAL_MARKETPLACE = 'local';

/** Something the user asked for cannot be done; the message says why. */
export class PluginInstallError extends Error {}

interface Fetched {
  dir: string;
  source: PluginSource;
  /** The name to use when the fetched directory has no manifest. */
  fallbackName: string;
  cleanup(): void;
}

/** Where a plugin or marketplace comes from, as the user typed it: a directory, a git URL, or GitHub's `owner/repo`. */
export function sourceFromSpec(spec: string, cwd: string): PluginFetch {
  const path = resolve(cwd, spec);
  if (existsSync(path)) {
    if (!statSync(path).isDirectory()) throw new PluginInstallError(`${path} is not a directory.`);
    return { kind: 'path', path };
  }
  if (isGitUrl(spec)) return { kind: 'git', url: spec };
  if (isGitHubShorthand(spec)) return { kind: 'git', url: gitHubUrl(spec) };
  throw new PluginInstallError(`"${spec}" is neither a directory nor a git URL.`);
}

async function fetchSource(configDir: string, fetch: PluginFetch, recorded?: PluginSource): Promise<Fetched> {
  if (fetch.kind === 'path') {
    if (!existsSync(fetch.path) || !statSync(fetch.path).isDirectory()) throw new PluginInstallError(`${fetch.path} does not exist or is not a directory.`);
    return { dir: fetch.path, source: recorded ?? { source: 'directory', path: fetch.path }, fallbackName: basename(fetch.path), cleanup: () => {} };
  }
  const scratch = scratchDir(configDir);
  const dir = join(scratch, 'clone');
  try {
    await gitClone(fetch.url, dir, fetch.ref);
  } catch (error) {
    rmSync(scratch, { recursive: true, force: true });
    if (error instanceof GitError) throw new PluginInstallError(error.message);
    throw error;
  }
  const repoName = basename(fetch.url.replace(/\/+$/, '')).replace(/\.git$/, '');
  return {
    dir,
    source: recorded ?? { source: 'git', url: fetch.url, ...(fetch.ref !== undefined ? { ref: fetch.ref } : {}) },
    fallbackName: repoName,
    cleanup: () => rmSync(scratch, { recursive: true, force: true }),
  };
}

function scratchDir(configDir: string): string {
  const parent = pluginsDir(configDir);
  mkdirSync(parent, { recursive: true });
  return mkdtempSync(join(parent, '.tmp-'));
}

/** Copies `from` to `to` through a scratch copy renamed into place, replacing what was there. */
function placeCopy(configDir: string, from: string, to: string): string[] {
  const scratch = scratchDir(configDir);
  try {
    const staged = join(scratch, 'copy');
    const { warnings } = copyPluginTree(from, staged);
    rmSync(to, { recursive: true, force: true });
    mkdirSync(dirname(to), { recursive: true });
    renameSync(staged, to);
    return warnings;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

function manifestOf(dir: string, fallbackName: string): PluginManifest {
  const read = readPluginManifest(dir);
  if (read.ok && read.path !== undefined) return read.manifest;
  if (!read.ok && read.path !== dir) throw new PluginInstallError(`Invalid plugin: ${read.path} ${read.error}.`);
  if (!isValidPluginName(fallbackName)) throw new PluginInstallError(`${dir} has no .claude-plugin/plugin.json, and "${fallbackName}" is not a kebab-case plugin name to use instead.`);
  return { name: fallbackName, commands: [], agents: [], skills: [], outputStyles: [] };
}

export interface InstallResult {
  id: string;
  record: InstalledPlugin;
  /** The record before, when this replaced an installed copy. */
  previous?: InstalledPlugin;
  warnings: string[];
}

/** Installs `name@marketplace` from a known marketplace, or a plugin directory / git URL as `<name>@local`. */
export async function installPlugin(configDir: string, target: string, cwd: string): Promise<InstallResult> {
  const id = parsePluginId(target);
  if (id !== undefined && !existsSync(resolve(cwd, target)) && !isGitUrl(target)) return installFromMarketplace(configDir, id.name, id.marketplace);
  const fetched = await fetchSource(configDir, sourceFromSpec(target, cwd));
  try {
    return commit(configDir, fetched, LOCAL_MARKETPLACE, undefined);
  } finally {
    fetched.cleanup();
  }
}

async function installFromMarketplace(configDir: string, name: string, marketplace: string): Promise<InstallResult> {
  const known = readMarketplaces(configDir)[marketplace];
  if (known === undefined) throw new PluginInstallError(`Unknown marketplace "${marketplace}". Add it with \`wright plugin marketplace add <path|git-url>\`.`);
  const read = readMarketplace(known.installLocation);
  if (!read.ok) throw new PluginInstallError(read.error);
  const entry = read.manifest.plugins.find((plugin) => plugin.name === name);
  if (entry === undefined) {
    const names = read.manifest.plugins.map((plugin) => plugin.name);
    throw new PluginInstallError(`Marketplace "${marketplace}" has no plugin "${name}". ${names.length === 0 ? 'It lists none.' : `Available: ${names.join(', ')}.`}`);
  }
  const fetched = await fetchSource(configDir, entry.fetch, { source: 'marketplace', marketplace, entry: entry.raw });
  try {
    return commit(configDir, { ...fetched, fallbackName: entry.name }, marketplace, entry);
  } finally {
    fetched.cleanup();
  }
}

function commit(configDir: string, fetched: Fetched, marketplace: string, entry: MarketplaceEntry | undefined): InstallResult {
  const manifest = manifestOf(fetched.dir, fetched.fallbackName);
  if (entry !== undefined && manifest.name !== entry.name) {
    throw new PluginInstallError(`The plugin's manifest names it "${manifest.name}", but marketplace "${marketplace}" lists it as "${entry.name}".`);
  }
  const id = `${manifest.name}@${marketplace}`;
  const destination = pluginCacheDir(configDir, marketplace, manifest.name);
  const installed = readInstalled(configDir);
  const warnings = placeCopy(configDir, fetched.dir, destination);
  // The copy is what loads: check it too (a manifest-less copy is named after its folder).
  const check = readPluginManifest(destination);
  if (!check.ok) {
    rmSync(destination, { recursive: true, force: true });
    throw new PluginInstallError(`Invalid plugin: ${check.path} ${check.error}.`);
  }
  const previous = installed.plugins[id];
  const version = manifest.version ?? entry?.version;
  const record: InstalledPlugin = {
    path: destination,
    source: fetched.source,
    ...(version !== undefined ? { version } : {}),
    installedAt: new Date().toISOString(),
    ...(previous?.enabledIn !== undefined ? { enabledIn: previous.enabledIn } : {}),
  };
  installed.plugins[id] = record;
  writeInstalled(configDir, installed);
  return { id, record, ...(previous !== undefined ? { previous } : {}), warnings };
}

/** Notes which settings file the install's enabledPlugins entry went to, for uninstall to take back. */
export function recordEnabledIn(configDir: string, id: string, settingsFile: string): void {
  const installed = readInstalled(configDir);
  const record = installed.plugins[id];
  if (record === undefined) return;
  installed.plugins[id] = { ...record, enabledIn: settingsFile };
  writeInstalled(configDir, installed);
}

/** Deletes the installed copy and the record; answers the record (its enabledIn says which entry to remove). */
export function uninstallPlugin(configDir: string, id: string): InstalledPlugin {
  const installed = readInstalled(configDir);
  const record = installed.plugins[id];
  if (record === undefined) {
    const ids = Object.keys(installed.plugins);
    throw new PluginInstallError(`Plugin ${id} is not installed. ${ids.length === 0 ? 'No plugins are installed.' : `Installed: ${ids.join(', ')}.`}`);
  }
  // Only ever delete inside wright's own store, whatever the record says.
  if (isInside(record.path, join(pluginsDir(configDir), 'cache'))) rmSync(record.path, { recursive: true, force: true });
  delete installed.plugins[id];
  writeInstalled(configDir, installed);
  return record;
}

export interface MarketplaceAddResult {
  name: string;
  marketplace: KnownMarketplace;
  plugins: string[];
  warnings: string[];
}

export async function addMarketplace(configDir: string, spec: string, cwd: string): Promise<MarketplaceAddResult> {
  const fetched = await fetchSource(configDir, sourceFromSpec(spec, cwd));
  try {
    const read = readMarketplace(fetched.dir);
    if (!read.ok) throw new PluginInstallError(read.error);
    const known = readMarketplaces(configDir);
    const name = read.manifest.name;
    if (known[name] !== undefined) throw new PluginInstallError(`Marketplace "${name}" is already added (${known[name]!.installLocation}); update it with \`wright plugin marketplace update ${name}\` or remove it first.`);
    const location = marketplaceDir(configDir, name);
    const copyWarnings = placeCopy(configDir, fetched.dir, location);
    const marketplace: KnownMarketplace = { source: fetched.source, installLocation: location, lastUpdated: new Date().toISOString() };
    writeMarketplaces(configDir, { ...known, [name]: marketplace });
    return { name, marketplace, plugins: read.manifest.plugins.map((plugin) => plugin.name), warnings: [...read.warnings, ...copyWarnings] };
  } finally {
    fetched.cleanup();
  }
}

/** Fetches each named marketplace (all when none is named) again from where it was added from. */
export async function updateMarketplaces(configDir: string, name?: string): Promise<Array<{ name: string; plugins: string[]; warnings: string[] }>> {
  const known = readMarketplaces(configDir);
  if (name !== undefined && known[name] === undefined) throw new PluginInstallError(`Unknown marketplace "${name}".`);
  const names = name !== undefined ? [name] : Object.keys(known).sort();
  const results: Array<{ name: string; plugins: string[]; warnings: string[] }> = [];
  for (const current of names) {
    const marketplace = known[current]!;
    const fetched = await fetchSource(configDir, fetchOf(marketplace.source, current));
    try {
      const read = readMarketplace(fetched.dir);
      if (!read.ok) throw new PluginInstallError(read.error);
      if (read.manifest.name !== current) throw new PluginInstallError(`Marketplace "${current}" now calls itself "${read.manifest.name}"; remove it and add it again.`);
      const copyWarnings = placeCopy(configDir, fetched.dir, marketplace.installLocation);
      known[current] = { ...marketplace, lastUpdated: new Date().toISOString() };
      writeMarketplaces(configDir, known);
      results.push({ name: current, plugins: read.manifest.plugins.map((plugin) => plugin.name), warnings: [...read.warnings, ...copyWarnings] });
    } finally {
      fetched.cleanup();
    }
  }
  return results;
}

function fetchOf(source: PluginSource, name: string): PluginFetch {
  if (source.source === 'directory') return { kind: 'path', path: source.path };
  if (source.source === 'git') return { kind: 'git', url: source.url, ...(source.ref !== undefined ? { ref: source.ref } : {}) };
  if (source.source === 'github') return { kind: 'git', url: gitHubUrl(source.repo), ...(source.ref !== undefined ? { ref: source.ref } : {}) };
  throw new PluginInstallError(`Marketplace "${name}" has a source wright cannot fetch again.`);
}

export function removeMarketplace(configDir: string, name: string): KnownMarketplace {
  const known = readMarketplaces(configDir);
  const marketplace = known[name];
  if (marketplace === undefined) throw new PluginInstallError(`Unknown marketplace "${name}".`);
  if (isInside(marketplace.installLocation, join(pluginsDir(configDir), 'marketplaces'))) rmSync(marketplace.installLocation, { recursive: true, force: true });
  delete known[name];
  writeMarketplaces(configDir, known);
  return marketplace;
}

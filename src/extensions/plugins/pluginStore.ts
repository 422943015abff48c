// What is installed, on disk under `<configDir>/plugins/`:
//   installed.json            {"version": 1, "plugins": {"<name>@<marketplace>": {path, source, version?, installedAt, enabledIn?}}}
//   known_marketplaces.json   {"<name>": {source, installLocation, lastUpdated}}
//   cache/<marketplace>/<name>/   the installed copies
//   marketplaces/<name>/          the marketplaces' copies
// A missing file is empty; a broken one is reported (reading for a session) or refused (changing it).
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export const pluginsDir = (configDir: string): string => join(configDir, 'plugins');
export const installedFile = (configDir: string): string => join(pluginsDir(configDir), 'installed.json');
export const marketplacesFile = (configDir: string): string => join(pluginsDir(configDir), 'known_marketplaces.json');
export const pluginCacheDir = (configDir: string, marketplace: string, name: string): string => join(pluginsDir(configDir), 'cache', marketplace, name);
export const marketplaceDir = (configDir: string, name: string): string => join(pluginsDir(configDir), 'marketplaces', name);

/** Where a plugin or marketplace was installed from. */
export type PluginSource =
  | { source: 'directory'; path: string }
  | { source: 'git'; url: string; ref?: string }
  | { source: 'github'; repo: string; ref?: string }
  | { source: 'marketplace'; marketplace: string; entry: unknown };

export interface InstalledPlugin {
  /** The installed copy. */
  path: string;
  source: PluginSource;
  version?: string;
  installedAt: string;
  /** The settings file whose enabledPlugins entry the install wrote (removed again on uninstall). */
  enabledIn?: string;
}

export interface InstalledPlugins {
  version: 1;
  plugins: Record<string, InstalledPlugin>;
}

export interface KnownMarketplace {
  source: PluginSource;
  installLocation: string;
  lastUpdated: string;
}

export class PluginStoreError extends Error {}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A JSON object from `path`; null when the file does not exist; throws PluginStoreError when it is broken. */
function readObject(path: string): Record<string, unknown> | null {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new PluginStoreError(`cannot read ${path}: ${(error as Error).message}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new PluginStoreError(`${path} is not valid JSON (${(error as Error).message})`);
  }
  if (!isRecord(value)) throw new PluginStoreError(`${path} must hold a JSON object`);
  return value;
}

/** Written through a temporary file renamed over the old one, so a crash never leaves half a file. */
function writeObject(path: string, value: unknown): void {
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(value, null, 2)}\n`);
  renameSync(temporary, path);
}

export function readInstalled(configDir: string): InstalledPlugins {
  const path = installedFile(configDir);
  const value = readObject(path);
  if (value === null) return { version: 1, plugins: {} };
  if (!isRecord(value.plugins)) throw new PluginStoreError(`${path}: "plugins" must be an object keyed by "name@marketplace"`);
  const plugins: Record<string, InstalledPlugin> = {};
  for (const [id, entry] of Object.entries(value.plugins)) {
    if (!isRecord(entry) || typeof entry.path !== 'string') throw new PluginStoreError(`${path}: plugins["${id}"] must be an object with a "path"`);
    plugins[id] = entry as unknown as InstalledPlugin;
  }
  return { version: 1, plugins };
}

export function writeInstalled(configDir: string, installed: InstalledPlugins): void {
  writeObject(installedFile(configDir), installed);
}

export function readMarketplaces(configDir: string): Record<string, KnownMarketplace> {
  const path = marketplacesFile(configDir);
  const value = readObject(path) ?? {};
  for (const [name, entry] of Object.entries(value)) {
    if (!isRecord(entry) || typeof entry.installLocation !== 'string') throw new PluginStoreError(`${path}: "${name}" must be an object with an "installLocation"`);
  }
  return value as Record<string, KnownMarketplace>;
}

export function writeMarketplaces(configDir: string, marketplaces: Record<string, KnownMarketplace>): void {
  writeObject(marketplacesFile(configDir), marketplaces);
}

/** `name@marketplace` split; undefined when it is not of that form. */
export function parsePluginId(id: string): { name: string; marketplace: string } | undefined {
  const at = id.lastIndexOf('@');
  if (at <= 0 || at === id.length - 1) return undefined;
  return { name: id.slice(0, at), marketplace: id.slice(at + 1) };
}

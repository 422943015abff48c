// A marketplace: a directory (usually a git repository) with `.wright-plugin/marketplace.json` or
// `.claude-plugin/marketplace.json` listing plugins — `{"name", "owner", "metadata"?: {"pluginRoot"},
// "plugins": [{"name", "source", "version"?, "description"?}]}` as in Claude Code. A plugin's
// `source` is a relative path inside the marketplace (`./plugins/x`, against `metadata.pluginRoot`
// when set), `{"source": "github", "repo": "owner/repo"}`, or `{"source": "git" | "url", "url": …}`
// (either may name a `ref`). A bad plugin entry is a warning; the others stay installable.
import { resolve } from 'node:path';
import { gitHubUrl } from './gitSource.js';
import { isInside } from './pluginCopy.js';
import { isRecord, readPluginJson } from './pluginJson.js';
import { isValidPluginName, MANIFEST_DIRECTORIES, metadataFile } from './pluginManifest.js';

export const MARKETPLACE_FILE = 'marketplace.json';
/** Names wright uses for plugins installed from outside any marketplace. */
export const RESERVED_MARKETPLACE_NAMES = new Set(['local', 'inline']);

export type PluginFetch = { kind: 'path'; path: string } | { kind: 'git'; url: string; ref?: string };

export interface MarketplaceEntry {
  name: string;
  fetch: PluginFetch;
  /** The entry as written (recorded with the installed plugin). */
  raw: unknown;
  version?: string;
  description?: string;
}

export interface MarketplaceManifest {
  name: string;
  description?: string;
  plugins: MarketplaceEntry[];
}

export type MarketplaceRead = { ok: true; manifest: MarketplaceManifest; path: string; warnings: string[] } | { ok: false; error: string };

export function marketplaceManifestPath(dir: string): string | undefined {
  return metadataFile(dir, MARKETPLACE_FILE);
}

export function readMarketplace(dir: string): MarketplaceRead {
  const path = marketplaceManifestPath(dir);
  if (path === undefined) return { ok: false, error: `${dir} has no ${MANIFEST_DIRECTORIES[1]}/${MARKETPLACE_FILE} (or ${MANIFEST_DIRECTORIES[0]}/${MARKETPLACE_FILE})` };
  const read = readPluginJson(path);
  if (!read.ok) return { ok: false, error: read.missing ? `${path} does not exist` : read.error };
  const value = read.value;
  const fail = (why: string): MarketplaceRead => ({ ok: false, error: `${path}: ${why}` });
  if (typeof value.name !== 'string' || !isValidPluginName(value.name)) return fail('"name" must be a kebab-case id such as "my-marketplace"');
  if (RESERVED_MARKETPLACE_NAMES.has(value.name)) return fail(`"name" "${value.name}" is reserved; choose another`);
  if (!Array.isArray(value.plugins)) return fail('"plugins" must be a list of {"name", "source"} objects');
  const pluginRoot = isRecord(value.metadata) && typeof value.metadata.pluginRoot === 'string' ? resolve(dir, value.metadata.pluginRoot) : resolve(dir);
  const plugins: MarketplaceEntry[] = [];
  const warnings: string[] = [];
  for (const [index, raw] of value.plugins.entries()) {
    const entry = parseEntry(raw, resolve(dir), pluginRoot);
    if ('error' in entry) warnings.push(`${path}: plugins[${index}] ${entry.error}; skipped.`);
    else if (plugins.some((plugin) => plugin.name === entry.entry.name)) warnings.push(`${path}: plugins[${index}] repeats the name "${entry.entry.name}"; skipped.`);
    else plugins.push(entry.entry);
  }
  const description = typeof value.description === 'string' ? value.description : isRecord(value.metadata) && typeof value.metadata.description === 'string' ? value.metadata.description : undefined;
  return { ok: true, manifest: { name: value.name, ...(description !== undefined ? { description } : {}), plugins }, path, warnings };
}

function parseEntry(raw: unknown, dir: string, pluginRoot: string): { entry: MarketplaceEntry } | { error: string } {
  if (!isRecord(raw)) return { error: 'must be an object with "name" and "source"' };
  if (typeof raw.name !== 'string' || !isValidPluginName(raw.name)) return { error: '"name" must be a kebab-case plugin name' };
  const fetch = parseSource(raw.source, dir, pluginRoot);
  if ('error' in fetch) return { error: `("${raw.name}") ${fetch.error}` };
  return {
    entry: {
      name: raw.name,
      fetch,
      raw,
      ...(typeof raw.version === 'string' ? { version: raw.version } : {}),
      ...(typeof raw.description === 'string' ? { description: raw.description } : {}),
    },
  };
}

function parseSource(source: unknown, dir: string, pluginRoot: string): PluginFetch | { error: string } {
  if (typeof source === 'string') {
    if (source.trim() === '' || source.startsWith('/')) return { error: `"source" "${source}" must be a relative path such as "./plugins/name"` };
    const path = resolve(pluginRoot, source);
    if (!isInside(path, dir)) return { error: `"source" "${source}" points outside the marketplace` };
    return { kind: 'path', path };
  }
  if (!isRecord(source)) return { error: '"source" must be a relative path or an object such as {"source": "github", "repo": "owner/repo"}' };
  const ref = typeof source.ref === 'string' && source.ref !== '' ? { ref: source.ref } : {};
  if (source.source === 'github') {
    if (typeof source.repo !== 'string' || !/^[\w.-]+\/[\w.-]+$/.test(source.repo)) return { error: '"source.repo" must be "owner/repo"' };
    return { kind: 'git', url: gitHubUrl(source.repo), ...ref };
  }
  if (source.source === 'git' || source.source === 'url') {
    if (typeof source.url !== 'string' || source.url.trim() === '') return { error: `a "${source.source}" source needs a "url"` };
    return { kind: 'git', url: source.url, ...ref };
  }
  return { error: `"source.source" ${JSON.stringify(source.source)} is not supported; use "github", "git" or "url"` };
}

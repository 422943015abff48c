// A plugin's manifest, read the way Claude Code reads it: `.wright-plugin/plugin.json` (wright's own,
// looked for first) or `.claude-plugin/plugin.json`. The manifest is optional — without one the
// directory's name is the plugin's name. When there is one, `name` (kebab-case) is required; the
// other fields are optional and unknown ones are ignored. Component paths (`commands`, `agents`,
// `skills`, `outputStyles`: a path or a list; `hooks`, `mcpServers`: a path or an inline object) are
// relative to the plugin root and must stay inside it; they add to the default locations.
import { readFileSync, statSync } from 'node:fs';
import { basename, isAbsolute, join, relative, resolve, sep } from 'node:path';

export const MANIFEST_DIRECTORIES = ['.wright-plugin', '.claude-plugin'] as const;
export const MANIFEST_FILE = 'plugin.json';
const NAME = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const MAX_NAME = 64;

export interface PluginManifest {
  name: string;
  version?: string;
  description?: string;
  author?: { name?: string; email?: string; url?: string };
  /** Extra command files or folders (absolute, inside the plugin). */
  commands: string[];
  agents: string[];
  skills: string[];
  outputStyles: string[];
  /** A hooks file (absolute) or an inline `{"hooks": {...}}` / `{...events}` object. */
  hooks?: string | Record<string, unknown>;
  /** An MCP config file (absolute) or an inline object of servers. */
  mcpServers?: string | Record<string, unknown>;
}

export type ManifestResult =
  | { ok: true; manifest: PluginManifest; /** The manifest file, or undefined when the plugin has none. */ path?: string }
  | { ok: false; path: string; error: string };

/** The manifest file of a plugin directory, if it has one. */
export function manifestPath(pluginDir: string): string | undefined {
  return metadataFile(pluginDir, MANIFEST_FILE);
}

/** `.wright-plugin/<file>`, else `.claude-plugin/<file>`, in a directory: the first that is a file. */
export function metadataFile(dir: string, file: string): string | undefined {
  for (const directory of MANIFEST_DIRECTORIES) {
    const path = join(dir, directory, file);
    try {
      if (statSync(path).isFile()) return path;
    } catch {
      // Not there: try the next.
    }
  }
  return undefined;
}

export function isValidPluginName(name: string): boolean {
  return NAME.test(name) && name.length <= MAX_NAME;
}

/** Reads and checks the manifest of `pluginDir`; a directory without one gets a manifest from its name. */
export function readPluginManifest(pluginDir: string): ManifestResult {
  const root = resolve(pluginDir);
  const path = manifestPath(root);
  if (path === undefined) {
    const name = basename(root);
    if (!isValidPluginName(name)) {
      return { ok: false, path: root, error: `has no ${MANIFEST_DIRECTORIES[1]}/${MANIFEST_FILE}, and its directory name "${name}" is not a kebab-case plugin name` };
    }
    return { ok: true, manifest: { name, commands: [], agents: [], skills: [], outputStyles: [] } };
  }
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    return { ok: false, path, error: `is not valid JSON (${(error as Error).message})` };
  }
  const parsed = parseManifest(value, root);
  return 'error' in parsed ? { ok: false, path, error: parsed.error } : { ok: true, manifest: parsed.manifest, path };
}

/** Checks a manifest's JSON; paths are resolved against `root`. */
export function parseManifest(value: unknown, root: string): { manifest: PluginManifest } | { error: string } {
  if (!isRecord(value)) return { error: 'must be a JSON object' };
  const { name } = value;
  if (typeof name !== 'string' || name === '') return { error: '"name" is required (a kebab-case id such as "my-plugin")' };
  if (!isValidPluginName(name)) return { error: `"name" "${name}" must be kebab-case: lowercase letters, digits and single hyphens, at most ${MAX_NAME} characters` };
  const manifest: PluginManifest = { name, commands: [], agents: [], skills: [], outputStyles: [] };
  for (const key of ['version', 'description'] as const) {
    const field = value[key];
    if (field === undefined) continue;
    if (typeof field !== 'string') return { error: `"${key}" must be a string` };
    manifest[key] = field;
  }
  const author = value.author;
  if (typeof author === 'string') manifest.author = { name: author };
  else if (isRecord(author)) {
    const text = (field: unknown) => (typeof field === 'string' ? field : undefined);
    const name = text(author.name);
    const email = text(author.email);
    const url = text(author.url);
    manifest.author = { ...(name !== undefined ? { name } : {}), ...(email !== undefined ? { email } : {}), ...(url !== undefined ? { url } : {}) };
  } else if (author !== undefined) return { error: '"author" must be an object such as {"name": "…", "email": "…"}' };
  for (const key of ['commands', 'agents', 'skills', 'outputStyles'] as const) {
    const paths = pathList(value[key], key, root);
    if (typeof paths === 'string') return { error: paths };
    manifest[key] = paths;
  }
  for (const key of ['hooks', 'mcpServers'] as const) {
    const field = value[key];
    if (field === undefined) continue;
    if (isRecord(field)) manifest[key] = field;
    else if (typeof field === 'string') {
      const path = insidePath(field, key, root);
      if (path.startsWith('"')) return { error: path };
      manifest[key] = path;
    } else return { error: `"${key}" must be a path (such as "./${key === 'hooks' ? 'hooks/hooks.json' : '.mcp.json'}") or an object` };
  }
  return { manifest };
}

function pathList(value: unknown, key: string, root: string): string[] | string {
  if (value === undefined) return [];
  const items = typeof value === 'string' ? [value] : Array.isArray(value) && value.every((item) => typeof item === 'string') ? (value as string[]) : null;
  if (items === null) return `"${key}" must be a path or a list of paths`;
  const paths: string[] = [];
  for (const item of items) {
    const path = insidePath(item, key, root);
    if (path.startsWith('"')) return path;
    paths.push(path);
  }
  return paths;
}

/** The absolute path, or an error message starting with `"` (the key) when it leaves the plugin. */
function insidePath(path: string, key: string, root: string): string {
  if (path.trim() === '' || isAbsolute(path)) return `"${key}": "${path}" must be a relative path inside the plugin, such as "./${key}"`;
  const full = resolve(root, path);
  const rel = relative(root, full);
  if (rel === '..' || rel.startsWith(`..${sep}`)) return `"${key}": "${path}" points outside the plugin directory`;
  return full;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

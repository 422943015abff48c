// Workspace trust: a folder's own configuration can run commands (hooks, .mcp.json servers, a
// status line) and pre-approve tools (permission rules, commands' allowed-tools). Before an
// interactive session uses any of it, the user is asked once whether they trust the folder; the
// answer is kept in the user's config directory, never in the folder itself, so a repository
// cannot vouch for itself. Trusting a folder covers everything below it.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, parse, relative, resolve, sep } from 'node:path';
import { settingsLocations } from './settingsSources.js';

const TRUST_FILE = 'trusted-folders.json';

/**
 * What a project folder may configure that runs code or grants permissions, relative to its root:
 * its settings files (the same list settings are read from), `.mcp.json`, commands, skills, agents.
 */
function projectConfiguration(projectRoot: string, home: string): string[] {
  const settingsFiles = settingsLocations({ cwd: projectRoot, projectRoot, configDir: join(home, '.wright'), home, managedPath: '/' })
    .filter((location) => location.scope === 'project' || location.scope === 'local')
    .flatMap((location) => (location.content.kind === 'file' ? [relative(projectRoot, location.content.path)] : []));
  return ['.mcp.json', ...settingsFiles, ...DEFINITION_FOLDERS];
}

const DEFINITION_FOLDERS = [
  join('.wright', 'commands'),
  join('.wright', 'skills'),
  join('.wright', 'agents'),
  join('.claude', 'commands'),
  join('.claude', 'skills'),
  join('.claude', 'agents'),
];

export function trustStorePath(configDir: string): string {
  return join(configDir, TRUST_FILE);
}

/** The folders the user has trusted. An unreadable or malformed store trusts nothing (so it asks again). */
export function trustedFolders(configDir: string): string[] {
  try {
    const parsed = JSON.parse(readFileSync(trustStorePath(configDir), 'utf8')) as { folders?: unknown };
    return Array.isArray(parsed.folders) ? parsed.folders.filter((folder): folder is string => typeof folder === 'string') : [];
  } catch {
    return [];
  }
}

export function isFolderTrusted(folder: string, configDir: string): boolean {
  const target = resolve(folder);
  return trustedFolders(configDir).some((trusted) => isSameOrInside(target, resolve(trusted)));
}

/**
 * Whether trusting this folder is remembered. The home directory and the filesystem root are trusted
 * for one session only, as remembering them would trust every project below them.
 */
export function trustIsRemembered(folder: string, home: string): boolean {
  const target = resolve(folder);
  return target !== resolve(home) && target !== parse(target).root;
}

/** Records the folder as trusted (the store is private to the user: mode 0600, replaced atomically). */
export async function trustFolder(folder: string, configDir: string): Promise<void> {
  const path = trustStorePath(configDir);
  const folders = [...new Set([...trustedFolders(configDir), resolve(folder)])];
  await mkdir(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, `${JSON.stringify({ version: 1, folders }, null, 2)}\n`, { mode: 0o600 });
  await rename(temporary, path);
}

/**
 * The configuration the project folder has that trust would let run, as paths relative to it. The
 * user's own `~/.claude` is not the project's, even when the project is the home directory.
 */
export function projectConfigurationFound(projectRoot: string, home: string): string[] {
  const ownDirectories = [join(home, '.claude'), join(home, '.wright')].map((dir) => resolve(dir));
  return projectConfiguration(projectRoot, home).filter((entry) => {
    const path = resolve(projectRoot, entry);
    if (ownDirectories.some((own) => isSameOrInside(path, own))) return false;
    if (!existsSync(path)) return false;
    return !entry.endsWith('.json') || statSync(path).isFile();
  });
}

function isSameOrInside(path: string, folder: string): boolean {
  if (path === folder) return true;
  const rel = relative(folder, path);
  return rel !== '' && rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
}

// Writing "don't ask again" rules into the project's personal settings file,
// `<projectRoot>/.wright/settings.local.json`, without disturbing anything else in it.
//
// - The rules are appended to `permissions.allow` (skipping ones already there) through
//   updateSettingsFile, which keeps the rest of the file and its formatting, and refuses files it
//   cannot update safely.
// - The file is personal, so it is kept out of git: when the project is a git repository and the
//   file is not already ignored (by .gitignore, the user's global excludes, or info/exclude), it is
//   added to the repository's `info/exclude`. That file is never committed, so the project's shared
//   .gitignore is not changed behind the user's back — the same effect as Claude Code adding the
//   file to the user's global excludes, confined to this repository.
import { execFile } from 'node:child_process';
import { appendFile, mkdir } from 'node:fs/promises';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { readIfExists, updateSettingsFile } from './settingsFileUpdate.js';

export const LOCAL_SETTINGS_RELATIVE_PATH = join('.wright', 'settings.local.json');
const IGNORE_PATTERN = '/.wright/settings.local.json';

export interface LocalAllowRulesResult {
  path: string;
  /** The rules that were not in the file before. */
  added: string[];
}

/**
 * Adds rules to permissions.allow in <projectRoot>/.wright/settings.local.json (creating it, keeping
 * other content and formatting, no duplicates) and makes sure git ignores the file.
 */
export async function addLocalAllowRules(projectRoot: string, rules: string[]): Promise<LocalAllowRulesResult> {
  return addLocalPermissionRules(projectRoot, 'allow', rules);
}

/** The same for any rule list of the personal settings file: `permissions.allow`, `ask` or `deny`. */
export async function addLocalPermissionRules(projectRoot: string, behavior: 'allow' | 'ask' | 'deny', rules: string[]): Promise<LocalAllowRulesResult> {
  const path = resolve(projectRoot, LOCAL_SETTINGS_RELATIVE_PATH);
  const added = await updateSettingsFile(
    path,
    ({ settings, objectAt, fail }) => {
      const permissions = objectAt(settings, ['permissions']);
      const list = permissions[behavior] ?? [];
      if (!Array.isArray(list)) fail(['permissions', behavior], 'expected a list of rules');
      (list as unknown[]).forEach((rule, i) => {
        if (typeof rule !== 'string') fail(['permissions', behavior, i], 'expected a rule (a string)');
      });
      const fresh = [...new Set(rules.map((rule) => rule.trim()).filter((rule) => rule !== ''))].filter((rule) => !(list as string[]).includes(rule));
      permissions[behavior] = [...(list as string[]), ...fresh];
      return { changed: fresh.length > 0, result: fresh };
    },
    { purpose: 'add permission rules' },
  );
  await ensureGitIgnored(resolve(projectRoot));
  return { path, added };
}

/**
 * Appends names to a top-level list of the personal settings file (e.g. `enabledMcpjsonServers`),
 * skipping ones already there, and makes sure git ignores the file. Answers the file's path.
 */
export async function addLocalSettingsListEntries(projectRoot: string, key: string, values: string[]): Promise<string> {
  const path = resolve(projectRoot, LOCAL_SETTINGS_RELATIVE_PATH);
  await updateSettingsFile(
    path,
    ({ settings, fail }) => {
      const list = settings[key] ?? [];
      if (!Array.isArray(list)) fail([key], 'expected a list of names');
      const fresh = [...new Set(values)].filter((value) => !(list as unknown[]).includes(value));
      settings[key] = [...(list as unknown[]), ...fresh];
      return { changed: fresh.length > 0, result: undefined };
    },
    { purpose: `update ${key}` },
  );
  await ensureGitIgnored(resolve(projectRoot));
  return path;
}

/** Sets one top-level value of the personal settings file (e.g. `outputStyle`); answers the file's path. */
export async function setLocalSettingsValue(projectRoot: string, key: string, value: string): Promise<string> {
  const path = resolve(projectRoot, LOCAL_SETTINGS_RELATIVE_PATH);
  await updateSettingsFile(
    path,
    ({ settings }) => {
      const changed = settings[key] !== value;
      settings[key] = value;
      return { changed, result: undefined };
    },
    { purpose: `set ${key}` },
  );
  await ensureGitIgnored(resolve(projectRoot));
  return path;
}

/** Adds the file to the repository's info/exclude unless git already ignores it. Best effort. */
export async function ensureGitIgnored(projectRoot: string): Promise<void> {
  const ignored = await git(projectRoot, ['check-ignore', '-q', '--', LOCAL_SETTINGS_RELATIVE_PATH]);
  // 0: already ignored; 1: not ignored; anything else: not a repository or no git.
  if (ignored.code !== 1) return;
  const excludePath = await git(projectRoot, ['rev-parse', '--git-path', 'info/exclude']);
  if (excludePath.code !== 0) return;
  const relativeOrAbsolute = excludePath.stdout.trim();
  if (relativeOrAbsolute === '') return;
  const exclude = isAbsolute(relativeOrAbsolute) ? relativeOrAbsolute : resolve(projectRoot, relativeOrAbsolute);
  const current = (await readIfExists(exclude)) ?? '';
  if (current.split(/\r?\n/).includes(IGNORE_PATTERN)) return;
  await mkdir(dirname(exclude), { recursive: true });
  const separator = current === '' || current.endsWith('\n') ? '' : '\n';
  await appendFile(exclude, `${separator}# wright: personal settings ("don't ask again" rules)\n${IGNORE_PATTERN}\n`);
}

function git(cwd: string, args: string[]): Promise<{ code: number; stdout: string }> {
  return new Promise((done) => {
    execFile('git', args, { cwd, encoding: 'utf8', timeout: 10_000 }, (error, stdout) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
      done({ code, stdout });
    });
  });
}

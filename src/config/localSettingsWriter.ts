// Writing "don't ask again" rules into the project's personal settings file,
// `<projectRoot>/.wright/settings.local.json`, without disturbing anything else in it.
//
// - The file is read, the rules appended to `permissions.allow` (skipping ones already there), and
//   written back with the file's own indentation and key order, through a temporary file renamed
//   over it, so a crash never leaves half a settings file.
// - A file that is not valid JSON, or whose `permissions.allow` is not a list of strings, is left
//   untouched and reported with file, line and column: it may hold the user's unsaved work.
// - Calls for the same file within this process run one after another, so two quick approvals
//   both land.
// - The file is personal, so it is kept out of git: when the project is a git repository and the
//   file is not already ignored (by .gitignore, the user's global excludes, or info/exclude), it is
//   added to the repository's `info/exclude`. That file is never committed, so the project's shared
//   .gitignore is not changed behind the user's back — the same effect as Claude Code adding the
//   file to the user's global excludes, confined to this repository.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { appendFile, mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { locateJsonPath } from './jsonLocator.js';
import { parseJsonText, positionAt } from './jsonText.js';
import { SettingsError, formatKeyPath } from './settingsError.js';

export const LOCAL_SETTINGS_RELATIVE_PATH = join('.wright', 'settings.local.json');
const IGNORE_PATTERN = '/.wright/settings.local.json';

export interface LocalAllowRulesResult {
  path: string;
  /** The rules that were not in the file before. */
  added: string[];
}

/** A settings file that cannot be updated without losing what is in it. */
export class LocalSettingsWriteError extends Error {
  readonly settingsError: SettingsError;
  constructor(settingsError: SettingsError) {
    super(`cannot add permission rules to ${settingsError.format()}; fix or remove the file and try again`);
    this.name = 'LocalSettingsWriteError';
    this.settingsError = settingsError;
  }
}

const queues = new Map<string, Promise<unknown>>();

/**
 * Adds rules to permissions.allow in <projectRoot>/.wright/settings.local.json (creating it, keeping
 * other content and formatting, no duplicates) and makes sure git ignores the file.
 */
export async function addLocalAllowRules(projectRoot: string, rules: string[]): Promise<LocalAllowRulesResult> {
  const path = resolve(projectRoot, LOCAL_SETTINGS_RELATIVE_PATH);
  const previous = queues.get(path) ?? Promise.resolve();
  const run = previous.catch(() => undefined).then(() => updateFile(path, rules));
  queues.set(path, run);
  try {
    const added = await run;
    await ensureGitIgnored(resolve(projectRoot));
    return { path, added };
  } finally {
    if (queues.get(path) === run) queues.delete(path);
  }
}

async function updateFile(path: string, rules: readonly string[]): Promise<string[]> {
  const existing = await readIfExists(path);
  const bom = existing?.startsWith('\uFEFF') ? '\uFEFF' : '';
  const text = existing?.slice(bom.length) ?? '';
  const settings = text.trim() === '' ? {} : parseSettingsObject(text, path);
  const permissions = objectAt(settings, 'permissions', text, path);
  const allow = allowListOf(permissions, text, path);

  const added = [...new Set(rules.map((rule) => rule.trim()).filter((rule) => rule !== ''))].filter((rule) => !allow.includes(rule));
  if (added.length === 0 && existing !== undefined) return [];
  permissions['allow'] = [...allow, ...added];
  settings['permissions'] = permissions;

  const newline = text.includes('\r\n') ? '\r\n' : '\n';
  const body = JSON.stringify(settings, null, indentationOf(text)).replace(/\n/g, newline);
  await mkdir(dirname(path), { recursive: true });
  await writeAtomically(path, `${bom}${body}${newline}`);
  return added;
}

async function readIfExists(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function fail(text: string, file: string, key: (string | number)[], message: string): never {
  const position = positionAt(text, locateJsonPath(text, key));
  throw new LocalSettingsWriteError(new SettingsError({ file, ...position, key: formatKeyPath(key), message }));
}

function parseSettingsObject(text: string, file: string): JsonObject {
  const parsed = parseJsonText(text);
  if (!parsed.ok) throw new LocalSettingsWriteError(new SettingsError({ file, ...parsed.position, key: '', message: parsed.message }));
  if (!isObject(parsed.value)) fail(text, file, [], 'settings must be a JSON object');
  return parsed.value;
}

function objectAt(settings: JsonObject, key: string, text: string, file: string): JsonObject {
  const value = settings[key];
  if (value === undefined) return {};
  if (!isObject(value)) fail(text, file, [key], 'expected an object');
  return value;
}

function allowListOf(permissions: JsonObject, text: string, file: string): string[] {
  const allow = permissions['allow'];
  if (allow === undefined) return [];
  if (!Array.isArray(allow)) fail(text, file, ['permissions', 'allow'], 'expected a list of rules');
  allow.forEach((rule, i) => {
    if (typeof rule !== 'string') fail(text, file, ['permissions', 'allow', i], 'expected a rule (a string)');
  });
  return allow as string[];
}

/** The indentation of the first indented line; two spaces for new or single-line files. */
function indentationOf(text: string): string | number {
  const indent = /\n([ \t]+)\S/.exec(text)?.[1];
  return indent ?? 2;
}

async function writeAtomically(path: string, content: string): Promise<void> {
  const temporary = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  const mode = await stat(path).then((info) => info.mode & 0o777, () => 0o644);
  try {
    await writeFile(temporary, content, { mode });
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

/** Adds the file to the repository's info/exclude unless git already ignores it. Best effort. */
async function ensureGitIgnored(projectRoot: string): Promise<void> {
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

// Changing one settings file in place without disturbing anything else in it: the file is read, the
// change applied to its JSON, and the result written back with the file's own indentation, line
// endings and byte-order mark, through a temporary file renamed over it, so a crash never leaves half
// a settings file. A file that is not valid JSON, or whose shape the change cannot work with, is left
// untouched and reported with file, line and column: it may hold the user's unsaved work. Updates of
// one file within this process run one after another, so two quick changes both land.
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { locateJsonPath } from './jsonLocator.js';
import { parseJsonText, positionAt } from './jsonText.js';
import { SettingsError, formatKeyPath } from './settingsError.js';

export type JsonObject = Record<string, unknown>;

/** A settings file that cannot be updated without losing what is in it. */
export class SettingsFileWriteError extends Error {
  readonly settingsError: SettingsError;
  constructor(settingsError: SettingsError, purpose: string) {
    super(`cannot ${purpose} in ${settingsError.format()}; fix or remove the file and try again`);
    this.name = 'SettingsFileWriteError';
    this.settingsError = settingsError;
  }
}

export interface SettingsEdit {
  /** The file's settings object (`{}` for a new or empty file), to change in place. */
  settings: JsonObject;
  /** The object at `key` (created when missing), or a reported error when it is something else. */
  objectAt(parent: JsonObject, path: string[]): JsonObject;
  /** Reports that the value at `path` has the wrong shape; the file is left as it was. */
  fail(path: (string | number)[], message: string): never;
}

export interface SettingsUpdateOptions {
  /** Said in errors: "cannot <purpose> in <file>…". */
  purpose: string;
  /** File mode for a new file (an existing file keeps its own). */
  mode?: number;
}

const queues = new Map<string, Promise<unknown>>();

/** Applies `change` to the settings file at `path`; `change` returns false when nothing changed. */
export async function updateSettingsFile<T>(path: string, change: (edit: SettingsEdit) => { changed: boolean; result: T }, options: SettingsUpdateOptions): Promise<T> {
  const previous = queues.get(path) ?? Promise.resolve();
  const run = previous.catch(() => undefined).then(() => applyChange(path, change, options));
  queues.set(path, run);
  try {
    return await run;
  } finally {
    if (queues.get(path) === run) queues.delete(path);
  }
}

async function applyChange<T>(path: string, change: (edit: SettingsEdit) => { changed: boolean; result: T }, options: SettingsUpdateOptions): Promise<T> {
  const existing = await readIfExists(path);
  const bom = existing?.startsWith('\uFEFF') ? '\uFEFF' : '';
  const text = existing?.slice(bom.length) ?? '';
  const fail = (key: (string | number)[], message: string): never => {
    const position = positionAt(text, locateJsonPath(text, key));
    throw new SettingsFileWriteError(new SettingsError({ file: path, ...position, key: formatKeyPath(key), message }), options.purpose);
  };
  const settings = text.trim() === '' ? {} : parseSettingsObject(text, path, options.purpose, fail);
  const objectAt = (parent: JsonObject, keyPath: string[]): JsonObject => {
    const key = keyPath[keyPath.length - 1] as string;
    const value = parent[key];
    if (value === undefined) {
      const created: JsonObject = {};
      parent[key] = created;
      return created;
    }
    if (!isObject(value)) fail(keyPath, 'expected an object');
    return value as JsonObject;
  };
  const { changed, result } = change({ settings, objectAt, fail });
  if (!changed && existing !== undefined) return result;

  const newline = text.includes('\r\n') ? '\r\n' : '\n';
  const body = JSON.stringify(settings, null, indentationOf(text)).replace(/\n/g, newline);
  await mkdir(dirname(path), { recursive: true });
  await writeAtomically(path, `${bom}${body}${newline}`, options.mode ?? 0o644);
  return result;
}

export async function readIfExists(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseSettingsObject(text: string, file: string, purpose: string, fail: SettingsEdit['fail']): JsonObject {
  const parsed = parseJsonText(text);
  if (!parsed.ok) throw new SettingsFileWriteError(new SettingsError({ file, ...parsed.position, key: '', message: parsed.message }), purpose);
  if (!isObject(parsed.value)) fail([], 'settings must be a JSON object');
  return parsed.value as JsonObject;
}

/** The indentation of the first indented line; two spaces for new or single-line files. */
function indentationOf(text: string): string | number {
  const indent = /\n([ \t]+)\S/.exec(text)?.[1];
  return indent ?? 2;
}

async function writeAtomically(path: string, content: string, newFileMode: number): Promise<void> {
  const temporary = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  const mode = await stat(path).then((info) => info.mode & 0o777, () => newFileMode);
  try {
    await writeFile(temporary, content, { mode });
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

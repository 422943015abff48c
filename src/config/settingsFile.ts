// Reading and validating one settings source. Every failure becomes a SettingsError that points
// at the file, line and key.
import { readFileSync } from 'node:fs';
import { locateJsonPath } from './jsonLocator.js';
import { parseJsonText, positionAt } from './jsonText.js';
import { SettingsError, formatKeyPath } from './settingsError.js';
import { settingsFileSchema, type SettingsFile } from './settingsSchema.js';
import type { SettingsLocation } from './settingsSources.js';

export type SettingsFileResult =
  | { ok: true; settings: SettingsFile }
  | { ok: true; settings: null /* the file does not exist */ }
  | { ok: false; error: SettingsError };

export function readSettingsLocation(location: SettingsLocation): SettingsFileResult {
  if (location.content.kind === 'inline') return parseSettingsText(location.content.text, location.label);
  const { path, required } = location.content;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const missing = code === 'ENOENT' || code === 'ENOTDIR';
    if (missing && !required) return { ok: true, settings: null };
    const message = missing ? 'file not found' : `cannot read: ${code ?? String(error)}`;
    return { ok: false, error: new SettingsError({ file: path, line: 1, column: 1, key: '', message }) };
  }
  return parseSettingsText(text, path);
}

/** Parses and validates settings JSON; `file` names the source in errors. */
export function parseSettingsText(input: string, file: string): SettingsFileResult {
  // Positions are counted without a byte-order mark, as parseJsonText does.
  const text = input.replace(/^\uFEFF/, '');
  // An empty file is an unfinished settings file, not a broken one.
  if (text.trim() === '') return { ok: true, settings: {} };
  const parsed = parseJsonText(text);
  if (!parsed.ok) {
    return { ok: false, error: new SettingsError({ file, ...parsed.position, key: '', message: parsed.message }) };
  }
  const value = parsed.value;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    const start = positionAt(text, locateJsonPath(text, []));
    return { ok: false, error: new SettingsError({ file, ...start, key: '', message: 'settings must be a JSON object' }) };
  }
  const checked = settingsFileSchema.safeParse(value);
  if (checked.success) return { ok: true, settings: checked.data };

  const [issue, ...others] = checked.error.issues;
  if (issue === undefined) throw new Error('zod reported a failure without issues');
  const path = issue.path.filter((segment): segment is string | number => typeof segment !== 'symbol');
  const more = others.length === 0 ? '' : ` (and ${others.length} more problem${others.length > 1 ? 's' : ''})`;
  const position = positionAt(text, locateJsonPath(text, path));
  return {
    ok: false,
    error: new SettingsError({ file, ...position, key: formatKeyPath(path), message: issue.message + more }),
  };
}

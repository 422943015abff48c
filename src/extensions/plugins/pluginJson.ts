// Reading a plugin's JSON component files (`hooks/hooks.json`, `.mcp.json`): missing is not an
// error (the component is optional), unreadable or malformed is — and says which file.
import { readFileSync } from 'node:fs';

export type PluginJson = { ok: true; value: Record<string, unknown> } | { ok: false; missing: true } | { ok: false; missing: false; error: string };

export function readPluginJson(path: string): PluginJson {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { ok: false, missing: true };
    return { ok: false, missing: false, error: `cannot read ${path}: ${(error as Error).message}` };
  }
  try {
    const value: unknown = JSON.parse(text);
    if (isRecord(value)) return { ok: true, value };
    return { ok: false, missing: false, error: `${path} must hold a JSON object` };
  } catch (error) {
    return { ok: false, missing: false, error: `${path} is not valid JSON (${(error as Error).message})` };
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

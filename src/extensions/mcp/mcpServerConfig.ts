// One MCP server's entry as written in `.mcp.json` or the user's MCP file, checked and with
// `${VAR}` / `${VAR:-default}` expanded in command, args, env, url and headers (Claude Code's format).
// Remote servers may carry an `oauth` object (Claude Code's keys `clientId`, `callbackPort`, `scopes`,
// plus `clientSecret` for a pre-registered confidential client).

export type McpTransport = 'stdio' | 'http' | 'sse';

export type McpServerConfig =
  | { type: 'stdio'; command: string; args: string[]; env: Record<string, string> }
  | { type: 'http' | 'sse'; url: string; headers: Record<string, string>; oauth?: McpOAuthSettings };

/** How wright signs in to a remote server that asks for OAuth; everything is optional. */
export interface McpOAuthSettings {
  /** A pre-registered client (skips dynamic client registration). */
  clientId?: string;
  clientSecret?: string;
  /** Fixed loopback port for the redirect URI `http://localhost:<port>/callback`. */
  callbackPort?: number;
  /** Space-separated scopes to request instead of the server's advertised ones. */
  scopes?: string;
}

export type McpConfigResult = { ok: true; config: McpServerConfig; missingVariables: string[] } | { ok: false; error: string };

const VARIABLE = /\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g;

/** Expands `${VAR}` and `${VAR:-default}`; unset variables without a default are reported and left empty. */
export function expandVariables(text: string, env: Record<string, string | undefined>, missing: string[] = []): string {
  return text.replace(VARIABLE, (_match, name: string, fallback: string | undefined) => {
    const value = env[name];
    if (value !== undefined && value !== '') return value;
    if (fallback !== undefined) return fallback;
    if (!missing.includes(name)) missing.push(name);
    return '';
  });
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function stringMap(value: unknown, field: string): Record<string, string> | string {
  if (value === undefined) return {};
  if (!isRecord(value)) return `"${field}" must be an object of strings`;
  const out: Record<string, string> = {};
  for (const [key, item] of Object.entries(value)) {
    if (typeof item !== 'string') return `"${field}.${key}" must be a string`;
    out[key] = item;
  }
  return out;
}

/** Checks one server entry and expands its variables. A missing `type` means stdio. */
export function parseServerConfig(raw: unknown, env: Record<string, string | undefined>): McpConfigResult {
  if (!isRecord(raw)) return { ok: false, error: 'must be an object' };
  const missing: string[] = [];
  const expand = (text: string) => expandVariables(text, env, missing);
  const expandMap = (map: Record<string, string>) => Object.fromEntries(Object.entries(map).map(([key, value]) => [key, expand(value)]));
  const type = raw.type === undefined ? 'stdio' : raw.type;
  if (type === 'stdio') {
    if (raw.url !== undefined && raw.type === undefined) return { ok: false, error: 'has a "url" but no "type": set "type" to "http" or "sse"' };
    if (typeof raw.command !== 'string' || raw.command.trim() === '') return { ok: false, error: 'a stdio server needs a "command"' };
    if (raw.oauth !== undefined) return { ok: false, error: '"oauth" applies only to http and sse servers' };
    const args = raw.args ?? [];
    if (!Array.isArray(args) || !args.every((arg) => typeof arg === 'string')) return { ok: false, error: '"args" must be an array of strings' };
    const envMap = stringMap(raw.env, 'env');
    if (typeof envMap === 'string') return { ok: false, error: envMap };
    return { ok: true, config: { type: 'stdio', command: expand(raw.command), args: args.map(expand), env: expandMap(envMap) }, missingVariables: missing };
  }
  if (type === 'http' || type === 'streamable-http' || type === 'sse') {
    if (typeof raw.url !== 'string' || raw.url.trim() === '') return { ok: false, error: `a ${type} server needs a "url"` };
    const headers = stringMap(raw.headers, 'headers');
    if (typeof headers === 'string') return { ok: false, error: headers };
    const url = expand(raw.url);
    try {
      new URL(url);
    } catch {
      return { ok: false, error: `"url" is not a valid URL: ${url}` };
    }
    const oauth = parseOAuthSettings(raw.oauth, expand);
    if (typeof oauth === 'string') return { ok: false, error: oauth };
    return {
      ok: true,
      config: { type: type === 'sse' ? 'sse' : 'http', url, headers: expandMap(headers), ...(oauth !== undefined ? { oauth } : {}) },
      missingVariables: missing,
    };
  }
  return { ok: false, error: `unknown "type" ${JSON.stringify(raw.type)}: use stdio, http or sse` };
}

/** The `oauth` object of a remote server, checked; a string is what is wrong with it. */
function parseOAuthSettings(value: unknown, expand: (text: string) => string): McpOAuthSettings | undefined | string {
  if (value === undefined) return undefined;
  if (!isRecord(value)) return '"oauth" must be an object';
  const settings: McpOAuthSettings = {};
  for (const key of ['clientId', 'clientSecret'] as const) {
    const item = value[key];
    if (item === undefined) continue;
    if (typeof item !== 'string' || item.trim() === '') return `"oauth.${key}" must be a non-empty string`;
    settings[key] = expand(item);
  }
  if (settings.clientSecret !== undefined && settings.clientId === undefined) return '"oauth.clientSecret" needs "oauth.clientId"';
  const port = value.callbackPort;
  if (port !== undefined) {
    if (typeof port !== 'number' || !Number.isInteger(port) || port < 1 || port > 65535) return '"oauth.callbackPort" must be a port number (1-65535)';
    settings.callbackPort = port;
  }
  const scopes = value.scopes;
  if (scopes !== undefined) {
    const list = typeof scopes === 'string' ? scopes.split(/\s+/) : Array.isArray(scopes) && scopes.every((scope) => typeof scope === 'string') ? (scopes as string[]) : undefined;
    const joined = list?.filter((scope) => scope !== '').join(' ');
    if (joined === undefined || joined === '') return '"oauth.scopes" must be a space-separated string (or an array) of scopes';
    settings.scopes = joined;
  }
  return settings;
}

/** Server names become part of tool names: letters, digits, `_` and `-` only. */
export function isValidServerName(name: string): boolean {
  return /^[A-Za-z0-9_-]+$/.test(name);
}

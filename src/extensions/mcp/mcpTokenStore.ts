// OAuth credentials for remote MCP servers: `<configDir>/mcp-oauth.json`, readable by the user only.
//
// Each record is keyed by server name and URL, so a server whose URL changed never presents the
// old server's tokens. A record holds the dynamically registered client and the tokens exactly as
// the SDK handed them over (including its `issuer` stamp, which it checks on the way back). PKCE
// verifiers are never written here: they live only in the memory of the login that made them.
//
// Every write goes to a 0600 temporary file renamed over the old one, so a crash never leaves half
// a file; a file found with wider permissions is narrowed to 0600 before it is read.
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { OAuthClientInformationMixed, OAuthTokens } from '@modelcontextprotocol/sdk/shared/auth.js';

export const MCP_OAUTH_FILE = 'mcp-oauth.json';

export const mcpOAuthFile = (configDir: string) => join(configDir, MCP_OAUTH_FILE);

export interface StoredServerAuth {
  serverName: string;
  serverUrl: string;
  /** The client registered dynamically with the server's authorization server. */
  client?: OAuthClientInformationMixed;
  tokens?: OAuthTokens;
  /** When the tokens were saved (ms since the epoch): with `expires_in`, when the access token ends. */
  tokensSavedAt?: number;
}

interface StoreFile {
  servers: Record<string, StoredServerAuth>;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

export const serverAuthKey = (serverName: string, serverUrl: string) => `${serverName}|${serverUrl}`;

export class McpTokenStore {
  constructor(readonly path: string) {}

  /** The record for this server at this URL, if any. */
  read(serverName: string, serverUrl: string): StoredServerAuth | undefined {
    return this.load().servers[serverAuthKey(serverName, serverUrl)];
  }

  /** Changes (or creates) the record for this server at this URL; `undefined` from `change` removes it. */
  update(serverName: string, serverUrl: string, change: (current: StoredServerAuth) => StoredServerAuth | undefined): void {
    const file = this.load();
    const key = serverAuthKey(serverName, serverUrl);
    const next = change(file.servers[key] ?? { serverName, serverUrl });
    if (next === undefined || (next.client === undefined && next.tokens === undefined)) delete file.servers[key];
    else file.servers[key] = { ...next, serverName, serverUrl };
    this.save(file);
  }

  /** Removes every record of this server name (any URL) except the one at `keepUrl`; answers how many went. */
  removeServer(serverName: string, keepUrl?: string): number {
    const file = this.load();
    let removed = 0;
    for (const [key, record] of Object.entries(file.servers)) {
      if (record.serverName === serverName && record.serverUrl !== keepUrl) {
        delete file.servers[key];
        removed++;
      }
    }
    if (removed > 0) this.save(file);
    return removed;
  }

  private load(): StoreFile {
    let text: string;
    try {
      const mode = statSync(this.path).mode & 0o777;
      if ((mode & 0o077) !== 0) chmodSync(this.path, 0o600);
      text = readFileSync(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { servers: {} };
      throw error;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      throw new Error(`${this.path} is not valid JSON (${(error as Error).message}); remove it and log in again`);
    }
    const servers: Record<string, StoredServerAuth> = {};
    if (isRecord(parsed) && isRecord(parsed.servers)) {
      for (const [key, record] of Object.entries(parsed.servers)) {
        if (isRecord(record) && typeof record.serverName === 'string' && typeof record.serverUrl === 'string') servers[key] = record as unknown as StoredServerAuth;
      }
    }
    return { servers };
  }

  private save(file: StoreFile): void {
    mkdirSync(dirname(this.path), { recursive: true, mode: 0o700 });
    const temporary = `${this.path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      writeFileSync(temporary, `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600 });
      // The mode given to writeFileSync is filtered by the umask; make sure it is exactly 0600.
      chmodSync(temporary, 0o600);
      renameSync(temporary, this.path);
    } catch (error) {
      rmSync(temporary, { force: true });
      throw error;
    }
  }
}

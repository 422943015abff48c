// The one module that reads environment switches. Everything else receives a WrightEnvironment,
// so tests can pass a plain object instead of mutating process.env.
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

export type ProviderName = 'anthropic' | 'openai';

export interface WrightEnvironment {
  /** The user's home directory (`HOME`, else the OS account's home). */
  home: string;
  /** `WRIGHT_CONFIG_DIR`, default `~/.wright`. Always absolute. */
  configDir: string;
  /** `WRIGHT_MANAGED_SETTINGS_PATH`, default `/etc/wright/settings.json`. */
  managedSettingsPath: string;
  /** `WRIGHT_MAX_RETRIES`, default 10. */
  maxRetries: number;
  /** `WRIGHT_PROVIDER`, when set to a known provider. */
  provider?: ProviderName;
  anthropic: {
    apiKey?: string;
    authToken?: string;
    baseUrl?: string;
    model?: string;
    defaultOpusModel?: string;
    defaultSonnetModel?: string;
    defaultHaikuModel?: string;
  };
  openai: {
    apiKey?: string;
    baseUrl?: string;
  };
  bash: {
    defaultTimeoutMs?: number;
    maxTimeoutMs?: number;
    maxOutputLength?: number;
  };
  /** Switches that were set but could not be understood, in words a user can act on. */
  warnings: string[];
}

export const DEFAULT_MAX_RETRIES = 10;
export const DEFAULT_MANAGED_SETTINGS_PATH = '/etc/wright/settings.json';

const PROVIDERS: readonly ProviderName[] = ['anthropic', 'openai'];

export function readEnvironment(env: NodeJS.ProcessEnv = process.env): WrightEnvironment {
  const warnings: string[] = [];
  const text = (name: string): string | undefined => {
    const value = env[name];
    return value === undefined || value === '' ? undefined : value;
  };
  const integer = (name: string, minimum: number): number | undefined => {
    const value = text(name);
    if (value === undefined) return undefined;
    const parsed = /^\s*\d+\s*$/.test(value) ? Number(value) : Number.NaN;
    if (!Number.isSafeInteger(parsed) || parsed < minimum) {
      warnings.push(`${name}=${value} is not an integer ≥ ${minimum}; ignored`);
      return undefined;
    }
    return parsed;
  };

  const home = text('HOME') ?? homedir();
  const configDir = resolve(text('WRIGHT_CONFIG_DIR') ?? join(home, '.wright'));

  const providerText = text('WRIGHT_PROVIDER');
  const provider = PROVIDERS.find((name) => name === providerText?.toLowerCase());
  if (providerText !== undefined && provider === undefined) {
    warnings.push(`WRIGHT_PROVIDER=${providerText} is not one of ${PROVIDERS.join(', ')}; ignored`);
  }

  return {
    home,
    configDir,
    managedSettingsPath: text('WRIGHT_MANAGED_SETTINGS_PATH') ?? DEFAULT_MANAGED_SETTINGS_PATH,
    maxRetries: integer('WRIGHT_MAX_RETRIES', 0) ?? DEFAULT_MAX_RETRIES,
    ...(provider !== undefined && { provider }),
    anthropic: withoutUndefined({
      apiKey: text('ANTHROPIC_API_KEY'),
      authToken: text('ANTHROPIC_AUTH_TOKEN'),
      baseUrl: text('ANTHROPIC_BASE_URL'),
      model: text('ANTHROPIC_MODEL'),
      defaultOpusModel: text('ANTHROPIC_DEFAULT_OPUS_MODEL'),
      defaultSonnetModel: text('ANTHROPIC_DEFAULT_SONNET_MODEL'),
      defaultHaikuModel: text('ANTHROPIC_DEFAULT_HAIKU_MODEL'),
    }),
    openai: withoutUndefined({
      apiKey: text('OPENAI_API_KEY'),
      baseUrl: text('OPENAI_BASE_URL'),
    }),
    bash: withoutUndefined({
      defaultTimeoutMs: integer('BASH_DEFAULT_TIMEOUT_MS', 1),
      maxTimeoutMs: integer('BASH_MAX_TIMEOUT_MS', 1),
      maxOutputLength: integer('BASH_MAX_OUTPUT_LENGTH', 1),
    }),
    warnings,
  };
}

// With exactOptionalPropertyTypes-style consumers in mind, absent switches are absent keys, not
// keys holding undefined, so `'apiKey' in env.anthropic` means what it says.
function withoutUndefined<T extends Record<string, unknown>>(record: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) if (value !== undefined) result[key] = value;
  return result as { [K in keyof T]?: Exclude<T[K], undefined> };
}

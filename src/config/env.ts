// Where wright's own files live, from the environment. Everything else receives these values, so
// tests pass a plain object instead of mutating process.env.
//
// Other switches are read where they are interpreted, from the env record the session runs with
// (process.env plus settings `env`), never from process.env directly:
//   provider, model, credentials, retries, stream timeout → src/model/modelConfig.ts
//   BASH_DEFAULT_TIMEOUT_MS, BASH_MAX_TIMEOUT_MS, BASH_MAX_OUTPUT_LENGTH → src/tools/bashTool.ts
//   WRIGHT_WEB_FETCH_TIMEOUT_MS, WRIGHT_WEB_FETCH_MAX_BYTES → src/tools/web/webFetchLimits.ts
//   small fast model (WRIGHT_/ANTHROPIC_/OPENAI_SMALL_FAST_MODEL) → src/model/modelConfig.ts
//   WRIGHT_PASS_CREDENTIALS_TO_TOOLS → src/secrets/toolEnvironment.ts
//   container, WSL, CI, devcontainer markers and IS_SANDBOX (from the environment wright was started
//   with, not settings) → src/config/runtimeEnvironment.ts; WRIGHT_ALLOW_ROOT_BYPASS → src/cli/rootBypass.ts
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

export interface WrightEnvironment {
  /** The user's home directory (`HOME`, else the OS account's home). */
  home: string;
  /** `WRIGHT_CONFIG_DIR`, default `~/.wright`. Always absolute. */
  configDir: string;
  /** `WRIGHT_MANAGED_SETTINGS_PATH`, default `/etc/wright/settings.json`. */
  managedSettingsPath: string;
}

export const DEFAULT_MANAGED_SETTINGS_PATH = '/etc/wright/settings.json';

export function readEnvironment(env: NodeJS.ProcessEnv = process.env): WrightEnvironment {
  const text = (name: string): string | undefined => {
    const value = env[name];
    return value === undefined || value === '' ? undefined : value;
  };
  const home = text('HOME') ?? homedir();
  return {
    home,
    configDir: resolve(text('WRIGHT_CONFIG_DIR') ?? join(home, '.wright')),
    managedSettingsPath: text('WRIGHT_MANAGED_SETTINGS_PATH') ?? DEFAULT_MANAGED_SETTINGS_PATH,
  };
}

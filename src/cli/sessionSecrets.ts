// The session's secrets, worked out once from its environment and settings: the values to redact
// from everything wright writes, and the environment tools' child processes get.
import type { MergedSettings } from '../config/settings.js';
import { secretValuesOf, wrightCredentialNames } from '../secrets/credentialVariables.js';
import { toolEnvironment } from '../secrets/toolEnvironment.js';
import { DEFAULT_BRAVE_KEY_VARIABLE } from '../tools/web/braveBackend.js';

export interface SessionSecrets {
  /** Exact values to redact: wright's credentials and every secret-looking variable. */
  values: string[];
  /** The environment for tools' child processes, without wright's own credentials. */
  toolEnv: Record<string, string | undefined>;
}

export function sessionSecrets(env: Record<string, string | undefined>, settings: Pick<MergedSettings, 'env' | 'webSearch'>): SessionSecrets {
  // The Brave key is wright's while wright searches with it; otherwise BRAVE_API_KEY is just the user's.
  const extra = settings.webSearch?.provider === 'brave' ? [settings.webSearch.apiKeyEnv ?? DEFAULT_BRAVE_KEY_VARIABLE] : [];
  const credentials = wrightCredentialNames(env, extra);
  return {
    values: secretValuesOf(env, credentials),
    toolEnv: toolEnvironment({ env, configured: new Set(Object.keys(settings.env)), credentials }),
  };
}

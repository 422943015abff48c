// First-run setup's result: the chosen provider and its credentials, written to the user's settings
// (`~/.wright/settings.json`), readable by the user only. Settings `env` is where wright already reads
// provider variables from, so nothing else needs to know about the setup.
import { join } from 'node:path';
import type { SettingsProvider } from './settingsSchema.js';
import { updateSettingsFile } from './settingsFileUpdate.js';

export interface ProviderSetup {
  provider: SettingsProvider;
  /** Anthropic API key, or the OpenAI-compatible server's key (optional for local servers). */
  apiKey?: string;
  /** OpenAI-compatible only: the server's base URL (…/v1). */
  baseUrl?: string;
  /** OpenAI-compatible only: the model to use. */
  model?: string;
}

export async function saveProviderSetup(configDir: string, setup: ProviderSetup): Promise<{ path: string }> {
  const path = join(configDir, 'settings.json');
  const variables: Record<string, string | undefined> =
    setup.provider === 'anthropic'
      ? { ANTHROPIC_API_KEY: setup.apiKey }
      : { OPENAI_API_KEY: setup.apiKey, OPENAI_BASE_URL: setup.baseUrl, OPENAI_MODEL: setup.model };
  await updateSettingsFile(
    path,
    ({ settings, objectAt, fail }) => {
      const env = objectAt(settings, ['env']);
      for (const [name, value] of Object.entries(variables)) {
        if (value === undefined || value === '') continue;
        if (env[name] !== undefined && typeof env[name] !== 'string') fail(['env', name], 'expected a string');
        env[name] = value;
      }
      settings['provider'] = setup.provider;
      return { changed: true, result: undefined };
    },
    { purpose: 'save the provider setup', mode: 0o600 },
  );
  return { path };
}

// Runs the first-run setup on the terminal and resolves with the saved setup, or null if the user
// quit. The connection is tested against the real endpoint before anything is saved.
import { render } from 'ink';
import { saveProviderSetup, type ProviderSetup } from '../../config/userCredentialsWriter.js';
import { testModelConnection } from '../../model/connectionTest.js';
import { resolveModelConfig } from '../../model/modelConfig.js';
import { FirstRunSetup } from './FirstRunSetup.js';

/** The environment a setup would give: the provider variables it saves, on top of the current ones. */
export function environmentWith(setup: ProviderSetup, env: Record<string, string | undefined>): Record<string, string | undefined> {
  const added =
    setup.provider === 'anthropic'
      ? { ANTHROPIC_API_KEY: setup.apiKey }
      : { OPENAI_API_KEY: setup.apiKey, OPENAI_BASE_URL: setup.baseUrl, OPENAI_MODEL: setup.model, WRIGHT_PROVIDER: 'openai' };
  return { ...env, ...Object.fromEntries(Object.entries(added).filter(([, value]) => value !== undefined && value !== '')) };
}

export async function testProviderSetup(setup: ProviderSetup, env: Record<string, string | undefined>) {
  const resolved = resolveModelConfig({ env: environmentWith(setup, env), settings: { provider: setup.provider }, flags: {} });
  if (!resolved.ok) return { ok: false as const, message: resolved.message };
  return testModelConnection(resolved.config);
}

export async function runFirstRunSetup(configDir: string, env: Record<string, string | undefined>): Promise<ProviderSetup | null> {
  let finish: (setup: ProviderSetup | null) => void = () => {};
  const finished = new Promise<ProviderSetup | null>((resolve) => (finish = resolve));
  const instance = render(
    <FirstRunSetup test={(setup) => testProviderSetup(setup, env)} save={(setup) => saveProviderSetup(configDir, setup)} onDone={(setup) => finish(setup)} />,
    { exitOnCtrlC: true },
  );
  try {
    return await Promise.race([finished, instance.waitUntilExit().then(() => null)]);
  } finally {
    instance.unmount();
  }
}

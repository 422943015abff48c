// Shared test helpers: sandbox settings with defaults, and whether bubblewrap really works here.
import type { SandboxSettings } from '../../src/config/settings.js';
import { probeSandbox, type SandboxAvailability } from '../../src/sandbox/availability.js';

export function sandboxSettings(overrides: Partial<SandboxSettings> = {}): SandboxSettings {
  return {
    enabled: true,
    failIfUnavailable: false,
    autoAllowBashIfSandboxed: true,
    allowUnsandboxedCommands: true,
    excludedCommands: [],
    filesystem: { allowWrite: [], denyWrite: [], denyRead: [], allowRead: [] },
    network: { allowedDomains: [], deniedDomains: [], allowLocalBinding: false },
    ...overrides,
  };
}

/** Probed once per test file. CI installs bubblewrap, so a skip there means the kernel refused it. */
export const bubblewrap: Promise<SandboxAvailability> =
  process.platform === 'linux' ? probeSandbox({ platform: 'linux', env: process.env }) : Promise.resolve({ available: false, reason: `not Linux (${process.platform})` });

export async function bubblewrapSkipReason(): Promise<string | false> {
  const availability = await bubblewrap;
  return availability.available ? false : `bubblewrap is not usable here: ${availability.reason}`;
}

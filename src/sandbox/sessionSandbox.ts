// Start-up: builds the session's sandbox from settings, probes once whether it can run here, and says
// what that means for permissions and for the user.
import type { SandboxSettings } from '../config/settings.js';
import { probeSandbox } from './availability.js';
import { BashSandbox } from './bashSandbox.js';
import { buildSandboxPolicy } from './sandboxPolicy.js';

export interface SessionSandboxInputs {
  settings: SandboxSettings;
  workingDirectories: readonly string[];
  home: string;
  configDir: string;
  env: Record<string, string | undefined>;
  platform?: NodeJS.Platform;
}

export interface SessionSandbox {
  /** Absent when `sandbox.enabled` is off. */
  sandbox?: BashSandbox;
  /** For the permission policy: Bash calls that run sandboxed may run without asking. */
  autoAllowsBash: boolean;
  /** Printed once at start-up. */
  warnings: string[];
}

export async function setUpSessionSandbox(inputs: SessionSandboxInputs): Promise<SessionSandbox> {
  const { settings } = inputs;
  if (!settings.enabled) return { autoAllowsBash: false, warnings: [] };
  const platform = inputs.platform ?? process.platform;
  const availability = await probeSandbox({
    platform,
    env: inputs.env,
    ...(settings.bwrapPath !== undefined ? { bwrapPath: settings.bwrapPath } : {}),
  });
  const policy = buildSandboxPolicy({
    settings,
    workingDirectories: inputs.workingDirectories,
    home: inputs.home,
    configDir: inputs.configDir,
    env: inputs.env,
  });
  const sandbox = new BashSandbox({ settings, policy, availability });
  if (availability.available) return { sandbox, autoAllowsBash: settings.autoAllowBashIfSandboxed, warnings: [] };

  const tool = platform === 'darwin' ? 'sandbox-exec' : 'bubblewrap';
  const warning = settings.failIfUnavailable
    ? `sandbox.enabled and sandbox.failIfUnavailable are set but ${tool} is not available: ${availability.reason}; the Bash tool will refuse to run commands.`
    : `sandbox.enabled is set but ${tool} is not available: ${availability.reason}; Bash commands will run unsandboxed and need approval.`;
  return { sandbox, autoAllowsBash: false, warnings: [warning] };
}

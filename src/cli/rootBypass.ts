// Refuses bypassPermissions as root on a machine that is not disposable: with no permission checks,
// one bad command as root can wreck the whole system. Containers, devcontainers and sandboxes that
// say so (`IS_SANDBOX=1`) are fine; anywhere else the user has to insist with WRIGHT_ALLOW_ROOT_BYPASS=1.
import { isIsolated, type RuntimeEnvironment } from '../config/runtimeEnvironment.js';
import type { PermissionMode } from '../permissions/types.js';
import { ConfigurationError } from './errors.js';

export const ROOT_BYPASS_OVERRIDE = 'WRIGHT_ALLOW_ROOT_BYPASS';

export function checkRootBypass(mode: PermissionMode, environment: RuntimeEnvironment, env: Readonly<Record<string, string | undefined>>): void {
  if (mode !== 'bypassPermissions' || !environment.isRoot || isIsolated(environment)) return;
  if (env[ROOT_BYPASS_OVERRIDE] === '1') return;
  const wsl = environment.wsl !== undefined ? ' (WSL is not isolated from Windows)' : '';
  throw new ConfigurationError(
    `--dangerously-skip-permissions (bypassPermissions mode) cannot run as root outside a container or sandbox${wsl}: ` +
      'every command would run unchecked with full control of this machine. Run wright as a normal user, or inside a ' +
      `container or devcontainer; if this machine really is disposable, set IS_SANDBOX=1 or ${ROOT_BYPASS_OVERRIDE}=1.`,
  );
}

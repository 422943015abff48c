import type { PermissionModeControl } from '../tools/types.js';
import type { PermissionMode, PermissionPolicy } from './types.js';

/**
 * Lets tools move the session between permission modes by changing the one policy object every
 * permission check reads, so a switch applies to the very next tool call.
 */
export function policyModeControl(policy: Pick<PermissionPolicy, 'mode'>): PermissionModeControl {
  let beforePlan: PermissionMode = 'default';
  return {
    current: () => policy.mode,
    set: (mode: PermissionMode) => {
      if (mode === 'plan' && policy.mode !== 'plan') beforePlan = policy.mode;
      policy.mode = mode;
    },
    modeAfterPlan: () => beforePlan,
  };
}

import type { PermissionMode } from '../../permissions/types.js';

/**
 * Shift+Tab's order: default → acceptEdits → plan → (bypassPermissions, only when the session may
 * use it) → default.
 */
export function nextPermissionMode(current: PermissionMode, bypassAvailable: boolean): PermissionMode {
  const order: PermissionMode[] = ['default', 'acceptEdits', 'plan', ...(bypassAvailable ? (['bypassPermissions'] as const) : [])];
  const index = order.indexOf(current);
  return order[(index + 1) % order.length] ?? 'default';
}

export const MODE_LABELS: Record<PermissionMode, string> = {
  default: 'default mode',
  acceptEdits: 'accept edits on',
  plan: 'plan mode on',
  bypassPermissions: 'bypass permissions on',
};

/** The permission modes wright runs in; `manual` is accepted as another name for `default`. */
export const PERMISSION_MODES = ['default', 'acceptEdits', 'plan', 'bypassPermissions'] as const;
export type PermissionMode = (typeof PERMISSION_MODES)[number];

/** Resolves a mode name as users write it (`manual` included); undefined when it is not one. */
export function permissionModeNamed(name: string): PermissionMode | undefined {
  if (name === 'manual') return 'default';
  return (PERMISSION_MODES as readonly string[]).includes(name) ? (name as PermissionMode) : undefined;
}

export const PERMISSION_MODES = ['default', 'acceptEdits', 'plan', 'bypassPermissions'] as const;
export type PermissionMode = (typeof PERMISSION_MODES)[number];

export type PermissionBehavior = 'allow' | 'deny' | 'ask';

export interface PermissionDecision {
  behavior: PermissionBehavior;
  /** Why, in words a user can act on. */
  reason: string;
  /** The rule that decided, as written in settings (e.g. `Bash(npm test:*)`). */
  rule?: string;
  /** Where that rule came from (settings file path or `--allowedTools`). */
  ruleSource?: string;
  updatedInput?: Record<string, unknown>;
}

/** One parsed rule: `Tool` or `Tool(specifier)`. */
export interface PermissionRule {
  toolName: string;
  specifier?: string;
  /** The text as written, for reporting. */
  raw: string;
  /** File the rule came from, or a label like `--allowedTools`. */
  source: string;
  /** Directory that `/path` specifiers are relative to (the settings file's root). */
  root: string;
}

export interface PermissionRuleSet {
  allow: PermissionRule[];
  ask: PermissionRule[];
  deny: PermissionRule[];
}

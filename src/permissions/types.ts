export { PERMISSION_MODES, type PermissionMode } from '../config/permissionModes.js';
import type { PermissionMode } from '../config/permissionModes.js';

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

/** One tool call as the permission gate sees it. */
export interface PermissionToolCall {
  toolName: string;
  input: Record<string, unknown>;
  /** What the tool itself says about this input (`Tool.isReadOnly`). */
  isReadOnly: boolean;
}

/** Everything a permission decision depends on besides the call itself. */
export interface PermissionPolicy {
  mode: PermissionMode;
  rules: PermissionRuleSet;
  /** Absolute; relative tool paths and `./x` rules resolve against it. */
  cwd: string;
  /** Absolute: the launch directory plus any added directories. */
  workingDirectories: string[];
  /** Absolute home directory, for `~/x` rules and `~` in commands. */
  home: string;
  /**
   * Directories the session's own tools write their output to (spilled command output, background
   * shell logs): read-only file tools may read them without asking. A live list, kept by the tools.
   */
  scratchDirectories?: readonly string[];
  /** The auto-memory directory of this project: Markdown files there are read and written without asking. */
  autoMemoryDirectory?: string;
  /**
   * The OS sandbox confines Bash commands (settings `sandbox.enabled` with `autoAllowBashIfSandboxed`):
   * a Bash call that does not ask for `dangerouslyDisableSandbox` runs without asking, once deny rules,
   * the destructive-command guard, ask rules and protected paths have had their say.
   */
  sandboxAutoAllowsBash?: boolean;
  /**
   * True for a command `sandbox.excludedCommands` sends outside the sandbox: it is never auto-allowed,
   * since the sandbox would not confine it.
   */
  runsOutsideSandbox?: (command: string) => boolean;
}

/** A decision with how it was reached, for `wright permissions check`. */
export interface PermissionTrace {
  decision: PermissionDecision;
  /** The pipeline stage that decided (a name from `PIPELINE`). */
  stage: string;
  /** For compound Bash commands: the part that decided. */
  subcommand?: string;
  /** The path that decided, resolved (and where symlinks lead, when that differs). */
  path?: string;
  /** The safety rail that decided, when one did: destructive-command guard, protected paths, working directories. */
  guard?: string;
}

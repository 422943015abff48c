// The hook events wright fires (Claude Code's names), which input field each one's matcher is
// compared with, and the ones a settings file may name although wright does not fire them yet.

export const HOOK_EVENTS = [
  'PreToolUse',
  'PostToolUse',
  'PermissionRequest',
  'Notification',
  'UserPromptSubmit',
  'Stop',
  'SubagentStop',
  'PreCompact',
  'SessionStart',
  'SessionEnd',
] as const;

export type HookEventName = (typeof HOOK_EVENTS)[number];

/** Claude Code's later events: accepted in settings (so its files load), never fired by wright. */
export const UNSUPPORTED_HOOK_EVENTS: ReadonlySet<string> = new Set([
  'PostToolUseFailure',
  'PostToolBatch',
  'PermissionDenied',
  'SubagentStart',
  'StopFailure',
  'TaskCreated',
  'TaskCompleted',
  'TeammateIdle',
  'UserPromptExpansion',
  'MessageDisplay',
  'InstructionsLoaded',
  'ConfigChange',
  'CwdChanged',
  'DirectoryAdded',
  'FileChanged',
  'WorktreeCreate',
  'WorktreeRemove',
  'PostCompact',
  'Elicitation',
  'ElicitationResult',
  'Setup',
]);

/** The input field a matcher is compared with; events without one ignore matchers. */
export const MATCHER_FIELD: Readonly<Record<HookEventName, string | null>> = {
  PreToolUse: 'tool_name',
  PostToolUse: 'tool_name',
  PermissionRequest: 'tool_name',
  Notification: 'notification_type',
  UserPromptSubmit: null,
  Stop: null,
  SubagentStop: 'agent_type',
  PreCompact: 'trigger',
  SessionStart: 'source',
  SessionEnd: 'reason',
};

export function isHookEventName(name: string): name is HookEventName {
  return (HOOK_EVENTS as readonly string[]).includes(name);
}

export type SessionStartSource = 'startup' | 'resume' | 'clear' | 'compact';
export type SessionEndReason = 'clear' | 'logout' | 'prompt_input_exit' | 'other';
export type CompactTrigger = 'manual' | 'auto';

// Puts hooks in front of a front end's permission gate. A PreToolUse hook's `allow` answers the
// question a call would otherwise raise — but never a deny rule, an ask rule, or a safety rail (the
// destructive-command guard, protected paths): those still deny or ask (reference §3.4). Its `ask`
// asks even where rules allow (a deny still denies). When a question would be put to the user (or
// refused, in print mode), PermissionRequest hooks may answer it first.
import type { CanUseTool } from '../agent/executeToolCall.js';
import { tracePermission } from '../permissions/evaluatePermission.js';
import type { PermissionPolicy } from '../permissions/types.js';
import type { PermissionRuleUpdate } from '../extensions/hooks/hookOutput.js';
import { applyRulesToPolicy } from '../ui/permissions/applyAllowRules.js';

/** Where rules a PermissionRequest hook added say they came from (`/path` rules are relative to cwd). */
export const HOOK_SESSION_RULE_SOURCE = 'PermissionRequest hook (this session)';

/** Pipeline stages whose question a hook's `allow` cannot answer. */
const STICKY_ASK_STAGES: ReadonlySet<string> = new Set(['ask rules', 'destructive guard', 'protected paths']);

export interface HookGateOptions {
  /** The front end shows a dialog when it asks (the TUI): Notification hooks hear of it. */
  promptsUser: boolean;
}

export function withHookVerdicts(inner: CanUseTool, policy: PermissionPolicy, options: HookGateOptions): CanUseTool {
  return async (tool, input, context) => {
    if (!context.hookDecision && !context.permissionRequest) return inner(tool, input, context);
    const trace = tracePermission({ toolName: tool.name, input, isReadOnly: tool.isReadOnly(input) }, policy);
    const decision = trace.decision;
    if (decision.behavior === 'deny') return decision;
    const hook = context.hookDecision;
    if (hook?.behavior === 'allow' && !(decision.behavior === 'ask' && STICKY_ASK_STAGES.has(trace.stage))) {
      return { behavior: 'allow', reason: hook.reason || 'Allowed by a PreToolUse hook.' };
    }
    const forceAsk = hook?.behavior === 'ask' && decision.behavior === 'allow';
    if (decision.behavior === 'allow' && !forceAsk) return decision;

    const answered = await context.permissionRequest?.();
    if (answered) {
      const { sessionRules, ...answer } = answered;
      if (answer.behavior === 'allow' && sessionRules) addSessionRules(policy, sessionRules);
      return answer;
    }
    const why = forceAsk ? hook.reason || 'A PreToolUse hook asks for approval of this call.' : decision.reason;
    if (options.promptsUser) context.onPermissionPrompt?.(`wright needs your permission to use ${tool.name}: ${why}`);
    return inner(tool, input, { ...context, ...(forceAsk ? { forceAsk: why } : {}) });
  };
}

// Like the TUI's "don't ask again", the rules join the live policy the agent shares, so they hold from
// the next call on; unlike it, nothing is written to a settings file. A rule that does not parse is
// skipped (the hook's other rules still apply).
function addSessionRules(policy: PermissionPolicy, updates: readonly PermissionRuleUpdate[]): void {
  for (const update of updates) {
    const applied = applyRulesToPolicy(policy, update.behavior, update.rules, HOOK_SESSION_RULE_SOURCE, policy.cwd);
    policy.rules[update.behavior] = applied.policy.rules[update.behavior];
  }
}

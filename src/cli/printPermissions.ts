import type { CanUseTool } from '../agent/executeToolCall.js';
import { evaluatePermission } from '../permissions/evaluatePermission.js';
import type { PermissionDecision } from '../permissions/types.js';
import type { PolicyInputs } from './assembleAgent.js';

/**
 * Print mode has nobody to ask: a call that would need approval is denied, and the model is told
 * how the user could allow it next time.
 */
export function printModeCanUseTool(policy: PolicyInputs): CanUseTool {
  return async (tool, input, context) => {
    const evaluated = evaluatePermission(
      { toolName: tool.name, input, isReadOnly: tool.isReadOnly(input) },
      policy,
    );
    // A hook may ask where the rules allow.
    const decision: PermissionDecision = evaluated.behavior === 'allow' && context?.forceAsk !== undefined ? { behavior: 'ask', reason: context.forceAsk } : evaluated;
    if (decision.behavior !== 'ask') return decision;
    return {
      ...decision,
      behavior: 'deny',
      reason: `${decision.reason} This call needs approval, and nobody can approve it in print mode; the user can allow it with --allowedTools, a permissions.allow rule in settings, or --permission-mode.`,
    } satisfies PermissionDecision;
  };
}

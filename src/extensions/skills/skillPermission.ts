// Loading a skill only adds instructions, so it needs no approval — unless the skill pre-approves
// tools (allowed-tools), which the user should agree to: then the call goes through the front end's
// usual gate (asked in the terminal, refused in print mode unless a `Skill` / `Skill(name)` allow
// rule covers it). Deny and ask rules on Skill always apply. This mirrors Claude Code, which
// auto-allows skills that carry only "safe" properties.
import type { CanUseTool } from '../../agent/executeToolCall.js';
import { tracePermission } from '../../permissions/evaluatePermission.js';
import type { PermissionPolicy } from '../../permissions/types.js';
import type { InvocableRegistry } from '../commands/invocableRegistry.js';

export function skillAwareCanUseTool(inner: CanUseTool, policy: PermissionPolicy, registry: InvocableRegistry): CanUseTool {
  return async (tool, input, context) => {
    if (tool.name !== 'Skill' || typeof input['skill'] !== 'string') return inner(tool, input, context);
    const trace = tracePermission({ toolName: tool.name, input, isReadOnly: true }, policy);
    const definition = registry.forModel(input['skill'].trim());
    if (trace.stage === 'defaults' && (definition === undefined || definition.allowedTools.length === 0)) {
      return { behavior: 'allow', reason: 'Loading a skill that pre-approves no tools needs no approval.' };
    }
    return inner(tool, input, context);
  };
}

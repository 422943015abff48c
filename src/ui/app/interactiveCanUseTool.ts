// The interactive permission gate: the same pipeline print mode uses, but a call that needs
// approval is put to the user instead of refused.
import type { CanUseTool } from '../../agent/executeToolCall.js';
import { evaluatePermission } from '../../permissions/evaluatePermission.js';
import type { PermissionPolicy } from '../../permissions/types.js';
import type { InteractionBroker } from './interactionBroker.js';
import { SessionAllowList } from './sessionAllowList.js';

export const USER_DECLINED = 'The user declined.';

/** The part of a call a person judges it by: the command, the file, the URL. */
export function permissionSubject(input: Record<string, unknown>): string {
  for (const field of ['command', 'file_path', 'notebook_path', 'url', 'path', 'pattern']) {
    const value = input[field];
    if (typeof value === 'string' && value !== '') return value;
  }
  return '';
}

export function interactiveCanUseTool(
  policy: PermissionPolicy,
  broker: InteractionBroker,
  allowed: SessionAllowList = new SessionAllowList(),
): CanUseTool {
  return async (tool, input, { signal }) => {
    const decision = evaluatePermission({ toolName: tool.name, input, isReadOnly: tool.isReadOnly(input) }, policy);
    if (decision.behavior !== 'ask') return decision;
    const subject = permissionSubject(input);
    if (allowed.has(tool.name, subject)) return { behavior: 'allow', reason: 'The user allowed this call for the session.' };
    const answer = await broker.askPermission({ toolName: tool.name, input, subject, reason: decision.reason }, signal);
    if (answer === 'no') return { behavior: 'deny', reason: USER_DECLINED };
    if (answer === 'always') allowed.add(tool.name, subject);
    return { behavior: 'allow', reason: 'The user approved this call.' };
  };
}
